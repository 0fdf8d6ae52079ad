"""PageParams and page_of: the bounded limit and offset for an endpoint that pages by itself."""

import pytest
from ninja import Query, Router
from ninja.testing import TestClient

from core.models import Country
from core.pagination import MAX_LIMIT, MAX_OFFSET, PageParams, page_of

WORDS = [f"word-{number}" for number in range(45)]

router = Router()


@router.get("/words")
def words(request, page: Query[PageParams], q: str = ""):
    return page_of([word for word in WORDS if q in word], page)


client = TestClient(router)


def test_an_endpoint_taking_page_params_answers_count_and_items():
    assert client.get("/words").json() == {"count": 45, "items": WORDS[:20]}
    assert client.get("/words?q=word-1&limit=3&offset=2").json() == {
        "count": 11,
        "items": ["word-11", "word-12", "word-13"],
    }
    assert client.get(f"/words?offset={MAX_OFFSET}&limit={MAX_LIMIT}").json() == {
        "count": 45,
        "items": [],
    }


@pytest.mark.parametrize(
    ("query", "field"),
    [
        (f"offset={MAX_OFFSET + 1}", "offset"),
        ("offset=1" + "0" * 30, "offset"),
        ("offset=-1", "offset"),
        ("limit=0", "limit"),
        (f"limit={MAX_LIMIT + 1}", "limit"),
        ("limit=many", "limit"),
    ],
)
def test_page_params_out_of_range_are_a_422_naming_the_parameter(query, field):
    response = client.get(f"/words?{query}")

    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [["query", field]]


@pytest.mark.django_db
def test_page_of_a_queryset_counts_in_the_database_and_slices(django_assert_num_queries):
    countries = Country.objects.filter(region_id="143").order_by("code")

    with django_assert_num_queries(2):
        page = page_of(countries, PageParams(limit=2, offset=1))
        codes = [country.code for country in page["items"]]

    assert page["count"] == 5
    assert codes == ["KZ", "TJ"]
