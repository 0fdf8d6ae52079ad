"""PDFs need fonts for every script; a missing one is named with the package that holds it."""

import subprocess

from core import fonts


def test_every_font_is_missing_without_fontconfig(monkeypatch):
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)

    advice = fonts.pdf_fonts_advice()

    assert fonts.missing_pdf_fonts() == fonts.PDF_FONTS
    assert "Noto Sans CJK SC" in advice
    assert "apt-get install -y fonts-noto-cjk fonts-noto-core" in advice


def test_a_font_fontconfig_lacks_is_named(monkeypatch):
    listed = "Noto Sans,Noto Sans Regular\nNoto Sans Arabic\nDejaVu Sans\n"
    monkeypatch.setattr(fonts.shutil, "which", lambda name: "/usr/bin/fc-list")
    monkeypatch.setattr(
        fonts.subprocess,
        "run",
        lambda *args, **kwargs: subprocess.CompletedProcess(args, 0, stdout=listed),
    )

    assert fonts.missing_pdf_fonts() == {"Noto Sans CJK SC": "fonts-noto-cjk"}
    assert fonts.pdf_fonts_advice().endswith("apt-get install -y fonts-noto-cjk")
