"""Every write about demands, offers and projects.

Each function is one use case: keyword-only, one transaction, permission checked first,
privileged actions written to the audit log, emails queued after commit.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.models import (
    CURRENCY_CODES,
    BudgetLine,
    Demand,
    DemandMatch,
    DemandStatusChange,
    Indicator,
    MatchesRefresh,
    Milestone,
    Offer,
    ProgressPhoto,
    ProgressUpdate,
    Project,
    ProjectLocation,
)
from core.models import Country, DacSector, KeyArea, SdgGoal
from core.multilingual import LANGUAGE_CODES, MultilingualText, normalise_language
from core.notifications import notify
from core.services import audit_record
from members.models import Organization, OrganizationStaff
from members.rules import may

Moderation = Demand.Moderation
DemandStatus = Demand.Status

# Spam protection without outside services: at most this many demands an hour from one network
# address, and from one contact email.
RATE_LIMIT_PER_HOUR = 3
CONFIRMATION_SALT = "cooperation.demand.confirm"
CONFIRMATION_MAX_AGE = timedelta(days=7)


def address_key(address: str | None) -> str:
    """A network address as stored for the rate limit: hashed, never the address itself."""
    if not address:
        return ""
    return hashlib.sha256(f"{settings.SECRET_KEY}|{address}".encode()).hexdigest()[:64]


def confirmation_token(demand: Demand) -> str:
    return signing.dumps({"demand": demand.pk}, salt=CONFIRMATION_SALT)


def _record(demand: Demand, *, actor, old: str, new: str, note: str = "") -> None:
    DemandStatusChange.objects.create(
        demand=demand,
        from_status=old,
        to_status=new,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
    )


def _check_demand_fields(*, title, description, country, area, language, people_concerned, urgency):
    errors: dict[str, list[str]] = {}
    if not (title or "").strip():
        errors["title"] = [_("Say in a few words what is needed.")]
    elif len(title) > 200:
        errors["title"] = [_("Ensure this text has at most %(limit)d characters.") % {"limit": 200}]
    if not (description or "").strip():
        errors["description"] = [_("Describe the need.")]
    elif len(description) > 5000:
        errors["description"] = [
            _("Ensure this text has at most %(limit)d characters.") % {"limit": 5000}
        ]
    if not Country.objects.filter(pk=country).exists():
        errors["country"] = [_("Choose a country from the list.")]
    if not KeyArea.objects.filter(pk=area).exists():
        errors["area"] = [_("Choose a key area from the list.")]
    if normalise_language(language) not in LANGUAGE_CODES:
        errors["language"] = [_("Choose a language from the list.")]
    if people_concerned is not None and not (0 < people_concerned <= 100_000_000):
        errors["people_concerned"] = [_("Give a number of people between 1 and 100,000,000.")]
    if urgency not in Demand.Urgency.values:
        errors["urgency"] = [_("Choose how urgent it is from the list.")]
    if errors:
        raise ValidationError(errors)


def demand_submit(
    *,
    actor: Any,
    title: str,
    description: str,
    country: str,
    area: str,
    language: str,
    locality: str = "",
    people_concerned: int | None = None,
    urgency: str = Demand.Urgency.MEDIUM,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    organization: Organization | None = None,
    address: str | None = None,
) -> Demand:
    """Post a demand. A member organisation's staff publish at once; anyone else's demand waits
    for the Secretariat (and, without an account, for the poster to confirm their email)."""
    _check_demand_fields(
        title=title,
        description=description,
        country=country,
        area=area,
        language=language,
        people_concerned=people_concerned,
        urgency=urgency,
    )
    signed_in = getattr(actor, "is_authenticated", False)
    if organization is not None:
        is_staff = (
            signed_in
            and organization.status == Organization.Status.MEMBER
            and OrganizationStaff.objects.filter(organization=organization, user=actor).exists()
        )
        if not is_staff:
            raise PermissionDenied(_("You may post only for a member organisation you work for."))
    contact_email = (contact_email or "").strip().lower()
    if not signed_in and not contact_email:
        raise ValidationError({"contact_email": [_("Give an email address to confirm.")]})
    if contact_email:
        try:
            validate_email(contact_email)
        except ValidationError:
            raise ValidationError({"contact_email": [_("Enter a valid email address.")]}) from None
    key = address_key(address)
    since = timezone.now() - timedelta(hours=1)
    if not (organization is not None):
        recent = Demand.objects.filter(created_at__gte=since)
        if key and recent.filter(submitted_from=key).count() >= RATE_LIMIT_PER_HOUR:
            raise ValidationError(
                _("Too many demands from this network address: please try again in an hour.")
            )
        if contact_email and (
            recent.filter(contact_email=contact_email).count() >= RATE_LIMIT_PER_HOUR
        ):
            raise ValidationError(
                {"contact_email": [_("Too many demands from this address: try again in an hour.")]}
            )
    language = normalise_language(language)
    now = timezone.now()
    if organization is not None:
        moderation = Moderation.APPROVED
    elif signed_in:
        moderation = Moderation.PENDING
    else:
        moderation = Moderation.UNCONFIRMED
    with transaction.atomic():
        demand = Demand.objects.create(
            title=MultilingualText.create(title.strip(), language),
            description=MultilingualText.create(description.strip(), language),
            country_id=country,
            area_id=area,
            locality=(locality or "").strip()[:100],
            people_concerned=people_concerned,
            urgency=urgency,
            moderation=moderation,
            poster=actor if signed_in else None,
            organization=organization,
            contact_name=(contact_name or "").strip()[:150],
            contact_email=contact_email or (actor.email if signed_in else ""),
            contact_phone=(contact_phone or "").strip()[:40],
            submitted_from=key,
            confirmed_at=now if signed_in else None,
            published_at=now if moderation == Moderation.APPROVED else None,
        )
        _record(demand, actor=actor, old="", new=moderation)
        _store_matches([demand])
        if moderation == Moderation.APPROVED:
            _tell_matches(demand)
        if moderation == Moderation.UNCONFIRMED:
            notify(
                template="demand_confirm",
                context={"token": confirmation_token(demand), "title": title.strip()},
                emails=[contact_email],
                language=language,
            )
    return demand


def demand_confirm(*, token: str) -> Demand:
    """The poster's email link: the demand goes to the moderation queue."""
    try:
        data = signing.loads(
            token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE.total_seconds()
        )
    except signing.SignatureExpired:
        raise ValidationError(_("This link has expired: please post the demand again.")) from None
    except signing.BadSignature:
        raise ValidationError(_("This link is not valid.")) from None
    with transaction.atomic():
        demand = Demand.objects.select_for_update().filter(pk=data.get("demand")).first()
        if demand is None:
            raise ValidationError(_("This link is not valid."))
        if demand.moderation == Moderation.UNCONFIRMED:
            demand.moderation = Moderation.PENDING
            demand.confirmed_at = timezone.now()
            demand.save(update_fields=["moderation", "confirmed_at", "updated_at"])
            _record(demand, actor=None, old=Moderation.UNCONFIRMED, new=Moderation.PENDING)
    return demand


