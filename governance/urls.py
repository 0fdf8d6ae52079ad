from django.urls import path

from governance import governance_views as views

app_name = "governance"

urlpatterns = [
    path("", views.governance_index, name="index"),
    path("decisions/", views.decision_list, name="decisions"),
    path("documents/<slug:slug>/", views.document_detail, name="document"),
    path("documents/<slug:slug>/compare/", views.document_compare, name="document_compare"),
    path("documents/<slug:slug>/adopt/", views.document_adopt, name="document_adopt"),
    path("documents/<slug:slug>/<int:number>/", views.document_detail, name="document_version"),
]
