"""The database's own full-text machinery, one interface for both databases.

- SQLite: two FTS5 tables over `search_searchentry` (external content, kept in step by
  triggers): `search_fts` with the trigram tokenizer over `document` (any substring of three
  characters or more, in any script), `search_grams` with the unicode61 tokenizer over `grams`
  (the words of titles, scripts without spaces as single characters: queries of one or two
  characters; each word also listed under its first one and two characters, so such a query
  reads one list).
- PostgreSQL: a pg_trgm GIN index on `document` (LIKE '%word%' is answered from it), a GIN
  full-text index on `to_tsvector('simple', grams)`, and one of the title words' first one to
  four characters (TITLE_PREFIXES).

Both SQLite tables also index `facets` (search.text.facet_tokens), and on PostgreSQL each GIN
index holds them as a second column (an array): a filter is intersected with the words by the
index as it reads them.

Both are given the same folded text (search.text), so a reader gets the same answers on both.
A deployment that outgrows its database would implement `the conditions here against a dedicated
engine (see docs/architecture.md).
"""

from django.db import connection
from django.db.models import BooleanField, F, Func, Q

from search.text import grams, is_short, is_spaceless


class _Condition(Func):
    """A condition on one column of the entry, written in the database's own SQL. The column
    goes through the ORM (so the table's alias is right inside subqueries); `sql` has a
    `{column}` placeholder and one parameter."""

    output_field = BooleanField()

    def __init__(self, column: str, sql: str, parameter):
        super().__init__(F(column))
        self.sql = sql
        self.parameter = parameter

    def as_sql(self, compiler, connection, **extra):
        column_sql, params = compiler.compile(self.source_expressions[0])
        return self.sql.format(column=column_sql), [*params, self.parameter]


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _short_tokens(word: str) -> tuple[list[str], bool]:
    """A short word as tokens of `grams`, and whether its last token may be a prefix."""
    tokens = grams(word).split()
    return tokens, not is_spaceless(word[-1])


def kind_index_schema(vendor: str, kind: str, *, undo: bool = False) -> list[str]:
    """A kind's own full-text index (`SearchKind.own_index`), for a list of that kind alone
    (the directory's `q`): on SQLite two FTS5 tables holding only its entries, kept by
    triggers; on PostgreSQL partial indexes the planner picks when a query names the kind.
    Created by the owning app's migration. "com" in the 10,000 organisations: 200 ms through
    the index of all 430,000 entries, 44 through their own; "community" 257 → 0.7 ms."""
    if not kind.isidentifier():  # it is written into the statements
        raise ValueError(f"not a kind name: {kind!r}")
    fts, grams_table = f"search_fts__{kind}", f"search_grams__{kind}"
    if vendor == "sqlite":
        if undo:
            return [
                *(f"DROP TRIGGER IF EXISTS search_{kind}_{event}" for event in _TRIGGER_EVENTS),
                f"DROP TABLE IF EXISTS {grams_table}",
                f"DROP TABLE IF EXISTS {fts}",
            ]
        insert = (
            f"INSERT INTO {fts}(rowid, document) VALUES (new.id, new.document); "  # noqa: S608
            f"INSERT INTO {grams_table}(rowid, grams) VALUES (new.id, new.grams);"
        )
        delete = (
            f"INSERT INTO {fts}({fts}, rowid, document) "  # noqa: S608
            "VALUES ('delete', old.id, old.document); "
            f"INSERT INTO {grams_table}({grams_table}, rowid, grams) "
            "VALUES ('delete', old.id, old.grams);"
        )
        table = "search_searchentry"
        return [
            f"""CREATE VIRTUAL TABLE {fts} USING fts5(
                document, content='{table}', content_rowid='id', tokenize='trigram')""",
            f"""CREATE VIRTUAL TABLE {grams_table} USING fts5(
                grams, content='{table}', content_rowid='id',
                tokenize='unicode61 remove_diacritics 0')""",
            f"INSERT INTO {fts}(rowid, document) SELECT id, document FROM {table} "  # noqa: S608
            f"WHERE kind = '{kind}'",
            f"INSERT INTO {grams_table}(rowid, grams) SELECT id, grams FROM {table} "  # noqa: S608
            f"WHERE kind = '{kind}'",
            f"""CREATE TRIGGER search_{kind}_inserted AFTER INSERT ON {table}
                WHEN new.kind = '{kind}' BEGIN {insert} END""",
            f"""CREATE TRIGGER search_{kind}_deleted AFTER DELETE ON {table}
                WHEN old.kind = '{kind}' BEGIN {delete} END""",
            f"""CREATE TRIGGER search_{kind}_updated_old AFTER UPDATE ON {table}
                WHEN old.kind = '{kind}' BEGIN {delete} END""",
            f"""CREATE TRIGGER search_{kind}_updated_new AFTER UPDATE ON {table}
                WHEN new.kind = '{kind}' BEGIN {insert} END""",
        ]
    if vendor == "postgresql":
        if undo:
            return [
                f"DROP INDEX IF EXISTS search_entry_grams_fts__{kind}",
                f"DROP INDEX IF EXISTS search_entry_document_trgm__{kind}",
            ]
        return [
            f"""CREATE INDEX search_entry_document_trgm__{kind} ON search_searchentry
                USING gin (document gin_trgm_ops) WHERE kind = '{kind}'""",
            f"""CREATE INDEX search_entry_grams_fts__{kind} ON search_searchentry
                USING gin (to_tsvector('simple'::regconfig, grams)) WHERE kind = '{kind}'""",
        ]
    raise NotImplementedError(f"search has no backend for {vendor}")


