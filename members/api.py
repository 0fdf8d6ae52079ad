"""The API for organisations: the public directory and profiles, and the membership application
with its review and vote, for programs. Every write goes through members.services, so the API and
the pages share one set of rules; errors are mapped to JSON by sironet.api's handlers."""

import functools
from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Path, Query, Router, Schema, Status, UploadedFile
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from accounts.auth import BearerToken, authenticated
from accounts.rules import is_committee_member
from core import data_versions
from core.page_cache import cache_anonymous_page
from core.pagination import Pagination
from members import selectors, services
from members.models import (
    ApplicationVote,
    MembershipApplication,
    Organization,
    OrganizationContact,
)
from members.rules import is_back_office, is_org_staff

router = Router()
# Public answers about organisations are cached whole for anonymous callers, until they change.
cached = decorate_view(
    cache_anonymous_page(version=data_versions.reader(data_versions.ORGANIZATIONS))
)
# The list is picked from the members' snapshot: its version is read with the page's (one query).
cached_list = decorate_view(
    cache_anonymous_page(
        version=data_versions.reader(data_versions.ORGANIZATIONS, selectors.MEMBER_DIRECTORY)
    )
)
organizations = Router(tags=["organizations"])
applications = Router(tags=["applications"], auth=authenticated)

OrganizationKind = Literal[tuple(Organization.Kind.values)]  # type: ignore[valid-type]
OrganizationStatus = Literal[tuple(Organization.Status.values)]  # type: ignore[valid-type]
ApplicationStatus = Literal[tuple(MembershipApplication.Status.values)]  # type: ignore[valid-type]
VoteChoice = Literal[tuple(ApplicationVote.Choice.values)]  # type: ignore[valid-type]
DirectorySort = Literal[tuple(selectors.DIRECTORY_SORTS)]  # type: ignore[valid-type]

LanguageCode = Annotated[str, Field(min_length=2, max_length=10)]
CountryCode = Annotated[str, Field(min_length=2, max_length=2)]
AreaSlug = Annotated[str, Field(min_length=1, max_length=40)]
OrganizationName = Annotated[str, Field(max_length=200)]


def _caller(request):
    """Who calls a public endpoint: a bearer token's owner, the session's user, or anonymous."""
    if request.headers.get("Authorization"):
        BearerToken()(request)  # sets request.user when the token is good
    return request.user


def _contact_of(organization: Organization) -> OrganizationContact | None:
    try:
        return organization.contact
    except OrganizationContact.DoesNotExist:
        return None


@functools.lru_cache(maxsize=16)
def _directory_path(language: str) -> str:
    """The directory's address in a language: a profile is it and the slug (reversed once,
    not once per organisation of a list)."""
    return reverse("members:directory")


def _names(text) -> dict[str, str]:
    return dict(text.text) if text else {}


# --- output ------------------------------------------------------------------------------------


class OrganizationOut(Schema):
    slug: str
    name: str = Field(..., description="The name in its original language and script.")
    name_language: str
    names: dict[str, str] = Field(..., description="The name by language, the original included.")
    kind: OrganizationKind
    status: OrganizationStatus
    country: str = Field(..., description="ISO 3166-1 alpha-2 code.")
    country_name: str = Field(..., description="In the reader's language (Accept-Language).")
    region: str = Field(..., description="UN M49 sub-region code.")
    city: str
    areas: list[str] = Field(..., description="Slugs of the key areas.")
    member_since: date | None
    url: str = Field(..., description="The profile page, in the reader's language.")

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.name.original_text

    @staticmethod
    def resolve_name_language(obj) -> str:
        return obj.name.original

    @staticmethod
    def resolve_names(obj) -> dict[str, str]:
        return _names(obj.name)

    @staticmethod
    def resolve_country(obj) -> str:
        return obj.country_id

    @staticmethod
    def resolve_country_name(obj) -> str:
        return obj.country.name

    @staticmethod
    def resolve_region(obj) -> str:
        return obj.country.region_id

    @staticmethod
    def resolve_areas(obj) -> list[str]:
        # A list's organisations carry their areas' slugs (selectors.DirectoryList).
        slugs = getattr(obj, "area_slugs", None)
        return slugs if slugs is not None else [area.slug for area in obj.areas.all()]

    @staticmethod
    def resolve_url(obj) -> str:
        return f"{_directory_path(get_language())}{obj.slug}/"


