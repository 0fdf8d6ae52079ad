"""Every write about organisations: applying, reviewing, voting, the membership lifecycle, staff.

Each function is one use case: keyword-only, one transaction, permission checked first,
privileged actions written to the audit log, emails queued after commit.
"""

import math
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.models import NetworkRole, User
from accounts.rules import is_committee_member
from core.data_versions import ORGANIZATIONS, touch
from core.models import Country, KeyArea
from core.multilingual import MultilingualText, normalise_language
from core.notifications import notify
from core.services import audit_record
from governance.models import Body, DocumentVersion, NetworkDocument
from members.models import (
    ApplicationDocument,
    ApplicationMessage,
    ApplicationVote,
    IdentityChange,
    MembershipApplication,
    Organization,
    OrganizationContact,
    OrganizationStaff,
    StaffInvitation,
    StatusChange,
    hash_invitation_key,
)

Status = MembershipApplication.Status
OrgStatus = Organization.Status

IDENTITY_FIELDS = ("names", "country", "registration_number", "registering_authority")
PROFILE_FIELDS = (
    "kind",
    "city",
    "founded_year",
    "website",
    "description",
    "description_language",
    "areas",
    "countries_of_activity",
    "working_languages",
    "staff_count",
    "volunteer_count",
)
DOCUMENT_TYPES = {
    b"%PDF-": ("application/pdf", ".pdf"),
    b"\x89PNG\r\n\x1a\n": ("image/png", ".png"),
    b"\xff\xd8\xff": ("image/jpeg", ".jpg"),
}
MAX_DOCUMENTS = 10


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def _touch(organization_id: int) -> None:
    """The organisation's public profile changed without its row changing (its staff): mark the
    row updated, so cached pages showing it are renewed."""
    Organization.objects.filter(pk=organization_id).update(updated_at=timezone.now())
    touch(ORGANIZATIONS)


def _forget_roles(user: User) -> None:
    user.__dict__.pop("_organization_roles_cache", None)


# --- cleaning input shared by the pages and the API -------------------------------------------


def _clean_names(names: dict[str, str], original_language: str) -> MultilingualText:
    original_language = normalise_language(original_language)
    cleaned = {normalise_language(k): (v or "").strip() for k, v in (names or {}).items()}
    cleaned = {k: v for k, v in cleaned.items() if v}
    errors = []
    if not original_language or len(original_language) > 10:
        errors.append(_("Choose the language of the name."))
    elif not cleaned.get(original_language):
        errors.append(_("Give the organisation's name in its original language."))
    if any(len(v) > 200 for v in cleaned.values()):
        errors.append(_("Ensure this value has at most 200 characters."))
    if errors:
        raise ValidationError({"names": errors})
    text = MultilingualText(
        original=original_language, text={original_language: cleaned.pop(original_language)}
    )
    for language, value in cleaned.items():
        text.add_translation(language, value)
    return text


def _clean_country(code: str | None, field: str = "country") -> Country:
    country = Country.objects.filter(code=(code or "").upper()).first()
    if country is None:
        raise ValidationError({field: _("Choose a country from the list.")})
    return country


def _unique_slug(text: MultilingualText, country: Country) -> str:
    base = slugify(text.text.get("en") or text.original_text) or f"org-{country.code.lower()}"
    base = base[:60].strip("-") or "org"
    slug = base
    while Organization.objects.filter(slug=slug).exists():
        slug = f"{base}-{secrets.token_hex(2)}"
    return slug


def _apply_profile_fields(organization: Organization, fields: dict[str, Any]) -> list[str]:
    """Set the non-identity fields present in `fields`; return the names of those set."""
    changed = []
    simple = {"kind", "city", "founded_year", "website", "staff_count", "volunteer_count"}
    for name in simple & fields.keys():
        value = fields[name]
        setattr(organization, name, "" if value is None and name in {"city", "website"} else value)
        changed.append(name)
    if "description" in fields:
        text = (fields["description"] or "").strip()
        language = normalise_language(
            fields.get("description_language") or organization.name.original
        )
        if len(text) > 5000:
            raise ValidationError(
                {"description": _("Ensure this value has at most 5000 characters.")}
            )
        organization.description = MultilingualText.create(text, language) if text else None
        changed.append("description")
    if "working_languages" in fields:
        languages = sorted({normalise_language(code) for code in fields["working_languages"] or []})
        if any(len(code) > 10 for code in languages) or len(languages) > 20:
            raise ValidationError({"working_languages": _("Choose languages from the list.")})
        organization.working_languages = languages
        changed.append("working_languages")
    founded = fields.get("founded_year")
    if founded is not None and not 1800 <= int(founded) <= timezone.now().year:
        raise ValidationError({"founded_year": _("Give a year between 1800 and this year.")})
    if "kind" in fields and fields["kind"] not in Organization.Kind.values:
        raise ValidationError({"kind": _("Choose a type from the list.")})
    return changed