def _locked_for_moderation(actor, demand: Demand) -> Demand:
    if not may(actor, "cooperation.moderate_demand"):
        raise PermissionDenied
    return Demand.objects.select_for_update().get(pk=demand.pk)


def demand_approve(*, actor: Any, demand: Demand) -> Demand:
    with transaction.atomic():
        demand = _locked_for_moderation(actor, demand)
        if demand.moderation not in (Moderation.PENDING, Moderation.REJECTED):
            raise ValidationError(_("Only a demand waiting for moderation can be approved."))
        old = demand.moderation
        demand.moderation = Moderation.APPROVED
        demand.published_at = timezone.now()
        demand.rejection_reason = ""
        demand.save(update_fields=["moderation", "published_at", "rejection_reason", "updated_at"])
        _record(demand, actor=actor, old=old, new=Moderation.APPROVED)
        audit_record(actor=actor, action="demand.approve", target=demand)
        _tell_poster(demand, "demand_approved", {})
        _tell_matches(demand)
    return demand


def demand_reject(*, actor: Any, demand: Demand, reason: str) -> Demand:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give the reason the poster will read.")]})
    with transaction.atomic():
        demand = _locked_for_moderation(actor, demand)
        if demand.moderation not in (Moderation.PENDING, Moderation.APPROVED):
            raise ValidationError(_("This demand cannot be rejected now."))
        old = demand.moderation
        demand.moderation = Moderation.REJECTED
        demand.rejection_reason = reason
        demand.save(update_fields=["moderation", "rejection_reason", "updated_at"])
        _record(demand, actor=actor, old=old, new=Moderation.REJECTED, note=reason)
        audit_record(actor=actor, action="demand.reject", target=demand, reason=reason)
        _tell_poster(demand, "demand_rejected", {"reason": reason})
    return demand


# --- stored matches -----------------------------------------------------------------------------

REFRESH_BATCH = 2000


def match_rows(found: dict[int, list]) -> list[DemandMatch]:
    """The rows that keep cooperation.matching.best_matches's answer."""
    return [
        DemandMatch(
            demand_id=demand_id,
            organization_id=match.organization_id,
            rank=position,
            score=match.score,
            area=match.signals.area,
            place=match.signals.place,
            language=match.signals.language,
            track_record=match.signals.track_record,
            text=match.signals.text,
            why=match.why,
        )
        for demand_id, matches in found.items()
        for position, match in enumerate(matches, start=1)
    ]


def _store_matches(demands: list[Demand], index=None) -> None:
    """Work out these demands' top matches and keep them, in place of those kept before (inside
    the caller's transaction)."""
    from cooperation import matching

    found = matching.best_matches(demands, index=index)
    DemandMatch.objects.filter(demand__in=[d.pk for d in demands]).delete()
    DemandMatch.objects.bulk_create(match_rows(found), batch_size=1000)


def matches_refresh(*, force: bool = False, progress=None, fresh: bool = False) -> int:
    """The stored matches brought up to date with the organisations and projects as they are
    now: only the demands that what changed since the last refresh can move (what matching
    read of each organisation then is kept, MatchesRefresh), or every demand when forced or
    the first time. A batch of demands at a time, each batch in one transaction; a demand
    changed while its batch was worked out keeps the matches its own change stored.

    One refresh at a time: a refresh asked for while another is under way leaves it to that
    one to run once more (which then reads every change it had not seen), or when forced
    waits for it to end. Returns the number of demands worked out again. `progress(n)`: told
    after each batch."""
    if not _refresh_lease_take(wait=force):
        return 0
    refreshed = 0
    try:
        while True:
            refreshed += _matches_refresh_pass(force=force, progress=progress, fresh=fresh)
            force = False
            if _refresh_lease_give_back():
                break
    except BaseException:
        MatchesRefresh.objects.filter(pk=1).update(leased_until=None)
        raise
    return refreshed


