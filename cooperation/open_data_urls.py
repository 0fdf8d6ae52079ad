"""Open data files, without a language prefix: /open-data/…"""

from django.urls import path

from cooperation import open_data

app_name = "open_data"

urlpatterns = [
    path("iati/activities.xml", open_data.iati_activities, name="iati"),
    path("demands.csv", open_data.demands_csv, name="demands_csv"),
    path("demands.json", open_data.demands_json, name="demands_json"),
    path("projects.csv", open_data.projects_csv, name="projects_csv"),
    path("projects.json", open_data.projects_json, name="projects_json"),
]
