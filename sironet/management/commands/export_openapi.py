import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from sironet.api import api


class Command(BaseCommand):
    help = "Write the API's OpenAPI document to docs/openapi.json (the committed contract)."

    def handle(self, *args, **options):
        schema = api.get_openapi_schema(path_prefix="/api/v1/")
        path = Path(settings.BASE_DIR) / "docs" / "openapi.json"
        path.write_text(
            json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        self.stdout.write(f"Wrote {path}")
