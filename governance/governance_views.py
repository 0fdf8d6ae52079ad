"""Governance pages: the bodies and their seats, the decisions register, network documents with
their versions and a word-level comparison of two versions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import data_versions, uploads
from core.multilingual import normalise_language
from core.page_cache import cache_anonymous_page
from governance import selectors, services
from governance.forms import (
    AdoptVersionForm,
    DecisionForm,
    MeetingDocumentForm,
    MeetingForm,
    MinutesForm,
    SeatEndForm,
    SeatForm,
    VersionTextForm,
    add_service_errors,
)
from governance.models import (
    Body,
    Consultation,
    Decision,
    Meeting,
    MeetingDocument,
    NetworkDocument,
    Seat,
)


def _governance_version(request) -> str:
    # Seats are current or past by today's date; names come from organisations and people
    # (whose changes move the organisations' version).
    version = data_versions.current(data_versions.GOVERNANCE, data_versions.ORGANIZATIONS)
    return f"{version}.{timezone.localdate().isoformat()}"


# Anonymous readers' governance pages, kept until the bodies, seats, meetings, decisions or
# documents change, or the day does.
cached = cache_anonymous_page(version=_governance_version)


@cached
def governance_index(request):
    return render(
        request,
        "governance/index.html",
        {
            "bodies": selectors.bodies_with_seats(),
            "documents": selectors.document_list(),
            "decisions": selectors.decision_list(request.user)[:5],
            "meetings": selectors.meetings_visible_to(request.user)[:10],
            "can_plan": bool(selectors.bodies_managed_by(request.user)),
            "can_seat": request.user.has_perm("governance.manage_seats"),
        },
    )


@cached
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
    asked = normalise_language(request.GET.get("language") or translation.get_language())
    return render(
        request,
        "governance/document.html",
        {
            "document": document,
            "version": version,
            "versions": versions,
            "body": version.body.render(asked),
            "can_adopt": request.user.has_perm("governance.adopt_document"),
        },
    )


@login_required
def document_version_edit(request, slug: str, number: int):
    """The Secretariat corrects a version's text in one language."""
    if not request.user.has_perm("governance.adopt_document"):
        raise PermissionDenied
    document = _document(slug)
    version = get_object_or_404(document.versions, number=number)
    language = normalise_language(request.GET.get("language") or version.body.original)
    initial = {"language": language, "text": version.body.text.get(language, "")}
    form = VersionTextForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_version_edit(actor=request.user, version=version, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The text is corrected."))
            url = reverse("governance:document_version", args=[document.slug, version.number])
            return redirect(f"{url}?language={form.cleaned_data['language']}")
    back = reverse("governance:document_version", args=[document.slug, version.number])
    return _form_page(
        request,
        form,
        title=_("Correct the text of version %(number)s") % {"number": version.number},
        submit=_("Save the text"),
        back=back,
        back_label=str(document.title),
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
            "documents": selectors.meeting_documents(request.user, meeting),
            "can_manage": request.user.has_perm("governance.manage_meeting", meeting.body),
        },
    )


