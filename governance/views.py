"""Pages of joint consultation: the list, one consultation, the vote, delegates, the results."""

import functools
from html import escape

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.models import User
from core.dates import DateWriter
from core.languages import language_name
from core.page_cache import cache_anonymous_page
from core.templatetags.markup import render_markdown
from governance import selectors, services
from governance.forms import (
    CommentForm,
    ConsultationForm,
    DelegateForm,
    ProposalForm,
    ReasonForm,
    VoteForm,
    add_service_errors,
)
from governance.models import Comment, Consultation, Proposal

RECEIPTS_PER_PAGE = 100
# Anonymous readers' pages of consultations, kept until they change or a phase opens.
cached = cache_anonymous_page(version=selectors.consultations_version)


def _consultation(consultation_id: int) -> Consultation:
    try:
        return selectors.consultation_detail(consultation_id)
    except Consultation.DoesNotExist:
        raise Http404 from None


@cached
def consultation_list(request):
    page = selectors.consultation_page(request.GET.get("page"))
    return render(
        request,
        "governance/consultations/list.html",
        {
            "page": page,
            "rows": _ListRowWriter().rows(page.object_list),
            "can_open": request.user.has_perm("governance.open_consultation"),
        },
    )


class _ListRowWriter:
    """The list's rows as HTML, written here rather than by the template's loop, which cost
    the list most of its time. The markup is that of governance/consultations/_row.html."""

    def __init__(self):
        self.address = reverse("consultations:detail", args=[_ANY_ID])
        self.labels = {
            "everyone": escape(_("Every member organisation")),
            True: escape(_("Secret")),
            False: escape(_("Open (roll call)")),
        }
        self.phases: dict[str, str] = {}
        self.date = DateWriter("DATETIME_FORMAT")

    def rows(self, consultations) -> SafeString:
        return mark_safe("".join(map(self.row, consultations)))  # every value escaped below

    def row(self, consultation) -> str:
        title = consultation.title.render()
        body = str(consultation.body) if consultation.body else ""
        phase = consultation.phase()
        label = self.phases.get(phase)
        if label is None:
            label = self.phases[phase] = escape(str(Consultation.Phase(phase).label))
        closes = timezone.localtime(consultation.voting_closes)
        address = self.address.replace(str(_ANY_ID), str(consultation.pk))
        return (
            f'\n    <tr>\n      <td><a href="{address}" lang="{escape(title.language)}">'
            f"{escape(title.text)}</a></td>\n"
            f"      <td>{escape(body) if body else self.labels['everyone']}</td>\n"
            f"      <td>{label}</td>\n"
            f'      <td><time datetime="{closes.isoformat()}">{escape(self.date(closes))}</time></td>\n'
            f"      <td>{self.labels[bool(consultation.secret)]}</td>\n    </tr>\n  "
        )


@functools.lru_cache(maxsize=64)
def _matter_html(text: str) -> SafeString:
    """A consultation's description as HTML: the same on each page of its discussion, so
    rendered once per process and text (what {{ text|markdown:3 }} gives)."""
    return mark_safe(render_markdown(text, heading_level=3))  # sanitised by nh3


