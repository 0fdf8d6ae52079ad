import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts import services
from accounts.models import ApiToken, NetworkRole, hash_token
from core.models import AuditLogEntry


@pytest.mark.django_db
def test_token_is_stored_only_as_a_hash_and_authenticates(alice):
    token, raw = services.api_token_create(actor=alice, name="reporting script")

    assert raw.startswith("sir_")
    assert token.key_hash == hash_token(raw)
    assert raw not in token.key_hash
    assert services.api_token_authenticate(raw) == alice
    assert services.api_token_authenticate(raw + "x") is None


@pytest.mark.django_db
def test_revoked_token_no_longer_authenticates(alice):
    token, raw = services.api_token_create(actor=alice, name="old")

    services.api_token_revoke(actor=alice, token_id=token.pk)

    assert services.api_token_authenticate(raw) is None
    assert AuditLogEntry.objects.filter(action="api_token.revoke", target_id=str(token.pk)).exists()


@pytest.mark.django_db
def test_nobody_revokes_another_persons_token(alice, bob):
    token, raw = services.api_token_create(actor=alice, name="mine")

    with pytest.raises(ApiToken.DoesNotExist):
        services.api_token_revoke(actor=bob, token_id=token.pk)

    assert services.api_token_authenticate(raw) == alice


@pytest.mark.django_db
def test_token_of_an_inactive_person_does_not_authenticate(alice):
    _token, raw = services.api_token_create(actor=alice, name="t")
    alice.is_active = False
    alice.save()

    assert services.api_token_authenticate(raw) is None


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_token_name_is_required_and_bounded(alice, name):
    with pytest.raises(ValidationError) as error:
        services.api_token_create(actor=alice, name=name)

    assert "name" in error.value.message_dict
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_active_tokens_are_limited(alice):
    for number in range(services.MAX_ACTIVE_TOKENS):
        services.api_token_create(actor=alice, name=f"t{number}")

    with pytest.raises(ValidationError):
        services.api_token_create(actor=alice, name="one too many")

    assert ApiToken.objects.filter(user=alice).count() == services.MAX_ACTIVE_TOKENS


@pytest.mark.django_db
def test_site_admin_grants_roles_and_the_grant_is_audited(alice, bob):
    services.network_role_grant(actor=None, user=alice, role=NetworkRole.Role.SITE_ADMIN)
    alice.refresh_from_db()

    services.network_role_grant(actor=alice, user=bob, role=NetworkRole.Role.SECRETARIAT)

    bob.refresh_from_db()
    assert bob.is_staff
    entry = AuditLogEntry.objects.get(action="network_role.grant", target_id=str(bob.pk))
    assert entry.actor == alice
    assert entry.data == {"role": "secretariat"}


@pytest.mark.django_db
@pytest.mark.parametrize("role", [NetworkRole.Role.SECRETARIAT, NetworkRole.Role.COMMITTEE, None])
def test_only_site_admins_grant_roles(alice, bob, role):
    if role:
        services.network_role_grant(actor=None, user=alice, role=role)

    with pytest.raises(PermissionDenied):
        services.network_role_grant(actor=alice, user=bob, role=NetworkRole.Role.COMMITTEE)

    assert not NetworkRole.objects.filter(user=bob).exists()


@pytest.mark.django_db
def test_revoking_the_last_staff_role_removes_back_office_access(alice):
    services.network_role_grant(actor=None, user=alice, role=NetworkRole.Role.SECRETARIAT)
    services.network_role_grant(actor=None, user=alice, role=NetworkRole.Role.COMMITTEE)

    services.network_role_revoke(actor=None, user=alice, role=NetworkRole.Role.SECRETARIAT)

    alice.refresh_from_db()
    assert not alice.is_staff
    assert list(alice.network_roles.values_list("role", flat=True)) == ["committee"]


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2(alice):
    assert alice.password.startswith("argon2$")


@pytest.mark.django_db
def test_grant_role_command_names_the_first_secretariat_staff(alice):
    from django.core.management import call_command

    call_command("grant_role", "ALICE@example.org", "secretariat")

    alice.refresh_from_db()
    assert alice.is_staff
    assert AuditLogEntry.objects.get(action="network_role.grant").actor is None

    call_command("grant_role", "alice@example.org", "secretariat", "--revoke")
    alice.refresh_from_db()
    assert not alice.is_staff


@pytest.mark.django_db
def test_grant_role_command_refuses_an_unknown_person():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="sign up first"):
        call_command("grant_role", "nobody@example.org", "committee")


def test_a_time_zone_is_one_of_the_list_and_none_leaves_it(alice):
    services.user_update_profile(
        actor=alice, full_name="Alice", preferred_language="fr", time_zone="Europe/Paris"
    )
    with pytest.raises(ValidationError) as refused:
        services.user_update_profile(
            actor=alice, full_name="Alice", preferred_language="fr", time_zone="Europe/Atlantis"
        )
    assert list(refused.value.message_dict) == ["time_zone"]
    services.user_update_profile(actor=alice, full_name="Alice A", preferred_language="fr")

    alice.refresh_from_db()
    assert (alice.full_name, alice.time_zone) == ("Alice A", "Europe/Paris")