def meeting_document(request, meeting_id: int, document_id: int):
    """A meeting's document, for whoever may see it: the meeting visible to them and, for an
    internal document, a member of the body or the Secretariat. Never a public media address."""
    meeting = _meeting(request, meeting_id)
    document = get_object_or_404(selectors.meeting_documents(request.user, meeting), pk=document_id)
    response = uploads.download(
        document.file,
        document.extension,
        f"meeting-{meeting.pk}-{document.pk}.{document.extension}",
    )
    # Kept by no shared cache: whether it may be read depends on who asks.
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
def meeting_documents(request, meeting_id: int):
    """The Secretariat or a member of the body attaches documents to a meeting and removes
    them."""
    meeting = _meeting(request, meeting_id)
    if not request.user.has_perm("governance.manage_meeting", meeting.body):
        raise PermissionDenied
    form = MeetingDocumentForm()
    status = 200
    if request.method == "POST" and "remove" in request.POST:
        remove = str(request.POST["remove"])
        document = get_object_or_404(
            MeetingDocument, meeting=meeting, pk=int(remove) if remove.isdigit() else 0
        )
        services.meeting_document_remove(actor=request.user, document=document)
        messages.success(request, _("The document is removed."))
        return redirect("governance:meeting_documents", meeting_id=meeting.pk)
    if request.method == "POST":
        form = MeetingDocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.meeting_document_add(
                    actor=request.user,
                    meeting=meeting,
                    title=form.cleaned_data["title"],
                    upload=form.cleaned_data["file"],
                    internal=form.cleaned_data["internal"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The document is attached to the meeting."))
                return redirect("governance:meeting_documents", meeting_id=meeting.pk)
        status = 400
    return render(
        request,
        "governance/meeting_documents.html",
        {
            "meeting": meeting,
            "form": form,
            "documents": selectors.meeting_documents(request.user, meeting),
            "max_mb": services.meeting_document_max_bytes() // (1024 * 1024),
        },
        status=status,
    )


def meeting_calendar(request, meeting_id: int):
    meeting = _meeting(request, meeting_id)
    url = request.build_absolute_uri(reverse("governance:meeting", args=[meeting.pk]))
    response = HttpResponse(
        selectors.meeting_calendar(meeting, url), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


# --- the Secretariat's and the bodies' forms ----------------------------------------------------


def _form_page(request, form, *, title: str, submit: str, back: str, back_label: str):
    return render(
        request,
        "governance/form.html",
        {"form": form, "title": title, "submit": submit, "back": back, "back_label": back_label},
    )


def _meeting_initial(meeting: Meeting) -> dict:
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(meeting.time_zone)
    title = meeting.title.render()
    return {
        "body": meeting.body_id,
        "title": title.text,
        "language": title.language,
        "time_zone": meeting.time_zone,
        "starts_at": meeting.starts_at.astimezone(zone).replace(tzinfo=None),
        "ends_at": meeting.ends_at.astimezone(zone).replace(tzinfo=None),
        "place": meeting.place,
        "online": meeting.online,
        "agenda": meeting.agenda.render(title.language).text if meeting.agenda else "",
        "attendees": list(meeting.attendees.values_list("pk", flat=True)),
        "internal": meeting.internal,
    }


@login_required
def meeting_edit(request, meeting_id: int | None = None):
    """Plan a meeting, or change it and take its attendance: the Secretariat, or a member of the
    body."""
    bodies = selectors.bodies_managed_by(request.user)
    meeting = None
    if meeting_id is not None:
        meeting = _meeting(request, meeting_id)
        if not request.user.has_perm("governance.manage_meeting", meeting.body):
            raise PermissionDenied
    elif not bodies:
        raise PermissionDenied
    initial = _meeting_initial(meeting) if meeting else {"language": translation.get_language()}
    if meeting is None and str(request.GET.get("body", "")).isdigit():
        initial["body"] = int(request.GET["body"])
    seated = selectors.seat_holders(meeting.body if meeting else None)
    form = MeetingForm(request.POST or None, initial=initial, bodies=bodies, seated=seated)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_save(
                actor=request.user, meeting=meeting, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect("governance:meeting", meeting_id=meeting.pk)
    return _form_page(
        request,
        form,
        title=_("Change the meeting") if meeting else _("Plan a meeting"),
        submit=_("Save the meeting"),
        back=reverse("governance:meeting", args=[meeting.pk])
        if meeting
        else reverse("governance:index"),
        back_label=str(meeting.title) if meeting else _("Governance"),
    )


@login_required
def meeting_minutes(request, meeting_id: int):
    """Write the minutes as a draft, then approve them."""
    meeting = _meeting(request, meeting_id)
    if not request.user.has_perm("governance.manage_meeting", meeting.body):
        raise PermissionDenied
    initial = {"language": translation.get_language()}
    if meeting.minutes:
        rendered = meeting.minutes.render()
        initial = {"minutes": rendered.text, "language": rendered.language}
    form = MinutesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_minutes_save(actor=request.user, meeting=meeting, **form.cleaned_data)
        except services.Conflict as error:
            messages.error(request, error.messages[0])
            return redirect("governance:meeting", meeting_id=meeting.pk)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if form.cleaned_data["approve"]:
                messages.success(request, _("The minutes are approved."))
            else:
                messages.success(request, _("The draft minutes are saved."))
            return redirect("governance:meeting", meeting_id=meeting.pk)
    return _form_page(
        request,
        form,
        title=_("Minutes"),
        submit=_("Save the minutes"),
        back=reverse("governance:meeting", args=[meeting.pk]),
        back_label=str(meeting.title),
    )


@login_required
def body_seats(request, slug: str):
    """The Secretariat seats people on a body and ends their terms."""
    if not request.user.has_perm("governance.manage_seats"):
        raise PermissionDenied
    body = get_object_or_404(Body, slug=slug)
    form = SeatForm(request.POST or None, initial={"role": Seat.Role.MEMBER})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("email")
        try:
            services.seat_assign(actor=request.user, body=body, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The seat is assigned."))
            return redirect("governance:seats", slug=body.slug)
    return render(
        request,
        "governance/seats.html",
        {
            "body": body,
            "form": form,
            "seats": selectors.open_seats(body),
            "end_form": SeatEndForm(initial={"term_end": timezone.localdate()}),
        },
    )


@require_POST
@login_required
def seat_end(request, seat_id: int):
    if not request.user.has_perm("governance.manage_seats"):
        raise PermissionDenied
    seat = get_object_or_404(Seat.objects.select_related("body"), pk=seat_id)
    form = SeatEndForm(request.POST)
    if form.is_valid():
        try:
            services.seat_end(actor=request.user, seat=seat, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The term is ended."))
    else:
        messages.error(request, _("Give the day the term ends."))
    return redirect("governance:seats", slug=seat.body.slug)


def _decision_initial(decision: Decision) -> dict:
    title = decision.title.render()
    return {
        "decided_on": decision.decided_on,
        "body": decision.body_id,
        "title": title.text,
        "text": decision.text.render(title.language).text,
        "language": title.language,
        "votes_for": decision.votes_for,
        "votes_against": decision.votes_against,
        "votes_abstaining": decision.votes_abstaining,
        "meeting": decision.meeting_id,
        "internal": decision.internal,
    }


@login_required
def decision_edit(request, decision_id: int | None = None):
    """The Secretariat records a decision in the register, or corrects one."""
    if not request.user.has_perm("governance.record_decision"):
        raise PermissionDenied
    decision = get_object_or_404(Decision, pk=decision_id) if decision_id else None
    initial = (
        _decision_initial(decision)
        if decision
        else {"decided_on": timezone.localdate(), "language": translation.get_language()}
    )
    if decision is None and str(request.GET.get("meeting", "")).isdigit():
        initial["meeting"] = int(request.GET["meeting"])
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            fields = services.DecisionFields(**form.cleaned_data)
            if decision is None:
                decision = services.decision_record(actor=request.user, fields=fields)
            else:
                decision = services.decision_update(
                    actor=request.user, decision=decision, fields=fields
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Decision %(number)s is in the register.") % {"number": decision.number}
            )
            return redirect(f"{reverse('governance:decisions')}#decision-{decision.pk}")
    return _form_page(
        request,
        form,
        title=_("Correct decision %(number)s") % {"number": decision.number}
        if decision
        else _("Record a decision"),
        submit=_("Save the decision"),
        back=reverse("governance:decisions"),
        back_label=_("Decisions register"),
    )