def _set_relations(organization: Organization, fields: dict[str, Any]) -> None:
    if "areas" in fields:
        slugs = set(fields["areas"] or [])
        areas = list(KeyArea.objects.filter(slug__in=slugs))
        if len(areas) != len(slugs):
            raise ValidationError({"areas": _("Choose key areas from the list.")})
        organization.areas.set(areas)
    if "countries_of_activity" in fields:
        codes = {code.upper() for code in fields["countries_of_activity"] or []}
        countries = list(Country.objects.filter(code__in=codes))
        if len(countries) != len(codes):
            raise ValidationError({"countries_of_activity": _("Choose countries from the list.")})
        organization.countries_of_activity.set(countries)


def _validate_row(organization: Organization) -> None:
    try:
        organization.full_clean(exclude=["slug", "areas", "countries_of_activity"])
    except ValidationError as error:
        raise ValidationError(error.message_dict) from None


# --- applying ---------------------------------------------------------------------------------


def current_constitution() -> DocumentVersion | None:
    document = NetworkDocument.objects.filter(kind=NetworkDocument.Kind.CONSTITUTION).first()
    return document.versions.order_by("-number").first() if document else None


@transaction.atomic
def application_create(
    *,
    actor: User,
    names: dict[str, str],
    original_language: str,
    country: str,
    kind: str = Organization.Kind.NGO,
    **fields: Any,
) -> MembershipApplication:
    """Start an application: the organisation (as applicant) and a draft; the actor becomes its admin."""
    _require(actor.is_authenticated)
    unknown = set(fields) - {
        *PROFILE_FIELDS,
        "registration_number",
        "registering_authority",
        "contact",
    }
    if unknown:
        raise TypeError(f"application_create() got unexpected fields: {sorted(unknown)}")
    contact = fields.pop("contact", None)
    name = _clean_names(names, original_language)
    country_row = _clean_country(country)
    organization = Organization(
        slug=_unique_slug(name, country_row), name=name, country=country_row, kind=kind
    )
    for field in ("registration_number", "registering_authority"):
        if field in fields:
            setattr(organization, field, (fields.pop(field) or "").strip())
    _apply_profile_fields(organization, fields)
    _validate_row(organization)
    organization.save()
    _set_relations(organization, fields)
    if contact is not None:
        _save_contact(organization, contact)
    OrganizationStaff.objects.create(
        organization=organization, user=actor, role=OrganizationStaff.Role.ADMIN
    )
    _forget_roles(actor)
    return MembershipApplication.objects.create(organization=organization, applicant=actor)


def _lock_application(application_id: int) -> MembershipApplication:
    return (
        MembershipApplication.objects.select_for_update()
        .select_related("organization")
        .get(pk=application_id)
    )


@transaction.atomic
def application_update(
    *, actor: User, application: MembershipApplication, **fields: Any
) -> MembershipApplication:
    """Save a step of a draft (or of an application returned with questions)."""
    application = _lock_application(application.pk)
    _require(actor.has_perm("members.edit_application", application))
    if not application.is_editable:
        raise ValidationError(_("This application can no longer be changed."))
    organization = application.organization
    if "names" in fields:
        organization.name = _clean_names(
            fields.pop("names"), fields.pop("original_language", organization.name.original)
        )
    if "country" in fields:
        organization.country = _clean_country(fields.pop("country"))
    for field in ("registration_number", "registering_authority"):
        if field in fields:
            setattr(organization, field, (fields.pop(field) or "").strip())
    contact = fields.pop("contact", None)
    _apply_profile_fields(organization, fields)
    _validate_row(organization)
    organization.save()
    _set_relations(organization, fields)
    if contact is not None:
        _save_contact(organization, contact)
    return application


