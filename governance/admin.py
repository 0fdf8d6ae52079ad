from django.contrib import admin
from django.db import transaction
from django.forms.models import model_to_dict

from core.admin_base import BackOfficeAdmin, ReadOnlyBackOfficeAdmin
from core.services import audit_record
from governance.models import (
    Body,
    Comment,
    Consultation,
    Decision,
    DocumentVersion,
    Meeting,
    NetworkDocument,
    Seat,
)


def _fields(obj) -> dict:
    return {key: str(value) for key, value in model_to_dict(obj).items()}


class AuditedAdmin(BackOfficeAdmin):
    """Every change made in the back office, and of its inline rows, goes to the audit log."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        action = "change" if change else "add"
        audit_record(
            actor=request.user,
            action=f"{obj._meta.model_name}.{action}",
            target=obj,
            fields=sorted(form.changed_data),
        )

    # Related rows a deletion removes with the object (by their related name), each audited as
    # if deleted one by one: a body's seats go with the body.
    audited_cascades: tuple[str, ...] = ()

    def _audit_deletion(self, request, obj) -> None:
        label = f"{obj._meta.model_name}.delete"
        for name in self.audited_cascades:
            for child in getattr(obj, name).all():
                audit_record(
                    actor=request.user,
                    action=f"{child._meta.model_name}.delete",
                    target=child,
                    cascade=label,
                    **_fields(child),
                )
        audit_record(actor=request.user, action=label, target=obj, **_fields(obj))

    @transaction.atomic
    def delete_model(self, request, obj):
        self._audit_deletion(request, obj)
        super().delete_model(request, obj)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        """The list's "delete selected" action: each row deleted is audited, as one by one."""
        for obj in queryset:
            self._audit_deletion(request, obj)
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            audit_record(
                actor=request.user,
                action=f"{obj._meta.model_name}.delete",
                target=obj,
                **_fields(obj),
            )
            obj.delete()
        for obj in instances:
            new = obj.pk is None
            obj.save()
            audit_record(
                actor=request.user,
                action=f"{obj._meta.model_name}.{'add' if new else 'change'}",
                target=obj,
                **_fields(obj),
            )
        formset.save_m2m()


class SeatInline(admin.TabularInline):
    model = Seat
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Body)
class BodyAdmin(AuditedAdmin):
    list_display = ["kind", "seats"]
    inlines = [SeatInline]
    audited_cascades = ("seat_holders",)


class VersionInline(admin.StackedInline):
    model = DocumentVersion
    extra = 0


@admin.register(NetworkDocument)
class NetworkDocumentAdmin(AuditedAdmin):
    list_display = ["slug", "title", "kind"]
    inlines = [VersionInline]


@admin.register(Decision)
class DecisionAdmin(AuditedAdmin):
    list_display = ["number", "decided_on", "body", "title", "internal"]
    list_filter = ["body", "internal"]
    search_fields = ["number"]


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyBackOfficeAdmin):
    """Consultations are opened on their pages (one write path); here they are only read."""

    list_display = ["title", "voting_opens", "voting_closes", "secret"]


@admin.register(Comment)
class CommentAdmin(ReadOnlyBackOfficeAdmin):
    list_display = ["consultation", "author", "language", "created_at", "hidden_at"]
    list_filter = ["hidden_at"]


@admin.register(Meeting)
class MeetingAdmin(AuditedAdmin):
    """Meetings, their agenda, attendance and minutes (draft, then approved): every change is
    audited."""

    list_display = ["title", "body", "starts_at", "minutes_status", "internal"]
    list_filter = ["body", "minutes_status"]
    filter_horizontal = ["attendees"]
    audited_cascades = ("documents",)
