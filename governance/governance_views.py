"""Governance pages: the bodies and their seats, the decisions register, network documents with
their versions and a word-level comparison of two versions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.multilingual import normalise_language
from governance import selectors, services
from governance.forms import AdoptVersionForm, add_service_errors
from governance.models import Consultation, NetworkDocument


def governance_index(request):
    return render(
        request,
        "governance/index.html",
        {
            "bodies": selectors.bodies_with_seats(),
            "documents": selectors.document_list(),
            "decisions": selectors.decision_list(request.user)[:5],
            "meetings": selectors.meetings_visible_to(request.user)[:10],
        },
    )


def decision_list(request):
    """The register; `?show=membership` keeps only the committee's membership approvals."""
    membership = request.GET.get("show") == "membership"
    rows = selectors.decision_list(request.user)
    if membership:
        rows = rows.filter(application__isnull=False)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/decisions.html",
        {
            "page": page,
            "membership": membership,
            "can_review": request.user.has_perm("members.review_application"),
            "can_record": request.user.has_perm("governance.record_decision"),
        },
    )


def _document(slug: str) -> NetworkDocument:
    try:
        return selectors.document_detail(slug)
    except NetworkDocument.DoesNotExist:
        raise Http404 from None


def document_detail(request, slug: str, number: int | None = None):
    document = _document(slug)
    versions = list(document.versions.all())
    if not versions:
        raise Http404
    version = (
        versions[0] if number is None else next((v for v in versions if v.number == number), None)
    )
    if version is None:
        raise Http404
    return render(
        request,
        "governance/document.html",
        {
            "document": document,
            "version": version,
            "versions": versions,
            "body": version.body.render(),
            "can_adopt": request.user.has_perm("governance.adopt_document"),
        },
    )


def _number(value, default: int) -> int:
    return int(value) if str(value or "").isdigit() and len(str(value)) < 6 else default


def document_compare(request, slug: str):
    """Two versions side by side, word by word, in one language (the reader's by default)."""
    document = _document(slug)
    versions = {v.number: v for v in document.versions.all()}
    if len(versions) < 2:
        raise Http404
    numbers = sorted(versions)
    old = versions.get(_number(request.GET.get("from"), numbers[-2]))
    new = versions.get(_number(request.GET.get("to"), numbers[-1]))
    if old is None or new is None:
        raise Http404
    language = normalise_language(request.GET.get("language") or translation.get_language())
    old_text, new_text = old.body.render(language), new.body.render(language)
    return render(
        request,
        "governance/compare.html",
        {
            "document": document,
            "old": old,
            "new": new,
            "numbers": numbers,
            "language": new_text.language,
            "languages": sorted(set(old.body.text) & set(new.body.text)),
            "pieces": selectors.word_diff(old_text.text, new_text.text),
        },
    )


@login_required
def document_adopt(request, slug: str):
    """The Secretariat records a new version of a document, adopted by a decision."""
    if not request.user.has_perm("governance.adopt_document"):
        raise PermissionDenied
    document = _document(slug)
    current = next(iter(document.versions.all()), None)
    initial = (
        {"language": current.body.original, "text": current.body.original_text} if current else {}
    )
    decision_id = request.GET.get("decision", "")
    if decision_id.isdigit():
        initial["decision"] = int(decision_id)
    form = AdoptVersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.document_version_adopt(
                actor=request.user, document=document, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The new version is adopted."))
            return redirect(
                "governance:document_version", slug=document.slug, number=version.number
            )
    return render(request, "governance/adopt.html", {"document": document, "form": form})


@require_POST
@login_required
def record_result(request, consultation_id: int):
    consultation = get_object_or_404(Consultation, pk=consultation_id)
    try:
        decision = services.decision_record_result(
            actor=request.user, consultation=consultation, language=translation.get_language()
        )
    except services.Conflict as error:
        messages.error(request, error.messages[0])
        return redirect("consultations:results", consultation_id=consultation.pk)
    messages.success(
        request, _("Recorded in the register as decision %(number)s.") % {"number": decision.number}
    )
    return redirect(f"{reverse('governance:decisions')}#decision-{decision.pk}")


def _meeting(request, meeting_id: int):
    meeting = selectors.meetings_visible_to(request.user).filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    return meeting


def meeting_detail(request, meeting_id: int):
    meeting = _meeting(request, meeting_id)
    return render(
        request,
        "governance/meeting.html",
        {
            "meeting": meeting,
            "minutes": meeting.minutes.render()
            if meeting.minutes and selectors.may_read_minutes(request.user, meeting)
            else None,
            "agenda": meeting.agenda.render() if meeting.agenda else None,
            "attendees": meeting.attendees.order_by("full_name"),
            "decisions": selectors.decision_list(request.user).filter(meeting=meeting),
        },
    )


def meeting_calendar(request, meeting_id: int):
    meeting = _meeting(request, meeting_id)
    url = request.build_absolute_uri(reverse("governance:meeting", args=[meeting.pk]))
    response = HttpResponse(
        selectors.meeting_calendar(meeting, url), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response