REFRESH_LEASE = timedelta(minutes=15)
# Demands written this long before the last refresh read the organisations are worked out
# again by the next one too: a transaction that committed after that refresh listed them, or a
# clock a little behind another machine's.
REFRESH_POSTED_MARGIN = timedelta(minutes=2)
# More changed organisations than this and every demand is worked out again: nearly every
# demand would be, and finding which costs more than it saves.
REFRESH_ALL_ABOVE = 200


def _refresh_lease_take(*, wait: bool) -> bool:
    """Start a refresh (the lease of MatchesRefresh's row); if one is under way, ask it to run
    once more (False), or when waiting, start once it ended."""
    import time

    from django.db.models import Q

    MatchesRefresh.objects.bulk_create([MatchesRefresh(pk=1)], ignore_conflicts=True)
    row = MatchesRefresh.objects.filter(pk=1)
    while True:
        now = timezone.now()
        if row.filter(Q(leased_until__isnull=True) | Q(leased_until__lt=now)).update(
            leased_until=now + REFRESH_LEASE, again=False
        ):
            return True
        if not wait and row.filter(leased_until__gte=now).update(again=True):
            return False
        if wait:
            time.sleep(1)


def _refresh_lease_give_back() -> bool:
    """End the refresh under way (True), unless a change asked for it to run once more."""
    row = MatchesRefresh.objects.filter(pk=1)
    if row.filter(again=False).update(leased_until=None):
        return True
    row.update(again=False, leased_until=timezone.now() + REFRESH_LEASE)
    return False


def _matches_refresh_pass(*, force: bool, progress, fresh: bool) -> int:
    from cooperation import matching

    started = timezone.now()
    # fresh: the organisations read now, not as this process last read them (seeding, whose
    # changes are counted only once it ends).
    index = matching.build_index() if fresh else matching.organization_index()
    digests = matching.digests(index)
    state = MatchesRefresh.objects.get(pk=1)
    known = {int(pk): digest for pk, digest in state.organizations.items()}
    live = Demand.objects.exclude(moderation=Moderation.MERGED)
    changed = {pk for pk in digests.keys() | known.keys() if digests.get(pk) != known.get(pk)}
    everything = force or state.read_at is None or len(changed) > REFRESH_ALL_ABOVE
    moved: set[int] = set()
    if not everything:
        moved = matching.demands_moved_by(changed, index) if changed else set()
        moved.update(
            live.filter(updated_at__gte=state.read_at - REFRESH_POSTED_MARGIN).values_list(
                "pk", flat=True
            )
        )
    # In the order best_matches groups them: a batch holds whole groups (matching.best_matches).
    ids = (
        list(live.order_by("country_id", "area_id", "pk").values_list("pk", flat=True))
        if everything or moved
        else []
    )
    if not everything:
        ids = [pk for pk in ids if pk in moved]
    refreshed = 0
    for start in range(0, len(ids), REFRESH_BATCH):
        chunk = ids[start : start + REFRESH_BATCH]
        demands = list(Demand.objects.filter(pk__in=chunk))
        read = {d.pk: d.updated_at for d in demands}
        found = matching.best_matches(demands, index=index)
        with transaction.atomic():
            now = dict(
                Demand.objects.select_for_update()
                .filter(pk__in=chunk)
                .order_by("pk")
                .values_list("pk", "updated_at")
            )
            kept = [pk for pk in found if pk in now and now[pk] == read[pk]]
            DemandMatch.objects.filter(demand__in=kept).delete()
            DemandMatch.objects.bulk_create(
                match_rows({pk: found[pk] for pk in kept}), batch_size=1000
            )
        refreshed += len(kept)
        MatchesRefresh.objects.filter(pk=1).update(leased_until=timezone.now() + REFRESH_LEASE)
        if progress is not None:
            progress(len(chunk))
    update: dict[str, Any] = {"read_at": started}
    if changed or everything:
        update["organizations"] = {str(pk): digest for pk, digest in digests.items()}
    MatchesRefresh.objects.filter(pk=1).update(**update)
    if everything and refreshed and connection.vendor == "postgresql":
        # Rewritten whole: fresh statistics, or the planner guesses thousands of rows for a
        # demand's ten and joins every member to read them (a demand page: 22 ms → 0.3).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE cooperation_demandmatch")
    return refreshed


def _tell_matches(demand: Demand) -> None:
    from cooperation.tasks import tell_matched_organizations

    transaction.on_commit(lambda: tell_matched_organizations.enqueue(demand_id=demand.pk))


def _tell_poster(demand: Demand, template: str, extra: dict) -> None:
    """An email to whoever posted the demand, in their language: their account's, or for a
    poster without an account the language they wrote the demand in."""
    context = {"demand_id": demand.pk, "title": demand.title.original_text, **extra}
    if demand.poster_id:
        notify(template=template, context=context, users=[demand.poster])
    elif demand.contact_email:
        notify(
            template=template,
            context=context,
            emails=[demand.contact_email],
            language=demand.language,
        )