def _save_contact(organization: Organization, contact: dict[str, Any]) -> None:
    row = OrganizationContact.objects.filter(
        organization=organization
    ).first() or OrganizationContact(organization=organization)
    row.name = (contact.get("name") or "").strip()
    row.email = (contact.get("email") or "").strip()
    row.phone = (contact.get("phone") or "").strip()
    row.public = bool(contact.get("public"))
    try:
        row.full_clean(exclude=["organization"])
    except ValidationError as error:
        raise ValidationError({f"contact_{k}": v for k, v in error.message_dict.items()}) from None
    row.save()


def sniff_document_type(head: bytes) -> tuple[str, str] | None:
    for magic, kind in DOCUMENT_TYPES.items():
        if head.startswith(magic):
            return kind
    return None


@transaction.atomic
def application_add_document(
    *, actor: User, application: MembershipApplication, upload, description: str = ""
) -> ApplicationDocument:
    """Attach a PDF or image. The type is read from the file's first bytes, not its name."""
    application = _lock_application(application.pk)
    _require(actor.has_perm("members.edit_application", application))
    if not application.is_editable:
        raise ValidationError(_("This application can no longer be changed."))
    if application.documents.count() >= MAX_DOCUMENTS:
        raise ValidationError(
            {
                "file": _("An application holds at most %(count)d documents.")
                % {"count": MAX_DOCUMENTS}
            }
        )
    if upload.size > settings.MEMBERSHIP_DOCUMENT_MAX_BYTES:
        raise ValidationError(
            {
                "file": _("The file is too large: at most %(size)s.")
                % {"size": filesizeformat(settings.MEMBERSHIP_DOCUMENT_MAX_BYTES)}
            }
        )
    if upload.size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    upload.seek(0)
    kind = sniff_document_type(upload.read(16))
    upload.seek(0)
    if kind is None:
        raise ValidationError({"file": _("Upload a PDF, PNG or JPEG file.")})
    content_type, extension = kind
    original_name = (upload.name or "document").rsplit("/", 1)[-1][-150:]
    safe_name = (slugify(original_name.rsplit(".", 1)[0]) or "document")[:60] + extension
    document = ApplicationDocument(
        application=application,
        original_name=original_name,
        content_type=content_type,
        size=upload.size,
        description=(description or "").strip()[:200],
    )
    document.file.save(safe_name, upload, save=False)
    document.save()
    return document


@transaction.atomic
def application_remove_document(*, actor: User, document: ApplicationDocument) -> None:
    application = _lock_application(document.application_id)
    _require(actor.has_perm("members.edit_application", application))
    if not application.is_editable:
        raise ValidationError(_("This application can no longer be changed."))
    document.delete()  # its file leaves storage once committed (core.uploads)


def application_missing_parts(application: MembershipApplication) -> list[str]:
    """What still stands between a draft and its submission, in words for the applicant."""
    organization = application.organization
    missing = []
    if not organization.areas.exists():
        missing.append(_("at least one key area"))
    if not organization.description:
        missing.append(_("a description of the organisation"))
    if not OrganizationContact.objects.filter(organization=organization).exists():
        missing.append(_("a contact person"))
    if not application.documents.exists():
        missing.append(_("at least one supporting document"))
    return missing


def _secretariat_users():
    return User.objects.filter(network_roles__role=NetworkRole.Role.SECRETARIAT, is_active=True)


def _notify_secretariat(application: MembershipApplication) -> None:
    notify(
        template="application_for_review",
        context={"application_id": application.pk, "name": str(application.organization.name)},
        users=_secretariat_users(),
    )


def _required_text(value: str | None, *, field: str, missing: str, limit: int = 5000) -> str:
    """A text a person must write (a question, an answer, a reason), trimmed and bounded."""
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: missing})
    if len(value) > limit:
        raise ValidationError(
            {field: _("Ensure this value has at most %(limit)d characters.") % {"limit": limit}}
        )
    return value


def _committee_users():
    return User.objects.filter(network_roles__role=NetworkRole.Role.COMMITTEE, is_active=True)