class PublicStaffOut(Schema):
    name: str
    title: str

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.user.full_name


class PublicContactOut(Schema):
    name: str
    email: str
    phone: str


class OrganizationDetailOut(OrganizationOut):
    founded_year: int | None
    website: str
    description: str | None = Field(..., description="In its original language.")
    description_language: str | None
    countries_of_activity: list[str]
    working_languages: list[str]
    staff_count: int | None
    volunteer_count: int | None
    staff: list[PublicStaffOut] = Field(..., description="The staff who chose to be shown.")
    contact: PublicContactOut | None = Field(
        ..., description="Only when the contact person agreed to be shown publicly."
    )

    @staticmethod
    def resolve_description(obj) -> str | None:
        return obj.description.original_text if obj.description else None

    @staticmethod
    def resolve_description_language(obj) -> str | None:
        return obj.description.original if obj.description else None

    @staticmethod
    def resolve_countries_of_activity(obj) -> list[str]:
        return sorted(country.code for country in obj.countries_of_activity.all())

    @staticmethod
    def resolve_staff(obj) -> list:
        return list(obj.public_staff)

    @staticmethod
    def resolve_contact(obj) -> OrganizationContact | None:
        contact = _contact_of(obj)
        return contact if contact is not None and contact.public else None


class ApplicationContactOut(Schema):
    name: str
    email: str
    phone: str
    public: bool


class ApplicationOrganizationOut(Schema):
    slug: str
    name: str
    name_language: str
    names: dict[str, str]
    kind: OrganizationKind
    status: OrganizationStatus
    country: str
    city: str
    founded_year: int | None
    website: str
    registration_number: str
    registering_authority: str
    description: str | None
    description_language: str | None
    areas: list[str]
    countries_of_activity: list[str]
    working_languages: list[str]
    staff_count: int | None
    volunteer_count: int | None
    contact: ApplicationContactOut | None

    resolve_name = staticmethod(OrganizationOut.resolve_name)
    resolve_name_language = staticmethod(OrganizationOut.resolve_name_language)
    resolve_names = staticmethod(OrganizationOut.resolve_names)
    resolve_country = staticmethod(OrganizationOut.resolve_country)
    resolve_areas = staticmethod(OrganizationOut.resolve_areas)
    resolve_description = staticmethod(OrganizationDetailOut.resolve_description)
    resolve_description_language = staticmethod(OrganizationDetailOut.resolve_description_language)
    resolve_countries_of_activity = staticmethod(
        OrganizationDetailOut.resolve_countries_of_activity
    )

    @staticmethod
    def resolve_contact(obj) -> OrganizationContact | None:
        return _contact_of(obj)


class ApplicationDocumentOut(Schema):
    id: int
    original_name: str
    content_type: str
    size: int
    description: str
    uploaded_at: datetime


class ApplicationMessageOut(Schema):
    kind: Literal["question", "answer", "decision"]
    text: str
    created_at: datetime


class ApplicationSummaryOut(Schema):
    id: int
    status: ApplicationStatus
    organization: str = Field(..., description="The organisation's slug.")
    name: str = Field(..., description="The organisation's name in its original language.")
    country: str
    created_at: datetime
    submitted_at: datetime | None
    forwarded_at: datetime | None
    decided_at: datetime | None

    @staticmethod
    def resolve_organization(obj) -> str:
        return obj.organization.slug

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.organization.name.original_text

    @staticmethod
    def resolve_country(obj) -> str:
        return obj.organization.country_id


