import pytest

from cooperation.models import Project


@pytest.mark.django_db
def test_every_page_and_file_answers_on_the_demo(client, demo):
    from cooperation.models import Demand

    demand = Demand.objects.first()
    project = Project.objects.first()
    for url in [
        "/en/demands/",
        "/ar/demands/?area=education&status=open",
        "/en/demands/?q=school",
        f"/en/demands/{demand.pk}/",
        "/en/demands/new/",
        "/en/projects/",
        "/zh-hans/projects/?sdg=4",
        f"/en/projects/{project.pk}/",
        "/en/open-data/",
        "/open-data/iati/activities.xml",
        "/open-data/demands.csv",
        "/open-data/projects.json",
        "/api/v1/demands",
        f"/api/v1/demands/{demand.pk}",
        "/api/v1/projects",
        f"/api/v1/projects/{project.pk}",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
