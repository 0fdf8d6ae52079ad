"""The Secretariat's back office for organisations and the membership workflow.

Every step of the workflow is an admin action that calls the same service as the pages
(members.services) with actor=request.user; the services check permissions and write the audit
log. Rows the workflow owns (applications, votes, messages, the membership history) are read-only
here, so nothing bypasses the services.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.rules import is_secretariat, is_site_admin
from core.admin_base import BackOfficeAdmin
from core.multilingual import MultilingualText, MultilingualTextField
from core.services import audit_record
from members import exports, selectors, services
from members.forms.reviewing import ReasonForm
from members.models import (
    ApplicationDocument,
    ApplicationMessage,
    ApplicationVote,
    IdentityChange,
    MembershipApplication,
    Organization,
    OrganizationStaff,
    StatusChange,
)


def _is_back_office(request) -> bool:
    return bool(
        request.user.is_active and (is_site_admin(request.user) or is_secretariat(request.user))
    )


class ReadOnlyInline(admin.TabularInline):
    """Rows shown beside their parent in the back office, never edited there."""

    extra = 0
    can_delete = False
    show_change_link = False

    def has_view_permission(self, request, obj=None):
        return _is_back_office(request)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ServiceActionsMixin:
    """Admin actions that run a service on each selected row, after a confirmation page.

    The confirmation page asks for a text when the service needs one (a question, a reason).
    A refusal of permission stops everything (403); a row in the wrong state is reported and
    skipped, the others go on.
    """

    confirm_template = "admin/members/confirm_action.html"

    def run_service_action(
        self,
        request,
        queryset,
        *,
        title,
        button,
        call,
        text_label=None,
        text_required=True,
        danger=False,
    ):
        confirmed = request.POST.get("confirm") == "yes"
        form = None
        if text_label is not None:
            form = ReasonForm(
                request.POST if confirmed else None, label=text_label, required=text_required
            )
        if confirmed and (form is None or form.is_valid()):
            text = form.cleaned_data["text"] if form is not None else ""
            done = 0
            for obj in queryset:
                try:
                    call(obj, text)
                except ValidationError as error:
                    self.message_user(request, f"{obj}: {' '.join(error.messages)}", messages.ERROR)
                else:
                    done += 1
            if done:
                self.message_user(
                    request,
                    ngettext("%(count)d row done.", "%(count)d rows done.", done) % {"count": done},
                    messages.SUCCESS,
                )
            return None  # back to the list
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "button": button,
            "danger": danger,
            "objects": list(queryset),
            "form": form,
            "action": request.POST.get("action", ""),
            "opts": self.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, self.confirm_template, context)


class MultilingualJSONField(forms.JSONField):
    """Edits a MultilingualText as its JSON value ({"original", "text", "machine"}).

    Shown as JSON so the back office sees every language and which translations are machine-made.
    """

    def prepare_value(self, value):
        if isinstance(value, MultilingualText):
            value = value.to_json()
        return super().prepare_value(value)

    def has_changed(self, initial, data):
        if isinstance(initial, MultilingualText):
            initial = initial.to_json()
        return super().has_changed(initial, data)


def csv_response(organizations) -> HttpResponse:
    """The member CSV (members.exports) as a download, for the back office."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = exports.export_filename(timezone.localdate())
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    exports.write_members_csv(organizations, response)
    return response


# --- organisations ----------------------------------------------------------------------------


class StaffInline(ReadOnlyInline):
    """Staff change through the organisation's own staff page (which keeps one admin)."""

    model = OrganizationStaff
    fields = ["user", "role", "title", "shown_publicly", "is_representative"]
    readonly_fields = fields


class StatusChangeInline(ReadOnlyInline):
    model = StatusChange
    fields = ["created_at", "from_status", "to_status", "actor", "reason"]
    readonly_fields = fields
    ordering = ["-created_at", "-id"]
    verbose_name_plural = _("membership history")


@admin.register(Organization)
class OrganizationAdmin(ServiceActionsMixin, BackOfficeAdmin):
    list_display = ["slug", "name", "kind", "country", "status", "member_since"]
    list_filter = ["status", "kind", "country__region"]
    search_fields = ["slug", "registration_number", "search_text"]
    filter_horizontal = ["areas", "countries_of_activity"]
    # The status changes only through the actions below (the service keeps the history);
    # the legal identity changes through identity changes, which the Secretariat checks.
    readonly_fields = [
        "status",
        "member_since",
        "name",
        "country",
        "registration_number",
        "registering_authority",
    ]
    inlines = [StaffInline, StatusChangeInline]
    list_select_related = ["country"]
    formfield_overrides = {
        MultilingualTextField: {"form_class": MultilingualJSONField},
        models.URLField: {"assume_scheme": "https"},
    }
    actions = ["suspend", "reinstate", "withdraw", "export_csv"]

    def has_delete_permission(self, request, obj=None):
        return False  # organisations withdraw; their history stays

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.user,
            action="organization.back_office_edit",
            target=obj,
            fields=sorted(form.changed_data),
        )

    def _change_status(self, request, queryset, to_status, *, title, button):
        return self.run_service_action(
            request,
            queryset,
            title=title,
            button=button,
            text_label=_("Reason (kept in the membership history, sent to the organisation)"),
            danger=True,
            call=lambda organization, reason: services.organization_change_status(
                actor=request.user, organization=organization, to_status=to_status, reason=reason
            ),
        )

    @admin.action(description=_("Suspend the selected organisations"))
    def suspend(self, request, queryset):
        return self._change_status(
            request,
            queryset,
            Organization.Status.SUSPENDED,
            title=_("Suspend organisations"),
            button=_("Suspend"),
        )

    @admin.action(description=_("Reinstate the selected organisations as members"))
    def reinstate(self, request, queryset):
        return self._change_status(
            request,
            queryset,
            Organization.Status.MEMBER,
            title=_("Reinstate organisations"),
            button=_("Reinstate"),
        )

    @admin.action(description=_("Withdraw the selected organisations from the network"))
    def withdraw(self, request, queryset):
        return self._change_status(
            request,
            queryset,
            Organization.Status.WITHDRAWN,
            title=_("Withdraw organisations"),
            button=_("Withdraw"),
        )

    @admin.action(description=_("Export selected as CSV"))
    def export_csv(self, request, queryset):
        if not request.user.has_perm("members.export_members"):
            raise PermissionDenied
        return csv_response(selectors.export_rows_of(queryset))