def demand_edit(
    *,
    actor: Any,
    demand: Demand,
    title: str,
    description: str,
    country: str,
    area: str,
    locality: str = "",
    people_concerned: int | None = None,
    urgency: str = Demand.Urgency.MEDIUM,
) -> Demand:
    """The Secretariat corrects a demand (its text in its original language, its facts)."""
    _check_demand_fields(
        title=title,
        description=description,
        country=country,
        area=area,
        language=demand.language,
        people_concerned=people_concerned,
        urgency=urgency,
    )
    with transaction.atomic():
        demand = _locked_for_moderation(actor, demand)
        demand.title.text[demand.title.original] = title.strip()
        demand.description.text[demand.description.original] = description.strip()
        demand.country_id = country
        demand.area_id = area
        demand.locality = (locality or "").strip()[:100]
        demand.people_concerned = people_concerned
        demand.urgency = urgency
        demand.save()
        _store_matches([demand])
        audit_record(actor=actor, action="demand.edit", target=demand)
    return demand


def demand_merge(*, actor: Any, demand: Demand, into: Demand) -> Demand:
    """A duplicate goes into the demand it repeats: its offers follow, it leaves the lists."""
    if demand.pk == into.pk:
        raise ValidationError(_("A demand cannot be merged into itself."))
    with transaction.atomic():
        demand = _locked_for_moderation(actor, demand)
        into = Demand.objects.select_for_update().get(pk=into.pk)
        if into.moderation == Moderation.MERGED:
            raise ValidationError(_("Merge into a demand that is not itself merged."))
        old = demand.moderation
        demand.moderation = Moderation.MERGED
        demand.merged_into = into
        demand.save(update_fields=["moderation", "merged_into", "updated_at"])
        existing = set(into.offers.values_list("organization_id", flat=True))
        demand.offers.exclude(organization_id__in=existing).update(demand=into)
        _record(demand, actor=actor, old=old, new=Moderation.MERGED, note=f"#{into.pk}")
        audit_record(actor=actor, action="demand.merge", target=demand, into=into.pk)
    return into


ALLOWED_STATUS = {
    DemandStatus.OPEN: {DemandStatus.MATCHED, DemandStatus.CLOSED},
    DemandStatus.MATCHED: {DemandStatus.OPEN, DemandStatus.IN_PROGRESS, DemandStatus.CLOSED},
    DemandStatus.IN_PROGRESS: {DemandStatus.MET, DemandStatus.CLOSED},
    DemandStatus.MET: {DemandStatus.CLOSED},
    DemandStatus.CLOSED: {DemandStatus.OPEN},
}


def demand_set_status(*, actor: Any, demand: Demand, status: str, note: str = "") -> Demand:
    if not may(actor, "cooperation.change_demand_status", demand):
        raise PermissionDenied
    with transaction.atomic():
        demand = Demand.objects.select_for_update().get(pk=demand.pk)
        if status not in ALLOWED_STATUS.get(demand.status, set()):
            raise ValidationError({"status": [_("This change of status is not possible.")]})
        _change_status(demand, status, actor=actor, note=note)
    return demand


def _change_status(demand: Demand, status: str, *, actor, note: str = "") -> None:
    if demand.status == status:
        return
    old = demand.status
    demand.status = status
    demand.save(update_fields=["status", "updated_at"])
    _record(demand, actor=actor, old=old, new=status, note=note)


# --- offers ------------------------------------------------------------------------------------


def offer_make(
    *,
    actor: Any,
    demand: Demand,
    organization: Organization,
    contribution: str,
    with_whom: str = "",
    when: str = "",
) -> Offer:
    """A member organisation's staff offer help with a published, open demand."""
    if organization.status != Organization.Status.MEMBER or not may(
        actor, "cooperation.offer_help", organization
    ):
        raise PermissionDenied
    if not (contribution or "").strip():
        raise ValidationError({"contribution": [_("Say what your organisation can bring.")]})
    with transaction.atomic():
        demand = Demand.objects.select_for_update().get(pk=demand.pk)
        if not demand.is_public or demand.status not in (DemandStatus.OPEN, DemandStatus.MATCHED):
            raise ValidationError(_("This demand does not take offers now."))
        try:
            with transaction.atomic():
                offer = Offer.objects.create(
                    demand=demand,
                    organization=organization,
                    author=actor,
                    contribution=contribution.strip()[:3000],
                    with_whom=(with_whom or "").strip()[:300],
                    when=(when or "").strip()[:200],
                )
        except IntegrityError:
            raise ValidationError(
                _("Your organisation has already offered help with this demand.")
            ) from None
        _change_status(demand, DemandStatus.MATCHED, actor=actor)
        audit_record(actor=actor, action="offer.make", target=offer, demand=demand.pk)
        _tell_poster(demand, "offer_made", {})
    return offer


