"""The Secretariat's review, the Steering Committee's vote, the membership lifecycle, the export.

Pages: see members/urls.py. Thin views: a form parses, a service writes (and checks permissions
again), a selector reads. Each page also checks who may see it, since reading is not a service.
"""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from accounts.rules import is_committee_member
from core.multilingual import MultilingualText
from members import exports, selectors, services
from members.forms.reviewing import (
    STATUS_ACTIONS,
    ForwardForm,
    IdentityDecisionForm,
    RejectForm,
    ReturnForm,
    StatusChangeForm,
    VoteForm,
)
from members.models import (
    ApplicationVote,
    IdentityChange,
    MembershipApplication,
    Organization,
)

PAGE_SIZE = 50
Status = MembershipApplication.Status


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: by field where it names one, else on top."""
    if hasattr(error, "error_dict"):
        for field, field_messages in error.message_dict.items():
            for message in field_messages:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _application_or_404(application_id: int) -> MembershipApplication:
    try:
        return selectors.application_detail(application_id)
    except MembershipApplication.DoesNotExist:
        raise Http404 from None


def _application_context(request, application: MembershipApplication) -> dict:
    """What the application's read-only summary shows (shared by the review and vote pages)."""
    organization = application.organization
    return {
        "application": application,
        "organization": organization,
        "contact": getattr(organization, "contact", None),
        "documents": list(application.documents.all()),
        "conversation": list(application.messages.all()),
        "may_open_documents": request.user.has_perm("members.view_application", application),
    }


# --- the Secretariat --------------------------------------------------------------------------


@login_required
def review_queue(request):
    _require(request.user.has_perm("members.review_application"))
    page = Paginator(selectors.review_queue(), PAGE_SIZE).get_page(request.GET.get("page"))
    applications = list(page.object_list)
    duplicates = selectors.possible_duplicates_of(applications)  # two queries for the page
    rows = [
        {"application": application, "duplicates": len(duplicates[application.pk])}
        for application in applications
    ]
    groups = [
        (status, list(items))
        for status, items in groupby(rows, key=lambda row: row["application"].status)
    ]
    return render(
        request,
        "members/review/queue.html",
        {
            "page": page,
            "groups": [(Status(status).label, items) for status, items in groups],
            "identity_change_count": selectors.pending_identity_changes().count(),
        },
    )


REVIEW_FORMS = {"forward": ForwardForm, "return": ReturnForm, "reject": RejectForm}


@login_required
def review(request, application_id: int):
    _require(request.user.has_perm("members.review_application"))
    application = _application_or_404(application_id)
    action = request.POST.get("action") if request.method == "POST" else None
    forms = {
        name: form_class(request.POST if action == name else None)
        for name, form_class in REVIEW_FORMS.items()
    }
    if action in forms:
        form = forms[action]
        if form.is_valid():
            try:
                message = _review_action(request, application, action, form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, message)
                return redirect("members:review", application_id=application.pk)
    elif request.method == "POST":
        messages.error(request, _("Choose one of the actions below."))
    tally = (
        services.vote_tally(application)
        if application.status in (Status.FORWARDED, Status.APPROVED, Status.REJECTED)
        and application.forwarded_at
        else None
    )
    return render(
        request,
        "members/review/review.html",
        {
            **_application_context(request, application),
            "duplicates": selectors.possible_duplicates_explained(application),
            "forward_form": forms["forward"],
            "return_form": forms["return"],
            "reject_form": forms["reject"],
            "may_forward": application.status == Status.SUBMITTED,
            "may_return": application.status == Status.SUBMITTED,
            "may_reject": application.status in (Status.SUBMITTED, Status.AWAITING_ENDORSEMENT),
            "tally": tally,
        },
    )


def _review_action(request, application, action: str, data: dict) -> str:
    if action == "forward":
        services.application_forward(actor=request.user, application=application)
        return _("The application is before the Steering Committee now.")
    if action == "return":
        services.application_return(
            actor=request.user, application=application, question=data["question"]
        )
        return _("The application is returned to the applicant with your question.")
    services.application_reject(actor=request.user, application=application, reason=data["reason"])
    return _("The application is rejected; the applicant is told why.")


# --- the Steering Committee -------------------------------------------------------------------