_TRIGGER_EVENTS = ("inserted", "deleted", "updated_old", "updated_new")


def _in_matches(table: str, among_few: bool, kind: str | None = None) -> str:
    """SQLite: the entries whose id is among a full-text table's matches. `among_few`: the
    query also names a kind with few entries; `+` keeps SQLite from looking each match up by
    id, so it reads that kind's entries by their index and checks each against the matches
    (a common word matched 127,000 entries of all kinds, looked up one by one to keep the
    10,000 organisations: 116 ms, against 15)."""
    if kind:  # the kind's own index holds only its entries: they are few, look them up
        table = f"{table}__{kind}"
        among_few = False
    column = "+{column}" if among_few else "{column}"
    # The table's name is one of two written here, or one with a registered kind's name.
    return column + f" IN (SELECT rowid FROM {table} WHERE {table} MATCH %s)"  # noqa: S608


def substring_condition(
    alternatives: list[str], *, among_few: bool = False, kind: str | None = None
) -> Q:
    """Entries whose document holds one of these words (three characters or more); with
    `kind`, read from that kind's own index (and the query must name the kind)."""
    if connection.vendor == "sqlite":
        expression = " OR ".join(_quoted(word) for word in alternatives)
        return Q(_Condition("id", _in_matches("search_fts", among_few, kind), expression))
    condition = Q()
    for word in alternatives:
        condition |= Q(document__contains=word)
    return condition


def short_condition(word: str, *, among_few: bool = False, kind: str | None = None) -> Q:
    """Entries with a word starting with these one or two characters, or holding them (in a
    script without spaces)."""
    tokens, prefix = _short_tokens(word)
    if connection.vendor == "sqlite":
        expression = _quoted(" ".join(tokens)) + (" *" if prefix else "")
        return Q(_Condition("id", _in_matches("search_grams", among_few, kind), expression))
    if kind is None and _is_title_prefix(tokens, prefix):  # a kind's own index lists none
        return Q(_Condition("grams", _TITLE_PREFIX_CONDITION, _lexeme(tokens[0])))
    words, together = _postgres_short(tokens, prefix)
    condition = Q(
        _Condition(
            "grams",
            "to_tsvector('simple'::regconfig, {column}) @@ to_tsquery('simple'::regconfig, %s)",
            words,
        )
    )
    if together:
        condition &= Q(_Condition("grams", "strpos(' ' || {column} || ' ', %s) > 0", together))
    return condition