# --- applications -----------------------------------------------------------------------------


class DocumentInline(ReadOnlyInline):
    model = ApplicationDocument
    fields = ["original_name", "description", "content_type", "size", "uploaded_at", "open"]
    readonly_fields = fields

    @admin.display(description=_("file"))
    def open(self, document):
        url = reverse("members:document", args=[document.application_id, document.pk])
        return format_html('<a href="{}">{}</a>', url, _("open"))


class MessageInline(ReadOnlyInline):
    model = ApplicationMessage
    fields = ["created_at", "kind", "author", "text"]
    readonly_fields = fields
    verbose_name_plural = _("conversation")


class VoteInline(ReadOnlyInline):
    model = ApplicationVote
    fields = ["voter", "choice", "cast_at"]
    readonly_fields = fields


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(ServiceActionsMixin, BackOfficeAdmin):
    list_display = [
        "organization",
        "status",
        "applicant",
        "submitted_at",
        "forwarded_at",
        "decided_at",
    ]
    list_filter = ["status"]
    search_fields = ["organization__slug", "organization__registration_number"]
    list_select_related = ["organization", "applicant"]
    date_hierarchy = "submitted_at"
    fields = [
        "organization",
        "applicant",
        "status",
        "review_page",
        "constitution_version",
        "constitution_accepted_at",
        "endorsed_by",
        "submitted_at",
        "forwarded_at",
        "decided_at",
        "decision_reason",
    ]
    readonly_fields = fields
    inlines = [DocumentInline, MessageInline, VoteInline]
    actions = ["forward", "return_with_question", "reject"]

    # Applications are written only by the workflow's services (the actions below).
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("on the site"))
    def review_page(self, application):
        url = reverse("members:review", args=[application.pk])
        return format_html('<a href="{}">{}</a>', url, _("the review page"))

    @admin.action(description=_("Forward the selected applications to the Steering Committee"))
    def forward(self, request, queryset):
        return self.run_service_action(
            request,
            queryset.select_related("organization"),
            title=_("Forward to the Steering Committee"),
            button=_("Forward"),
            call=lambda application, _text: services.application_forward(
                actor=request.user, application=application
            ),
        )

    @admin.action(description=_("Return the selected applications with a question"))
    def return_with_question(self, request, queryset):
        return self.run_service_action(
            request,
            queryset.select_related("organization"),
            title=_("Return to the applicant with a question"),
            button=_("Return"),
            text_label=_("Question for the applicant"),
            call=lambda application, question: services.application_return(
                actor=request.user, application=application, question=question
            ),
        )

    @admin.action(description=_("Reject the selected applications"))
    def reject(self, request, queryset):
        return self.run_service_action(
            request,
            queryset.select_related("organization"),
            title=_("Reject applications"),
            button=_("Reject"),
            text_label=_("Reason for the rejection (sent to the applicant)"),
            danger=True,
            call=lambda application, reason: services.application_reject(
                actor=request.user, application=application, reason=reason
            ),
        )


# --- changes to legal identity ----------------------------------------------------------------


@admin.register(IdentityChange)
class IdentityChangeAdmin(ServiceActionsMixin, BackOfficeAdmin):
    list_display = ["organization", "requested_fields", "status", "requested_by", "created_at"]
    list_filter = ["status"]
    search_fields = ["organization__slug", "organization__registration_number"]
    list_select_related = ["organization", "requested_by"]
    fields = [
        "organization",
        "requested_by",
        "created_at",
        "changes",
        "status",
        "decided_by",
        "decided_at",
        "reason",
    ]
    readonly_fields = fields
    actions = ["accept", "refuse"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("requested changes"))
    def requested_fields(self, change):
        return ", ".join(sorted(change.changes))

    @admin.action(description=_("Accept the selected changes"))
    def accept(self, request, queryset):
        return self.run_service_action(
            request,
            queryset,
            title=_("Accept changes to legal identity"),
            button=_("Accept"),
            text_label=_("Note (optional)"),
            text_required=False,
            call=lambda change, reason: services.identity_change_decide(
                actor=request.user, change=change, accept=True, reason=reason
            ),
        )

    @admin.action(description=_("Refuse the selected changes"))
    def refuse(self, request, queryset):
        return self.run_service_action(
            request,
            queryset,
            title=_("Refuse changes to legal identity"),
            button=_("Refuse"),
            text_label=_("Reason for refusing (sent to the requester)"),
            danger=True,
            call=lambda change, reason: services.identity_change_decide(
                actor=request.user, change=change, accept=False, reason=reason
            ),
        )
