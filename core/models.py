import functools

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core import taxonomy


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


@functools.lru_cache(maxsize=4096)
def country_name(code: str, language: str) -> str:
    """A country's name in a language. Names never change while the process runs, and the
    directory asks for two hundred of them per page."""
    with translation.override(language):
        return str(countries.name(code))


@functools.lru_cache(maxsize=256)
def key_area_name(slug: str, language: str) -> str:
    """A key area's name in a language, looked up once per process (a demand page's matches
    name the demand's key area ten times)."""
    with translation.override(language):
        return str(taxonomy.KEY_AREAS_BY_SLUG[slug].name)


class Region(models.Model):
    """A UN M49 sub-region; names come from core.taxonomy so they follow the reader's language."""

    code = models.CharField(_("M49 code"), max_length=3, primary_key=True)
    continent_code = models.CharField(_("M49 continent code"), max_length=3)
    along_route = models.BooleanField(_("along the Silk Road routes"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return str(self.name)

    @property
    def name(self) -> str:
        return str(taxonomy.REGIONS_BY_CODE[self.code].name)

    @property
    def continent_name(self) -> str:
        return str(taxonomy.CONTINENTS[self.continent_code])


class Country(models.Model):
    """An ISO 3166-1 country; its name comes from django-countries, in the reader's language."""

    code = models.CharField(_("ISO 3166 code"), max_length=2, primary_key=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="countries", verbose_name=_("region")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return country_name(self.code, translation.get_language() or "en")


class SdgGoal(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), primary_key=True)
    official_name = models.JSONField(_("official name"), default=dict)

    class Meta:
        ordering = ["number"]
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def name(self) -> str:
        return str(taxonomy.SDG_SHORT_NAMES[self.number])


class DacSector(models.Model):
    """An OECD-DAC purpose code. The IATI codelist names it in English and French only."""

    code = models.CharField(_("code"), max_length=5, primary_key=True)
    category = models.CharField(_("category"), max_length=3)
    names = models.JSONField(_("names"), default=dict)

    class Meta:
        ordering = ["code"]
        verbose_name = _("OECD-DAC sector")
        verbose_name_plural = _("OECD-DAC sectors")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        language = (translation.get_language() or "en").split("-")[0]
        return self.names.get(language) or self.names.get("en", self.code)


class KeyArea(models.Model):
    """A key area of cooperation from the founding text, mapped to SDGs and DAC sectors."""

    slug = models.SlugField(_("slug"), max_length=40, primary_key=True)
    position = models.PositiveSmallIntegerField(default=0)
    sdg_goals = models.ManyToManyField(SdgGoal, related_name="key_areas", verbose_name=_("SDGs"))
    dac_sectors = models.ManyToManyField(
        DacSector, related_name="key_areas", verbose_name=_("OECD-DAC sectors")
    )

    class Meta:
        ordering = ["position"]
        verbose_name = _("key area")
        verbose_name_plural = _("key areas")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return str(taxonomy.KEY_AREAS_BY_SLUG[self.slug].name)

    @property
    def description(self) -> str:
        return str(taxonomy.KEY_AREAS_BY_SLUG[self.slug].description)


class AuditLogEntry(models.Model):
    """A privileged action: who did what to which object, and when. Never edited."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=80, db_index=True)
    target_type = models.CharField(_("target type"), max_length=80, blank=True)
    target_id = models.CharField(_("target id"), max_length=64, blank=True)
    target_repr = models.CharField(_("target"), max_length=200, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"


class DataVersion(models.Model):
    """How often one kind of data has changed (see core.data_versions)."""

    name = models.CharField(_("name"), max_length=40, primary_key=True)
    counter = models.BigIntegerField(_("counter"))

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")

    def __str__(self) -> str:
        return f"{self.name}: {self.counter}"
