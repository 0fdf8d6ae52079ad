"""The members app's rows for the demo and the benchmark data set (core.seeding), written by two
seeders: `organizations` (order 20: the organisations, and the demo's people with their staff
places) and `membership` (order 60, after governance's Constitution: applications, messages,
votes, history; and the benchmark's people, staff and contacts).

Bulk rows are recognisable, so `seed_bulk --clear` removes them and nothing else: organisations
have slugs starting "bulk-" (their staff, contacts, applications, messages, votes and history go
with them); people have emails "bulk-NNNNNN@people.example.org" (their email addresses and roles go
with them). Other apps' bulk rows that point to bulk organisations find them here.
"""

from django.db import models

from accounts.models import User
from members.models import Organization

SLUG_PREFIX = "bulk-"
# People are recognisable by their email: bulk-000123@people.example.org.
PEOPLE_PREFIX, PEOPLE_DOMAIN = "bulk-", "people.example.org"


def bulk_organizations() -> models.QuerySet[Organization]:
    return Organization.objects.filter(slug__startswith=SLUG_PREFIX)


def bulk_people() -> models.QuerySet[User]:
    return User.objects.filter(email__startswith=PEOPLE_PREFIX, email__endswith=f"@{PEOPLE_DOMAIN}")
