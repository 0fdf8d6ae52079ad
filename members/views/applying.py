"""The applicant's pages: start an application, fill its steps, submit, follow its status.

Views parse with a form and call members.services; the services check permissions and rules.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.languages import language_name as language_label
from members import selectors, services
from members.forms.applying import (
    STEP_FORMS,
    AnswerForm,
    DocumentForm,
    EndorseForm,
    IdentityForm,
    SubmitForm,
)
from members.models import ApplicationMessage, MembershipApplication

Status = MembershipApplication.Status

STEPS = [
    ("identity", gettext_lazy("Identity")),
    ("activity", gettext_lazy("Activity")),
    ("contact", gettext_lazy("Contact")),
    ("documents", gettext_lazy("Documents")),
    ("submit", gettext_lazy("Review and submit")),
]
STEP_NAMES = [slug for slug, _label in STEPS]
# Where a service names a field differently from the form.
FIELD_ALIASES = {"names": "name", "original_language": "name_language"}


def _add_errors(form: Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: next to its field where it names one."""
    if hasattr(error, "error_dict"):
        for field, field_messages in error.message_dict.items():
            field = FIELD_ALIASES.get(field, field)
            for message in field_messages:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _visible_application(user, application_id: int) -> MembershipApplication:
    """The application with what its pages show; 404 for those who may not see it."""
    try:
        application = selectors.application_detail(application_id)
    except MembershipApplication.DoesNotExist:
        raise Http404 from None
    if not user.has_perm("members.view_application", application):
        raise Http404
    return application


def _step_url(application: MembershipApplication, step: str) -> str:
    return reverse(
        "members:application_step", kwargs={"application_id": application.pk, "step": step}
    )


def _status_url(application: MembershipApplication) -> str:
    return reverse("members:application", kwargs={"application_id": application.pk})


def _step_links(application: MembershipApplication | None, current: str) -> list[dict]:
    """The step navigation. Without an application yet, only the first step exists."""
    links = []
    for number, (slug, label) in enumerate(STEPS, start=1):
        url = None
        if application is not None:
            if slug == "submit" and application.status == Status.RETURNED:
                label = gettext_lazy("Answer and send back")
                url = _status_url(application) + "#answer"
            else:
                url = _step_url(application, slug)
        elif slug == "identity":
            url = reverse("members:apply")
        links.append(
            {"number": number, "slug": slug, "label": label, "url": url, "current": slug == current}
        )
    return links


def _summary(organization) -> dict:
    """What the summary of an application shows that needs a language's name."""
    name = organization.name
    codes = [name.original, *(code for code in name.text if code != name.original)]
    return {
        "names": [
            {
                "code": code,
                "text": name.text[code],
                "language": language_label(code),
                "original": code == name.original,
            }
            for code in codes
        ],
        "working_languages": [language_label(code) for code in organization.working_languages],
    }


def _next_step(step: str) -> str:
    return STEP_NAMES[min(STEP_NAMES.index(step) + 1, len(STEP_NAMES) - 1)]


def _render_step(request, application, step: str, context: dict, status: int = 200):
    return render(
        request,
        f"members/apply/{step}.html",
        {
            "application": application,
            "organization": application.organization,
            "step": step,
            "steps": _step_links(application, step),
            **context,
        },
        status=status,
    )


# --- starting --------------------------------------------------------------------------------


@login_required
def apply_start(request):
    """Step 1 of a new application; a person with an open application is taken to it."""
    mine = list(selectors.applications_of(request.user).order_by("-created_at"))
    open_application = next(
        (a for a in mine if a.status in MembershipApplication.OPEN_STATUSES), None
    )
    if open_application is not None:
        return redirect(_status_url(open_application))
    form = IdentityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(actor=request.user, **form.service_fields())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your application is started and saved as a draft."))
            if request.POST.get("action") == "draft":
                return redirect(_step_url(application, "identity"))
            return redirect(_step_url(application, _next_step("identity")))
    return render(
        request,
        "members/apply/identity.html",
        {
            "form": form,
            "application": None,
            "step": "identity",
            "steps": _step_links(None, "identity"),
            "earlier_applications": mine,
            "constitution": services.current_constitution(),
        },
    )


# --- the steps -------------------------------------------------------------------------------