@transaction.atomic
def application_submit(
    *, actor: User, application: MembershipApplication, accept_constitution: bool
) -> MembershipApplication:
    """Send a complete draft to review. The applicant accepts the current Constitution."""
    application = _lock_application(application.pk)
    _require(actor.has_perm("members.edit_application", application))
    if application.status != Status.DRAFT:
        raise ValidationError(_("Only a draft can be submitted."))
    missing = application_missing_parts(application)
    if missing:
        raise ValidationError(
            _("The application still needs: %(parts)s.") % {"parts": ", ".join(missing)}
        )
    constitution = current_constitution()
    if constitution is None:
        raise ValidationError(
            _("The network has not published its Constitution yet; applications open once it has.")
        )
    if not accept_constitution:
        raise ValidationError({"accept_constitution": _("Accept the Constitution to apply.")})
    application.constitution_version = constitution
    application.constitution_accepted_at = timezone.now()
    application.submitted_at = timezone.now()
    if settings.MEMBERSHIP_ENDORSEMENT_REQUIRED and application.endorsed_by_id is None:
        application.status = Status.AWAITING_ENDORSEMENT
    else:
        application.status = Status.SUBMITTED
        _notify_secretariat(application)
    application.save()
    audit_record(actor=actor, action="application.submit", target=application)
    notify(
        template="application_submitted",
        context=_mail_context(application),
        users=[application.applicant],
    )
    return application


def _mail_context(application: MembershipApplication, **extra: Any) -> dict[str, Any]:
    return {
        "application_id": application.pk,
        "name": application.organization.name.original_text,
        "status": application.status,
        **extra,
    }


@transaction.atomic
def application_endorse(
    *, actor: User, application: MembershipApplication, organization: Organization
) -> MembershipApplication:
    """An admin of a member organisation vouches for the applicant, before review."""
    application = _lock_application(application.pk)
    _require(
        organization.status == OrgStatus.MEMBER
        and actor.has_perm("members.edit_organization", organization)
    )
    if application.status not in (Status.DRAFT, Status.AWAITING_ENDORSEMENT):
        raise ValidationError(_("This application is past the endorsement step."))
    if organization.pk == application.organization_id or actor.pk == application.applicant_id:
        raise PermissionDenied  # nobody vouches for themselves
    application.endorsed_by = organization
    if application.status == Status.AWAITING_ENDORSEMENT:
        application.status = Status.SUBMITTED
        _notify_secretariat(application)
    application.save()
    audit_record(
        actor=actor, action="application.endorse", target=application, endorsed_by=organization.slug
    )
    return application


@transaction.atomic
def application_answer(
    *, actor: User, application: MembershipApplication, text: str
) -> MembershipApplication:
    """The applicant answers the Secretariat's questions and sends the application back."""
    application = _lock_application(application.pk)
    _require(actor.has_perm("members.edit_application", application))
    if application.status != Status.RETURNED:
        raise ValidationError(_("There is no question to answer."))
    text = _required_text(text, field="text", missing=_("Write your answer."))
    ApplicationMessage.objects.create(
        application=application, author=actor, kind=ApplicationMessage.Kind.ANSWER, text=text
    )
    application.status = Status.SUBMITTED
    application.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="application.answer", target=application)
    _notify_secretariat(application)
    return application


@transaction.atomic
def application_return(
    *, actor: User, application: MembershipApplication, question: str
) -> MembershipApplication:
    """The Secretariat sends the application back to the applicant with questions."""
    application = _lock_application(application.pk)
    _require(actor.has_perm("members.review_application", application))
    if application.status != Status.SUBMITTED:
        raise ValidationError(_("Only an application under review can be returned."))
    question = _required_text(
        question, field="question", missing=_("Write the question for the applicant.")
    )
    ApplicationMessage.objects.create(
        application=application, author=actor, kind=ApplicationMessage.Kind.QUESTION, text=question
    )
    application.status = Status.RETURNED
    application.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="application.return", target=application)
    notify(
        template="application_returned",
        context=_mail_context(application, question=question),
        users=[application.applicant],
    )
    return application


