from django.urls import path

from governance import governance_views as views

app_name = "governance"

urlpatterns = [
    path("", views.governance_index, name="index"),
    path("decisions/", views.decision_list, name="decisions"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:meeting_id>.ics", views.meeting_calendar, name="meeting_ics"),
    path("documents/<slug:slug>/", views.document_detail, name="document"),
    path("documents/<slug:slug>/compare/", views.document_compare, name="document_compare"),
    path("documents/<slug:slug>/adopt/", views.document_adopt, name="document_adopt"),
    path("documents/<slug:slug>/<int:number>/", views.document_detail, name="document_version"),
]