@login_required
def application_step(request, application_id: int, step: str):
    if step not in STEP_NAMES:
        raise Http404
    application = _visible_application(request.user, application_id)
    if not request.user.has_perm("members.edit_application", application):
        raise PermissionDenied
    if not application.is_editable or (step == "submit" and application.status != Status.DRAFT):
        return redirect(_status_url(application))
    if step == "documents":
        return _documents_step(request, application)
    if step == "submit":
        return _render_submit(request, application, SubmitForm())
    form_class = STEP_FORMS[step]
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                services.application_update(
                    actor=request.user, application=application, **form.service_fields()
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                if request.POST.get("action") == "draft":
                    messages.success(request, _("Your draft is saved."))
                    return redirect(_step_url(application, step))
                return redirect(_step_url(application, _next_step(step)))
    else:
        form = form_class(initial=form_class.initial_for(application.organization))
    return _render_step(request, application, step, {"form": form})


def _documents_step(request, application: MembershipApplication):
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.application_add_document(
                actor=request.user,
                application=application,
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("“%(name)s” is uploaded.") % {"name": document.original_name}
            )
            return redirect(_step_url(application, "documents"))
    return _render_step(
        request,
        application,
        "documents",
        {"form": form, "documents": application.documents.all()},
    )


def _render_submit(request, application: MembershipApplication, form: SubmitForm):
    constitution = services.current_constitution()
    return _render_step(
        request,
        application,
        "submit",
        {
            "form": form,
            "missing": services.application_missing_parts(application),
            "constitution": constitution,
            "constitution_body": constitution.body.render() if constitution else None,
            "constitution_language": language_label(constitution.body.original)
            if constitution
            else "",
            "documents": application.documents.all(),
            "summary": _summary(application.organization),
            "endorsement_required": settings.MEMBERSHIP_ENDORSEMENT_REQUIRED,
        },
    )


@login_required
@require_POST
def application_submit(request, application_id: int):
    application = _visible_application(request.user, application_id)
    form = SubmitForm(request.POST)
    form.is_valid()
    try:
        application = services.application_submit(
            actor=request.user,
            application=application,
            accept_constitution=form.cleaned_data.get("accept_constitution", False),
        )
    except ValidationError as error:
        if application.status != Status.DRAFT:
            for message in error.messages:
                messages.error(request, message)
            return redirect(_status_url(application))
        _add_errors(form, error)
        return _render_submit(request, application, form)
    if application.status == Status.AWAITING_ENDORSEMENT:
        messages.success(
            request,
            _("Your application is submitted. It now needs the endorsement of a member."),
        )
    else:
        messages.success(
            request, _("Your application is submitted. The Secretariat will review it.")
        )
    return redirect(_status_url(application))


# --- documents -------------------------------------------------------------------------------


def _document(application: MembershipApplication, document_id: int):
    document = next((d for d in application.documents.all() if d.pk == document_id), None)
    if document is None:
        raise Http404
    return document


@login_required
def document_download(request, application_id: int, document_id: int):
    """The file, as an attachment, to those who may see the application."""
    application = _visible_application(request.user, application_id)
    document = _document(application, document_id)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


@login_required
@require_POST
def document_remove(request, application_id: int, document_id: int):
    application = _visible_application(request.user, application_id)
    document = _document(application, document_id)
    try:
        services.application_remove_document(actor=request.user, document=document)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(_status_url(application))
    messages.success(request, _("“%(name)s” is removed.") % {"name": document.original_name})
    return redirect(_step_url(application, "documents"))


# --- the status page -------------------------------------------------------------------------


@dataclass
class Stage:
    label: str
    state: str  # done, current, upcoming, skipped
    when: datetime | None = None
    note: str = ""


STAGE_OF_STATUS = {
    Status.DRAFT: "draft",
    Status.AWAITING_ENDORSEMENT: "endorsement",
    Status.SUBMITTED: "review",
    Status.RETURNED: "review",
    Status.FORWARDED: "committee",
    Status.APPROVED: "decision",
    Status.REJECTED: "decision",
}


def _timeline(application: MembershipApplication) -> list[Stage]:
    """draft → (endorsement) → review by the Secretariat → the committee's vote → decision."""
    status = application.status
    stages: list[tuple[str, str, datetime | None]] = [
        ("draft", _("Draft prepared"), application.created_at)
    ]
    if (
        settings.MEMBERSHIP_ENDORSEMENT_REQUIRED
        or application.endorsed_by_id
        or status == Status.AWAITING_ENDORSEMENT
    ):
        stages.append(("endorsement", _("Endorsed by a member organisation"), None))
    stages += [
        ("review", _("Submitted and reviewed by the Secretariat"), application.submitted_at),
        ("committee", _("Vote of the Steering Committee"), application.forwarded_at),
        (
            "decision",
            application.get_status_display() if application.decided_at else _("Decision"),
            application.decided_at,
        ),
    ]
    keys = [key for key, _label, _when in stages]
    current = keys.index(STAGE_OF_STATUS[status])
    timeline = []
    for index, (key, label, when) in enumerate(stages):
        if index < current:
            state = "done"
        elif index == current:
            state = "current"
        else:
            state = "upcoming"
        note = ""
        if key == "committee" and status == Status.REJECTED and not application.forwarded_at:
            state = "skipped"
        if key == "review" and status == Status.RETURNED:
            note = _("Returned with questions: waiting for your answer.")
        if key == "endorsement" and application.endorsed_by_id:
            note = _("Endorsed by %(name)s.") % {"name": application.endorsed_by.name}
        timeline.append(Stage(label=label, state=state, when=when, note=note))
    return timeline


def _render_status(request, application: MembershipApplication, answer_form: AnswerForm):
    can_edit = request.user.has_perm("members.edit_application", application)
    endorse_url = None
    if application.status == Status.AWAITING_ENDORSEMENT:
        endorse_url = request.build_absolute_uri(
            reverse("members:application_endorse", kwargs={"application_id": application.pk})
        )
    return render(
        request,
        "members/apply/status.html",
        {
            "application": application,
            "organization": application.organization,
            "timeline": _timeline(application),
            "conversation": [
                m for m in application.messages.all() if m.kind != ApplicationMessage.Kind.DECISION
            ],
            "documents": application.documents.all(),
            "summary": _summary(application.organization),
            "can_edit": can_edit and application.is_editable,
            "can_answer": can_edit and application.status == Status.RETURNED,
            "can_review": request.user.has_perm("members.review_application", application),
            "answer_form": answer_form,
            "steps": _step_links(application, "") if can_edit and application.is_editable else [],
            "endorse_url": endorse_url,
            "missing": services.application_missing_parts(application)
            if application.status == Status.DRAFT
            else [],
        },
    )


@login_required
def application_status(request, application_id: int):
    application = _visible_application(request.user, application_id)
    return _render_status(request, application, AnswerForm())


@login_required
@require_POST
def application_answer(request, application_id: int):
    application = _visible_application(request.user, application_id)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.application_answer(
                actor=request.user, application=application, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Your answer is sent. The Secretariat reviews the application again."),
            )
            return redirect(_status_url(application))
    return _render_status(request, application, form)


# --- endorsing -------------------------------------------------------------------------------


@login_required
def application_endorse(request, application_id: int):
    """An admin of a member organisation vouches for an applicant."""
    try:
        application = selectors.application_detail(application_id)
    except MembershipApplication.DoesNotExist:
        raise Http404 from None
    organizations = [
        organization
        for organization in selectors.member_organizations_administered_by(request.user)
        if organization.pk != application.organization_id
    ]
    if not organizations:
        raise PermissionDenied(
            _("Only an administrator of a member organisation can endorse an application.")
        )
    open_for_endorsement = application.status in (Status.DRAFT, Status.AWAITING_ENDORSEMENT)
    form = EndorseForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_endorse(
                actor=request.user,
                application=application,
                organization=form.cleaned_data["organization"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(member)s endorses %(applicant)s. Thank you.")
                % {
                    "member": form.cleaned_data["organization"].name,
                    "applicant": application.organization.name,
                },
            )
            return redirect(
                reverse("members:application_endorse", kwargs={"application_id": application.pk})
            )
    return render(
        request,
        "members/apply/endorse.html",
        {
            "application": application,
            "organization": application.organization,
            "form": form,
            "open_for_endorsement": open_for_endorsement and not application.endorsed_by_id,
        },
    )
