"""Visa invitation letters as PDF (WeasyPrint), in the event's language and in English.

Fonts: Noto (Sans, CJK, Arabic) installed on the machine. A missing font is a clear error,
never a letter of empty boxes."""

from __future__ import annotations

import subprocess

from django.template.loader import render_to_string
from django.utils import translation

from core.models import country_name

REQUIRED_FONTS = ("Noto Sans", "Noto Sans CJK SC", "Noto Naskh Arabic")


class MissingFontError(RuntimeError):
    pass


def check_fonts() -> None:
    try:
        listed = subprocess.run(
            ["fc-list", ":", "family"],  # noqa: S607 (fontconfig, wherever it is installed)
            capture_output=True,
            text=True,
            check=True,
            timeout=20,
        ).stdout
    except (OSError, subprocess.SubprocessError) as error:
        raise MissingFontError("fc-list (fontconfig) is needed to check the PDF fonts") from error
    families = {name.strip() for line in listed.splitlines() for name in line.split(",")}
    missing = [font for font in REQUIRED_FONTS if font not in families]
    if missing:
        raise MissingFontError(
            "Fonts missing for PDF letters: " + ", ".join(missing) + " (install fonts-noto-core, "
            "fonts-noto-cjk; `make run` and .ci/run put them in place)"
        )


_checked = False


def _render_part(letter, details, signatory, costs, language) -> str:
    registration = letter.registration
    event = registration.event
    with translation.override(language):
        return render_to_string(
            "exchanges/pdf/_letter_part.html",
            {
                "language": language,
                "rtl": language == "ar",
                "letter": letter,
                "details": details,
                "event": event,
                "title": event.title.render(language).text,
                "country": country_name(event.country_id, language),
                "organizer": event.organizer.name.render(language).text if event.organizer else "",
                "signatory": signatory,
                "costs": costs,
            },
        )


def visa_letter_pdf(*, letter, details: dict, signatory: str, costs: str = "") -> bytes:
    global _checked
    if not _checked:
        check_fonts()
        _checked = True
    from weasyprint import HTML

    event = letter.registration.event
    languages = [event.title.original if event.title.original != "en" else "en"]
    if "en" not in languages:
        languages.append("en")
    parts = [_render_part(letter, details, signatory, costs, language) for language in languages]
    html = render_to_string("exchanges/pdf/visa_letter.html", {"parts": parts})
    return HTML(string=html).write_pdf()


def certificate_pdf(*, registration, language: str) -> bytes:
    """An attendance certificate for a participant who was checked in."""
    global _checked
    if not _checked:
        check_fonts()
        _checked = True
    from weasyprint import HTML

    event = registration.event
    with translation.override(language):
        html = render_to_string(
            "exchanges/pdf/certificate.html",
            {
                "language": language,
                "rtl": language == "ar",
                "registration": registration,
                "event": event,
                "title": event.title.render(language).text,
                "country": country_name(event.country_id, language),
            },
        )
    return HTML(string=html).write_pdf()