def offer_accept(*, actor: Any, offer: Offer, partners: list[Organization] = ()) -> Project:
    """The poster or the Secretariat accepts an offer: a project starts, led by the offering
    organisation, with the demand linked."""
    if not may(actor, "cooperation.accept_offer", offer.demand):
        raise PermissionDenied
    with transaction.atomic():
        offer = (
            Offer.objects.select_for_update()
            .select_related("demand", "organization")
            .get(pk=offer.pk)
        )
        if offer.status != Offer.Status.PENDING:
            raise ValidationError(_("This offer has already been answered."))
        demand = offer.demand
        project = Project.objects.create(
            title=demand.title,
            summary=MultilingualText.create(offer.contribution, demand.language),
            lead=offer.organization,
            area=demand.area,
            status=Project.Status.PLANNED,
        )
        project.demands.add(demand)
        countries = {demand.country_id, offer.organization.country_id}
        partner_ids = [p.pk for p in partners if p.pk != offer.organization_id]
        if partner_ids:
            project.partners.set(partner_ids)
            countries |= set(
                Organization.objects.filter(pk__in=partner_ids).values_list("country_id", flat=True)
            )
        project.countries.set(sorted(countries))
        offer.status = Offer.Status.ACCEPTED
        offer.project = project
        offer.decided_at = timezone.now()
        offer.save(update_fields=["status", "project", "decided_at"])
        _change_status(demand, DemandStatus.IN_PROGRESS, actor=actor, note=f"project {project.pk}")
        audit_record(actor=actor, action="offer.accept", target=offer, project=project.pk)
        admins = [
            staff.user
            for staff in offer.organization.staff.select_related("user").filter(
                role=OrganizationStaff.Role.ADMIN
            )
        ]
        notify(template="offer_accepted", context={"project_id": project.pk}, users=admins)
    return project


def offer_decline(*, actor: Any, offer: Offer) -> Offer:
    if not may(actor, "cooperation.accept_offer", offer.demand):
        raise PermissionDenied
    with transaction.atomic():
        offer = Offer.objects.select_for_update().get(pk=offer.pk)
        if offer.status != Offer.Status.PENDING:
            raise ValidationError(_("This offer has already been answered."))
        offer.status = Offer.Status.DECLINED
        offer.decided_at = timezone.now()
        offer.save(update_fields=["status", "decided_at"])
    return offer


# --- projects ----------------------------------------------------------------------------------


def _parse_amount(value: Any, field: str) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: [_("Enter an amount such as 1250.50.")]}) from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e12"):
        raise ValidationError({field: [_("Enter an amount such as 1250.50.")]})
    return amount.quantize(Decimal("0.01"))


def _check_project_fields(*, title, area, status, starts_on, ends_on, countries):
    errors: dict[str, list[str]] = {}
    if not (title or "").strip():
        errors["title"] = [_("Give the project a title.")]
    elif len(title) > 200:
        errors["title"] = [_("Ensure this text has at most %(limit)d characters.") % {"limit": 200}]
    if not KeyArea.objects.filter(pk=area).exists():
        errors["area"] = [_("Choose a key area from the list.")]
    if status not in Project.Status.values:
        errors["status"] = [_("Choose a status from the list.")]
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = [_("The end comes after the start.")]
    if countries is not None:
        known = set(Country.objects.filter(pk__in=countries).values_list("pk", flat=True))
        if set(countries) - known:
            errors["countries"] = [_("Choose countries from the list.")]
    if errors:
        raise ValidationError(errors)