@cached
def consultation_detail(request, consultation_id: int):
    """The consultation: the matter, the timetable, the discussion and the proposals; staff of
    the organisations taking part comment, reply, propose and endorse here."""
    consultation = _consultation(consultation_id)
    phase = consultation.phase()
    user = request.user
    taking_part = selectors.organizations_taking_part_as_staff(user, consultation)
    may_moderate = user.has_perm("governance.moderate_discussion")
    action = request.POST.get("action") if request.method == "POST" else None
    language = translation.get_language()
    # Made when first used: most readers may neither comment nor propose, and making a form
    # (a deep copy of its fields) cost more than one of the page's queries.
    comment_form = SimpleLazyObject(
        lambda: CommentForm(
            request.POST if action == "comment" else None,
            initial={"language": language},
            auto_id="comment_%s",
        )
    )
    proposal_form = SimpleLazyObject(
        lambda: ProposalForm(
            request.POST if action == "propose" else None,
            initial={"language": language},
            auto_id="proposal_%s",
        )
    )
    status = 200
    if action and not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        if action == "comment" and comment_form.is_valid():
            parent_id = comment_form.cleaned_data["parent"]
            parent = (
                Comment.objects.filter(consultation=consultation, pk=parent_id).first()
                if parent_id
                else None
            )
            if parent_id and parent is None:
                raise ValidationError({"parent": _("Reply to a comment of this consultation.")})
            comment = services.comment_post(
                actor=user,
                consultation=consultation,
                text=comment_form.cleaned_data["text"],
                language=comment_form.cleaned_data["language"],
                parent=parent,
            )
            return redirect("consultations:comment", comment_id=comment.pk)
        if action == "propose" and proposal_form.is_valid():
            proposal = services.proposal_submit(
                actor=user, consultation=consultation, **proposal_form.cleaned_data
            )
            messages.success(request, _("Your proposal is published."))
            url = reverse("consultations:detail", args=[consultation.pk])
            return redirect(f"{url}#proposal-{proposal.pk}")
        if action == "endorse":
            proposal_id = request.POST.get("proposal", "")
            proposal = get_object_or_404(
                Proposal,
                consultation=consultation,
                pk=int(proposal_id) if proposal_id.isdigit() else 0,
            )
            services.proposal_endorse(actor=user, proposal=proposal)
            messages.success(request, _("Your organisation endorses the proposal."))
            url = reverse("consultations:detail", args=[consultation.pk])
            return redirect(f"{url}#proposal-{proposal.pk}")
        if action == "merge":
            ids = [request.POST.get(name, "") for name in ("proposal", "into")]
            proposal, into = (
                get_object_or_404(
                    Proposal, consultation=consultation, pk=int(pk) if pk.isdigit() else 0
                )
                for pk in ids
            )
            services.proposal_merge(actor=user, proposal=proposal, into=into)
            messages.success(request, _("The proposals are merged."))
            url = reverse("consultations:detail", args=[consultation.pk])
            return redirect(f"{url}#proposal-{into.pk}")
        if action:
            status = 400
    except services.Conflict as error:
        status = 409
        if action in ("endorse", "merge"):
            messages.error(request, error.messages[0])
        else:
            add_service_errors(proposal_form if action == "propose" else comment_form, error)
    except ValidationError as error:
        status = 400
        if action in ("endorse", "merge"):
            messages.error(request, error.messages[0])
        else:
            add_service_errors(proposal_form if action == "propose" else comment_form, error)
    page_number = request.GET.get("page")
    page, threads = selectors.comment_threads(consultation, page_number)
    may_comment = (bool(taking_part) or may_moderate) and phase in services.DISCUSSION_PHASES
    write = _CommentWriter(user, may_comment=may_comment, may_moderate=may_moderate)
    threads = [
        (comment, write(comment), [write(reply) for reply in replies])
        for comment, replies in threads
    ]
    proposals = selectors.shown_proposals(consultation)
    return render(
        request,
        "governance/consultations/detail.html",
        {
            # A reader who may not reply: the threads written here, without the template's
            # loop over them (which cost the page more than writing the comments).
            "threads_html": "" if may_comment else threads_html(threads),
            "timetable_html": timetable_html(consultation, phase),
            "consultation": consultation,
            "matter_html": _matter_html(consultation.description.render().text),
            "phase": phase,
            "ballot": consultation.ballot,
            "options": list(consultation.ballot.options.all()),
            "voting_for": selectors.organizations_voting_as(user, consultation),
            "administered": selectors.organizations_administered(user),
            # Shown while the vote is open only: no count of the votes on other days.
            "turnout": selectors.turnout_so_far(consultation)
            if phase == Consultation.Phase.VOTING
            else None,
            "can_close": user.has_perm("governance.close_voting"),
            "page": page,
            "threads": threads,
            "proposals": proposals,
            "endorsed": selectors.endorsed_by(taking_part, consultation),
            "taking_part": taking_part,
            "may_moderate": may_moderate,
            "may_comment": may_comment,
            "may_propose": bool(taking_part) and phase == Consultation.Phase.PROPOSALS,
            "may_merge": may_moderate
            and phase in (Consultation.Phase.DISCUSSION, Consultation.Phase.PROPOSALS),
            "comment_form": comment_form,
            "proposal_form": proposal_form,
        },
        status=status,
    )


_ANY_ID = 987654321


def timetable_html(consultation, phase: str) -> SafeString:
    """The consultation's timetable, written here with the markup of
    governance/consultations/_timetable.html (a test compares the two)."""
    date = DateWriter("DATETIME_FORMAT")

    def when(moment) -> str:
        local = timezone.localtime(moment)
        return f'<time datetime="{local.isoformat()}">{escape(date(local))}</time>'

    def stage(name: str, label: str, times: str = "") -> str:
        current = "stage-current" if phase == name else ""
        return f'  <li class="{current}"><strong>{escape(label)}</strong>{times}</li>\n'

    return mark_safe(  # every value escaped here
        '<ol class="timeline">\n'
        + stage("discussion", _("Discussion"), f" {when(consultation.discussion_opens)}")
        + stage("proposals", _("Proposals"), f" {when(consultation.proposals_open)}")
        + stage(
            "voting",
            _("Voting"),
            f" {when(consultation.voting_opens)} – {when(consultation.voting_closes)}",
        )
        + stage("results", _("Results"))
        + "</ol>"
    )


