"""Pages of joint consultation: the list, one consultation, the vote, delegates, the results."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.models import User
from governance import selectors, services
from governance.forms import ConsultationForm, DelegateForm, VoteForm, add_service_errors
from governance.models import Consultation

RECEIPTS_PER_PAGE = 100


def _consultation(consultation_id: int) -> Consultation:
    try:
        return selectors.consultation_detail(consultation_id)
    except Consultation.DoesNotExist:
        raise Http404 from None


def consultation_list(request):
    page = Paginator(selectors.consultation_list(), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/consultations/list.html",
        {
            "page": page,
            "can_open": request.user.has_perm("governance.open_consultation"),
        },
    )


def consultation_detail(request, consultation_id: int):
    consultation = _consultation(consultation_id)
    voting_for = selectors.organizations_voting_as(request.user, consultation)
    return render(
        request,
        "governance/consultations/detail.html",
        {
            "consultation": consultation,
            "phase": consultation.phase(),
            "ballot": consultation.ballot,
            "options": list(consultation.ballot.options.all()),
            "voting_for": voting_for,
            "administered": selectors.organizations_administered(request.user),
            "turnout": selectors.turnout_so_far(consultation),
            "can_close": request.user.has_perm("governance.close_voting"),
        },
    )


@login_required
def consultation_open(request):
    if not request.user.has_perm("governance.open_consultation"):
        raise PermissionDenied
    form = ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_open(
                actor=request.user, **form.service_arguments()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The consultation is open."))
            return redirect("consultations:detail", consultation_id=consultation.pk)
    return render(request, "governance/consultations/open.html", {"form": form})


def _rows(organizations, votes):
    return [(organization, votes.get(organization.pk)) for organization in organizations]


@never_cache
@login_required
def consultation_vote(request, consultation_id: int):
    """The representative's (or delegate's) ballot paper. A secret ballot's receipt is shown in
    the answer to the vote itself, never stored where a page could show it again."""
    consultation = _consultation(consultation_id)
    ballot = consultation.ballot
    organizations = selectors.organizations_voting_as(request.user, consultation)
    if not organizations:
        raise PermissionDenied
    options = list(ballot.options.all())
    form = VoteForm(request.POST or None, organizations=organizations, options=options)
    status, cast = 200, None
    if request.method == "POST" and form.is_valid():
        organization = next(o for o in organizations if o.pk == form.cleaned_data["organization"])
        try:
            cast = services.ballot_cast(
                actor=request.user,
                ballot=ballot,
                organization=organization,
                option=form.cleaned_data["option"],
            )
        except services.Conflict as error:
            status = 409
            add_service_errors(form, error)
        except ValidationError as error:
            add_service_errors(form, error)
        if cast is not None and not consultation.secret:
            messages.success(request, _("Your vote is recorded."))
            return redirect("consultations:vote", consultation_id=consultation.pk)
        if cast is not None:
            form = VoteForm(organizations=organizations, options=options)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "governance/consultations/vote.html",
        {
            "consultation": consultation,
            "phase": consultation.phase(),
            "form": form,
            "organizations": organizations,
            "rows": _rows(organizations, selectors.votes_of(organizations, ballot)),
            "cast": cast,
        },
        status=status,
    )


@login_required
def consultation_delegate(request, consultation_id: int):
    consultation = _consultation(consultation_id)
    organizations = selectors.organizations_administered(request.user)
    if not organizations:
        raise PermissionDenied
    form = DelegateForm(request.POST or None, organizations=organizations)
    status = 200
    if request.method == "POST" and form.is_valid():
        organization = next(o for o in organizations if o.pk == form.cleaned_data["organization"])
        email = form.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email).first() if email else None
        try:
            if email and user is None:
                raise ValidationError({"email": _("Choose a member of the organisation's staff.")})
            services.ballot_delegate(
                actor=request.user, ballot=consultation.ballot, organization=organization, user=user
            )
        except services.Conflict as error:
            status = 409
            add_service_errors(form, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if user:
                messages.success(
                    request, _("%(name)s may vote for the organisation.") % {"name": user.email}
                )
            else:
                messages.success(request, _("The delegation is taken back."))
            return redirect("consultations:detail", consultation_id=consultation.pk)
    return render(
        request,
        "governance/consultations/delegate.html",
        {"consultation": consultation, "form": form},
        status=status,
    )


@require_POST
@login_required
def consultation_close(request, consultation_id: int):
    consultation = _consultation(consultation_id)
    try:
        services.consultation_close_voting(actor=request.user, consultation=consultation)
    except services.Conflict as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The vote is closed; the results are published."))
    return redirect("consultations:results", consultation_id=consultation.pk)


def consultation_results(request, consultation_id: int):
    consultation = _consultation(consultation_id)
    closed = consultation.phase() == Consultation.Phase.RESULTS
    context = {"consultation": consultation, "closed": closed}
    if closed:
        context["results"] = selectors.ballot_results(consultation)
        q = request.GET.get("receipt", "")[:24]
        rows = (
            selectors.published_receipts(consultation, q=q)
            if consultation.secret
            else selectors.roll_call(consultation)
        )
        context["page"] = Paginator(rows, RECEIPTS_PER_PAGE).get_page(request.GET.get("page"))
        context["receipt"] = q
    return render(request, "governance/consultations/results.html", context)
