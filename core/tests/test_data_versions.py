"""The counters of change behind cached pages and counts (core.data_versions)."""

import pytest

from core import data_versions


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the commit of a test's writes would run (the counts)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.mark.django_db
def test_every_touch_moves_the_version_once_committed_and_kinds_are_counted_apart(committed):
    with committed():
        data_versions.touch("projects")
    projects, events = data_versions.current("projects", "events").split(".")

    with committed() as callbacks:
        data_versions.touch("projects")
        assert data_versions.current("projects", "events") == f"{projects}.{events}"

    assert len(callbacks) == 1
    assert data_versions.current("projects", "events") == f"{int(projects) + 1}.{events}"


@pytest.mark.django_db
def test_the_first_count_starts_at_random_so_a_new_database_never_repeats_an_old_one(committed):
    """A flushed or restored database must not give versions a shared cache still holds."""
    with committed():
        data_versions.touch("projects", "events")

    assert data_versions.current("projects") != data_versions.current("events")


@pytest.mark.django_db
def test_a_listener_is_called_after_each_committed_change_of_its_kind_only(committed):
    heard = []

    def listener():
        heard.append(data_versions.current("events"))

    data_versions.on_change("events", listener)
    try:
        with committed():
            data_versions.touch("events")
            data_versions.touch("projects")
            assert heard == []  # not before the commit
        assert heard == [data_versions.current("events")]  # after the count moved
    finally:
        data_versions._listeners["events"].remove(listener)


@pytest.mark.django_db
def test_an_answer_is_kept_through_read_only_requests_until_its_count_moves(committed):
    reads = []

    @data_versions.kept_while_unchanged("projects")
    def projects_of(person: int) -> tuple:
        reads.append(person)
        return (person, len(reads))

    with data_versions.remembered():
        first = projects_of(1)
    with data_versions.remembered():  # a later page, in the same process
        assert projects_of(1) == first
        assert projects_of(2) != first
    assert reads == [1, 2]

    projects_of(1)  # outside a read-only request (a write): read afresh, and not kept
    assert reads == [1, 2, 1]

    with committed():
        data_versions.touch("projects")
    with data_versions.remembered():
        assert projects_of(1) != first
    assert reads == [1, 2, 1, 1]