def threads_html(threads) -> SafeString:
    """The discussion's threads as the template's loop writes them for a reader who may not
    reply (no reply form): each first comment, then its replies (a test compares the two)."""
    return mark_safe(  # the comments' HTML, written by _CommentWriter
        "".join(
            f'\n  <div class="thread">\n    {comment_html}\n    '
            + (f'<div class="replies">{"".join(replies)}</div>' if replies else "")
            + "\n    \n  </div>\n  "
            for _comment, comment_html, replies in threads
        )
    )


class _CommentWriter:
    """A comment of the discussion as HTML, written here rather than by a template included for
    each: a page shows about 36, and the include cost more than everything else on the page.
    The markup is that of governance/consultations/_comment.html, kept for other pages."""

    def __init__(self, user, *, may_comment: bool, may_moderate: bool):
        self.user = user
        self.may_comment = may_comment
        self.may_moderate = may_moderate
        # Reversed once for the page: each address is the same but for the comment's id.
        self.addresses = {
            name: reverse(f"consultations:comment_{name}", args=[_ANY_ID])
            for name in ("history", "edit", "report", "hide")
        }
        # Translated and escaped once for the page.
        self.labels = {
            "edited": escape(_("edited")),
            "edit": escape(_("Edit")),
            "report": escape(_("Report")),
            "hide": escape(_("Hide")),
        }
        self.languages: dict[str, str] = {}
        self.date = DateWriter("DATETIME_FORMAT")

    def address(self, name: str, pk: int) -> str:
        return self.addresses[name].replace(str(_ANY_ID), str(pk))

    def __call__(self, comment: Comment) -> SafeString:
        # Plain strings, each value escaped once (html.escape, what Django's escape calls): the
        # page writes some forty comments, and format_html's checks on every piece cost more
        # than the rest of the comment.
        pk = comment.pk
        author = escape(comment.author.full_name or comment.author.email)
        parts = [
            f'<article class="comment" id="comment-{pk}" aria-labelledby="comment-{pk}-by">\n'
            f'  <p class="muted" id="comment-{pk}-by"><strong>{author}</strong>'
        ]
        if comment.organization_id:
            name = comment.organization.name
            parts.append(
                f', <span lang="{escape(name.original)}">{escape(name.original_text)}</span>'
            )
        written = timezone.localtime(comment.created_at)
        language = self.languages.get(comment.language)
        if language is None:
            language = self.languages[comment.language] = escape(language_name(comment.language))
        parts.append(
            f'\n    · <time datetime="{written.isoformat()}">'
            f"{escape(self.date(written))}</time>"
            f'\n    · <span class="badge">{language}</span>\n    '
        )
        if comment.edited_at:
            parts.append(f'· <a href="{self.address("history", pk)}">{self.labels["edited"]}</a>')
        parts.append("</p>\n  ")
        if comment.hidden_at:
            note = _("Hidden by the Secretariat: %(reason)s") % {
                "reason": escape(comment.hidden_reason)
            }
            parts.append(f'<p class="notice">{note}</p>\n')
        else:
            # comment.html: rendered and sanitised (nh3) when it was written, Comment.render.
            parts.append(
                f'<div class="prose user-text" lang="{escape(comment.language)}" dir="auto">'
                f"{comment.html}</div>\n    "
            )
            if self.user.is_authenticated:
                actions = []
                if comment.author_id == self.user.pk and self.may_comment:
                    actions.append("edit")
                actions.append("report")
                if self.may_moderate:
                    actions.append("hide")
                items = (
                    f'<li><a href="{self.address(name, pk)}">{self.labels[name]}</a></li>'
                    for name in actions
                )
                parts.append(
                    '<ul class="inline-list actions">\n      '
                    + "\n      ".join(items)
                    + "\n    </ul>"
                )
        parts.append("\n</article>")
        return mark_safe("".join(parts))  # every value escaped above


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


@cached
def consultation_results(request, consultation_id: int):
    consultation = _consultation(consultation_id)
    closed = consultation.phase() == Consultation.Phase.RESULTS
    context = {
        "consultation": consultation,
        "closed": closed,
        "can_record": request.user.has_perm("governance.record_decision"),
    }
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


# --- comments ----------------------------------------------------------------------------------


def _comment(comment_id: int) -> Comment:
    return get_object_or_404(Comment.objects.select_related("consultation"), pk=comment_id)


