"""The fonts PDFs need (letters, certificates, reports): Noto for Latin and Cyrillic, Chinese
and Arabic. WeasyPrint finds them through fontconfig; a missing one would print boxes, so it is
reported by name instead."""

import shutil
import subprocess

# family -> the Debian package that holds it
PDF_FONTS = {
    "Noto Sans": "fonts-noto-core",
    "Noto Sans Arabic": "fonts-noto-core",
    "Noto Sans CJK SC": "fonts-noto-cjk",
}


def missing_pdf_fonts() -> dict[str, str]:
    """The families fontconfig does not know, with their Debian package (all when fc-list is absent)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return dict(PDF_FONTS)
    listed = subprocess.run(  # noqa: S603 (fontconfig, found on PATH, fixed arguments)
        [fc_list, ":", "family"], capture_output=True, text=True, check=False
    ).stdout
    families = {name.strip() for line in listed.splitlines() for name in line.split(",")}
    return {family: package for family, package in PDF_FONTS.items() if family not in families}


def pdf_fonts_advice() -> str:
    """One sentence saying what is missing and how to install it, or "" when all is there."""
    missing = missing_pdf_fonts()
    if not missing:
        return ""
    packages = " ".join(sorted(set(missing.values())))
    return (
        f"PDF fonts missing: {', '.join(missing)}. Letters and certificates cannot be made "
        f"until they are installed: apt-get install -y {packages}"
    )
