from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One searchable object of a registered kind (search.registry), as the index holds it.

    `document` (titles, bodies and keywords, folded by search.text) is what words are matched
    in: by the SQLite FTS5 trigram table `search_fts`, or by a pg_trgm index on PostgreSQL.
    `grams` answers queries of one or two characters (search_grams / a full-text index).
    `title_text` holds every title folded, one per line, for ranking."""

    kind = models.CharField(_("kind"), max_length=40)
    object_id = models.BigIntegerField(_("object"))
    visibility = models.CharField(_("visible to"), max_length=10, db_index=True)
    titles = models.JSONField(_("titles"), default=dict)
    original_language = models.CharField(_("original language"), max_length=10)
    bodies = models.JSONField(_("texts"), default=dict)
    url_kwargs = models.JSONField(default=dict)
    title_text = models.TextField(editable=False)
    document = models.TextField(editable=False)
    grams = models.TextField(editable=False)
    countries = models.CharField(max_length=800, blank=True, default="")
    areas = models.CharField(max_length=400, blank=True, default="")
    status = models.CharField(_("status"), max_length=20, blank=True, default="")
    sort_key = models.CharField(max_length=200, blank=True, default="")
    updated_at = models.DateTimeField(_("indexed"), auto_now=True)

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