def _postgres_short(tokens: list[str], prefix: bool) -> tuple[str, str]:
    """A short word's tokens on PostgreSQL: the full-text query the index answers (every token,
    the last one as a prefix where it may be one), and, for two or more tokens (two characters
    of a script without spaces, "丝路"), the text they make together in `grams`, which must
    hold it. A phrase query (`<->`) had the database read each candidate's grams into a
    tsvector again to check the order: "业培" checked 1,400 entries so, 17 ms; a plain search
    for " 业 培 " in the same rows costs a fraction of that."""
    lexemes = [_lexeme(token) for token in tokens]
    if prefix:
        lexemes[-1] += ":*"
    if len(tokens) < 2:
        return lexemes[0], ""
    return " & ".join(lexemes), " " + " ".join(tokens) + ("" if prefix else " ")


def title_holds(text: str) -> Q:
    """The folded titles hold this text: a plain search for it (the titles are folded
    already), where LIKE compares without case, character by character, at a few times the
    cost (ranking a thousand matches took 6 ms on SQLite)."""
    function = "instr" if connection.vendor == "sqlite" else "strpos"
    return Q(_Condition("title_text", function + "({column}, %s) > 0", text))


def _narrows_little(word: str) -> bool:
    return is_short(word) and not any(is_spaceless(character) for character in word)


def checked_on_rows(words, *, own_index: bool = False) -> set[str]:
    """The words of one or two letters in a script written with spaces ("to", "de") when a
    longer word stands beside them: each is the start of thousands of title words, which the
    index would gather one by one ("to*": "to", "town", "tourism"…) before intersecting them
    with the other words ("People-to-People": 40 ms on PostgreSQL). They are checked on the
    rows the longer word finds instead (`word_start_condition`): the same answers. Alone,
    they are the index's to find.

    Not on SQLite's table of every entry's title words, which keeps each word under its first
    one and two characters (search migration 0007): there the index reads one list for them,
    where checking the rows read every title with "people" for the few with "to" (9 ms, 0.6
    from the index). A kind's own table (`own_index`) keeps no such lists."""
    if connection.vendor == "sqlite" and not own_index:
        return set()
    short = {word for word in words if _narrows_little(word)}
    return short if any(word not in short for word in words) else set()


def _word_start_sql(column: str, word: str) -> tuple[str, str]:
    """A title word starts with `word`: `grams` holds the title words one space apart, so
    " " + word occurs in " " + grams exactly then."""
    function = "instr" if connection.vendor == "sqlite" else "strpos"
    return f"{function}(' ' || {column}, %s) > 0", f" {word}"


def word_start_condition(word: str) -> Q:
    """A title word starts with this word (one of `checked_on_rows`)."""
    return Q(_Condition("grams", *_word_start_sql("{column}", word)))


def _expression(alternatives_per_word: list[list[str]], *, prefixes: bool) -> str:
    """One FTS5 expression: every word, each as one of its alternatives."""
    terms = []
    for alternatives in alternatives_per_word:
        variants = []
        for variant in alternatives:
            if prefixes:
                tokens, prefix = _short_tokens(variant)
                variants.append(_quoted(" ".join(tokens)) + (" *" if prefix else ""))
            else:
                variants.append(_quoted(variant))
        terms.append("(" + " OR ".join(variants) + ")")
    return " AND ".join(terms)


# --- a search's own reads, written once -------------------------------------------------------
#
# The search page's reads have a few shapes (words, their typo alternatives, the filters), and
# building them through the ORM compiled the same shape again on every request: more than the
# database took to answer. They are written here as SQL with parameters, the same statements the
# ORM wrote (search/tests check they find the same).

_ENTRY = '"search_searchentry"'


def _column(name: str) -> str:
    return f'{_ENTRY}."{name}"'