@transaction.atomic
def application_forward(
    *, actor: User, application: MembershipApplication
) -> MembershipApplication:
    """The Secretariat finds the application in order and puts it before the Steering Committee."""
    application = _lock_application(application.pk)
    _require(actor.has_perm("members.review_application", application))
    if application.status != Status.SUBMITTED:
        raise ValidationError(_("Only an application under review can be forwarded."))
    application.status = Status.FORWARDED
    application.forwarded_at = timezone.now()
    application.save(update_fields=["status", "forwarded_at", "updated_at"])
    audit_record(actor=actor, action="application.forward", target=application)
    notify(
        template="application_forwarded",
        context=_mail_context(application),
        users=[application.applicant],
    )
    notify(
        template="application_for_vote",
        context=_mail_context(application),
        users=_committee_users(),
    )
    return application


def _decide(
    application: MembershipApplication, *, approved: bool, actor: User | None, reason: str
) -> None:
    now = timezone.now()
    application.status = Status.APPROVED if approved else Status.REJECTED
    application.decided_at = now
    application.decision_reason = reason
    application.save(update_fields=["status", "decided_at", "decision_reason", "updated_at"])
    ApplicationMessage.objects.create(
        application=application, author=actor, kind=ApplicationMessage.Kind.DECISION, text=reason
    )
    if approved:
        _change_status(application.organization, OrgStatus.MEMBER, actor=actor, reason=reason)
    audit_record(
        actor=actor,
        action="application.approve" if approved else "application.reject",
        target=application,
        reason=reason,
    )
    notify(
        template="application_approved" if approved else "application_rejected",
        context=_mail_context(application, reason=reason, slug=application.organization.slug),
        users=[application.applicant],
    )


@transaction.atomic
def application_reject(
    *, actor: User, application: MembershipApplication, reason: str
) -> MembershipApplication:
    """The Secretariat rejects an application under review, giving the reason."""
    application = _lock_application(application.pk)
    _require(actor.has_perm("members.review_application", application))
    if application.status not in (Status.SUBMITTED, Status.AWAITING_ENDORSEMENT):
        raise ValidationError(_("Only an application under review can be rejected."))
    reason = _required_text(reason, field="reason", missing=_("Give the reason for the rejection."))
    _decide(application, approved=False, actor=actor, reason=reason)
    return application


def committee_seats() -> int:
    """Seats of the Steering Committee: the body's figure, else the number of its members."""
    body = Body.objects.filter(kind=Body.Kind.STEERING_COMMITTEE).first()
    if body and body.seats:
        return body.seats
    return _committee_users().count()


def vote_tally(application: MembershipApplication) -> dict[str, int]:
    counts = application.votes.aggregate(
        approve=Count("pk", filter=Q(choice=ApplicationVote.Choice.APPROVE)),
        reject=Count("pk", filter=Q(choice=ApplicationVote.Choice.REJECT)),
        abstain=Count("pk", filter=Q(choice=ApplicationVote.Choice.ABSTAIN)),
    )
    counts["cast"] = counts["approve"] + counts["reject"] + counts["abstain"]
    counts["seats"] = committee_seats()
    counts["quorum"] = max(1, math.ceil(counts["seats"] * settings.COMMITTEE_QUORUM))
    return counts


def vote_outcome(tally: dict[str, int]) -> str | None:
    """approve / reject once the quorum is reached and one side has a majority of the votes cast
    for or against; None while the vote is open (no quorum yet, or a tie)."""
    if tally["cast"] < tally["quorum"]:
        return None
    if tally["approve"] > tally["reject"]:
        return "approve"
    if tally["reject"] > tally["approve"]:
        return "reject"
    return None


@transaction.atomic
def application_vote(
    *, actor: User, application: MembershipApplication, choice: str
) -> ApplicationVote:
    """A committee member votes. The row lock makes the count and the outcome exact under load."""
    _require(is_committee_member(actor))
    if choice not in ApplicationVote.Choice.values:
        raise ValidationError({"choice": _("Vote approve, reject or abstain.")})
    application = _lock_application(application.pk)
    if application.status != Status.FORWARDED:
        raise ValidationError(_("This application is not open for a vote."))
    try:
        with transaction.atomic():
            vote = ApplicationVote.objects.create(
                application=application, voter=actor, choice=choice
            )
    except IntegrityError:
        raise ValidationError(
            {"choice": _("You have already voted on this application.")}
        ) from None
    audit_record(actor=actor, action="application.vote", target=application, choice=choice)
    tally = vote_tally(application)
    outcome = vote_outcome(tally)
    if outcome:
        summary = (
            _(
                "Steering Committee vote: %(approve)d for, %(reject)d against, %(abstain)d abstaining."
            )
            % tally
        )
        _decide(application, approved=outcome == "approve", actor=None, reason=summary)
        if outcome == "approve":
            # The approval is a decision of the Steering Committee: into the register.
            from governance.services import decision_record_membership

            decision_record_membership(application=application)
    return vote