class ApplicationOut(Schema):
    id: int
    status: ApplicationStatus
    organization: ApplicationOrganizationOut
    created_at: datetime
    submitted_at: datetime | None
    forwarded_at: datetime | None
    decided_at: datetime | None
    decision_reason: str
    constitution_version: int | None = Field(
        ..., description="The version of the Constitution the applicant accepted."
    )
    constitution_accepted_at: datetime | None
    endorsed_by: str | None = Field(..., description="Slug of the endorsing member organisation.")
    documents: list[ApplicationDocumentOut]
    messages: list[ApplicationMessageOut] = Field(
        ..., description="Questions, answers and the decision, oldest first."
    )
    missing: list[str] = Field(..., description="What a draft still needs before it is submitted.")

    @staticmethod
    def resolve_constitution_version(obj) -> int | None:
        return obj.constitution_version.number if obj.constitution_version_id else None

    @staticmethod
    def resolve_endorsed_by(obj) -> str | None:
        return obj.endorsed_by.slug if obj.endorsed_by_id else None

    @staticmethod
    def resolve_documents(obj) -> list:
        return list(obj.documents.all())

    @staticmethod
    def resolve_messages(obj) -> list:
        return list(obj.messages.all())

    @staticmethod
    def resolve_missing(obj) -> list[str]:
        if obj.status != MembershipApplication.Status.DRAFT:
            return []
        return [str(part) for part in services.application_missing_parts(obj)]


class VoteOut(Schema):
    choice: VoteChoice
    cast_at: datetime
    application_status: ApplicationStatus = Field(
        ..., description="`approved` or `rejected` once this vote decided the application."
    )

    @staticmethod
    def resolve_application_status(obj) -> str:
        return obj.application.status


class VoteTallyOut(Schema):
    approve: int
    reject: int
    abstain: int
    cast: int
    quorum: int = Field(..., description="Votes that must be cast before the outcome counts.")
    seats: int


# --- input -------------------------------------------------------------------------------------


class DirectoryQuery(Schema):
    q: str = Field("", max_length=100, description="Words of the name, in any script.")
    country: str = Field("", max_length=2, description="ISO 3166-1 alpha-2 code.")
    region: str = Field("", max_length=3, description="UN M49 sub-region code.")
    area: str = Field("", max_length=40, description="Key area slug.")
    language: str = Field("", max_length=10, description="A working language code.")
    sort: DirectorySort = "name"


class ApplicationContactIn(Schema):
    name: str = Field(..., min_length=1, max_length=150)
    email: str = Field(..., min_length=3, max_length=254)
    phone: str = Field("", max_length=40)
    public: bool = Field(False, description="The person agrees to be shown on the public profile.")


class _ApplicationFields(Schema):
    city: str | None = Field(None, max_length=100)
    founded_year: int | None = Field(None, ge=1800, le=2100)
    website: str | None = Field(None, max_length=200)
    registration_number: str | None = Field(None, max_length=80)
    registering_authority: str | None = Field(None, max_length=200)
    description: str | None = Field(None, max_length=5000)
    description_language: LanguageCode | None = None
    areas: list[AreaSlug] | None = Field(None, max_length=10)
    countries_of_activity: list[CountryCode] | None = Field(None, max_length=250)
    working_languages: list[LanguageCode] | None = Field(None, max_length=20)
    staff_count: int | None = Field(None, ge=0, le=10_000_000)
    volunteer_count: int | None = Field(None, ge=0, le=100_000_000)
    contact: ApplicationContactIn | None = None


class ApplicationCreateIn(_ApplicationFields):
    names: dict[LanguageCode, OrganizationName] = Field(
        ...,
        min_length=1,
        max_length=10,
        description="The name by language; the original language is required.",
        examples=[{"zh-hans": "丝路青年发展中心", "en": "Silk Road Youth Development Centre"}],
    )
    original_language: LanguageCode
    country: CountryCode
    kind: OrganizationKind = Organization.Kind.NGO.value


