from django.urls import path

from exchanges import views

app_name = "exchanges"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="create"),
    path("programmes/new/", views.programme_create, name="programme_create"),
    path("programmes/<int:programme_id>/", views.programme_detail, name="programme"),
    path("<int:event_id>/", views.event_detail, name="event"),
    path("<int:event_id>/report/", views.report, name="report"),
    path("<int:event_id>/register/", views.register, name="register"),
    path("<int:event_id>/delegation/", views.register_delegation, name="register_delegation"),
    path("<int:event_id>/registrations/", views.registrations, name="registrations"),
    path("<int:event_id>/edit/", views.event_edit, name="edit"),
    path("<int:event_id>/sessions/", views.sessions, name="sessions"),
    path("<int:event_id>/sessions/<int:session_id>/", views.session_edit, name="session_edit"),
    path("<int:event_id>/certificates/", views.certificates, name="request_certificates"),
    path("<int:event_id>/certificates/<int:batch_id>/", views.certificates, name="certificates"),
    path("<int:event_id>/documents/", views.documents, name="documents"),
    path("<int:event_id>/documents/<int:document_id>/", views.document, name="document"),
    path("<int:event_id>/questions/", views.questions, name="questions"),
    path("<int:event_id>/check-in/", views.check_in_page, name="check_in"),
    path("<int:event_id>/check-in/worker.js", views.check_in_worker, name="check_in_worker"),
    path(
        "registrations/<int:registration_id>/<slug:action>/",
        views.registration_action,
        name="registration_action",
    ),
    path("tickets/<int:registration_id>/", views.ticket, name="ticket"),
    path("tickets/<int:registration_id>/certificate.pdf", views.certificate, name="certificate"),
    path("letters/<int:registration_id>/", views.visa_letter, name="visa_letter"),
    path("letters/<int:registration_id>/letter.pdf", views.visa_letter_pdf, name="visa_letter_pdf"),
]
