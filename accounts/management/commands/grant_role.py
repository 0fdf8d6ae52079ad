"""Give (or take back) a network role from the command line, e.g. to name the first Secretariat staff."""

from django.core.management.base import BaseCommand, CommandError

from accounts import services
from accounts.models import NetworkRole, User


class Command(BaseCommand):
    help = (
        "Grant a network role (secretariat, committee, site_admin) to the person with this email."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("role", choices=NetworkRole.Role.values)
        parser.add_argument("--revoke", action="store_true", help="Take the role back instead.")

    def handle(self, *args, email, role, revoke, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"Nobody has the email address {email!r}; they must sign up first.")
        if revoke:
            services.network_role_revoke(actor=None, user=user, role=role)
            self.stdout.write(f"{user.email} no longer holds the role {role}.")
        else:
            services.network_role_grant(actor=None, user=user, role=role)
            self.stdout.write(f"{user.email} now holds the role {role}.")
