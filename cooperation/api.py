"""The API for grassroots demands, their matches and offers, and projects. Every write goes
through cooperation.services, so the API and the pages share one set of rules. Contacts of
posters are never in an answer."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from accounts.auth import BearerToken, authenticated
from cooperation import matching, selectors, services
from cooperation.forms import partner_organizations
from cooperation.models import (
    CURRENCY_CODES,
    BudgetLine,
    Demand,
    Offer,
    ProgressPhoto,
    ProgressUpdate,
    Project,
)
from cooperation.rules import member_organizations_of
from core import data_versions
from core.page_cache import cache_anonymous_page
from core.pagination import Pagination
from core.schemas import TitledOut
from members.models import Organization
from members.rules import may

router = Router()
demands = Router(tags=["demands"])
projects = Router(tags=["projects"])
cached_demands = decorate_view(
    cache_anonymous_page(version=data_versions.reader(data_versions.DEMANDS))
)
cached_projects = decorate_view(
    cache_anonymous_page(version=data_versions.reader(data_versions.PROJECTS))
)

DemandStatus = Literal[tuple(Demand.Status.values)]  # type: ignore[valid-type]
Urgency = Literal[tuple(Demand.Urgency.values)]  # type: ignore[valid-type]
ProjectStatus = Literal[tuple(Project.Status.values)]  # type: ignore[valid-type]
Currency = Literal[CURRENCY_CODES]  # type: ignore[valid-type]
BudgetKind = Literal[tuple(BudgetLine.Kind.values)]  # type: ignore[valid-type]
Filter = Annotated[str, Field(max_length=100)]


def _caller(request):
    if request.headers.get("Authorization"):
        BearerToken()(request)
    return request.user


# --- output ------------------------------------------------------------------------------------


class DemandOut(TitledOut):
    id: int
    title: str = Field(..., description="In its original language.")
    titles: dict[str, str]
    language: str
    country: str
    locality: str
    region: str
    area: str
    status: DemandStatus
    urgency: Urgency
    people_concerned: int | None
    created_at: datetime
    url: str

    @staticmethod
    def resolve_country(obj) -> str:
        return obj.country_id

    @staticmethod
    def resolve_region(obj) -> str:
        return obj.country.region_id

    @staticmethod
    def resolve_area(obj) -> str:
        return obj.area_id

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("cooperation:demand", kwargs={"demand_id": obj.pk})


class StatusChangeOut(Schema):
    from_status: str
    to_status: str
    created_at: datetime


class DemandDetailOut(DemandOut):
    description: str
    descriptions: dict[str, str]
    history: list[StatusChangeOut]
    projects: list[int]

    @staticmethod
    def resolve_description(obj) -> str:
        return obj.description.original_text

    @staticmethod
    def resolve_descriptions(obj) -> dict[str, str]:
        return dict(obj.description.text)

    @staticmethod
    def resolve_history(obj) -> list:
        return list(obj.history.all())

    @staticmethod
    def resolve_projects(obj) -> list[int]:
        return [project.pk for project in obj.projects.all()]


class ReasonOut(Schema):
    signal: str
    text: str


class MatchOut(Schema):
    organization: str = Field(..., description="The organisation's slug.")
    name: str
    country: str
    score: float = Field(..., description="0 to 100.")
    signals: dict[str, float]
    reasons: list[ReasonOut]


class OfferOut(Schema):
    id: int
    demand: int
    organization: str
    contribution: str
    with_whom: str
    when: str
    status: str
    project: int | None
    created_at: datetime

    @staticmethod
    def resolve_demand(obj) -> int:
        return obj.demand_id

    @staticmethod
    def resolve_organization(obj) -> str:
        return obj.organization.slug

    @staticmethod
    def resolve_project(obj) -> int | None:
        return obj.project_id


class BudgetLineOut(Schema):
    id: int
    kind: BudgetKind
    label: str
    amount: Decimal
    currency: str


class IndicatorOut(Schema):
    id: int
    name: str
    unit: str
    baseline: Decimal
    target: Decimal
    actual: Decimal | None
    period_start: date | None
    period_end: date | None


class LocationOut(Schema):
    country: str
    place: str
    latitude: Decimal | None = Field(..., description="Decimal degrees (WGS 84).")
    longitude: Decimal | None

    @staticmethod
    def resolve_country(obj) -> str:
        return obj.country_id


class MilestoneOut(Schema):
    id: int
    title: str
    due_on: date
    done_on: date | None


class MilestoneIn(Schema):
    title: Annotated[str, Field(min_length=1, max_length=200)]
    due_on: date
    done_on: date | None = None


class PhotoOut(Schema):
    url: str = Field(..., description="The photo's full address.")
    caption: str
    width: int
    height: int

    @staticmethod
    def resolve_url(obj) -> str:
        return settings.SITE_URL + obj.image.url


class UpdateOut(Schema):
    id: int
    text: str
    created_at: datetime
    photos: list[PhotoOut]

    @staticmethod
    def resolve_photos(obj) -> list:
        return list(obj.photos.all())


# A project in the list, made of a selectors.ProjectItem (ProjectDetailOut: of a Project, with
# the resolvers reading it). No docstring: it would be the schema's description in the OpenAPI.
class ProjectOut(TitledOut):
    id: int
    title: str
    titles: dict[str, str]
    language: str
    lead: str
    countries: list[str]
    area: str
    status: ProjectStatus
    starts_on: date | None
    ends_on: date | None
    demands: list[int] = Field(..., description="The published demands the project answers.")
    url: str


class ProjectDetailOut(ProjectOut):
    summary: str | None
    partners: list[str]
    demand: int | None = Field(
        ..., description="The first of `demands` (kept for callers written for one demand)."
    )
    locations: list[LocationOut]
    sdg_goals: list[int] = Field(..., description="Its key area's goals and its own.")
    dac_sectors: list[str] = Field(..., description="Its key area's sectors and its own.")
    people_reached: int | None
    budget_lines: list[BudgetLineOut]
    indicators: list[IndicatorOut]
    milestones: list[MilestoneOut]
    updates: list[UpdateOut]
    report_every_months: int = Field(..., description="An active project reports this often.")
    report_overdue: Literal["", "amber", "red"] = Field(
        ..., description="amber: one reporting period missed; red: two or more."
    )

    @staticmethod
    def resolve_demands(obj) -> list[int]:
        return sorted(d.pk for d in obj.demands.all() if d.is_public)

    @staticmethod
    def resolve_language(obj) -> str:
        return obj.title.original

    @staticmethod
    def resolve_lead(obj) -> str:
        return obj.lead.slug

    @staticmethod
    def resolve_countries(obj) -> list[str]:
        return sorted(country.pk for country in obj.countries.all())

    @staticmethod
    def resolve_area(obj) -> str:
        return obj.area_id

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("cooperation:project", kwargs={"project_id": obj.pk})

    @staticmethod
    def resolve_report_overdue(obj) -> str:
        return selectors.report_lateness(obj)

    @staticmethod
    def resolve_summary(obj) -> str | None:
        return obj.summary.original_text if obj.summary else None

    @staticmethod
    def resolve_partners(obj) -> list[str]:
        return sorted(p.slug for p in obj.partners.all())

    @staticmethod
    def resolve_locations(obj) -> list:
        return list(obj.locations.all())

    @staticmethod
    def resolve_demand(obj) -> int | None:
        return min((d.pk for d in obj.demands.all() if d.is_public), default=None)

    @staticmethod
    def resolve_sdg_goals(obj) -> list[int]:
        return [goal.number for goal in obj.all_sdg_goals()]

    @staticmethod
    def resolve_dac_sectors(obj) -> list[str]:
        return [sector.code for sector in obj.all_dac_sectors()]

    @staticmethod
    def resolve_budget_lines(obj) -> list:
        return list(obj.budget_lines.all())

    @staticmethod
    def resolve_indicators(obj) -> list:
        return list(obj.indicators.all())

    @staticmethod
    def resolve_milestones(obj) -> list:
        return list(obj.milestones.all())

    @staticmethod
    def resolve_updates(obj) -> list:
        return list(obj.updates.all())


# --- input -------------------------------------------------------------------------------------


class DemandQuery(Schema):
    q: Filter = ""
    country: Filter = ""
    region: Filter = ""
    area: Filter = ""
    status: DemandStatus | None = None
    urgency: Urgency | None = None


class DemandIn(Schema):
    title: Annotated[str, Field(min_length=1, max_length=200)]
    description: Annotated[str, Field(min_length=1, max_length=5000)]
    country: Annotated[str, Field(min_length=2, max_length=2)]
    area: Annotated[str, Field(min_length=1, max_length=40)]
    language: Annotated[str, Field(min_length=2, max_length=10)]
    locality: Annotated[str, Field(max_length=100)] = ""
    people_concerned: Annotated[int, Field(ge=1, le=100_000_000)] | None = None
    urgency: Urgency = "medium"
    organization: Annotated[str, Field(max_length=80)] | None = Field(
        None, description="Slug of the member organisation the demand is posted for."
    )


class OfferIn(Schema):
    organization: Annotated[str, Field(min_length=1, max_length=80)]
    contribution: Annotated[str, Field(min_length=1, max_length=3000)]
    with_whom: Annotated[str, Field(max_length=300)] = ""
    when: Annotated[str, Field(max_length=200)] = ""


class ProjectQuery(Schema):
    q: Filter = ""
    country: Filter = ""
    region: Filter = ""
    area: Filter = ""
    status: ProjectStatus | None = None
    organization: Filter = ""
    sdg: Annotated[int, Field(ge=1, le=17)] | None = None


class ProjectPatchIn(Schema):
    title: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    summary: Annotated[str, Field(max_length=5000)] | None = None
    status: ProjectStatus | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    people_reached: Annotated[int, Field(ge=0, le=2_000_000_000)] | None = None
    lessons_learned: Annotated[str, Field(max_length=5000)] | None = None
    report_every_months: Annotated[int, Field(ge=1, le=24)] | None = Field(
        None, description="Only the lead's admins and the Secretariat change it."
    )
    partners: list[Annotated[str, Field(max_length=80)]] | None = Field(
        None, max_length=20, description="Slugs of the partner member organisations."
    )
    countries: list[Annotated[str, Field(min_length=2, max_length=2)]] | None = Field(
        None, max_length=50
    )
    demands: list[Annotated[int, Field(ge=1, le=2_147_483_647)]] | None = Field(
        None, max_length=50, description="The published demands it answers (all of them)."
    )
    sdg_goals: list[Annotated[int, Field(ge=1, le=17)]] | None = Field(
        None, max_length=17, description="Its own goals, beyond its key area's."
    )
    dac_sectors: list[Annotated[str, Field(min_length=5, max_length=5)]] | None = Field(
        None, max_length=20, description="Its own OECD-DAC purpose codes, beyond its key area's."
    )


class ProjectIn(Schema):
    lead: Annotated[str, Field(min_length=1, max_length=80)] = Field(
        ..., description="Slug of the lead member organisation (the caller is one of its admins)."
    )
    title: Annotated[str, Field(min_length=1, max_length=200)]
    language: Annotated[str, Field(min_length=2, max_length=10)]
    area: Annotated[str, Field(min_length=1, max_length=40)]
    summary: Annotated[str, Field(max_length=5000)] = ""
    status: ProjectStatus = "planned"
    starts_on: date | None = None
    ends_on: date | None = None
    countries: list[Annotated[str, Field(min_length=2, max_length=2)]] = Field(
        default_factory=list, max_length=50
    )
    partners: list[Annotated[str, Field(max_length=80)]] = Field(
        default_factory=list, max_length=20
    )


class IndicatorIn(Schema):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    unit: Annotated[str, Field(max_length=40)] = ""
    baseline: Annotated[
        Decimal, Field(ge=0, lt=Decimal("1e12"), max_digits=14, decimal_places=2)
    ] = Decimal(0)
    target: Annotated[Decimal, Field(ge=0, lt=Decimal("1e12"), max_digits=14, decimal_places=2)]
    actual: (
        Annotated[Decimal, Field(ge=0, lt=Decimal("1e12"), max_digits=14, decimal_places=2)] | None
    ) = None


Measure = Annotated[Decimal, Field(ge=0, lt=Decimal("1e12"), max_digits=14, decimal_places=2)]


class IndicatorPatchIn(Schema):
    name: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    unit: Annotated[str, Field(max_length=40)] | None = None
    baseline: Measure | None = None
    target: Measure | None = None
    actual: Measure | None = Field(None, description="null leaves it; to clear it, send 0.")
    period_start: date | None = None
    period_end: date | None = None


class LocationIn(Schema):
    country: Annotated[str, Field(min_length=2, max_length=2)]
    place: Annotated[str, Field(max_length=100)] = ""
    latitude: Annotated[Decimal, Field(ge=-90, le=90, max_digits=8, decimal_places=5)] | None = None
    longitude: Annotated[Decimal, Field(ge=-180, le=180, max_digits=8, decimal_places=5)] | None = (
        None
    )


class LocationsIn(Schema):
    locations: list[LocationIn] = Field(..., max_length=50)


class UpdateIn(Schema):
    text: Annotated[str, Field(min_length=1, max_length=5000)]


class BudgetLineIn(Schema):
    kind: BudgetKind = "budget"
    label: Annotated[str, Field(min_length=1, max_length=200)]
    amount: Annotated[Decimal, Field(ge=0, lt=Decimal("1e12"), max_digits=14, decimal_places=2)]
    currency: Currency


# --- demands -----------------------------------------------------------------------------------


def _visible_demand(request, demand_id: int) -> Demand:
    demand = selectors.demand_detail(demand_id)
    if demand.is_public:
        return demand
    user = _caller(request)
    if may(user, "cooperation.moderate_demand") or (
        user.is_authenticated and demand.poster_id == user.pk
    ):
        return demand
    raise Http404


@demands.get("/demands", response=list[DemandOut], auth=None, summary="Grassroots demands")
@paginate(Pagination)
@cached_demands
def list_demands(request, filters: Query[DemandQuery]):
    values = {k: v or "" for k, v in filters.dict().items()}
    chosen = selectors.DemandFilters(**values)
    total = selectors.demand_counts(chosen)["total"]  # counted already, and cached
    if not total:  # no need to read every demand to find none
        return Demand.objects.none()
    return selectors.with_count(selectors.demand_list(chosen), total)


@demands.get(
    "/demands/{demand_id}", response=DemandDetailOut, auth=None, summary="One grassroots demand"
)
def get_demand(request, demand_id: int):
    return _visible_demand(request, demand_id)


@demands.post(
    "/demands",
    response={201: DemandDetailOut},
    auth=authenticated,
    summary="Post a demand: published at once for a member organisation's staff, else moderated",
)
def create_demand(request, payload: DemandIn):
    fields = payload.dict()
    slug = fields.pop("organization", None)
    organization = None
    if slug:
        organization = Organization.objects.filter(slug=slug).first()
        if organization is None:
            raise PermissionDenied
    demand = services.demand_submit(actor=request.user, organization=organization, **fields)
    return Status(201, selectors.demand_detail(demand.pk))


@demands.get(
    "/demands/{demand_id}/matches",
    response=list[MatchOut],
    auth=authenticated,
    summary="The member organisations that could answer a demand, with their reasons",
    description="For the Secretariat, and for the matched organisations' staff (their own match).",
)
def demand_matches(request, demand_id: int):
    demand = _visible_demand(request, demand_id)
    if may(request.user, "cooperation.moderate_demand"):
        found = selectors.demand_matches(demand)
    else:
        found = selectors.demand_matches(demand, member_organizations_of(request.user))
        if not found:
            raise PermissionDenied
    return [
        {
            "organization": m.organization.slug,
            "name": m.organization.name.original_text,
            "country": m.organization.country_id,
            "score": m.score,
            "signals": {name: getattr(m.signals, name) for name in matching.WEIGHTS},
            "reasons": m.reasons,
        }
        for m in found
    ]


@demands.post(
    "/demands/{demand_id}/offers",
    response={201: OfferOut},
    auth=authenticated,
    summary="Offer help with a demand, for a member organisation one works for",
)
def create_offer(request, demand_id: int, payload: OfferIn):
    demand = _visible_demand(request, demand_id)
    organization = Organization.objects.filter(slug=payload.organization).first()
    if organization is None:
        raise PermissionDenied
    offer = services.offer_make(
        actor=request.user,
        demand=demand,
        organization=organization,
        contribution=payload.contribution,
        with_whom=payload.with_whom,
        when=payload.when,
    )
    return Status(201, offer)


@demands.post(
    "/offers/{offer_id}/accept",
    response={201: ProjectDetailOut},
    auth=authenticated,
    summary="Accept an offer (the demand's poster or the Secretariat): a project starts",
)
def accept_offer(request, offer_id: int):
    offer = Offer.objects.select_related("demand").get(pk=offer_id)
    project = services.offer_accept(actor=request.user, offer=offer)
    return Status(201, selectors.project_detail(project.pk))


# --- projects ----------------------------------------------------------------------------------


@projects.get("/projects", response=list[ProjectOut], auth=None, summary="Projects")
@paginate(Pagination)
@cached_projects
def list_projects(request, filters: Query[ProjectQuery]):
    values = {k: ("" if v is None else str(v)) for k, v in filters.dict().items()}
    chosen = selectors.ProjectFilters(**values)
    total = selectors.project_counts(chosen)["total"]  # counted already, and cached
    if not total:
        return Project.objects.none()
    return selectors.ReadByPage(
        selectors.project_ids(chosen, total), total, selectors.project_items
    )


@projects.get("/projects/{project_id}", response=ProjectDetailOut, auth=None, summary="One project")
@cached_projects
def get_project(request, project_id: int):
    return selectors.project_detail(project_id)


def _organizations(field: str, slugs: list[str]) -> list[Organization]:
    try:
        return partner_organizations(" ".join(slugs))
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None


@projects.post(
    "/projects",
    response={201: ProjectDetailOut},
    auth=authenticated,
    summary="Start a project led by a member organisation the caller is an admin of",
)
def create_project(request, payload: ProjectIn):
    fields = payload.dict()
    leads = _organizations("lead", [fields.pop("lead")])
    if not leads:  # a name of spaces only
        raise ValidationError({"lead": [_("Give the lead organisation's short name.")]})
    [lead] = leads
    fields["partners"] = _organizations("partners", fields.pop("partners"))
    fields["countries"] = fields.pop("countries") or None
    project = services.project_create(actor=request.user, lead=lead, **fields)
    return Status(201, selectors.project_detail(project.pk))


@projects.post(
    "/projects/{project_id}/indicators",
    response={201: IndicatorOut},
    auth=authenticated,
    summary="Add a results indicator to a project (baseline, target, actual)",
)
def add_indicator(request, project_id: int, payload: IndicatorIn):
    project = Project.objects.get(pk=project_id)
    indicator = services.project_add_indicator(
        actor=request.user, project=project, **payload.dict()
    )
    return Status(201, indicator)


@projects.post(
    "/projects/{project_id}/milestones",
    response={201: MilestoneOut},
    auth=authenticated,
    summary="Add a milestone to a project",
)
def add_milestone(request, project_id: int, payload: MilestoneIn):
    project = Project.objects.get(pk=project_id)
    milestone = services.project_add_milestone(
        actor=request.user, project=project, **payload.dict()
    )
    return Status(201, milestone)


@projects.patch(
    "/projects/{project_id}/indicators/{indicator_id}",
    response=IndicatorOut,
    auth=authenticated,
    summary="Change a results indicator of a project (its actual value, say)",
)
def change_indicator(request, project_id: int, indicator_id: int, payload: IndicatorPatchIn):
    project = Project.objects.get(pk=project_id)
    indicator = project.indicators.get(pk=indicator_id)
    names = ["name", "unit", "baseline", "target", "actual", "period_start", "period_end"]
    row = {name: getattr(indicator, name) for name in names}
    row.update(payload.dict(exclude_unset=True, exclude_none=True))
    services.project_save_rows(
        actor=request.user, project=project, kind="indicators", rows=[{**row, "id": indicator.pk}]
    )
    return project.indicators.get(pk=indicator_id)


@projects.put(
    "/projects/{project_id}/locations",
    response=list[LocationOut],
    auth=authenticated,
    summary="Set a project's places (all of them): a country, perhaps a place and coordinates",
)
def set_locations(request, project_id: int, payload: LocationsIn):
    project = Project.objects.get(pk=project_id)
    rows = [{"id": pk, "delete": True} for pk in project.locations.values_list("pk", flat=True)]
    rows += [{"id": None, **location.dict()} for location in payload.locations]
    services.project_save_rows(actor=request.user, project=project, kind="locations", rows=rows)
    return list(project.locations.all())


@projects.post(
    "/projects/{project_id}/updates/{update_id}/photos",
    response={201: UpdateOut},
    auth=authenticated,
    summary="Add photos to a progress update (JPEG, PNG or WebP; 5 MB each, 4 an update)",
)
def add_photos(
    request,
    project_id: int,
    update_id: int,
    photos: File[list[UploadedFile]],
    caption: str = Form("", max_length=300),
):
    # by its own key (an id out of range then finds nothing), then within the project
    update = ProgressUpdate.objects.select_related("project").get(pk=update_id)
    if update.project_id != project_id:
        raise ProgressUpdate.DoesNotExist
    services.project_add_photos(actor=request.user, update=update, photos=photos, caption=caption)
    return Status(201, ProgressUpdate.objects.prefetch_related("photos").get(pk=update.pk))


@projects.delete(
    "/projects/{project_id}/photos/{photo_id}",
    response={204: None},
    auth=authenticated,
    summary="Delete a photo of a progress update (the project's admins, the Secretariat)",
)
def delete_photo(request, project_id: int, photo_id: int):
    photo = ProgressPhoto.objects.select_related("update__project").get(pk=photo_id)
    if photo.update.project_id != project_id:
        raise ProgressPhoto.DoesNotExist
    services.progress_photo_delete(actor=request.user, photo=photo)
    return Status(204, None)


@projects.patch(
    "/projects/{project_id}",
    response=ProjectDetailOut,
    auth=authenticated,
    summary="Change a project (its lead's and partners' admins, the Secretariat)",
)
def update_project(request, project_id: int, payload: ProjectPatchIn):
    project = Project.objects.get(pk=project_id)
    changes = payload.dict(exclude_unset=True, exclude_none=True)
    if "partners" in changes:
        changes["partners"] = _organizations("partners", changes["partners"])
    services.project_update(actor=request.user, project=project, **changes)
    return selectors.project_detail(project_id)


@projects.post(
    "/projects/{project_id}/updates",
    response={201: UpdateOut},
    auth=authenticated,
    summary="Report progress on a project",
)
def add_update(request, project_id: int, payload: UpdateIn):
    project = Project.objects.get(pk=project_id)
    update = services.project_add_update(actor=request.user, project=project, text=payload.text)
    return Status(201, update)


@projects.post(
    "/projects/{project_id}/budget-lines",
    response={201: BudgetLineOut},
    auth=authenticated,
    summary="Add a budget line or a source of funding to a project",
)
def add_budget_line(request, project_id: int, payload: BudgetLineIn):
    project = Project.objects.get(pk=project_id)
    line = services.project_add_budget_line(actor=request.user, project=project, **payload.dict())
    return Status(201, line)


router.add_router("/", demands)
router.add_router("/", projects)
