from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One searchable object of a registered kind (search.registry), as the index holds it.

    `document` (titles, bodies and keywords, folded by search.text) is what words are matched
    in: by the SQLite FTS5 trigram table `search_fts`, or by a pg_trgm index on PostgreSQL.
    `grams` (the titles and keywords) answers queries of one or two characters
    (search_grams / a full-text index).
    `title_text` holds every title folded, one per line, for ranking.
    `facets` holds the kind, countries and key areas as tokens the full-text tables index
    beside the words (search.text.facet_tokens), for filters on queries with many matches."""

    # Small columns first: SQLite reads a row from its start, and the facet counts and the
    # ranking read only these, never the long texts at the end (which overflow the page).
    kind = models.CharField(_("kind"), max_length=40)
    object_id = models.BigIntegerField(_("object"))
    visibility = models.CharField(_("visible to"), max_length=10)
    status = models.CharField(_("status"), max_length=20, blank=True, default="")
    countries = models.CharField(max_length=800, blank=True, default="")
    areas = models.CharField(max_length=400, blank=True, default="")
    sort_key = models.CharField(max_length=200, blank=True, default="")
    # The page's path after the language prefix ("/members/some-slug/"): the same in every
    # language, so a result's address costs no URL reversing.
    path = models.CharField(_("path"), max_length=300)
    original_language = models.CharField(_("original language"), max_length=10)
    title_text = models.TextField(editable=False)
    updated_at = models.DateTimeField(_("indexed"), auto_now=True)
    titles = models.JSONField(_("titles"), default=dict)
    bodies = models.JSONField(_("texts"), default=dict)
    document = models.TextField(editable=False)
    grams = models.TextField(editable=False)
    facets = models.TextField(editable=False, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_once")
        ]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"


class SearchTerm(models.Model):
    """A word of some title, under each of its deletion keys (the word with one letter left
    out): a misspelt query word finds the words one typo away with one indexed lookup."""

    key = models.CharField(max_length=40)
    term = models.CharField(max_length=40)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "term"], name="search_term_once")]

    def __str__(self) -> str:
        return f"{self.key} → {self.term}"
