"""Everything a fresh checkout needs before it serves: schema, translations, static files, demo data."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from core import seeding
from core.fonts import pdf_fonts_advice


class Command(BaseCommand):
    help = "Migrate, compile translations, collect static files, and load demo data into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="Do not load the demo data.")

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database: migrated.")
        call_command("compile_translations")
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write("Static files: collected.")
        if not options["no_demo"] and not seeding.demo_found():
            call_command("seed_demo")
        advice = pdf_fonts_advice()
        if advice:
            self.stderr.write(self.style.WARNING(advice))
        else:
            self.stdout.write("PDF fonts (Noto: Latin, Cyrillic, Chinese, Arabic): found.")
        self.stdout.write(f"Back office (Secretariat): {settings.SITE_URL}/{settings.ADMIN_PATH}/")