def rank_sql(words: list[str], alternatives: dict[str, list[str]]) -> tuple[str, list]:
    """The rank of a match (search.selectors): 0 the whole query as a title, 1 as the start of
    a title, 2 every word in a title, 3 every word or one of its typo alternatives, else 4."""
    function = "instr" if connection.vendor == "sqlite" else "strpos"
    holds = f"{function}({_column('title_text')}, %s) > 0"
    phrase = " ".join(words)
    whens = [(holds, [f"\n{phrase}\n"]), (holds, [f"\n{phrase}"])]
    whens.append(("(" + " AND ".join([holds] * len(words)) + ")", list(words)))
    either, either_params = [], []
    for word in words:
        variants = [word, *alternatives.get(word, [])]
        either.append("(" + " OR ".join([holds] * len(variants)) + ")")
        either_params += variants
    if either_params != list(words):  # without alternatives, the same as every word
        whens.append(("(" + " AND ".join(either) + ")", either_params))
    sql = "CASE "
    params: list = []
    for rank, (condition, condition_params) in enumerate(whens):
        sql += f"WHEN {condition} THEN {rank} "
        params += condition_params
    return sql + "ELSE 4 END", params


def _visible_sql(levels, kind: str, country: str, area: str) -> tuple[list[str], list]:
    """The entries a reader may see, under the filters (as selectors._filtered wrote them)."""
    like = "LIKE %s ESCAPE '\\'" if connection.vendor == "sqlite" else "LIKE %s"
    cast = "" if connection.vendor == "sqlite" else "::text"
    levels = list(levels)
    where = [f"{_column('visibility')} IN ({', '.join(['%s'] * len(levels))})"]
    params: list = [*levels]
    if kind:
        where.append(f"{_column('kind')} = %s")
        params.append(kind)
    for column, value in (("countries", country), ("areas", area)):
        if value:
            where.append(f"{_column(column)}{cast} {like}")
            params.append(f"%{connection.ops.prep_for_like_query(f' {value} ')}%")
    return where, params


def _short_sql(word: str) -> tuple[str, list[str]]:
    """short_condition's SQL and parameters, on the entry's own row (not among few, no
    kind)."""
    tokens, prefix = _short_tokens(word)
    if connection.vendor == "sqlite":
        expression = _quoted(" ".join(tokens)) + (" *" if prefix else "")
        return (
            # Column and table names written here; the expression goes as a parameter.
            f"{_column('id')} IN (SELECT rowid FROM search_grams WHERE search_grams MATCH %s)",  # noqa: S608
            [expression],
        )
    if _is_title_prefix(tokens, prefix):
        return _TITLE_PREFIX_CONDITION.format(column=_column("grams")), [_lexeme(tokens[0])]
    words, together = _postgres_short(tokens, prefix)
    sql = (
        f"to_tsvector('simple'::regconfig, {_column('grams')}) "
        "@@ to_tsquery('simple'::regconfig, %s)"
    )
    if not together:
        return sql, [words]
    return f"({sql} AND strpos(' ' || {_column('grams')} || ' ', %s) > 0)", [words, together]


# PostgreSQL: the first one to four characters of each title word, as words of their own
# ("people" → "p pe peo peop"), indexed with the filters' tokens (search migration 0008). The
# start of a title word of that length is then one lexeme of this index, where `grams`'s index
# gathers every title word starting so ("liv:*": live, lives, livelihood, livelihoods…) and
# reads them all: 27 → 15 ms for "liv", 166 → 51 for "l" and "a", 15 → 5 for "yout" in one key
# area (430,000 entries). Written exactly as the index's expression, or the planner passes it by.
TITLE_PREFIX_LENGTH = 4
TITLE_PREFIXES = (
    r"regexp_replace({column}, '(\S)(\S?)(\S?)(\S?)\S*', '\1 \1\2 \1\2\3 \1\2\3\4', 'g')"
)
_TITLE_PREFIX_CONDITION = (
    f"to_tsvector('simple'::regconfig, {TITLE_PREFIXES}) @@ to_tsquery('simple'::regconfig, %s)"
)