# --- the membership lifecycle -----------------------------------------------------------------

ALLOWED_TRANSITIONS = {
    (OrgStatus.APPLICANT, OrgStatus.MEMBER),
    (OrgStatus.MEMBER, OrgStatus.SUSPENDED),
    (OrgStatus.MEMBER, OrgStatus.WITHDRAWN),
    (OrgStatus.SUSPENDED, OrgStatus.MEMBER),
    (OrgStatus.SUSPENDED, OrgStatus.WITHDRAWN),
    (OrgStatus.WITHDRAWN, OrgStatus.MEMBER),
}


def _change_status(
    organization: Organization, to_status: str, *, actor: User | None, reason: str
) -> None:
    from_status = organization.status
    if (from_status, to_status) not in ALLOWED_TRANSITIONS:
        raise ValidationError(_("An organisation cannot go from this status to that one."))
    organization.status = to_status
    if to_status == OrgStatus.MEMBER and organization.member_since is None:
        organization.member_since = timezone.localdate()
    organization.save(update_fields=["status", "member_since", "updated_at"])
    StatusChange.objects.create(
        organization=organization,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        reason=reason,
    )
    admins = User.objects.filter(
        organization_roles__organization=organization,
        organization_roles__role=OrganizationStaff.Role.ADMIN,
    )
    notify(
        template="status_changed",
        context={
            "name": organization.name.original_text,
            "slug": organization.slug,
            "status": to_status,
            "reason": reason,
        },
        users=admins,
    )


@transaction.atomic
def organization_change_status(
    *, actor: User, organization: Organization, to_status: str, reason: str
) -> Organization:
    """Suspend, reinstate (Secretariat) or withdraw (the organisation's admin or the Secretariat)."""
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    if to_status == OrgStatus.WITHDRAWN:
        _require(actor.has_perm("members.withdraw_organization", organization))
    elif to_status in (OrgStatus.SUSPENDED, OrgStatus.MEMBER):
        _require(actor.has_perm("members.suspend_organization", organization))
    else:
        raise ValidationError({"to_status": _("Choose suspend, reinstate or withdraw.")})
    if to_status == OrgStatus.MEMBER and organization.status == OrgStatus.APPLICANT:
        raise ValidationError(_("Applicants become members through the Steering Committee's vote."))
    reason = _required_text(
        reason, field="reason", missing=_("Give the reason for the change."), limit=2000
    )
    _change_status(organization, to_status, actor=actor, reason=reason)
    audit_record(
        actor=actor, action=f"organization.{to_status}", target=organization, reason=reason
    )
    return organization


# --- the profile ------------------------------------------------------------------------------


@transaction.atomic
def organization_update_profile(
    *, actor: User, organization: Organization, **fields: Any
) -> tuple[Organization, IdentityChange | None]:
    """An admin edits the profile. Changes to the legal identity wait for the Secretariat."""
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    _require(actor.has_perm("members.edit_organization", organization))
    identity: dict[str, Any] = {}
    if "names" in fields:
        name = _clean_names(
            fields.pop("names"), fields.pop("original_language", organization.name.original)
        )
        if (name.original, name.text) != (organization.name.original, organization.name.text):
            identity["name"] = name.to_json()
    if "country" in fields:
        country = _clean_country(fields.pop("country"))
        if country.pk != organization.country_id:
            identity["country"] = country.pk
    for field in ("registration_number", "registering_authority"):
        if field in fields:
            value = (fields.pop(field) or "").strip()[:200]
            if value != getattr(organization, field):
                identity[field] = value
    contact = fields.pop("contact", None)
    _apply_profile_fields(organization, fields)
    _validate_row(organization)
    organization.save()
    _set_relations(organization, fields)
    if contact is not None:
        _save_contact(organization, contact)
    change = None
    if identity:
        # One pending change per organisation: a newer request adds to (and overrides) the older.
        change = IdentityChange.objects.filter(
            organization=organization, status=IdentityChange.Status.PENDING
        ).first() or IdentityChange(organization=organization, changes={})
        change.changes = {**change.changes, **identity}
        change.requested_by = actor
        change.save()
        audit_record(
            actor=actor,
            action="organization.identity_change_request",
            target=organization,
            fields=sorted(identity),
        )
        notify(
            template="identity_change_requested",
            context={"name": organization.name.original_text, "slug": organization.slug},
            users=_secretariat_users(),
        )
    return organization, change


