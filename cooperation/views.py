"""The pages of grassroots demands, their moderation, offers, and projects."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from cooperation import listing, selectors, services
from cooperation.forms import (
    BudgetLineForm,
    DemandEditForm,
    DemandFilterForm,
    DemandForm,
    OfferForm,
    ProgressUpdateForm,
    ProjectCreateForm,
    ProjectFilterForm,
    ProjectForm,
    RejectForm,
    formset_rows,
    row_formset,
)
from cooperation.models import Demand, Offer, ProgressPhoto, Project
from cooperation.rules import member_organizations_of
from core import data_versions
from core.languages import language_name
from core.multilingual import shown_html
from core.page_cache import cache_anonymous_page
from members.rules import may

PER_PAGE = 20


def shown(text, language: str | None = None) -> dict | None:
    """A text people wrote, as the reader sees it: their language where it exists."""
    if text is None:
        return None
    rendering = text.render(language or get_language())
    return {
        "text": rendering.text,
        "language": rendering.language,
        "is_translation": rendering.is_translation,
        "original_text": text.original_text,
        "original_language": text.original,
        "original_language_name": language_name(text.original),
    }


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


# --- demands -----------------------------------------------------------------------------------


@cache_anonymous_page(version=data_versions.reader(data_versions.DEMANDS))
def demand_list(request):
    filters = selectors.DemandFilters.of(request.GET)
    counts = selectors.demand_counts(filters)
    paginator = Paginator(selectors.demand_rows(filters), PER_PAGE)
    paginator.count = counts["total"]  # counted already, with the facets
    page = paginator.get_page(request.GET.get("page"))
    rows = list(page.object_list)
    form = DemandFilterForm(request.GET or None, counts=counts)
    api_query = urlencode({k: v for k, v in filters.__dict__.items() if v})
    return render(
        request,
        "cooperation/demand_list.html",
        {
            "form": form,
            "fields": listing.filters_html(form),
            "page": page,
            "rows": rows,
            "rows_html": listing.demand_rows_html(rows, get_language()),
            "total": counts["total"],
            "filtered": any(filters.__dict__.values()),
            "api_url": reverse("api:list_demands") + (f"?{api_query}" if api_query else ""),
        },
    )


def demand_new(request):
    user = request.user
    organizations = member_organizations_of(user)
    form = DemandForm(
        request.POST or None,
        organizations=organizations,
        signed_in=user.is_authenticated,
        language=get_language(),
    )
    if request.method == "POST" and form.is_valid():
        if form.is_spam():  # answer as if all went well, keep nothing
            return render(request, "cooperation/demand_sent.html", {"confirm": True})
        try:
            demand = services.demand_submit(
                actor=user, address=client_address(request), **form.service_fields()
            )
        except ValidationError as error:
            form.add_service_errors(error)
        except PermissionDenied as error:
            form.add_error("organization", str(error))
        else:
            if demand.is_public:
                messages.success(request, _("The demand is published."))
                return redirect("cooperation:demand", demand_id=demand.pk)
            return render(
                request,
                "cooperation/demand_sent.html",
                {"confirm": demand.moderation == Demand.Moderation.UNCONFIRMED},
            )
    return render(request, "cooperation/demand_new.html", {"form": form})


def demand_confirm(request, token: str):
    try:
        demand = services.demand_confirm(token=token)
    except ValidationError as error:
        return render(
            request, "cooperation/demand_confirmed.html", {"error": error.messages[0]}, status=400
        )
    return render(request, "cooperation/demand_confirmed.html", {"demand": demand})


def _demand_visible(user, demand: Demand) -> bool:
    if demand.is_public:
        return True
    return may(user, "cooperation.moderate_demand") or (
        user.is_authenticated and demand.poster_id == user.pk
    )


def demand_detail(request, demand_id: int):
    try:
        demand = selectors.demand_detail(demand_id)
    except Demand.DoesNotExist:
        raise Http404 from None
    user = request.user
    if not _demand_visible(user, demand):
        raise Http404
    if demand.moderation == Demand.Moderation.MERGED and demand.merged_into_id:
        return redirect("cooperation:demand", demand_id=demand.merged_into_id)
    is_moderator = may(user, "cooperation.moderate_demand")
    my_orgs = member_organizations_of(user)
    matches = []
    matched_orgs = []
    if is_moderator or my_orgs:
        # An organisation sees its own matches only.
        matches = selectors.demand_matches(demand, None if is_moderator else my_orgs)
        matched_ids = {m.organization_id for m in matches}
        matched_orgs = [o for o in my_orgs if o.pk in matched_ids]
    can_answer = may(user, "cooperation.accept_offer", demand)
    offers = (
        list(selectors.demand_offers(demand))
        if (can_answer or my_orgs) and demand.has_offers
        else []
    )
    if not can_answer:
        mine = {o.pk for o in my_orgs}
        offers = [o for o in offers if o.organization_id in mine]
    offered = {o.organization_id for o in offers}
    offer_orgs = [o for o in my_orgs if o.pk not in offered]
    takes_offers = demand.is_public and demand.status in (
        Demand.Status.OPEN,
        Demand.Status.MATCHED,
    )
    offer_form = OfferForm(organizations=offer_orgs) if offer_orgs and takes_offers else None
    return render(
        request,
        "cooperation/demand_detail.html",
        {
            "demand": demand,
            "title": shown(demand.title),
            "description": shown(demand.description),
            "history": selectors.demand_history(demand),
            "is_moderator": is_moderator,
            "matches": matches,
            "matches_html": listing.matches_html(matches),
            "matched_orgs": matched_orgs,
            "offers": offers,
            "can_answer": can_answer,
            "offer_form": offer_form,
            "projects": selectors.demand_projects(demand),
            "status_choices": services.ALLOWED_STATUS.get(demand.status, set()),
            "can_change_status": may(user, "cooperation.change_demand_status", demand),
        },
    )


@login_required
@require_POST
def demand_status(request, demand_id: int):
    demand = get_object_or_404(Demand, pk=demand_id)
    try:
        services.demand_set_status(
            actor=request.user,
            demand=demand,
            status=request.POST.get("status", ""),
            note=request.POST.get("note", "")[:1000],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The status is changed."))
    return redirect("cooperation:demand", demand_id=demand.pk)


@login_required
@require_POST
def offer_make(request, demand_id: int):
    demand = get_object_or_404(Demand, pk=demand_id)
    organizations = member_organizations_of(request.user)
    form = OfferForm(request.POST, organizations=organizations)
    if form.is_valid():
        try:
            services.offer_make(
                actor=request.user,
                demand=demand,
                organization=form.organizations[form.cleaned_data["organization"]],
                contribution=form.cleaned_data["contribution"],
                with_whom=form.cleaned_data["with_whom"],
                when=form.cleaned_data["when"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your offer is sent."))
    else:
        messages.error(request, _("Say what your organisation can bring."))
    return redirect("cooperation:demand", demand_id=demand.pk)


@login_required
@require_POST
def offer_answer(request, offer_id: int):
    offer = get_object_or_404(Offer.objects.select_related("demand"), pk=offer_id)
    try:
        if request.POST.get("answer") == "accept":
            project = services.offer_accept(actor=request.user, offer=offer)
            messages.success(request, _("The offer is accepted: a project has started."))
            return redirect("cooperation:project", project_id=project.pk)
        services.offer_decline(actor=request.user, offer=offer)
        messages.success(request, _("The offer is declined."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("cooperation:demand", demand_id=offer.demand_id)


@login_required
def matched_demands(request, slug: str | None = None):
    """The demands an organisation is matched to, for its staff (and the Secretariat)."""
    from cooperation.matched import demands_matched_to, matched_items
    from members.models import Organization
    from members.rules import is_org_staff

    if slug is None:
        mine = member_organizations_of(request.user)
        if len(mine) == 1:
            return redirect("cooperation:matched_demands_of", slug=mine[0].slug)
        return render(request, "cooperation/matched_demands_choose.html", {"organizations": mine})
    organization = get_object_or_404(Organization, slug=slug)
    if not (
        is_org_staff(request.user, organization) or may(request.user, "cooperation.moderate_demand")
    ):
        raise PermissionDenied
    language = get_language()
    page = Paginator(demands_matched_to(organization), PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {"item": item, "title": shown(item.demand.title, language)}
        for item in matched_items(page.object_list, organization)
    ]
    return render(
        request,
        "cooperation/matched_demands.html",
        {
            "organization": organization,
            "name": shown(organization.name, language),
            "rows": rows,
            "page": page,
            "is_member": organization.status == Organization.Status.MEMBER,
        },
    )


# --- moderation --------------------------------------------------------------------------------


@login_required
def moderation_queue(request):
    if not may(request.user, "cooperation.moderate_demand"):
        raise PermissionDenied
    demands = list(selectors.moderation_queue()[:100])
    rows = [
        {
            "demand": d,
            "title": shown(d.title),
            "duplicates": selectors.likely_duplicates(d),
        }
        for d in demands
    ]
    overdue = [
        {"project": p, "title": shown(p.title), "level": level}
        for p, level in selectors.overdue_projects(limit=50)
    ]
    return render(request, "cooperation/moderation_queue.html", {"rows": rows, "overdue": overdue})


@login_required
def demand_moderate(request, demand_id: int):
    if not may(request.user, "cooperation.moderate_demand"):
        raise PermissionDenied
    demand = get_object_or_404(Demand.objects.select_related("country"), pk=demand_id)
    reject_form = RejectForm(request.POST if request.POST.get("action") == "reject" else None)
    edit_form = DemandEditForm(
        request.POST if request.POST.get("action") == "edit" else None,
        initial={
            "title": demand.title.original_text,
            "description": demand.description.original_text,
            "area": demand.area_id,
            "country": demand.country_id,
            "locality": demand.locality,
            "people_concerned": demand.people_concerned,
            "urgency": demand.urgency,
        },
    )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "approve":
                services.demand_approve(actor=request.user, demand=demand)
                messages.success(request, _("The demand is published."))
                return redirect("cooperation:moderation")
            if action == "reject" and reject_form.is_valid():
                services.demand_reject(
                    actor=request.user, demand=demand, reason=reject_form.cleaned_data["reason"]
                )
                messages.success(request, _("The demand is rejected; the poster is told why."))
                return redirect("cooperation:moderation")
            if action == "merge":
                into = Demand.objects.filter(pk=request.POST.get("into") or 0).first()
                if into is None:
                    raise ValidationError(_("Choose the demand to merge into."))
                services.demand_merge(actor=request.user, demand=demand, into=into)
                messages.success(request, _("The demands are merged."))
                return redirect("cooperation:moderation")
            if action == "edit" and edit_form.is_valid():
                services.demand_edit(actor=request.user, demand=demand, **edit_form.cleaned_data)
                messages.success(request, _("The demand is saved."))
                return redirect("cooperation:moderate", demand_id=demand.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return render(
        request,
        "cooperation/demand_moderate.html",
        {
            "demand": demand,
            "title": shown(demand.title),
            "description": shown(demand.description),
            "reject_form": reject_form,
            "edit_form": edit_form,
            "duplicates": selectors.likely_duplicates(demand),
        },
    )


# --- projects ----------------------------------------------------------------------------------


@cache_anonymous_page(version=data_versions.reader(data_versions.PROJECTS))
def project_list(request):
    filters = selectors.ProjectFilters.of(request.GET)
    counts = selectors.project_counts(filters)
    # The page's ids first (from the projects' table), then its rows.
    paginator = Paginator(selectors.project_ids(filters, counts["total"]), PER_PAGE)
    paginator.count = counts["total"]  # counted already, with the facets
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = rows = selectors.project_rows(list(page.object_list))
    api_query = urlencode({k: v for k, v in filters.__dict__.items() if v})
    form = ProjectFilterForm(request.GET or None, counts=counts)
    return render(
        request,
        "cooperation/project_list.html",
        {
            "form": form,
            "fields": listing.filters_html(form),
            "page": page,
            "rows": rows,
            "rows_html": listing.project_rows_html(rows, get_language()),
            "total": counts["total"],
            "filtered": any(filters.__dict__.values()),
            "api_url": reverse("api:list_projects") + (f"?{api_query}" if api_query else ""),
            "can_create": request.user.is_authenticated
            and may(request.user, "cooperation.create_project"),
        },
    )


def project_detail(request, project_id: int):
    try:
        project = selectors.project_detail(project_id)
    except Project.DoesNotExist:
        raise Http404 from None
    can_edit = may(request.user, "cooperation.change_project", project)
    language = get_language()
    return render(
        request,
        "cooperation/project_detail.html",
        {
            "project": project,
            "title": shown(project.title, language),
            "summary": shown(project.summary, language),
            "lead": shown(project.lead.name, language),
            "partners": [(p, shown(p.name, language)) for p in project.partners.all()],
            "demands": [
                (d, shown(d.title, language)) for d in project.demands.all() if d.is_public
            ],
            "can_edit": can_edit,
            "lateness": selectors.report_lateness(project),
            "update_form": ProgressUpdateForm() if can_edit else None,
            "budget_form": BudgetLineForm() if can_edit else None,
            "show_lessons": bool(member_organizations_of(request.user))
            or may(request.user, "cooperation.moderate_demand"),
        },
    )


@login_required
def project_new(request):
    if not may(request.user, "cooperation.create_project"):
        raise PermissionDenied
    mine = [
        o
        for o in member_organizations_of(request.user)
        if may(request.user, "members.edit_organization", o)
    ]
    form = ProjectCreateForm(
        request.POST or None,
        language=get_language(),
        initial={"lead": mine[0].slug if mine else ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        except PermissionDenied:
            form.add_error("lead", _("You must be an admin of the lead organisation."))
        else:
            messages.success(request, _("The project is saved."))
            return redirect("cooperation:project", project_id=project.pk)
    return render(request, "cooperation/project_new.html", {"form": form})


@login_required
def project_edit(request, project_id: int):
    project = get_object_or_404(Project.objects.select_related("lead"), pk=project_id)
    if not may(request.user, "cooperation.change_project", project):
        raise PermissionDenied
    form = ProjectForm(
        request.POST or None,
        initial={
            "title": project.title.original_text,
            "summary": project.summary.original_text if project.summary else "",
            "area": project.area_id,
            "status": project.status,
            "starts_on": project.starts_on,
            "ends_on": project.ends_on,
            "countries": [c.pk for c in project.countries.all()],
            "people_reached": project.people_reached,
            "lessons_learned": project.lessons_learned,
            "partners": " ".join(p.slug for p in project.partners.all()),
            "report_every_months": project.report_every_months,
            "demands": " ".join(str(pk) for pk in project.demands.values_list("pk", flat=True)),
            "sdg_goals": list(project.sdg_goals.values_list("pk", flat=True)),
            "dac_sectors": " ".join(project.dac_sectors.values_list("pk", flat=True)),
        },
        may_change_report_period=may(request.user, "cooperation.change_report_period", project),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The project is saved."))
            return redirect("cooperation:project", project_id=project.pk)
    return render(
        request,
        "cooperation/project_edit.html",
        {"project": project, "form": form, "title": shown(project.title)},
    )


@login_required
@require_POST
def project_add_update(request, project_id: int):
    project = get_object_or_404(Project, pk=project_id)
    form = ProgressUpdateForm(request.POST, request.FILES)
    if not form.is_valid():
        if not may(request.user, "cooperation.change_project", project):
            raise PermissionDenied
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        messages.error(request, " ".join(errors) or _("Write what happened."))
        return redirect("cooperation:project", project_id=project.pk)
    try:
        services.project_add_update(actor=request.user, project=project, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The progress update is published."))
    return redirect("cooperation:project", project_id=project.pk)


@login_required
@require_POST
def project_photo_delete(request, project_id: int, photo_id: int):
    photo = get_object_or_404(
        ProgressPhoto.objects.select_related("update__project"),
        pk=photo_id,
        update__project_id=project_id,
    )
    try:
        services.progress_photo_delete(actor=request.user, photo=photo)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The photo is deleted."))
    return redirect("cooperation:project", project_id=project_id)


@login_required
@require_POST
def project_add_budget_line(request, project_id: int):
    project = get_object_or_404(Project, pk=project_id)
    form = BudgetLineForm(request.POST)
    if not may(request.user, "cooperation.change_project", project):
        raise PermissionDenied
    if form.is_valid():
        try:
            services.project_add_budget_line(
                actor=request.user, project=project, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The amount is added."))
    else:
        messages.error(request, _("Please correct the amount."))
    return redirect("cooperation:project", project_id=project.pk)


ROW_TITLES = {
    "indicators": _lazy("Results indicators"),
    "milestones": _lazy("Milestones"),
    "budget": _lazy("Budget and funding"),
    "locations": _lazy("Places"),
}


def _row_initial(project: Project, kind: str) -> list[dict]:
    if kind == "indicators":
        rows = project.indicators.all()
        names = ["name", "unit", "baseline", "target", "actual", "period_start", "period_end"]
    elif kind == "milestones":
        rows = project.milestones.all()
        names = ["title", "due_on", "done_on"]
    elif kind == "locations":
        rows = project.locations.all()
        names = ["place", "latitude", "longitude"]
        return [
            {"id": row.pk, "country": row.country_id, **{n: getattr(row, n) for n in names}}
            for row in rows
        ]
    else:
        rows = project.budget_lines.order_by("kind", "id")
        names = ["kind", "label", "amount", "currency"]
    return [{"id": row.pk, **{name: getattr(row, name) for name in names}} for row in rows]


@login_required
def project_rows(request, project_id: int, kind: str):
    """A project's indicators, milestones or budget lines, changed as one table."""
    if kind not in ROW_TITLES:
        raise Http404
    project = get_object_or_404(Project, pk=project_id)
    if not may(request.user, "cooperation.change_project", project):
        raise PermissionDenied
    initial = _row_initial(project, kind)
    formset = row_formset(kind, request.POST or None, initial=initial)
    if request.method == "POST" and formset.is_valid():
        try:
            services.project_save_rows(
                actor=request.user, project=project, kind=kind, rows=formset_rows(formset)
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The project is saved."))
            return redirect("cooperation:project", project_id=project.pk)
    return render(
        request,
        "cooperation/project_rows.html",
        {
            "project": project,
            "title": shown(project.title),
            "heading": ROW_TITLES[kind],
            "formset": formset,
        },
    )


def organization_projects_section(request, organization) -> str:
    """The projects an organisation leads or joins, for its profile (core.page_sections).
    Written in Python for the same reason as the profile's own rows."""
    projects = selectors.organization_projects(organization.pk)
    language = get_language()
    statuses = dict(Project.Status.choices)
    # Reversed once: a profile may list fifty projects.
    address = reverse("cooperation:project", args=[0]).removesuffix("0/")
    lead, partner = _("lead"), _("partner")
    rows = format_html_join(
        "",
        '<li><a href="{}{}/">{}</a> — {}, {}</li>',
        (
            (
                address,
                project.pk,
                shown_html(project.title, language, note=False),
                lead if project.lead_id == organization.pk else partner,
                statuses[project.status],
            )
            for project in projects
        ),
    )
    if rows:
        body = format_html(
            '<ul>{}</ul><p><a href="{}?organization={}">{}</a></p>',
            rows,
            reverse("cooperation:projects"),
            organization.slug,
            _("All its projects"),
        )
    else:
        body = format_html('<p class="muted">{}</p>', _("No project yet."))
    return format_html(
        '<section aria-labelledby="projects-title"><h2 id="projects-title">{}</h2>{}</section>',
        _("Projects"),
        body,
    )