@login_required
def committee_queue(request):
    _require(is_committee_member(request.user))
    page = Paginator(selectors.committee_queue(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [
        {"application": application, "my_vote": (application.my_votes or [None])[0]}
        for application in page.object_list
    ]
    return render(request, "members/review/committee_queue.html", {"page": page, "rows": rows})


@login_required
def vote(request, application_id: int):
    _require(is_committee_member(request.user))
    application = _application_or_404(application_id)
    if application.forwarded_at is None:
        # Never put before the committee: not the committee's business.
        raise Http404
    form = VoteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_vote(
                actor=request.user, application=application, choice=form.cleaned_data["choice"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your vote is recorded."))
            return redirect("members:vote", application_id=application.pk)
    my_vote = ApplicationVote.objects.filter(application=application, voter=request.user).first()
    return render(
        request,
        "members/review/vote.html",
        {
            **_application_context(request, application),
            "form": form,
            "my_vote": my_vote,
            "tally": services.vote_tally(application),
            "vote_open": application.status == Status.FORWARDED and my_vote is None,
            "decided": application.status in (Status.APPROVED, Status.REJECTED),
        },
    )


# --- the membership lifecycle -----------------------------------------------------------------


def allowed_status_changes(user, organization: Organization) -> list[str]:
    """The statuses this person may move the organisation to from where it is now."""
    may_suspend = user.has_perm("members.suspend_organization", organization)
    may_withdraw = user.has_perm("members.withdraw_organization", organization)
    allowed = []
    for to_status in STATUS_ACTIONS:
        if (organization.status, to_status) not in services.ALLOWED_TRANSITIONS:
            continue
        if organization.status == Organization.Status.APPLICANT:
            continue  # applicants become members only by the committee's vote
        if may_withdraw if to_status == Organization.Status.WITHDRAWN else may_suspend:
            allowed.append(to_status)
    return allowed


@login_required
def change_status(request, slug: str):
    organization = get_object_or_404(Organization.objects.select_related("country"), slug=slug)
    _require(
        request.user.has_perm("members.suspend_organization", organization)
        or request.user.has_perm("members.withdraw_organization", organization)
    )
    allowed = allowed_status_changes(request.user, organization)
    form = StatusChangeForm(request.POST if request.method == "POST" else None, allowed=allowed)
    if request.method == "POST" and form.is_valid():
        try:
            services.organization_change_status(
                actor=request.user,
                organization=organization,
                to_status=form.cleaned_data["to_status"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The membership status is changed."))
            return redirect("members:change_status", slug=organization.slug)
    return render(
        request,
        "members/review/change_status.html",
        {
            "organization": organization,
            "form": form,
            "allowed": allowed,
            "history": organization.status_history.select_related("actor"),
        },
    )


# --- changes to legal identity ----------------------------------------------------------------


def _name_lines(value: MultilingualText | None) -> list[str]:
    if value is None:
        return []
    ordered = [value.original, *sorted(code for code in value.text if code != value.original)]
    return [f"{value.text[code]} ({code})" for code in ordered if value.text.get(code)]


def identity_change_rows(change: IdentityChange) -> list[dict]:
    """Each requested change as {label, old, new}, the old value being today's."""
    organization = change.organization
    rows = []
    for field, value in change.changes.items():
        if field == "name":
            rows.append(
                {
                    "label": _("Name"),
                    "old": _name_lines(organization.name),
                    "new": _name_lines(MultilingualText.from_json(value)),
                }
            )
        elif field == "country":
            rows.append(
                {
                    "label": _("Country"),
                    "old": [str(countries.name(organization.country_id))],
                    "new": [str(countries.name(value))],
                }
            )
        elif field == "registration_number":
            rows.append(
                {
                    "label": _("Registration number"),
                    "old": [organization.registration_number],
                    "new": [value],
                }
            )
        elif field == "registering_authority":
            rows.append(
                {
                    "label": _("Registering authority"),
                    "old": [organization.registering_authority],
                    "new": [value],
                }
            )
        else:
            rows.append({"label": field, "old": [], "new": [str(value)]})
    return rows


@login_required
def identity_changes(request):
    _require(request.user.has_perm("members.check_identity_change"))
    page = Paginator(selectors.pending_identity_changes().order_by("created_at"), PAGE_SIZE)
    page = page.get_page(request.GET.get("page"))
    rows = [{"change": change, "fields": identity_change_rows(change)} for change in page]
    return render(request, "members/review/identity_changes.html", {"page": page, "rows": rows})


@login_required
def identity_change_decide(request, change_id: int):
    _require(request.user.has_perm("members.check_identity_change"))
    change = get_object_or_404(
        IdentityChange.objects.select_related(
            "organization__country", "requested_by", "decided_by"
        ),
        pk=change_id,
    )
    form = IdentityDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.identity_change_decide(
                actor=request.user,
                change=change,
                accept=form.cleaned_data["decision"] == "accept",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if form.cleaned_data["decision"] == "accept":
                messages.success(request, _("The change is accepted and now on the profile."))
            else:
                messages.success(request, _("The change is refused; the requester is told why."))
            return redirect("members:identity_changes")
    return render(
        request,
        "members/review/identity_change.html",
        {
            "change": change,
            "organization": change.organization,
            "fields": identity_change_rows(change),
            "form": form,
            "pending": change.status == IdentityChange.Status.PENDING,
        },
    )


# --- the export -------------------------------------------------------------------------------


@login_required
def export_members(request):
    _require(request.user.has_perm("members.export_members"))
    rows = selectors.member_export_rows().iterator(chunk_size=500)
    response = StreamingHttpResponse(
        exports.iter_members_csv(rows), content_type="text/csv; charset=utf-8"
    )
    filename = exports.export_filename(timezone.localdate())
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
