from django.urls import path

from members.views import applying, directory, reviewing, staff

app_name = "members"

urlpatterns = [
    path("", directory.directory, name="directory"),
    # Applying to join (the applicant)
    path("apply/", applying.apply_start, name="apply"),
    path("applications/<int:application_id>/", applying.application_status, name="application"),
    path(
        "applications/<int:application_id>/step/<slug:step>/",
        applying.application_step,
        name="application_step",
    ),
    path(
        "applications/<int:application_id>/documents/<int:document_id>/remove/",
        applying.document_remove,
        name="document_remove",
    ),
    path(
        "applications/<int:application_id>/documents/<int:document_id>/",
        applying.document_download,
        name="document",
    ),
    path(
        "applications/<int:application_id>/submit/",
        applying.application_submit,
        name="application_submit",
    ),
    path(
        "applications/<int:application_id>/answer/",
        applying.application_answer,
        name="application_answer",
    ),
    path(
        "applications/<int:application_id>/endorse/",
        applying.application_endorse,
        name="application_endorse",
    ),
    # The Secretariat's review and the committee's vote
    path("review/", reviewing.review_queue, name="review_queue"),
    path("review/<int:application_id>/", reviewing.review, name="review"),
    path("review/identity/", reviewing.identity_changes, name="identity_changes"),
    path(
        "review/identity/<int:change_id>/",
        reviewing.identity_change_decide,
        name="identity_change_decide",
    ),
    path("committee/", reviewing.committee_queue, name="committee_queue"),
    path("committee/<int:application_id>/", reviewing.vote, name="vote"),
    path("export.csv", reviewing.export_members, name="export"),
    # Staff invitations
    path("invitations/<str:key>/", staff.invitation, name="invitation"),
    # One organisation
    path("<slug:slug>/", directory.profile, name="profile"),
    path("<slug:slug>/edit/", directory.profile_edit, name="profile_edit"),
    path("<slug:slug>/status/", reviewing.change_status, name="change_status"),
    path("<slug:slug>/staff/", staff.staff_list, name="staff"),
    path("<slug:slug>/staff/<int:staff_id>/", staff.staff_member, name="staff_member"),
]