class ApplicationPatchIn(_ApplicationFields):
    """Any subset of the fields; those left out stay as they are."""

    names: dict[LanguageCode, OrganizationName] | None = Field(None, min_length=1, max_length=10)
    original_language: LanguageCode | None = None
    country: CountryCode | None = None
    kind: OrganizationKind | None = None


class SubmitIn(Schema):
    accept_constitution: bool = Field(..., description="The applicant accepts the Constitution.")


class AnswerIn(Schema):
    text: str = Field(..., min_length=1, max_length=5000)


class ReturnIn(Schema):
    question: str = Field(..., min_length=1, max_length=5000)


class RejectIn(Schema):
    reason: str = Field(..., min_length=1, max_length=5000)


class EndorseIn(Schema):
    organization: str = Field(
        ..., min_length=1, max_length=80, description="Slug of the endorsing member organisation."
    )


class VoteIn(Schema):
    choice: VoteChoice


# --- organisations (public) ----------------------------------------------------------------------


@organizations.get(
    "/organizations",
    response=list[OrganizationOut],
    auth=None,
    summary="Member organisations (the directory)",
)
@paginate(Pagination)
@cached_list
def list_organizations(request, filters: Query[DirectoryQuery]):
    return selectors.directory_list(selectors.DirectoryFilters(**filters.dict()))


@organizations.get(
    "/organizations/{slug}",
    response=OrganizationDetailOut,
    auth=None,
    summary="One organisation's public profile",
    description="Applicants are visible only to their own staff and to the Secretariat.",
)
@cached
def get_organization(
    request,
    slug: str = Path(..., pattern=r"^[-a-zA-Z0-9_]+$", max_length=80),  # as Organization.slug
):
    organization = selectors.organization_profile(slug)
    if organization.status == Organization.Status.APPLICANT:
        user = _caller(request)
        if not (is_org_staff(user, organization) or is_back_office(user)):
            raise Http404
    return organization


# --- applications (authenticated) ----------------------------------------------------------------


def _visible(request, application_id: int) -> MembershipApplication:
    """The application, if the caller may see it; otherwise 404 (its existence stays private)."""
    application = MembershipApplication.objects.get(pk=application_id)
    if not request.user.has_perm("members.view_application", application):
        raise Http404
    return application


def _detail(application_id: int) -> MembershipApplication:
    return selectors.application_detail(application_id)


@applications.get(
    "/applications",
    response=list[ApplicationSummaryOut],
    summary="Membership applications: mine, or all for the Secretariat",
)
@paginate(Pagination)
def list_applications(request, status: ApplicationStatus | None = None):
    return selectors.application_list(actor=request.user, status=status or "")


@applications.post(
    "/applications",
    response={201: ApplicationOut},
    summary="Start an application (a draft); the caller becomes the organisation's admin",
)
def create_application(request, payload: ApplicationCreateIn):
    fields: dict[str, Any] = payload.dict(exclude_unset=True)
    contact = fields.pop("contact", None)
    with transaction.atomic():
        application = services.application_create(actor=request.user, **fields)
        if contact is not None:
            services.application_update(
                actor=request.user, application=application, contact=contact
            )
    return Status(201, _detail(application.pk))


@applications.get(
    "/applications/{application_id}", response=ApplicationOut, summary="One application"
)
def get_application(request, application_id: int):
    _visible(request, application_id)
    return _detail(application_id)


@applications.patch(
    "/applications/{application_id}",
    response=ApplicationOut,
    summary="Change a draft, or an application returned with questions",
)
def update_application(request, application_id: int, payload: ApplicationPatchIn):
    application = _visible(request, application_id)
    services.application_update(
        actor=request.user, application=application, **payload.dict(exclude_unset=True)
    )
    return _detail(application_id)


