"""Who may do what, as predicates named like sentences. Services check them."""

import rules

from accounts.models import NetworkRole
from core.data_versions import NETWORK_ROLES, kept_while_unchanged
from core.prepared import prepared


@prepared
def _role_rows(user_id: int):
    return NetworkRole.objects.filter(user_id=user_id).order_by().values_list("role", flat=True)


@kept_while_unchanged(NETWORK_ROLES)
def _roles_of(user_id: int) -> frozenset[str]:
    # Asked on every page a signed-in reader opens (the account menu).
    return frozenset(_role_rows(user_id))


def _has_role(user, role: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cache = getattr(user, "_network_roles_cache", None)
    if cache is None:
        cache = user._network_roles_cache = _roles_of(user.pk)
    return role in cache


@rules.predicate
def is_site_admin(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or _has_role(
        user, NetworkRole.Role.SITE_ADMIN
    )


@rules.predicate
def is_secretariat(user) -> bool:
    return _has_role(user, NetworkRole.Role.SECRETARIAT)


@rules.predicate
def is_committee_member(user) -> bool:
    return _has_role(user, NetworkRole.Role.COMMITTEE)


@rules.predicate
def is_token_owner(user, token) -> bool:
    return token is not None and token.user_id == user.pk


rules.add_perm("accounts.grant_network_role", is_site_admin)
rules.add_perm("accounts.revoke_api_token", is_token_owner)
rules.add_perm("core.view_back_office", is_site_admin | is_secretariat)
