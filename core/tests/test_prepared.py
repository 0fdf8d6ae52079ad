"""Prepared queries give what their queryset gives, with other arguments each time."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from core.models import Country, DataVersion
from core.prepared import prepared

pytestmark = pytest.mark.django_db


@prepared
def countries_of_region(region: str):
    return Country.objects.select_related("region").filter(region_id=region)


@prepared
def country_codes(region: str, first: str):
    return Country.objects.filter(region_id=region, code__gte=first).values_list("code", flat=True)


def test_model_rows_with_their_related_rows_as_the_queryset_gives_them():
    for region in ("143", "030", "145"):  # a compiled query run again with other values
        expected = list(Country.objects.select_related("region").filter(region_id=region))
        got = countries_of_region(region)
        assert [c.code for c in got] == [c.code for c in expected] and got
        assert [c.region.continent_code for c in got] == [c.region.continent_code for c in expected]
    assert len(countries_of_region._compiled) == 1


def test_values_tuples_and_flat_lists():
    codes = sorted(Country.objects.filter(region_id="143").values_list("code", flat=True))
    assert country_codes("143", codes[1]) == codes[1:]
    assert country_codes("143", "ZZ") == []

    pairs = prepared(lambda code: Country.objects.filter(code=code).values_list("code", "region"))
    assert pairs("CN") == [("CN", "030")]
    dicts = prepared(lambda code: Country.objects.filter(code=code).values("code", "region_id"))
    assert dicts("KZ") == [{"code": "KZ", "region_id": "143"}]
    assert dicts.first("XX") is None


def test_one_query_each_time_and_what_is_there_now(django_assert_num_queries):
    counts = prepared(lambda name: DataVersion.objects.filter(name=name).values_list("counter"))
    DataVersion.objects.create(name="prepared-test", counter=1)
    assert counts("prepared-test") == [(1,)]
    DataVersion.objects.filter(name="prepared-test").update(counter=2)
    with django_assert_num_queries(1):
        assert counts("prepared-test") == [(2,)]


def test_values_come_through_the_fields_converters():
    expires = timezone.now() + timedelta(days=1)
    Session.objects.create(session_key="prepared-session", session_data="x", expire_date=expires)
    session = prepared(lambda key: Session.objects.filter(session_key=key)).first(
        "prepared-session"
    )
    assert session.expire_date == expires  # an aware datetime, also from SQLite's text


def test_an_argument_a_lookup_converts_is_refused_when_prepared():
    contains = prepared(lambda text: Country.objects.filter(code__icontains=text))
    with pytest.raises(ImproperlyConfigured):
        contains("C")
    since = prepared(lambda moment: Session.objects.filter(expire_date__gt=moment))
    with pytest.raises(TypeError):
        since(timezone.now())


def test_a_list_of_ints_for_in_compiled_once_per_length(django_assert_num_queries):
    rows = prepared(
        lambda pks: (
            DataVersion.objects.filter(counter__in=pks)
            .order_by("counter")
            .values_list("name", flat=True)
        )
    )
    for n in range(5):
        DataVersion.objects.create(name=f"listed-{n}", counter=1000 + n)
    assert rows([1001, 1003]) == ["listed-1", "listed-3"]
    assert rows((1004, 1000)) == ["listed-0", "listed-4"]
    assert rows([1002, 1000, 1004]) == ["listed-0", "listed-2", "listed-4"]
    with django_assert_num_queries(0):
        assert rows([]) == []  # as the ORM answers it: nothing, without asking
    assert len(rows._compiled) == 2


def test_a_slice_from_an_argument_pages_through_the_rows():
    page = prepared(
        lambda region, offset: (
            Country.objects.filter(region_id=region)
            .order_by("code")
            .values_list("code", flat=True)[offset : offset + 3]
        )
    )
    codes = list(
        Country.objects.filter(region_id="145").order_by("code").values_list("code", flat=True)
    )
    assert len(codes) > 6
    assert page("145", 0) == codes[:3]
    assert page("145", 3) == codes[3:6]
    assert page("145", len(codes) - 1) == codes[-1:]
    assert len(page._compiled) == 1


def test_on_postgresql_the_statement_is_prepared_once_and_logged_with_its_values(settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        pytest.skip("server-side prepared statements are PostgreSQL's")

    def prepared_statements() -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT statement FROM pg_prepared_statements")
            return [row[0] for row in cursor.fetchall() if "core_country" in row[0]]

    before = prepared_statements()
    with CaptureQueriesContext(connection) as queries:
        for region in ("143", "030", "145"):
            expected = Country.objects.filter(region_id=region).values_list("code", flat=True)
            assert {c.code for c in countries_of_region(region)} == set(expected)
    assert len(prepared_statements()) == len(before) + 1  # the same statement, run three times
    logged = [q["sql"] for q in queries.captured_queries if "core_country" in q["sql"]]
    assert any("'030'" in sql for sql in logged)

    settings.PREPARED_STATEMENTS = False
    countries_of_region("150")
    assert len(prepared_statements()) == len(before) + 1


def test_a_number_no_integer_column_holds_finds_nothing():
    """An id typed into an address can be any length: past 64 bits SQLite refuses the
    parameter, so such a call is asked through the ORM, which knows it finds nothing."""
    by_id = prepared(lambda pk: DataVersion.objects.filter(pk=pk))
    DataVersion.objects.create(name="some-kind", counter=1)
    assert by_id(70054906952966160384) == []
    assert by_id(-(2**70)) == []
    ids = prepared(lambda pks: DataVersion.objects.filter(pk__in=pks).values_list("pk", flat=True))
    assert ids([1, 2**64]) == list(
        DataVersion.objects.filter(pk__in=[1]).values_list("pk", flat=True)
    )