def comment_link(request, comment_id: int):
    """Where a comment is shown: its consultation's page, at the comment (search links here)."""
    comment = _comment(comment_id)
    thread = comment.thread_id or comment.pk
    position = Comment.objects.filter(
        consultation_id=comment.consultation_id, thread__isnull=True, pk__lt=thread
    ).count()
    page = position // selectors.THREADS_PER_PAGE + 1
    url = reverse("consultations:detail", args=[comment.consultation_id])
    return redirect(f"{url}?page={page}#comment-{comment.pk}")


def proposal_link(request, proposal_id: int):
    proposal = get_object_or_404(Proposal, pk=proposal_id)
    url = reverse("consultations:detail", args=[proposal.consultation_id])
    return redirect(f"{url}#proposal-{proposal.pk}")


def comment_history(request, comment_id: int):
    comment = _comment(comment_id)
    if comment.hidden_at is not None and not request.user.has_perm(
        "governance.moderate_discussion"
    ):
        raise Http404
    return render(
        request,
        "governance/consultations/comment_history.html",
        {"comment": comment, "revisions": selectors.comment_revisions(comment)},
    )


@login_required
def comment_edit(request, comment_id: int):
    comment = _comment(comment_id)
    if comment.author_id != request.user.pk:
        raise PermissionDenied
    form = CommentForm(
        request.POST or None, initial={"text": comment.text, "language": comment.language}
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_edit(
                actor=request.user,
                comment=comment,
                text=form.cleaned_data["text"],
                language=form.cleaned_data["language"],
            )
        except services.Conflict as error:
            status = 409
            add_service_errors(form, error)
        except ValidationError as error:
            status = 400
            add_service_errors(form, error)
        else:
            return redirect("consultations:comment", comment_id=comment.pk)
    return render(
        request,
        "governance/consultations/comment_form.html",
        {"comment": comment, "form": form, "title": _("Edit your comment")},
        status=status,
    )


@login_required
def comment_report(request, comment_id: int):
    comment = _comment(comment_id)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_report(
                actor=request.user, comment=comment, reason=form.cleaned_data["reason"]
            )
        except services.Conflict as error:
            messages.error(request, error.messages[0])
            return redirect("consultations:comment", comment_id=comment.pk)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you: the Secretariat will look at this comment."))
            return redirect("consultations:comment", comment_id=comment.pk)
    return render(
        request,
        "governance/consultations/comment_form.html",
        {"comment": comment, "form": form, "title": _("Report this comment")},
    )


@login_required
def comment_hide(request, comment_id: int):
    if not request.user.has_perm("governance.moderate_discussion"):
        raise PermissionDenied
    comment = _comment(comment_id)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_hide(
                actor=request.user, comment=comment, reason=form.cleaned_data["reason"]
            )
        except services.Conflict as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("The comment is hidden."))
        return redirect("consultations:comment", comment_id=comment.pk)
    return render(
        request,
        "governance/consultations/comment_form.html",
        {
            "comment": comment,
            "form": form,
            "title": _("Hide this comment"),
            "reports": comment.reports.select_related("reporter"),
        },
    )


@login_required
def consultation_mail(request):
    """Turn the emails about consultations on or off."""
    from governance.models import ConsultationMailOptOut

    if request.method == "POST":
        wanted = request.POST.get("wanted") == "yes"
        services.consultation_mail_set(actor=request.user, wanted=wanted)
        messages.success(
            request,
            _("You will get emails about consultations.")
            if wanted
            else _("You will get no more emails about consultations."),
        )
        back = request.POST.get("next", "")
        if back and url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(back)
        return redirect("consultations:mail")
    opted_out = ConsultationMailOptOut.objects.filter(user=request.user).exists()
    return render(request, "governance/consultations/mail.html", {"opted_out": opted_out})


def consultation_mail_section(request, user) -> str:
    """The switch for these emails on the person's account settings page (core.page_sections)."""
    from django.template.loader import render_to_string

    from governance.models import ConsultationMailOptOut

    if not getattr(user, "is_authenticated", False):
        return ""
    return render_to_string(
        "governance/consultations/_mail_setting.html",
        {
            "opted_out": ConsultationMailOptOut.objects.filter(user=user).exists(),
            "next": request.get_full_path(),
        },
        request=request,
    )


@require_POST
@login_required
def consultation_repeat(request, consultation_id: int):
    consultation = _consultation(consultation_id)
    try:
        following = services.consultation_repeat(actor=request.user, consultation=consultation)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("consultations:detail", consultation_id=consultation.pk)
    messages.success(request, _("The next round is open."))
    return redirect("consultations:detail", consultation_id=following.pk)


@login_required
def reported_comments(request):
    """The Secretariat's queue of reported comments."""
    if not request.user.has_perm("governance.moderate_discussion"):
        raise PermissionDenied
    page = Paginator(selectors.reported_comments(), 50).get_page(request.GET.get("page"))
    return render(request, "governance/consultations/reported.html", {"page": page})