def _is_title_prefix(tokens: list[str], prefix: bool) -> bool:
    """The start of one title word, short enough to be one of the prefixes the index lists."""
    return prefix and len(tokens) == 1 and len(tokens[0]) <= TITLE_PREFIX_LENGTH


def _lexeme(token: str) -> str:
    """A token as one lexeme of a full-text query."""
    return "'" + token.replace("'", "''") + "'"


def _substring_sql(word: str) -> tuple[str, list[str]]:
    """substring_condition's SQL and parameter on PostgreSQL, for one word."""
    return (
        f"{_column('document')}::text LIKE %s",
        [f"%{connection.ops.prep_for_like_query(word)}%"],
    )


def bounded_matches(
    *,
    levels,
    kind: str,
    country: str,
    area: str,
    alternatives_per_word: list[list[str]],
    titles: bool = False,
    short_words: list[str] = (),
    facets: list[str] = (),
    rank: tuple[str, list],
    limit: int,
) -> list[tuple]:
    """At most `limit` of the entries the reader may see under the filters that hold every
    word, in their documents (words of three characters or more) or with `titles` as the start
    of a title word, and every one of `short_words` (short_condition), as rows of
    (id, kind, countries, areas, rank, sort_key), in no order. `facets`: only those with
    every one of these facet tokens (search.text.facet_tokens). On SQLite the full-text table
    drives the query, so reading stops after the rows asked for; `id IN (matches)` first reads
    every match (the 127,000 of "com": 27 ms against 1.7)."""
    where, params = _visible_sql(levels, kind, country, area)
    rank_sql_, rank_params = rank
    checked = checked_on_rows([alts[0] for alts in alternatives_per_word] + list(short_words))
    alternatives_per_word = [alts for alts in alternatives_per_word if alts[0] not in checked]
    short_words = [word for word in short_words if word not in checked]
    for word in sorted(checked):
        sql, parameter = _word_start_sql(_column("grams"), word)
        where.append(sql)
        params.append(parameter)
    columns = (
        f"{_column('id')}, {_column('kind')}, {_column('countries')}, {_column('areas')}, "
        f'{rank_sql_} AS "rank", {_column("sort_key")}'
    )
    if connection.vendor == "sqlite":
        table = "search_grams" if titles else "search_fts"
        expression = _expression(alternatives_per_word, prefixes=titles)
        for token in facets:
            expression += " AND " + _quoted(token)
        where.append(f"{table}.rowid = {_column('id')}")
        where.append(f"{table} MATCH %s")
        params.append(expression)
        tables = f"{_ENTRY} , {table}"
    else:
        tables = _ENTRY
        if facets:
            where.append(f"string_to_array({_column('facets')}, ' ') @> %s::text[]")
            params.append(list(facets))
        for alternatives in alternatives_per_word:
            either = [
                _short_sql(variant) if titles else _substring_sql(variant)
                for variant in alternatives
            ]
            where.append("(" + " OR ".join(sql for sql, _ in either) + ")")
            params += [parameter for _, parameters in either for parameter in parameters]
    for word in short_words:
        sql, word_params = _short_sql(word)
        where.append(sql)
        params += word_params
    sql = f"SELECT {columns} FROM {tables} WHERE ({' AND '.join(where)}) LIMIT {int(limit)}"  # noqa: S608
    return fetch(sql, [*rank_params, *params])


