"""Title words of four letters join the typo vocabulary as themselves (search.indexing.terms_of):
a query word of four letters that a title holds is then known, not taken for a typo."""

from django.db import migrations

from search.text import is_spaceless

LENGTH = 4  # FUZZY_MIN_LENGTH - 1 when this was written


def add_short_words(apps, schema_editor):
    SearchEntry = apps.get_model("search", "SearchEntry")
    SearchTerm = apps.get_model("search", "SearchTerm")
    words: set[str] = set()
    for title_text in SearchEntry.objects.values_list("title_text", flat=True).iterator(
        chunk_size=2000
    ):
        words.update(
            word
            for word in title_text.split()
            if len(word) == LENGTH
            and not word.isdigit()
            and not any(is_spaceless(character) for character in word)
        )
    SearchTerm.objects.bulk_create(
        [SearchTerm(key=word, term=word) for word in sorted(words)],
        ignore_conflicts=True,
        batch_size=2000,
    )


def remove_short_words(apps, schema_editor):
    SearchTerm = apps.get_model("search", "SearchTerm")
    SearchTerm.objects.filter(term__regex=r"^.{%d}$" % LENGTH).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0005_filters_in_the_word_indexes")]

    operations = [migrations.RunPython(add_short_words, remove_short_words, elidable=True)]