@transaction.atomic
def identity_change_decide(
    *, actor: User, change: IdentityChange, accept: bool, reason: str = ""
) -> IdentityChange:
    change = (
        IdentityChange.objects.select_for_update().select_related("organization").get(pk=change.pk)
    )
    _require(actor.has_perm("members.check_identity_change", change))
    if change.status != IdentityChange.Status.PENDING:
        raise ValidationError(_("This change has already been decided."))
    if not accept and not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for refusing the change.")})
    organization = change.organization
    if accept:
        for field, value in change.changes.items():
            if field == "name":
                organization.name = MultilingualText.from_json(value)
            elif field == "country":
                organization.country_id = value
            else:
                setattr(organization, field, value)
        organization.save()
    change.status = IdentityChange.Status.ACCEPTED if accept else IdentityChange.Status.REFUSED
    change.decided_at = timezone.now()
    change.decided_by = actor
    change.reason = (reason or "").strip()
    change.save()
    audit_record(
        actor=actor,
        action=f"organization.identity_change_{change.status}",
        target=organization,
        fields=sorted(change.changes),
    )
    if change.requested_by:
        notify(
            template="identity_change_decided",
            context={
                "name": organization.name.original_text,
                "slug": organization.slug,
                "status": change.status,
                "reason": change.reason,
            },
            users=[change.requested_by],
        )
    return change


# --- staff ------------------------------------------------------------------------------------


@transaction.atomic
def staff_invite(
    *, actor: User, organization: Organization, email: str, role: str = OrganizationStaff.Role.STAFF
) -> tuple[StaffInvitation, str]:
    """Invite someone by email; returns the invitation and its secret key (sent in the link)."""
    _require(actor.has_perm("members.manage_staff", organization))
    email = (email or "").strip().lower()
    if role not in OrganizationStaff.Role.values:
        raise ValidationError({"role": _("Choose administrator or staff.")})
    invitation = StaffInvitation(
        organization=organization, email=email, role=role, invited_by=actor
    )
    try:
        invitation.full_clean(exclude=["key_hash", "expires_at", "organization"])
    except ValidationError as error:
        raise ValidationError(error.message_dict) from None
    if organization.status == OrgStatus.WITHDRAWN:
        raise ValidationError(_("A withdrawn organisation cannot invite staff."))
    if OrganizationStaff.objects.filter(
        organization=organization, user__email__iexact=email
    ).exists():
        raise ValidationError({"email": _("This person is already on the staff.")})
    # A new invitation replaces any still-open one to the same address.
    StaffInvitation.objects.filter(
        organization=organization,
        email__iexact=email,
        accepted_at__isnull=True,
        cancelled_at__isnull=True,
    ).update(cancelled_at=timezone.now())
    raw = secrets.token_urlsafe(24)
    invitation.key_hash = hash_invitation_key(raw)
    invitation.expires_at = timezone.now() + timedelta(days=settings.STAFF_INVITATION_DAYS)
    invitation.save()
    audit_record(actor=actor, action="staff.invite", target=organization, email=email, role=role)
    notify(
        template="staff_invitation",
        context={
            "name": organization.name.original_text,
            "key": raw,
            "inviter": str(actor),
            "role": role,
        },
        emails=[email],
        language=get_language(),  # the invitee has no account yet: the inviter's language
    )
    return invitation, raw


def invitation_for_key(raw: str) -> StaffInvitation | None:
    return (
        StaffInvitation.objects.select_related("organization")
        .filter(key_hash=hash_invitation_key(raw or ""))
        .first()
    )


