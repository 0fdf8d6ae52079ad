"""Organisations, their staff and contacts are tracked (members/apps.py): every committed change
moves the organisations' data version (core.data_versions), once."""

import pytest
from django.db import transaction

from core import data_versions
from core.multilingual import MultilingualText
from members.models import Organization


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the commit of a test's writes would run (the counts)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def organisations_version() -> int:
    return int(data_versions.current(data_versions.ORGANIZATIONS))


def new_organization(slug="steppe") -> Organization:
    return Organization.objects.create(
        slug=slug, name=MultilingualText.create(slug.title(), "en"), country_id="KZ"
    )


@pytest.mark.django_db
def test_a_change_rolled_back_leaves_the_version_where_it_was(committed):
    with committed():
        new_organization()
    before = organisations_version()

    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        Organization.objects.get(slug="steppe").save()
        raise RuntimeError

    assert organisations_version() == before


@pytest.mark.django_db
def test_saving_deleting_and_relating_a_tracked_row_each_move_the_version(committed):
    with committed():
        organization = new_organization()
    created = organisations_version()
    with committed():
        organization.areas.add("health")
    related = organisations_version()
    with committed():
        organization.delete()

    assert created < related < organisations_version()


@pytest.mark.django_db
def test_bulk_work_counts_once(committed):
    with committed():
        data_versions.touch(data_versions.ORGANIZATIONS)
    before = organisations_version()

    with committed(), data_versions.counted_once(data_versions.ORGANIZATIONS):
        for number in range(5):
            new_organization(f"org-{number}")

    assert organisations_version() == before + 1
