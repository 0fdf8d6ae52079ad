"""Keeping the index in step with the data.

Every save and delete of a registered kind's rows (and of the rows its documents depend on)
refreshes that kind's entries inside the writer's own transaction: the index commits with the
data or not at all, so a search never finds what was rolled back and never misses what was
committed. Bulk writes that send no signals (seed_bulk) rebuild the index afterwards.
"""

import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import reverse
from django.utils import translation

from core import data_versions
from search import backends
from search.models import SearchEntry, SearchTerm
from search.registry import INDEX_VERSION, Document, SearchKind
from search.text import (
    FUZZY_MIN_LENGTH,
    deletion_keys,
    facet_tokens,
    fold,
    grams,
    spelling_words,
)

logger = logging.getLogger(__name__)

BATCH = 1000


def _marked(values: Iterable[str]) -> str:
    """Facet values as one string a filter can look a value up in: " CN KZ "."""
    unique = sorted({value for value in values if value})
    return f" {' '.join(unique)} " if unique else ""


def path_of(kind: SearchKind, document: Document) -> str:
    """The page's address without its language prefix."""
    with translation.override(settings.LANGUAGE_CODE):
        address = reverse(kind.url_name, kwargs=document.url_kwargs)
    prefix = f"/{settings.LANGUAGE_CODE}/"
    return address[len(prefix) - 1 :] if address.startswith(prefix) else address


def entry_for(kind: SearchKind, object_id: int, document: Document) -> SearchEntry:
    titles = {language: text for language, text in document.titles.items() if text}
    bodies = {language: text for language, text in document.bodies.items() if text}
    folded_titles = list(dict.fromkeys(fold(text) for text in titles.values()))
    folded_keywords = fold(document.keywords)
    folded_text = " ".join(
        [*folded_titles, *dict.fromkeys(fold(text) for text in bodies.values()), folded_keywords]
    ).strip()
    original_title = titles.get(document.original_language) or next(iter(titles.values()), "")
    countries, areas = list(document.countries), list(document.areas)  # read twice
    return SearchEntry(
        kind=kind.name,
        object_id=object_id,
        visibility=document.visibility,
        titles=titles,
        original_language=document.original_language,
        bodies=bodies,
        path=path_of(kind, document),
        title_text="\n" + "\n".join(folded_titles) + "\n",
        document=folded_text,
        # Queries of one or two characters are the start of a name being typed: titles only.
        grams=grams(" ".join([*folded_titles, folded_keywords])),
        countries=_marked(countries),
        areas=_marked(areas),
        facets=" ".join(facet_tokens(kind=kind.name, countries=countries, areas=areas)),
        status=document.status,
        sort_key=fold(original_title)[:200],
    )


def terms_of(title_texts: Iterable[str]) -> set[tuple[str, str]]:
    """(deletion key, word) for every word of these titles that a query may misspell; and
    (word, word) for each word one letter shorter, so that a query word of that length
    that is a title word as typed is known, not taken for a typo (search.selectors)."""
    words: set[str] = set()
    for title_text in title_texts:
        words |= spelling_words(title_text, shortest=FUZZY_MIN_LENGTH - 1)
    return {
        (key, word)
        for word in words
        for key in (deletion_keys(word) if len(word) >= FUZZY_MIN_LENGTH else (word,))
    }


def _save_terms(pairs: set[tuple[str, str]]) -> None:
    if pairs:
        SearchTerm.objects.bulk_create(
            [SearchTerm(key=key, term=term) for key, term in sorted(pairs)],
            ignore_conflicts=True,
            batch_size=BATCH,
        )


def refresh(kind: SearchKind, ids: Iterable[int]) -> None:
    """Index these objects of a kind as they are now; forget those gone or kept out."""
    ids = {int(pk) for pk in ids if pk is not None}
    if not ids:
        return
    with transaction.atomic():
        entries = []
        for obj in kind.queryset().filter(pk__in=ids):
            document = kind.document(obj)
            if document is not None:
                entries.append(entry_for(kind, obj.pk, document))
        SearchEntry.objects.filter(kind=kind.name, object_id__in=ids).delete()
        SearchEntry.objects.bulk_create(entries)
        _save_terms(terms_of(entry.title_text for entry in entries))


def rebuild(kind: SearchKind, progress: Callable[[int], None] | None = None) -> int:
    """Index every object of a kind again, in batches. Returns the number of entries."""
    written = 0
    with transaction.atomic():
        SearchEntry.objects.filter(kind=kind.name).delete()
        batch: list[SearchEntry] = []
        pairs: set[tuple[str, str]] = set()

        def flush():
            nonlocal written
            SearchEntry.objects.bulk_create(batch, batch_size=BATCH)
            written += len(batch)
            batch.clear()

        for obj in kind.queryset().order_by("pk").iterator(chunk_size=BATCH):
            document = kind.document(obj)
            if document is not None:
                entry = entry_for(kind, obj.pk, document)
                batch.append(entry)
                pairs |= terms_of([entry.title_text])
            if progress:
                progress(1)
            if len(batch) >= BATCH:
                flush()
        flush()
        _save_terms(pairs)
        data_versions.touch(INDEX_VERSION)
    backends.after_rebuild()
    return written


def forget_unused_terms() -> None:
    """After a full rebuild: the vocabulary is rebuilt from the titles indexed now."""
    SearchTerm.objects.all().delete()
    titles = SearchEntry.objects.values_list("title_text", flat=True).iterator(chunk_size=BATCH)
    _save_terms(terms_of(titles))


# --- following writes ---------------------------------------------------------------------


def follow(kind: SearchKind) -> None:
    """Refresh a kind's entries on every save, delete and many-to-many change of its rows
    and of the related rows it names."""
    uid = f"search:{kind.name}"

    def saved(sender, instance, **kwargs):
        if kwargs.get("raw"):  # loading fixtures: the rows they point to may not exist yet
            return
        refresh(kind, [instance.pk])

    def deleted(sender, instance, **kwargs):
        SearchEntry.objects.filter(kind=kind.name, object_id=instance.pk).delete()

    def relation_changed(sender, instance, action, reverse, pk_set, **kwargs):
        if not reverse:
            if action.startswith("post_"):
                refresh(kind, [instance.pk])
            return
        # From the other side (an area's organisations): the rows named, or for a clear the
        # rows linked just before it.
        if action == "pre_clear":
            field_name = next(
                f.name
                for f in kind.model._meta.local_many_to_many
                if f.remote_field.through is sender
            )
            linked = kind.model._default_manager.filter(**{field_name: instance})
            instance._search_cleared = list(linked.values_list("pk", flat=True))
        elif action == "post_clear":
            refresh(kind, getattr(instance, "_search_cleared", []))
        elif action.startswith("post_") and pk_set:
            refresh(kind, pk_set)

    post_save.connect(saved, sender=kind.model, weak=False, dispatch_uid=uid)
    post_delete.connect(deleted, sender=kind.model, weak=False, dispatch_uid=uid)
    for field in kind.model._meta.local_many_to_many:
        m2m_changed.connect(
            relation_changed,
            sender=field.remote_field.through,
            weak=False,
            dispatch_uid=f"{uid}:{field.name}",
        )
    for model, ids_of in kind.related:

        def related_changed(sender, instance, ids_of=ids_of, **kwargs):
            if kwargs.get("raw"):
                return
            refresh(kind, ids_of(instance))

        post_save.connect(related_changed, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(related_changed, sender=model, weak=False, dispatch_uid=uid)