@transaction.atomic
def invitation_accept(*, actor: User, raw_key: str) -> OrganizationStaff:
    """The invited person, signed in with the invited address, joins the staff."""
    _require(actor.is_authenticated)
    invitation = invitation_for_key(raw_key)
    if invitation is None:
        raise StaffInvitation.DoesNotExist
    invitation = StaffInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("This invitation has expired or has already been used."))
    if invitation.email.lower() != actor.email.lower():
        raise PermissionDenied(_("This invitation was sent to another email address."))
    staff, _created = OrganizationStaff.objects.get_or_create(
        organization=invitation.organization, user=actor, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    _forget_roles(actor)
    _touch(invitation.organization_id)
    audit_record(actor=actor, action="staff.join", target=invitation.organization, role=staff.role)
    return staff


@transaction.atomic
def invitation_cancel(*, actor: User, invitation: StaffInvitation) -> None:
    _require(actor.has_perm("members.manage_staff", invitation.organization))
    if invitation.accepted_at is None and invitation.cancelled_at is None:
        invitation.cancelled_at = timezone.now()
        invitation.save(update_fields=["cancelled_at"])


def _lock_staff(organization: Organization) -> list[OrganizationStaff]:
    """Lock the organisation's row so two admins cannot both step down at once."""
    Organization.objects.select_for_update().get(pk=organization.pk)
    return list(OrganizationStaff.objects.filter(organization=organization))


@transaction.atomic
def staff_change_role(*, actor: User, staff: OrganizationStaff, role: str) -> OrganizationStaff:
    _require(actor.has_perm("members.manage_staff", staff.organization))
    if role not in OrganizationStaff.Role.values:
        raise ValidationError({"role": _("Choose administrator or staff.")})
    everyone = _lock_staff(staff.organization)
    staff = next(row for row in everyone if row.pk == staff.pk)
    admins = [row for row in everyone if row.role == OrganizationStaff.Role.ADMIN]
    if staff.role == OrganizationStaff.Role.ADMIN and role != staff.role and len(admins) == 1:
        raise ValidationError(
            {"role": _("An organisation always keeps at least one administrator.")}
        )
    staff.role = role
    staff.save(update_fields=["role"])
    _forget_roles(staff.user)
    _touch(staff.organization_id)
    audit_record(
        actor=actor,
        action="staff.role",
        target=staff.organization,
        user=staff.user.email,
        role=role,
    )
    return staff


@transaction.atomic
def staff_remove(*, actor: User, staff: OrganizationStaff) -> None:
    organization = staff.organization
    # People may leave on their own; admins may remove others.
    _require(staff.user_id == actor.pk or actor.has_perm("members.manage_staff", organization))
    everyone = _lock_staff(organization)
    admins = [row for row in everyone if row.role == OrganizationStaff.Role.ADMIN]
    if staff.role == OrganizationStaff.Role.ADMIN and len(admins) == 1:
        raise ValidationError(_("An organisation always keeps at least one administrator."))
    staff.delete()
    _forget_roles(staff.user)
    _touch(organization.pk)
    audit_record(actor=actor, action="staff.remove", target=organization, user=staff.user.email)


@transaction.atomic
def staff_update(
    *,
    actor: User,
    staff: OrganizationStaff,
    title: str | None = None,
    shown_publicly: bool | None = None,
) -> OrganizationStaff:
    """A staff member's title and whether they appear publicly: their own choice, or an admin's."""
    _require(
        staff.user_id == actor.pk or actor.has_perm("members.manage_staff", staff.organization)
    )
    if title is not None:
        staff.title = title.strip()[:100]
    if shown_publicly is not None:
        staff.shown_publicly = shown_publicly
    staff.save(update_fields=["title", "shown_publicly"])
    _touch(staff.organization_id)
    return staff


@transaction.atomic
def staff_set_representative(*, actor: User, staff: OrganizationStaff) -> OrganizationStaff:
    """Name the person who speaks and votes for the organisation in consultations."""
    _require(actor.has_perm("members.manage_staff", staff.organization))
    _lock_staff(staff.organization)
    OrganizationStaff.objects.filter(
        organization=staff.organization, is_representative=True
    ).update(is_representative=False)
    staff.is_representative = True
    staff.save(update_fields=["is_representative"])
    _touch(staff.organization_id)
    audit_record(
        actor=actor, action="staff.representative", target=staff.organization, user=staff.user.email
    )
    return staff
