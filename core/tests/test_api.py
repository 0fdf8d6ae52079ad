import pytest


@pytest.mark.django_db
def test_countries_are_a_paginated_list_with_count(client):
    response = client.get("/api/v1/countries", {"limit": 5, "offset": 10})

    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 249
    assert len(body["items"]) == 5
    assert set(body["items"][0]) == {"code", "name", "region"}


@pytest.mark.django_db
def test_countries_filter_by_region(client):
    body = client.get("/api/v1/countries", {"region": "143", "limit": 100}).json()

    assert sorted(item["code"] for item in body["items"]) == ["KG", "KZ", "TJ", "TM", "UZ"]


@pytest.mark.django_db
def test_country_names_follow_accept_language(client):
    body = client.get("/api/v1/countries", {"region": "030"}, HTTP_ACCEPT_LANGUAGE="zh-CN").json()

    assert {"code": "CN", "name": "中国", "region": "030"} in body["items"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params", [{"limit": "many"}, {"limit": 0}, {"offset": -1}, {"limit": 100000}]
)
def test_bad_pagination_is_a_422_naming_the_parameter(client, params):
    response = client.get("/api/v1/countries", params)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] in params


@pytest.mark.django_db
def test_areas_carry_their_sdgs_and_sectors(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        body = client.get("/api/v1/areas").json()

    assert body["count"] == 7
    education = next(item for item in body["items"] if item["slug"] == "education")
    assert education["sdg_goals"] == [{"number": 4, "name": "Quality education"}]
    assert "11220" in [sector["code"] for sector in education["dac_sectors"]]


@pytest.mark.django_db
def test_regions_list(client):
    body = client.get("/api/v1/regions", {"limit": 100}).json()

    central_asia = next(item for item in body["items"] if item["code"] == "143")
    assert central_asia == {
        "code": "143",
        "name": "Central Asia",
        "continent_code": "142",
        "continent": "Asia",
        "along_route": True,
    }
