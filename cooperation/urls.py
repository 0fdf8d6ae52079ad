from django.urls import path

from cooperation import open_data, views

app_name = "cooperation"

urlpatterns = [
    path("demands/", views.demand_list, name="demands"),
    path("demands/new/", views.demand_new, name="demand_new"),
    path("demands/confirm/<str:token>/", views.demand_confirm, name="demand_confirm"),
    path("demands/moderation/", views.moderation_queue, name="moderation"),
    path("demands/matched/", views.matched_demands, name="matched_demands"),
    path("demands/matched/<slug:slug>/", views.matched_demands, name="matched_demands_of"),
    path("demands/<int:demand_id>/", views.demand_detail, name="demand"),
    path("demands/<int:demand_id>/moderate/", views.demand_moderate, name="moderate"),
    path("demands/<int:demand_id>/status/", views.demand_status, name="demand_status"),
    path("demands/<int:demand_id>/offer/", views.offer_make, name="offer_make"),
    path("offers/<int:offer_id>/answer/", views.offer_answer, name="offer_answer"),
    path("projects/", views.project_list, name="projects"),
    path("projects/new/", views.project_new, name="project_new"),
    path("projects/<int:project_id>/", views.project_detail, name="project"),
    path("projects/<int:project_id>/edit/", views.project_edit, name="project_edit"),
    path("projects/<int:project_id>/updates/", views.project_add_update, name="project_update"),
    path("projects/<int:project_id>/budget/", views.project_add_budget_line, name="project_budget"),
    path(
        "projects/<int:project_id>/photos/<int:photo_id>/delete/",
        views.project_photo_delete,
        name="project_photo_delete",
    ),
    path("projects/<int:project_id>/plan/<slug:kind>/", views.project_rows, name="project_rows"),
    path("open-data/", open_data.open_data_page, name="open_data"),
]
