from datetime import UTC, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import ApiToken, NetworkRole, User, generate_token, hash_token
from core.data_versions import ORGANIZATIONS, touch
from core.services import audit_record
from core.zones import is_zone_name

MAX_ACTIVE_TOKENS = 20
STAFF_ROLES = {NetworkRole.Role.SECRETARIAT, NetworkRole.Role.SITE_ADMIN}


def _expiry_in_utc(moment: datetime) -> datetime:
    """A time without a time zone is read in UTC; one UTC cannot hold (past the year 9999) is
    refused as the field's error."""
    if timezone.is_naive(moment):
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise ValidationError({"expires_at": _("Choose an earlier expiry date.")}) from None


@transaction.atomic
def api_token_create(
    *, actor: User, name: str, expires_at: datetime | None = None
) -> tuple[ApiToken, str]:
    """Create a personal token; returns the row and the raw token, which is shown only once."""
    if not actor.is_authenticated:
        raise PermissionDenied
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name.")})
    if len(name) > 100:
        raise ValidationError({"name": _("Ensure this value has at most 100 characters.")})
    if expires_at is not None:
        expires_at = _expiry_in_utc(expires_at)
        if expires_at <= timezone.now():
            raise ValidationError({"expires_at": _("The expiry date must be in the future.")})
    # Lock the person's row so two parallel requests cannot pass the limit together.
    User.objects.select_for_update().get(pk=actor.pk)
    if ApiToken.objects.active().filter(user=actor).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            {
                "name": _("You have %(limit)d active tokens; revoke one first.")
                % {"limit": MAX_ACTIVE_TOKENS}
            }
        )
    raw = generate_token()
    token = ApiToken.objects.create(
        user=actor, name=name, key_hash=hash_token(raw), key_hint=raw[:8], expires_at=expires_at
    )
    audit_record(actor=actor, action="api_token.create", target=token)
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: User, token_id: int) -> ApiToken:
    token = ApiToken.objects.select_for_update().filter(pk=token_id).first()
    if token is None or not actor.has_perm("accounts.revoke_api_token", token):
        # The same answer whether the token is someone else's or does not exist.
        raise ApiToken.DoesNotExist
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="api_token.revoke", target=token)
    return token


def api_token_authenticate(raw: str) -> User | None:
    """The active user a raw bearer token belongs to, or None."""
    if not raw or not raw.startswith("sir_") or len(raw) > 100:
        return None
    token = (
        ApiToken.objects.active().select_related("user").filter(key_hash=hash_token(raw)).first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    # Note the use at most once a minute, so reads do not each write.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def _sync_staff_flags(user: User) -> None:
    roles = set(user.network_roles.values_list("role", flat=True))
    user.is_staff = user.is_superuser or bool(roles & STAFF_ROLES)
    user.save(update_fields=["is_staff"])
    user.__dict__.pop("_network_roles_cache", None)


@transaction.atomic
def network_role_grant(*, actor: User | None, user: User, role: str) -> NetworkRole:
    """Give a person a network role. actor=None is the system itself (seeding, the command line)."""
    if actor is not None and not actor.has_perm("accounts.grant_network_role"):
        raise PermissionDenied
    if role not in NetworkRole.Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    granted, created = NetworkRole.objects.get_or_create(
        user=user, role=role, defaults={"granted_by": actor}
    )
    if created:
        _sync_staff_flags(user)
        audit_record(actor=actor, action="network_role.grant", target=user, role=role)
    return granted


@transaction.atomic
def network_role_revoke(*, actor: User | None, user: User, role: str) -> None:
    if actor is not None and not actor.has_perm("accounts.grant_network_role"):
        raise PermissionDenied
    deleted, _rows = NetworkRole.objects.filter(user=user, role=role).delete()
    if deleted:
        _sync_staff_flags(user)
        audit_record(actor=actor, action="network_role.revoke", target=user, role=role)


@transaction.atomic
def user_update_profile(
    *, actor: User, full_name: str, preferred_language: str, time_zone: str | None = None
) -> User:
    """A person changes their name, language and time zone ("" for the browser's; None leaves
    it as it is)."""
    if not actor.is_authenticated:
        raise PermissionDenied
    if time_zone is not None:
        time_zone = time_zone.strip()
        if time_zone and not is_zone_name(time_zone):
            raise ValidationError({"time_zone": _("Choose a time zone from the list.")})
        actor.time_zone = time_zone
    actor.full_name = full_name.strip()
    actor.preferred_language = preferred_language
    actor.full_clean(exclude=["password"])
    actor.save(update_fields=["full_name", "preferred_language", "time_zone"])
    # Public profiles show staff by name.
    touch(ORGANIZATIONS)
    return actor
