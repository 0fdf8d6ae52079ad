from django.urls import path

from governance import views

app_name = "consultations"

urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("new/", views.consultation_open, name="open"),
    path("<int:consultation_id>/", views.consultation_detail, name="detail"),
    path("<int:consultation_id>/vote/", views.consultation_vote, name="vote"),
    path("<int:consultation_id>/delegate/", views.consultation_delegate, name="delegate"),
    path("<int:consultation_id>/close/", views.consultation_close, name="close"),
    path("<int:consultation_id>/results/", views.consultation_results, name="results"),
]
