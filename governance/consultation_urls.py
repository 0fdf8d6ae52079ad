from django.urls import path

from governance import governance_views, views

app_name = "consultations"

urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("new/", views.consultation_open, name="open"),
    path("emails/", views.consultation_mail, name="mail"),
    path("reported/", views.reported_comments, name="reported"),
    path("<int:consultation_id>/", views.consultation_detail, name="detail"),
    path("<int:consultation_id>/vote/", views.consultation_vote, name="vote"),
    path("<int:consultation_id>/delegate/", views.consultation_delegate, name="delegate"),
    path("<int:consultation_id>/close/", views.consultation_close, name="close"),
    path("<int:consultation_id>/repeat/", views.consultation_repeat, name="repeat"),
    path("<int:consultation_id>/results/", views.consultation_results, name="results"),
    path("<int:consultation_id>/record/", governance_views.record_result, name="record_result"),
    path("comments/<int:comment_id>/", views.comment_link, name="comment"),
    path("comments/<int:comment_id>/edit/", views.comment_edit, name="comment_edit"),
    path("comments/<int:comment_id>/history/", views.comment_history, name="comment_history"),
    path("comments/<int:comment_id>/report/", views.comment_report, name="comment_report"),
    path("comments/<int:comment_id>/hide/", views.comment_hide, name="comment_hide"),
    path("proposals/<int:proposal_id>/", views.proposal_link, name="proposal"),
]