def project_create(
    *,
    actor: Any,
    lead: Organization,
    title: str,
    language: str,
    area: str,
    summary: str = "",
    status: str = Project.Status.PLANNED,
    starts_on: date | None = None,
    ends_on: date | None = None,
    countries: list[str] | None = None,
    partners: list[Organization] = (),
) -> Project:
    """A member organisation's admin (or the Secretariat) starts a project it leads."""
    if not (
        may(actor, "cooperation.create_project")
        and (
            may(actor, "cooperation.moderate_demand")
            or may(actor, "members.edit_organization", lead)
        )
    ):
        raise PermissionDenied
    if lead.status != Organization.Status.MEMBER:
        raise ValidationError({"lead": [_("The lead must be a member organisation.")]})
    _check_project_fields(
        title=title,
        area=area,
        status=status,
        starts_on=starts_on,
        ends_on=ends_on,
        countries=countries,
    )
    language = normalise_language(language)
    with transaction.atomic():
        project = Project.objects.create(
            title=MultilingualText.create(title.strip(), language),
            summary=MultilingualText.create(summary.strip(), language) if summary.strip() else None,
            lead=lead,
            area_id=area,
            status=status,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        partner_ids = [p.pk for p in partners if p.pk != lead.pk]
        project.partners.set(partner_ids)
        project.countries.set(countries or [lead.country_id])
        audit_record(actor=actor, action="project.create", target=project)
    return project


def _locked_project(actor, project: Project) -> Project:
    if not may(actor, "cooperation.change_project", project):
        raise PermissionDenied
    return Project.objects.select_for_update().get(pk=project.pk)


REPORT_PERIOD_MIN, REPORT_PERIOD_MAX = 1, 24


def _check_goals(numbers) -> list[int]:
    """SDG goal numbers: each one of the 17 goals (the taxonomy's table)."""
    wanted = set()
    for number in numbers or ():
        try:
            wanted.add(int(number))
        except (TypeError, ValueError):
            raise ValidationError({"sdg_goals": [_("Choose goals from 1 to 17.")]}) from None
    known = set(SdgGoal.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    if wanted - known:
        raise ValidationError({"sdg_goals": [_("Choose goals from 1 to 17.")]})
    return sorted(wanted)


def _check_sectors(codes) -> list[str]:
    """OECD-DAC purpose codes (five digits): each one on the official list the taxonomy holds."""
    wanted = {str(code).strip() for code in codes or () if str(code).strip()}
    known = set(DacSector.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    unknown = sorted(wanted - known)
    if unknown:
        raise ValidationError(
            {
                "dac_sectors": [
                    _("Not an OECD-DAC sector code: %(codes)s.") % {"codes": ", ".join(unknown)}
                ]
            }
        )
    return sorted(wanted)


def _check_demands(ids) -> list[int]:
    """The demands a project answers: published demands, by their numbers."""
    wanted = set()
    for value in ids or ():
        try:
            wanted.add(int(value))
        except (TypeError, ValueError):
            raise ValidationError({"demands": [_("Give the demands' numbers.")]}) from None
    known = set(
        Demand.objects.filter(pk__in=wanted, moderation=Moderation.APPROVED).values_list(
            "pk", flat=True
        )
    )
    unknown = sorted(wanted - known)
    if unknown:
        raise ValidationError(
            {
                "demands": [
                    _("No published demand has the number %(numbers)s.")
                    % {"numbers": ", ".join(str(n) for n in unknown)}
                ]
            }
        )
    return sorted(wanted)


def project_update(*, actor: Any, project: Project, **changes: Any) -> Project:
    """Lead and partner admins (and the Secretariat) change a project's facts; its reporting
    period only its lead's admins and the Secretariat."""
    goals = _check_goals(changes["sdg_goals"]) if "sdg_goals" in changes else None
    sectors = _check_sectors(changes["dac_sectors"]) if "dac_sectors" in changes else None
    demand_ids = _check_demands(changes["demands"]) if "demands" in changes else None
    with transaction.atomic():
        project = _locked_project(actor, project)
        title = changes.get("title", project.title.original_text)
        status = changes.get("status", project.status)
        starts_on = changes.get("starts_on", project.starts_on)
        ends_on = changes.get("ends_on", project.ends_on)
        countries = changes.get("countries")
        _check_project_fields(
            title=title,
            area=changes.get("area", project.area_id),
            status=status,
            starts_on=starts_on,
            ends_on=ends_on,
            countries=countries,
        )
        project.title.text[project.title.original] = title.strip()
        if "summary" in changes:
            summary = (changes["summary"] or "").strip()
            if project.summary is None:
                project.summary = (
                    MultilingualText.create(summary, project.title.original) if summary else None
                )
            else:
                project.summary.text[project.summary.original] = summary
        project.area_id = changes.get("area", project.area_id)
        old_status = project.status
        project.status = status
        project.starts_on = starts_on
        project.ends_on = ends_on
        period = changes.get("report_every_months")
        if period is not None and period != project.report_every_months:
            if not may(actor, "cooperation.change_report_period", project):
                raise PermissionDenied
            if not (REPORT_PERIOD_MIN <= period <= REPORT_PERIOD_MAX):
                raise ValidationError(
                    {
                        "report_every_months": [
                            _("Choose a reporting period of %(low)d to %(high)d months.")
                            % {"low": REPORT_PERIOD_MIN, "high": REPORT_PERIOD_MAX}
                        ]
                    }
                )
            project.report_every_months = period
        if "people_reached" in changes:
            project.people_reached = changes["people_reached"]
        if "lessons_learned" in changes:
            project.lessons_learned = (changes["lessons_learned"] or "").strip()
        project.save()
        if countries is not None:
            project.countries.set(countries)
        if "partners" in changes:
            project.partners.set([p.pk for p in changes["partners"] if p.pk != project.lead_id])
        if goals is not None:
            project.sdg_goals.set(goals)
        if sectors is not None:
            project.dac_sectors.set(sectors)
        added: set[int] = set()
        if demand_ids is not None:
            before = set(project.demands.values_list("pk", flat=True))
            project.demands.set(demand_ids)
            added = set(demand_ids) - before
        linked = Demand.objects.select_for_update().filter(projects=project).order_by("pk")
        for demand in linked:
            note = f"project {project.pk}"
            if old_status != status and status == Project.Status.COMPLETED:
                _change_status(demand, DemandStatus.MET, actor=actor, note=note)
            elif (
                (old_status != status and status == Project.Status.ACTIVE) or demand.pk in added
            ) and demand.status in (DemandStatus.OPEN, DemandStatus.MATCHED):
                _change_status(demand, DemandStatus.IN_PROGRESS, actor=actor, note=note)
        audit_record(actor=actor, action="project.update", target=project, fields=sorted(changes))
    return project


# Photos of progress updates: checked with Pillow (its real format, not its name), bounded.
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000
PHOTOS_PER_UPDATE = 4


def check_photo(upload) -> str:
    """The file extension of an acceptable photo; a ValidationError that says what is wrong."""
    from PIL import Image, UnidentifiedImageError

    name = getattr(upload, "name", "") or ""
    if upload.size > PHOTO_MAX_BYTES:
        raise ValidationError(
            {
                "photos": [
                    _("%(name)s is too large: a photo may be at most %(size)d MB.")
                    % {"name": name, "size": PHOTO_MAX_BYTES // (1024 * 1024)}
                ]
            }
        )
    not_a_photo = ValidationError(
        {"photos": [_("%(name)s is not a JPEG, PNG or WebP photo.") % {"name": name}]}
    )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise not_a_photo from None
    finally:
        upload.seek(0)
    if kind not in PHOTO_FORMATS:
        raise not_a_photo
    if width * height > PHOTO_MAX_PIXELS:
        raise ValidationError(
            {"photos": [_("%(name)s has too many pixels for a photo.") % {"name": name}]}
        )
    return PHOTO_FORMATS[kind]


def project_add_update(
    *, actor: Any, project: Project, text: str, photos: list = (), caption: str = ""
) -> ProgressUpdate:
    """A progress report, perhaps with photos. The photos are checked before anything is kept."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": [_("Write what happened.")]})
    if len(text) > 5000:
        raise ValidationError(
            {"text": [_("Ensure this text has at most %(limit)d characters.") % {"limit": 5000}]}
        )
    photos = _checked_photos(photos, already=0)
    if not may(actor, "cooperation.change_project", project):
        raise PermissionDenied
    suffixes = [check_photo(photo) for photo in photos]
    stored: list[str] = []
    try:
        with transaction.atomic():
            project = _locked_project(actor, project)
            update = ProgressUpdate.objects.create(project=project, author=actor, text=text)
            _keep_photos(update, photos, suffixes, caption, stored)
            project.save(update_fields=["updated_at"])
    except BaseException:
        _forget_files(stored)
        raise
    return update


def _checked_photos(photos, *, already: int) -> list:
    photos = [photo for photo in photos or () if photo]
    if already + len(photos) > PHOTOS_PER_UPDATE:
        raise ValidationError(
            {
                "photos": [
                    _("Add at most %(count)d photos to one update.") % {"count": PHOTOS_PER_UPDATE}
                ]
            }
        )
    return photos


def _keep_photos(
    update: ProgressUpdate, photos: list, suffixes: list[str], caption: str, stored: list
) -> None:
    """Store the photos' files and rows; `stored` names the files, for _forget_files."""
    for photo, suffix in zip(photos, suffixes, strict=True):
        kept = ProgressPhoto(update=update, caption=(caption or "").strip()[:300])
        kept.image.save(f"photo.{suffix}", photo, save=False)
        stored.append(kept.image.name)
        kept.save()


def _forget_files(stored: list) -> None:
    """The files of photos whose transaction failed: nothing points to them."""
    from django.core.files.storage import default_storage

    for name in stored:
        default_storage.delete(name)


def project_add_photos(
    *, actor: Any, update: ProgressUpdate, photos: list, caption: str = ""
) -> ProgressUpdate:
    """Photos added to a progress update already published (at most four in all)."""
    project = update.project
    if not may(actor, "cooperation.change_project", project):
        raise PermissionDenied
    if not [photo for photo in photos or () if photo]:
        raise ValidationError({"photos": [_("Choose at least one photo.")]})
    photos = _checked_photos(photos, already=0)
    suffixes = [check_photo(photo) for photo in photos]
    stored: list[str] = []
    try:
        with transaction.atomic():
            project = _locked_project(actor, project)
            update = ProgressUpdate.objects.select_for_update().get(pk=update.pk, project=project)
            _checked_photos(photos, already=update.photos.count())  # recounted under the lock
            _keep_photos(update, photos, suffixes, caption, stored)
            project.save(update_fields=["updated_at"])
    except BaseException:
        _forget_files(stored)
        raise
    return update


def progress_photo_delete(*, actor: Any, photo: ProgressPhoto) -> None:
    """A photo of a progress update deleted by the project's admins or the Secretariat; its file
    is removed from storage once the deletion is committed (never before: a failed transaction
    keeps the photo and its file)."""
    project = photo.update.project
    if not may(actor, "cooperation.change_project", project):
        raise PermissionDenied
    with transaction.atomic():
        project = _locked_project(actor, project)
        photo = (
            ProgressPhoto.objects.select_for_update()
            .filter(pk=photo.pk, update__project=project)
            .first()
        )
        if photo is None:
            raise ValidationError(_("This photo has already been deleted."))
        name = photo.image.name
        photo.delete()  # its file leaves storage once committed (core.uploads)
        project.save(update_fields=["updated_at"])
        audit_record(actor=actor, action="project.photo_delete", target=project, photo=name)


def project_add_budget_line(
    *, actor: Any, project: Project, kind: str, label: str, amount: Any, currency: str
) -> BudgetLine:
    errors = {}
    if kind not in BudgetLine.Kind.values:
        errors["kind"] = [_("Choose budget or funding.")]
    if not (label or "").strip():
        errors["label"] = [_("Say what the amount is for, or where it comes from.")]
    if currency not in CURRENCY_CODES:
        errors["currency"] = [_("Choose a currency from the list.")]
    if errors:
        raise ValidationError(errors)
    value = _parse_amount(amount, "amount")
    with transaction.atomic():
        project = _locked_project(actor, project)
        line = BudgetLine.objects.create(
            project=project, kind=kind, label=label.strip()[:200], amount=value, currency=currency
        )
        project.save(update_fields=["updated_at"])
    return line


def project_add_indicator(
    *,
    actor: Any,
    project: Project,
    name: str,
    unit: str = "",
    baseline: Any = 0,
    target: Any,
    actual: Any = None,
) -> Indicator:
    if not (name or "").strip():
        raise ValidationError({"name": [_("Name the indicator.")]})
    values = {
        "baseline": _parse_amount(baseline or 0, "baseline"),
        "target": _parse_amount(target, "target"),
        "actual": None if actual in (None, "") else _parse_amount(actual, "actual"),
    }
    with transaction.atomic():
        project = _locked_project(actor, project)
        indicator = Indicator.objects.create(
            project=project, name=name.strip()[:200], unit=(unit or "").strip()[:40], **values
        )
        project.save(update_fields=["updated_at"])
    return indicator


def project_add_milestone(
    *, actor: Any, project: Project, title: str, due_on: date, done_on: date | None = None
) -> Milestone:
    if not (title or "").strip():
        raise ValidationError({"title": [_("Name the milestone.")]})
    with transaction.atomic():
        project = _locked_project(actor, project)
        milestone = Milestone.objects.create(
            project=project, title=title.strip()[:200], due_on=due_on, done_on=done_on
        )
        project.save(update_fields=["updated_at"])
    return milestone


# --- a project's indicators, milestones and budget, edited as tables ------------------------------


def _indicator_fields(row: dict) -> dict:
    errors: dict[str, list[str]] = {}
    name = (row.get("name") or "").strip()
    if not name:
        errors["name"] = [_("Name the indicator.")]
    start, end = row.get("period_start"), row.get("period_end")
    if start and end and end < start:
        errors["period_end"] = [_("The end comes after the start.")]
    if errors:
        raise ValidationError(errors)
    actual = row.get("actual")
    return {
        "name": name[:200],
        "unit": (row.get("unit") or "").strip()[:40],
        "baseline": _parse_amount(row.get("baseline") or 0, "baseline"),
        "target": _parse_amount(row.get("target"), "target"),
        "actual": None if actual in (None, "") else _parse_amount(actual, "actual"),
        "period_start": start,
        "period_end": end,
    }


def _milestone_fields(row: dict) -> dict:
    title = (row.get("title") or "").strip()
    if not title:
        raise ValidationError({"title": [_("Name the milestone.")]})
    if not row.get("due_on"):
        raise ValidationError({"due_on": [_("Give the date it is due.")]})
    return {"title": title[:200], "due_on": row["due_on"], "done_on": row.get("done_on")}


def _budget_line_fields(row: dict) -> dict:
    errors = {}
    if row.get("kind") not in BudgetLine.Kind.values:
        errors["kind"] = [_("Choose budget or funding.")]
    if not (row.get("label") or "").strip():
        errors["label"] = [_("Say what the amount is for, or where it comes from.")]
    if row.get("currency") not in CURRENCY_CODES:
        errors["currency"] = [_("Choose a currency from the list.")]
    if errors:
        raise ValidationError(errors)
    return {
        "kind": row["kind"],
        "label": row["label"].strip()[:200],
        "amount": _parse_amount(row.get("amount"), "amount"),
        "currency": row["currency"],
    }


def _coordinate(value, field: str, limit: int) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite() or abs(number) > limit:
        raise ValidationError(
            {field: [_("Enter a number from -%(limit)d to %(limit)d.") % {"limit": limit}]}
        )
    return number.quantize(Decimal("0.00001"))


def _location_fields(row: dict) -> dict:
    country = row.get("country") or ""
    if not Country.objects.filter(pk=country).exists():
        raise ValidationError({"country": [_("Choose a country from the list.")]})
    latitude = _coordinate(row.get("latitude"), "latitude", 90)
    longitude = _coordinate(row.get("longitude"), "longitude", 180)
    if (latitude is None) != (longitude is None):
        raise ValidationError(
            {"longitude": [_("Give both the latitude and the longitude, or neither.")]}
        )
    return {
        "country_id": country,
        "place": (row.get("place") or "").strip()[:100],
        "latitude": latitude,
        "longitude": longitude,
    }


PROJECT_ROWS = {
    "indicators": (Indicator, _indicator_fields),
    "milestones": (Milestone, _milestone_fields),
    "budget": (BudgetLine, _budget_line_fields),
    "locations": (ProjectLocation, _location_fields),
}


def project_save_rows(*, actor: Any, project: Project, kind: str, rows: list[dict]) -> int:
    """Change, add and delete a project's indicators, milestones or budget lines in one go.
    Each row: {"id": an existing row's id or None, "delete": bool, and its fields}. Every row is
    checked before anything is written; a row of another project is refused. Returns how many
    rows were written or deleted."""
    model, clean = PROJECT_ROWS[kind]
    if not may(actor, "cooperation.change_project", project):
        raise PermissionDenied
    checked = []
    for number, row in enumerate(rows, start=1):
        try:
            fields = None if row.get("delete") else clean(row)
        except ValidationError as error:
            raise ValidationError(
                [
                    _("Row %(number)d: %(error)s") % {"number": number, "error": message}
                    for message in error.messages
                ]
            ) from None
        checked.append((row.get("id"), bool(row.get("delete")), fields))
    with transaction.atomic():
        project = _locked_project(actor, project)
        mine = set(model.objects.filter(project=project).values_list("pk", flat=True))
        if any(pk is not None and pk not in mine for pk, _delete, _fields in checked):
            raise ValidationError(_("A row does not belong to this project."))
        written = 0
        for pk, delete, fields in checked:
            if delete:
                if pk is not None:
                    written += model.objects.filter(pk=pk, project=project).delete()[0]
            elif pk is None:
                model.objects.create(project=project, **fields)
                written += 1
            else:
                written += model.objects.filter(pk=pk, project=project).update(**fields)
        if kind == "locations":  # a place's country is one of the project's countries
            project.countries.add(*{fields["country_id"] for _pk, _d, fields in checked if fields})
        project.save(update_fields=["updated_at"])
        audit_record(actor=actor, action=f"project.{kind}", target=project, rows=written)
    return written