@applications.post(
    "/applications/{application_id}/documents",
    response={201: ApplicationDocumentOut},
    summary="Attach a supporting document (PDF, PNG or JPEG)",
)
def add_document(
    request,
    application_id: int,
    file: File[UploadedFile],
    description: str = Form("", max_length=200),
):
    application = _visible(request, application_id)
    document = services.application_add_document(
        actor=request.user, application=application, upload=file, description=description
    )
    return Status(201, document)


@applications.delete(
    "/applications/{application_id}/documents/{document_id}",
    response={204: None},
    summary="Remove a supporting document",
)
def remove_document(request, application_id: int, document_id: int):
    application = _visible(request, application_id)
    document = application.documents.get(pk=document_id)
    services.application_remove_document(actor=request.user, document=document)
    return Status(204, None)


@applications.post(
    "/applications/{application_id}/submit",
    response=ApplicationOut,
    summary="Submit a complete draft, accepting the Constitution",
)
def submit_application(request, application_id: int, payload: SubmitIn):
    application = _visible(request, application_id)
    services.application_submit(
        actor=request.user,
        application=application,
        accept_constitution=payload.accept_constitution,
    )
    return _detail(application_id)


@applications.post(
    "/applications/{application_id}/answer",
    response=ApplicationOut,
    summary="Answer the Secretariat's question and send the application back",
)
def answer_application(request, application_id: int, payload: AnswerIn):
    application = _visible(request, application_id)
    services.application_answer(actor=request.user, application=application, text=payload.text)
    return _detail(application_id)


@applications.post(
    "/applications/{application_id}/endorse",
    response=ApplicationOut,
    summary="Endorse an applicant, as an admin of a member organisation",
)
def endorse_application(request, application_id: int, payload: EndorseIn):
    application = MembershipApplication.objects.get(pk=application_id)
    endorser = Organization.objects.filter(slug=payload.organization).first()
    if endorser is None:
        raise ValidationError({"organization": _("Choose one of your member organisations.")})
    services.application_endorse(actor=request.user, application=application, organization=endorser)
    return _detail(application_id)


@applications.post(
    "/applications/{application_id}/forward",
    response=ApplicationOut,
    summary="Put the application before the Steering Committee (Secretariat)",
)
def forward_application(request, application_id: int):
    application = MembershipApplication.objects.get(pk=application_id)
    services.application_forward(actor=request.user, application=application)
    return _detail(application_id)


@applications.post(
    "/applications/{application_id}/return",
    response=ApplicationOut,
    summary="Return the application to the applicant with a question (Secretariat)",
)
def return_application(request, application_id: int, payload: ReturnIn):
    application = MembershipApplication.objects.get(pk=application_id)
    services.application_return(
        actor=request.user, application=application, question=payload.question
    )
    return _detail(application_id)


@applications.post(
    "/applications/{application_id}/reject",
    response=ApplicationOut,
    summary="Reject the application, giving the reason (Secretariat)",
)
def reject_application(request, application_id: int, payload: RejectIn):
    application = MembershipApplication.objects.get(pk=application_id)
    services.application_reject(actor=request.user, application=application, reason=payload.reason)
    return _detail(application_id)


@applications.post(
    "/applications/{application_id}/votes",
    response={201: VoteOut},
    summary="Vote on a forwarded application (Steering Committee)",
)
def cast_vote(request, application_id: int, payload: VoteIn):
    application = MembershipApplication.objects.get(pk=application_id)
    vote = services.application_vote(
        actor=request.user, application=application, choice=payload.choice
    )
    return Status(201, vote)


@applications.get(
    "/applications/{application_id}/votes",
    response=VoteTallyOut,
    summary="The committee's vote so far (Steering Committee and Secretariat)",
)
def vote_tally(request, application_id: int):
    application = MembershipApplication.objects.get(pk=application_id)
    if not (is_committee_member(request.user) or is_back_office(request.user)):
        raise PermissionDenied
    return services.vote_tally(application)


router.add_router("/", organizations)
router.add_router("/", applications)
