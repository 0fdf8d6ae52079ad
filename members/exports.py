"""The member list as CSV, shared by the export page and the back office's action.

UTF-8 with a byte-order mark, so spreadsheet programs open Chinese and Arabic names correctly.
The contact person appears only when they agreed to be shown publicly.
"""

import csv
from collections.abc import Iterable, Iterator
from datetime import date

from django.utils import translation
from django_countries import countries

from members.models import Organization

BOM = "\ufeff"

# The header: stable machine names, the same in every language.
COLUMNS = [
    "slug",
    "name",
    "name_en",
    "original_language",
    "type",
    "status",
    "country_code",
    "country_name",
    "region_code",
    "city",
    "founded_year",
    "website",
    "member_since",
    "areas",
    "countries_of_activity",
    "working_languages",
    "staff_count",
    "volunteer_count",
    "contact_name",
    "contact_email",
]

# A cell starting with one of these is a formula to a spreadsheet program.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_filename(today: date) -> str:
    return f"sironet-members-{today.isoformat()}.csv"


def _cell(value) -> str:
    if value is None:
        return ""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def member_row(organization: Organization) -> list[str]:
    """One organisation as a CSV row, in the order of COLUMNS. Codes, not translated labels."""
    contact = getattr(organization, "contact", None)
    public_contact = contact if contact is not None and contact.public else None
    with translation.override("en"):
        country_name = str(countries.name(organization.country_id))
    return [
        _cell(value)
        for value in (
            organization.slug,
            organization.name.original_text,
            organization.name.text.get("en", ""),
            organization.name.original,
            organization.kind,
            organization.status,
            organization.country_id,
            country_name,
            organization.country.region_id,
            organization.city,
            organization.founded_year,
            organization.website,
            organization.member_since.isoformat() if organization.member_since else "",
            ";".join(area.slug for area in organization.areas.all()),
            ";".join(country.code for country in organization.countries_of_activity.all()),
            ";".join(organization.working_languages or []),
            organization.staff_count,
            organization.volunteer_count,
            public_contact.name if public_contact else "",
            public_contact.email if public_contact else "",
        )
    ]


class _PassThrough:
    """A file-like object whose write returns what it is given, for csv.writer to stream."""

    def write(self, value: str) -> str:
        return value


def iter_members_csv(organizations: Iterable[Organization]) -> Iterator[str]:
    """The CSV, one line at a time, starting with the byte-order mark and the header."""
    writer = csv.writer(_PassThrough())
    yield BOM + writer.writerow(COLUMNS)
    for organization in organizations:
        yield writer.writerow(member_row(organization))


def write_members_csv(organizations: Iterable[Organization], out) -> None:
    """Write the CSV to a file-like object (an HttpResponse, an open file)."""
    for line in iter_members_csv(organizations):
        out.write(line)
