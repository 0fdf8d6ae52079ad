from django.urls import path

from governance import governance_views as views

app_name = "governance"

urlpatterns = [
    path("", views.governance_index, name="index"),
    path("decisions/", views.decision_list, name="decisions"),
    path("decisions/new/", views.decision_edit, name="decision_new"),
    path("decisions/<int:decision_id>/edit/", views.decision_edit, name="decision_edit"),
    path("meetings/new/", views.meeting_edit, name="meeting_new"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:meeting_id>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:meeting_id>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path(
        "meetings/<int:meeting_id>/documents/",
        views.meeting_documents,
        name="meeting_documents",
    ),
    path(
        "meetings/<int:meeting_id>/documents/<int:document_id>/",
        views.meeting_document,
        name="meeting_document",
    ),
    path("bodies/<slug:slug>/seats/", views.body_seats, name="seats"),
    path("seats/<int:seat_id>/end/", views.seat_end, name="seat_end"),
    path("meetings/<int:meeting_id>.ics", views.meeting_calendar, name="meeting_ics"),
    path("documents/<slug:slug>/", views.document_detail, name="document"),
    path("documents/<slug:slug>/compare/", views.document_compare, name="document_compare"),
    path("documents/<slug:slug>/adopt/", views.document_adopt, name="document_adopt"),
    path("documents/<slug:slug>/<int:number>/", views.document_detail, name="document_version"),
    path(
        "documents/<slug:slug>/<int:number>/edit/",
        views.document_version_edit,
        name="document_version_edit",
    ),
]
