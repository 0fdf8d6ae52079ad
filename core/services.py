from typing import Any

from django.db import models

from core.models import AuditLogEntry


def audit_record(
    *, actor: Any, action: str, target: models.Model | None = None, **data: Any
) -> AuditLogEntry:
    """Write one audit-log entry. Call it inside the service's transaction."""
    return AuditLogEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        data=data,
    )
