"""Consultations are found by the one search, by words of their title and description."""

import pytest
from django.contrib.auth.models import AnonymousUser

from search.selectors import search

pytestmark = pytest.mark.django_db(transaction=False)


def test_a_consultation_is_found_by_its_title_and_description(open_ballot):
    found = search(query="Forum every year", reader=AnonymousUser(), kind="consultation")
    assert [hit.url for hit in found.hits] == [f"/en/consultations/{open_ballot.pk}/"]
    found = search(query="two years", reader=AnonymousUser())
    assert found.count == 1
