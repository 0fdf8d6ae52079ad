"""The public directory of members, an organisation's profile, and its admins' editing of it."""

from html import escape
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from core import data_versions, page_sections
from core.models import Country, country_name
from core.multilingual import MultilingualText, shown_html
from core.page_cache import cache_anonymous_page, shared_fragment
from core.prepared import prepared
from core.selectors import taxonomy
from members import selectors, services
from members.forms.profile import (
    DirectoryFilterForm,
    ProfileForm,
    directory_selection,
    language_name,
)
from members.models import Organization
from members.rules import is_org_staff, may

PER_PAGE = 20


class CountedPaginator(Paginator):
    """A paginator told its count (cached by the selector) instead of counting again."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count


def shown(text: MultilingualText | None, language: str | None = None) -> dict | None:
    """What a reader sees of a text written by people: their language where it exists, else the
    original; and, for a translation, the original with the name of its language."""
    if text is None:
        return None
    rendering = text.render(language or get_language())
    shown_text = {
        "text": rendering.text,
        "language": rendering.language,
        "is_translation": rendering.is_translation,
        "is_machine": rendering.is_machine,
        "original_text": text.original_text,
        "original_language": text.original,
        "original_language_name": language_name(text.original),
    }
    shown_text["html"] = shown_html(text, language)
    return shown_text


# Read together, in one query: the page's cache key and, on a miss, the members' snapshot.
@cache_anonymous_page(
    version=data_versions.reader(data_versions.ORGANIZATIONS, selectors.MEMBER_DIRECTORY)
)
def directory(request):
    selected = directory_selection(request.GET)
    # Both versions in one query (the second is remembered for the snapshot, on a miss).
    data_versions.current(data_versions.ORGANIZATIONS, selectors.MEMBER_DIRECTORY)
    version = data_versions.current(data_versions.ORGANIZATIONS)
    listing = shared_fragment(
        request,
        "members.directory",
        version,
        lambda: _directory_listing(request, selected, version),
    )
    api_query = urlencode(
        {key: value for key, value in selected.items() if value and value != "name"}
    )
    return render(
        request,
        "members/directory/directory.html",
        {
            "listing": listing,
            "api_url": reverse("api:list_organizations") + (f"?{api_query}" if api_query else ""),
        },
    )


def _directory_listing(request, selected: dict[str, str], version: str) -> str:
    """The filters and one page of results: the same for every reader."""
    filters = selectors.DirectoryFilters(**selected).cleaned()
    counts = selectors.directory_counts(filters)
    # The page's members are picked from the directory's snapshot; only their rows are read.
    rows_of = selectors.DirectoryPage(filters, counts["total"])
    paginator = CountedPaginator(rows_of, PER_PAGE, count=counts["total"])
    page = paginator.get_page(request.GET.get("page"))  # not a number: 1; too far: the last
    # The filters are the same on every page of a selection: rendered once for all of them.
    form_html = shared_fragment(
        request,
        "members.directory.filters",
        version,
        lambda: _directory_filters(request, filters, counts, selected),
        address=urlencode(sorted(selected.items())),
    )
    language = get_language()
    # Profiles are /<language>/members/<slug>/: reversed once, not once per row.
    directory_path = reverse("members:directory")
    area_names = [(area.slug, area.name) for area in taxonomy().areas]
    separator = pgettext("list separator", ", ")
    # The rows written in Python (twenty a page: the template engine's loop cost more than
    # reading them); names come as HTML from shown(), everything else is escaped here.
    key_areas = escape(_("Key areas"))
    rows, rows_html = [], []
    for row in page.object_list:
        place = country_name(row.country_id, language) + (
            f"{separator}{row.city}" if row.city else ""
        )
        shown_row = {
            "slug": row.slug,
            "name": shown(row.name, language),
            "url": f"{directory_path}{row.slug}/",
            "place": place,
            "areas": [name for slug, name in area_names if slug in row.areas],
        }
        rows.append(shown_row)
        areas = "".join(f"<li>{escape(name)}</li>" for name in shown_row["areas"])
        tags = (
            f'\n        <ul class="tags" aria-label="{key_areas}">\n          {areas}\n        </ul>'
            if areas
            else ""
        )
        rows_html.append(
            f'<li class="directory-row">\n'
            f'        <h3><a href="{escape(shown_row["url"])}">{shown_row["name"]["html"]}</a></h3>\n'
            f'        <p class="muted">{escape(place)}</p>{tags}\n'
            f"      </li>"
        )
    filtered = any(value for key, value in selected.items() if key != "sort")
    return render_to_string(
        "members/directory/_listing.html",
        {
            "filters": form_html,
            "page": page,
            "rows": rows,
            "rows_html": mark_safe("\n      ".join(rows_html)),  # escaped above
            "filtered": filtered,
        },
        request=request,
    )


def _directory_filters(request, filters, counts: dict, selected: dict[str, str]) -> str:
    facets = selectors.directory_facets(filters, counts=counts)
    form = DirectoryFilterForm(facets=facets, total=counts["total"], selected=selected)
    filtered = any(value for key, value in selected.items() if key != "sort")
    return render_to_string(
        "members/directory/_filters.html",
        {"form": form, "html": mark_safe(_filters_html(form, filtered))},  # escaped there
    )


def _filters_html(form: DirectoryFilterForm, filtered: bool) -> str:
    """The filters, written in Python: drawn for every new selection of filters, with a few
    hundred options, where the template engine and Django's widgets cost more than the
    counting. Every value and label is escaped here."""
    directory_path = reverse("members:directory")
    q_field, q = form.fields["q"], form.initial.get("q") or ""
    value = f' value="{escape(q)}"' if q else ""
    parts = [
        f'\n  <form method="get" action="{directory_path}" class="directory-filters" '
        f'role="search" aria-labelledby="filters-title">\n'
        f'    <h2 id="filters-title">{escape(_("Find organisations"))}</h2>\n'
        f'    <div class="field">\n'
        f'      <label for="id_q">{escape(str(q_field.label))}</label>\n'
        f'      <input type="search" name="q"{value} maxlength="{q_field.max_length}" '
        f'aria-describedby="id_q_helptext" id="id_q">\n'
        f'      <div class="help" id="id_q_helptext">{escape(str(q_field.help_text))}</div>\n'
        f"    </div>\n"
    ]
    for name in ("country", "region", "area", "language", "sort"):
        field = form.fields[name]
        chosen = str(form.initial.get(name) or "")
        options = "".join(
            f'<option value="{escape(str(option))}"'
            f"{' selected' if str(option) == chosen else ''}>{escape(str(label))}</option>"
            for option, label in field.choices
        )
        parts.append(
            f'    <div class="field">\n'
            f'      <label for="id_{name}">{escape(str(field.label))}</label>\n'
            f'      <select id="id_{name}" name="{name}">{options}</select>\n'
            f"    </div>\n"
        )
    clear = f'<a href="{directory_path}">{escape(_("Clear the filters"))}</a>' if filtered else ""
    parts.append(
        f'    <div class="form-actions">\n'
        f'      <button type="submit" class="button">{escape(_("Show organisations"))}</button>\n'
        f"      {clear}\n"
        f"    </div>\n"
        f"  </form>\n"
    )
    return "".join(parts)


def _can_review(user) -> bool:
    return may(user, "members.review_application")


@cache_anonymous_page(
    version=lambda request: data_versions.current(
        data_versions.ORGANIZATIONS, *page_sections.versions("organization_profile")
    )
)
def profile(request, slug: str):
    version = data_versions.current(data_versions.ORGANIZATIONS)
    organization = _organization_by_slug.first(slug)
    if organization is None:
        raise Http404
    user = request.user
    is_staff = is_org_staff(user, organization)
    can_review = _can_review(user)
    if organization.status == Organization.Status.APPLICANT and not (is_staff or can_review):
        raise Http404
    can_edit = may(user, "members.edit_organization", organization)
    application = getattr(organization, "application", None) if is_staff or can_review else None
    context = {
        "organization": organization,
        "name": shown(organization.name, get_language()),
        "public_part": shared_fragment(
            request,
            "members.profile",
            version,
            lambda: _profile_public_part(request, organization),
        ),
        "is_staff": is_staff,
        "can_edit": can_edit,
        "can_manage_staff": may(user, "members.manage_staff", organization),
        "can_change_status": may(user, "members.suspend_organization", organization),
        "application": application,
        "history": (selectors.status_history_of(organization) if can_edit or can_review else None),
        "sections": page_sections.render("organization_profile", request, organization),
    }
    return render(request, "members/directory/profile.html", context)


@prepared
def _organization_by_slug(slug: str):
    # Prepared: every profile nobody has opened yet starts here.
    return Organization.objects.select_related("country__region", "contact").filter(slug=slug)[:1]


def _profile_public_part(request, organization: Organization) -> str:
    """The facts, description, areas, people and contact: the same for every reader allowed to
    see the profile (the view checks that before asking for it)."""
    facts = selectors.profile_facts(organization)
    contact = getattr(organization, "contact", None)
    language = get_language()
    return render_to_string(
        "members/directory/_profile_public.html",
        {
            "organization": organization,
            "description": shown(organization.description, language),
            "languages": sorted(
                (language_name(code) for code in organization.working_languages or []),
                key=str.casefold,
            ),
            "areas": facts.areas,
            "countries_of_activity": sorted(
                (country_name(code, language) for code in facts.countries), key=str.casefold
            ),
            "contact": contact if contact is not None and contact.public else None,
            "public_staff": facts.staff,
            # Reversed once: the facts and each key area link to the directory.
            "directory_url": reverse("members:directory"),
        },
        request=request,
    )


def _describe_change(change) -> list[dict]:
    """The requested values of an identity change, in words for the admin."""
    labels = {
        "name": _("Name"),
        "country": _("Country"),
        "registration_number": _("Registration number"),
        "registering_authority": _("Registering authority"),
    }
    rows = []
    for field, value in change.changes.items():
        if field == "name":
            text = MultilingualText.from_json(value)
            value = " / ".join(text.text.values()) if text else ""
        elif field == "country":
            value = Country(code=value).name
        rows.append({"label": labels.get(field, field), "value": value})
    return rows


@login_required
def profile_edit(request, slug: str):
    organization = get_object_or_404(
        Organization.objects.select_related("country", "contact").prefetch_related(
            "areas", "countries_of_activity"
        ),
        slug=slug,
    )
    # The service checks again on saving; the form is for the organisation's admins only.
    if not request.user.has_perm("members.edit_organization", organization):
        raise PermissionDenied
    application = getattr(organization, "application", None)
    if organization.status == Organization.Status.APPLICANT and application is not None:
        # Until it is a member, the organisation's details are part of its application.
        messages.info(
            request, _("Until the organisation is a member, change its details in the application.")
        )
        return redirect("members:application", application_id=application.pk)
    form = ProfileForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            _organization, change = services.organization_update_profile(
                actor=request.user, organization=organization, **form.service_fields()
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if change is not None:
                messages.warning(
                    request,
                    _(
                        "The profile is saved. The change to the name, country or registration "
                        "waits for the Secretariat's check: it shows once the Secretariat accepts it."
                    ),
                )
                return redirect("members:profile_edit", slug=organization.slug)
            messages.success(request, _("The profile is saved."))
            return redirect("members:profile", slug=organization.slug)
    pending = [
        {"change": change, "rows": _describe_change(change)}
        for change in selectors.pending_identity_changes_of(organization)
    ]
    return render(
        request,
        "members/directory/profile_edit.html",
        {
            "organization": organization,
            "name": shown(organization.name),
            "form": form,
            "pending": pending,
        },
    )