def _word_sql(alternatives: list[str], *, among_few: bool, kind: str | None) -> tuple[str, list]:
    """One word's condition (substring_condition, or short_condition for a short word) on the
    entry's own row, as SQL."""
    word = alternatives[0]
    if connection.vendor == "sqlite":
        if is_short(word):
            tokens, prefix = _short_tokens(word)
            expression = _quoted(" ".join(tokens)) + (" *" if prefix else "")
            template = _in_matches("search_grams", among_few, kind)
        else:
            expression = " OR ".join(_quoted(variant) for variant in alternatives)
            template = _in_matches("search_fts", among_few, kind)
        return template.format(column=_column("id")), [expression]
    if is_short(word):
        return _short_sql(word)
    either = [_substring_sql(variant) for variant in alternatives]
    return "(" + " OR ".join(sql for sql, _ in either) + ")", [p for _, ps in either for p in ps]


def matching_object_ids(
    kind: str, alternatives_per_word: list[list[str]], *, among_few: bool, own_index: bool
) -> list[int]:
    """The object ids of a kind's entries holding every word (one of its alternatives): the
    statement selectors.matching_ids builds, for a list's `q` read at once."""
    where, params = [], []
    checked = checked_on_rows(
        [alternatives[0] for alternatives in alternatives_per_word], own_index=own_index
    )
    for alternatives in alternatives_per_word:
        if alternatives[0] in checked:
            sql, parameter = _word_start_sql(_column("grams"), alternatives[0])
            where.append(sql)
            params.append(parameter)
            continue
        sql, word_params = _word_sql(
            alternatives, among_few=among_few, kind=kind if own_index else None
        )
        where.append(sql)
        params += word_params
    where.append(f"{_column('kind')} = %s")
    params.append(kind)
    sql = f"SELECT {_column('object_id')} FROM {_ENTRY} WHERE ({' AND '.join(where)})"  # noqa: S608
    return [row[0] for row in fetch(sql, params)]


def entries(ids) -> list[tuple]:
    """The shown columns of these entries, in no order: id, kind, object_id, countries, areas,
    path, original_language, titles, bodies (these two as JSON text)."""
    if not ids:
        return []
    columns = ", ".join(
        _column(name)
        for name in (
            "id",
            "kind",
            "object_id",
            "countries",
            "areas",
            "path",
            "original_language",
            "titles",
            "bodies",
        )
    )
    sql = (
        f"SELECT {columns} FROM {_ENTRY} WHERE {_column('id')} IN ({', '.join(['%s'] * len(ids))})"  # noqa: S608
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, list(ids))
        return cursor.fetchall()


def terms(keys) -> list[tuple[str, str]]:
    """The (key, term) rows of search_searchterm under these deletion keys."""
    keys = list(keys)
    if not keys:
        return []
    sql = (
        'SELECT "search_searchterm"."key", "search_searchterm"."term" FROM "search_searchterm" '  # noqa: S608
        f'WHERE "search_searchterm"."key" IN ({", ".join(["%s"] * len(keys))})'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, keys)
        return cursor.fetchall()


def after_rebuild() -> None:
    """After many rows are written at once: PostgreSQL's GIN indexes take new entries into a
    pending list, which every search then reads through (and the planner, seeing it, falls back
    to reading the whole table) until it is merged; merge it now, and refresh the statistics."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'search_searchentry' "
            "AND indexdef LIKE '%% USING gin %%'"
        )
        for (index,) in cursor.fetchall():
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        cursor.execute("ANALYZE search_searchentry")


def fetch(sql: str, params) -> list[tuple]:
    """Run a search's query. On PostgreSQL, with the table scan ruled out for it: the planner
    cannot tell how many documents `LIKE '%word%'` keeps, guesses too many, and reads every
    document (7-11 ms at 10,000 entries) where the trigram index answers in 2-5 ms, even when
    half the documents match. The setting, the query and its reset go as one message (Django's
    cursors bind on the client, so several statements may): one implicit transaction, one
    round trip, where a transaction of its own took three more (0.5 ms)."""
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(sql, params)
            return cursor.fetchall()
        # RESET: inside a caller's transaction (a write, a test) the setting ends here too.
        cursor.execute(f"SET LOCAL enable_seqscan = off; {sql}; RESET enable_seqscan", params)
        cursor.nextset()
        return cursor.fetchall()
