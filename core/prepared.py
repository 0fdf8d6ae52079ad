"""Querysets compiled to SQL once per process, then run again with other values.

Building a queryset and compiling it costs the ORM 0.1–0.3 ms of Python on every request, more
than the database takes to answer the small queries a page asks on each visit (the data
versions, the reader's roles). A `Prepared` query is written as a queryset, so it keeps the
ORM's names, joins and conversions; it is compiled the first time it runs on each database, with
marked values standing for its arguments, and later runs only execute the SQL with the
arguments in the marks' places. The rows come back as the queryset would give them (model
instances with their select_related rows, value tuples or dictionaries), through the same
converters.

Arguments are ints and strings, each compared as-is by its lookup (`pk=`, `slug=`,
`user_id=`) or used as a slice's start (`[offset:offset + 20]`, written in the SQL as a
parameter where Django writes the number in the text), and lists of ints for `__in` (compiled
once for each length met, up to `MAX_SHAPES`). An empty list, or a number past 64 bits, is
asked through the ORM, which knows it finds nothing. A value a field converts (a date, a string
in `__icontains`) would not be found among the compiled parameters, and preparing says so.
Everything else the queryset holds is fixed.
"""

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper
from django.db.models import Count, IntegerField, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    NamedValuesListIterable,
    ValuesIterable,
    ValuesListIterable,
    get_related_populators,
)

# Marks: values no argument meets in practice, within the range of a 32-bit integer column
# (Django turns a comparison with an integer out of a field's range into no query at all).
_INT_MARK = 2_147_000_000
# Where values stand in compiled SQL: parameters, and numbers of a mark's size written in the
# text; a literal percent sign (%%) is neither.
_PLACES = re.compile(r"(%%|%s|\b\d{10}\b)")
# Compiled forms kept per query: one per length of its list arguments.
MAX_SHAPES = 64


def _marks(args: tuple) -> tuple[list, dict]:
    """The arguments' marks, and where each mark's value comes from: (position, index in the
    list at that position, or None)."""
    marks, origin = [], {}
    for position, value in enumerate(args):
        if isinstance(value, list | tuple) and all(
            isinstance(v, int) and not isinstance(v, bool) for v in value
        ):
            listed = [_INT_MARK + len(origin) + i for i in range(len(value))]
            origin.update({mark: (position, i) for i, mark in enumerate(listed)})
            marks.append(listed)
        elif isinstance(value, int | str) and not isinstance(value, bool):
            mark = (
                _INT_MARK + len(origin)
                if isinstance(value, int)
                else f"\x00prepared {position}\x00"
            )
            origin[mark] = (position, None)
            marks.append(mark)
        else:
            raise TypeError(
                "a prepared query's arguments are ints, strings and lists of ints, not "
                f"{type(value).__name__}"
            )
    return marks, origin


@dataclass
class _Compiled:
    sql: str
    # Each parameter: (True, (position, index in a list or None)) or (False, the constant).
    slots: list[tuple[bool, Any]]
    shape: str  # "model", "values", "values_list", "flat"
    converters: dict
    compiler: Any
    names: list[str]
    model: Any = None
    init_list: list[str] | None = None
    fields_start: int = 0
    fields_end: int = 0
    populators: list | None = None
    annotations: dict | None = None


class Prepared:
    """A queryset compiled once per database: `build` returns it from the arguments."""

    def __init__(self, build: Callable[..., QuerySet]):
        self.build = build
        self._compiled: dict[tuple, _Compiled] = {}
        functools.update_wrapper(self, build)

    def __call__(self, *args: int | str | list[int]) -> list:
        """The rows, as the queryset built from these arguments would give them."""
        lengths = tuple(len(a) if isinstance(a, list | tuple) else -1 for a in args)
        if 0 in lengths or any(map(_beyond_any_column, args)):
            # The ORM knows an empty list, or a number no integer column holds, finds nothing
            # (SQLite cannot even take a parameter past 64 bits: an id typed into an address).
            return list(self.build(*args))
        # The platform reads one database; a prepared query is compiled for each vendor it
        # meets (the test suite runs on SQLite and on PostgreSQL, in separate processes).
        connection = connections[DEFAULT_DB_ALIAS]
        key = (connection.vendor, lengths)
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compile(args)
            if len(self._compiled) < MAX_SHAPES:
                self._compiled[key] = compiled
        params = [
            _argument(args, value) if is_argument else value
            for is_argument, value in compiled.slots
        ]
        with _cursor(connection) as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if compiled.converters:
            rows = list(compiled.compiler.apply_converters(rows, compiled.converters))
        return list(self._shaped(compiled, rows, connection.alias))

    def first(self, *args: int | str):
        """The first row, or None."""
        rows = self(*args)
        return rows[0] if rows else None

    def _compile(self, args: tuple) -> _Compiled:
        marks, origin = _marks(args)
        queryset = self.build(*marks)
        query = queryset.query
        compiler = query.get_compiler(using=DEFAULT_DB_ALIAS)
        sql, params = compiler.as_sql()
        params = iter(params)
        # The SQL's parameters in order, and the marks Django writes into the text itself (a
        # slice's bounds: `[offset:offset + 20]` is LIMIT 20 OFFSET <mark>), made parameters.
        pieces, slots, used = [], [], set()
        for piece in _PLACES.split(sql):
            if piece == "%s":
                param = next(params)
                # Int marks are ints and string marks strings: neither meets the other's. On
                # PostgreSQL a big integer comes typed (psycopg's Int8): the argument is too.
                found = (
                    origin.get(param)
                    if isinstance(param, int | str) and not isinstance(param, bool)
                    else None
                )
                if found is not None and type(param) not in (int, str):
                    found = (*found, type(param))
                slots.append((True, found) if found is not None else (False, param))
                used.add(found[:2] if found else None)
            elif piece.isdigit() and int(piece) in origin:
                found = origin[int(piece)]
                slots.append((True, found))
                used.add(found)
                piece = "%s"
            pieces.append(piece)
        sql = "".join(pieces)
        if missing := [mark for mark, found in origin.items() if found not in used]:
            raise ImproperlyConfigured(
                f"{self.build.__qualname__}: {len(missing)} of its arguments' values are not "
                "parameters of its SQL as given (a lookup converts them, or they are not used)"
            )
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        compiled = _Compiled(
            sql=sql,
            slots=slots,
            shape="",
            converters=compiler.get_converters(fields),
            compiler=compiler,
            names=[],
        )
        iterable = queryset._iterable_class
        if iterable is ModelIterable:
            compiled.shape = "model"
            klass_info = compiler.klass_info
            select_fields = klass_info["select_fields"]
            compiled.model = klass_info["model"]
            compiled.fields_start, compiled.fields_end = select_fields[0], select_fields[-1] + 1
            compiled.init_list = [
                column[0].target.attname
                for column in compiler.select[compiled.fields_start : compiled.fields_end]
            ]
            compiled.populators = get_related_populators(
                klass_info, compiler.select, DEFAULT_DB_ALIAS
            )
            compiled.annotations = compiler.annotation_col_map
            if queryset._known_related_objects or queryset._prefetch_related_lookups:
                raise ImproperlyConfigured("a prepared query cannot prefetch")
        elif iterable is ValuesIterable:
            compiled.shape = "values"
            compiled.names = (
                list(query.selected)
                if query.selected
                else [
                    *query.extra_select,
                    *query.values_select,
                    *query.annotation_select,
                ]
            )
        elif iterable is ValuesListIterable:
            compiled.shape = "values_list"
        elif iterable is FlatValuesListIterable:
            compiled.shape = "flat"
        elif iterable is NamedValuesListIterable:
            raise ImproperlyConfigured("a prepared query gives tuples, not named ones")
        return compiled

    @staticmethod
    def _shaped(compiled: _Compiled, rows, alias: str) -> Iterator:
        if compiled.shape == "flat":
            return (row[0] for row in rows)
        if compiled.shape == "values_list":
            return (tuple(row) for row in rows)
        if compiled.shape == "values":
            names = compiled.names
            return ({name: row[i] for i, name in enumerate(names)} for row in rows)
        return (_instance(compiled, row, alias) for row in rows)


@functools.cache
def _preparing_cursor_class():
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparingCursor(ServerBindingCursor):
        """Binds on the server and prepares every statement it runs (psycopg keeps the
        connection's last hundred)."""

        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)

    return PreparingCursor


def _cursor(connection):
    """A cursor for a prepared query's SQL. On PostgreSQL (unless PREPARED_STATEMENTS is off)
    the statement is prepared on the server, once per connection: the planner's work on a query
    of several joins or subqueries took it 1–2 ms each time, three times what running the plan
    takes, and the SQL of a prepared query is the same on every call. Through Django's cursor
    wrapper, so queries are counted and logged as any other."""
    if connection.vendor != "postgresql" or not getattr(settings, "PREPARED_STATEMENTS", True):
        return connection.cursor()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    with connection.wrap_database_errors:
        cursor = _preparing_cursor_class()(connection.connection)
    if connection.queries_logged:
        return _LoggedCursor(cursor, connection)
    return connection.make_cursor(cursor)


class _LoggedCursor(CursorDebugWrapper):
    """Logs a prepared statement's SQL with its values written in, as Django logs others:
    psycopg keeps no text of a prepared statement's run for Django to read back."""

    def execute(self, sql, params=None):
        with self.debug_sql(self.db.ops.compose_sql(sql, params), params):
            return CursorWrapper.execute(self, sql, params)


_INT64 = range(-(2**63), 2**63)


def _beyond_any_column(value) -> bool:
    values = value if isinstance(value, list | tuple) else (value,)
    return any(isinstance(v, int) and v not in _INT64 for v in values)


def _argument(args: tuple, where: tuple):
    """The value an argument puts in a parameter: (position, index in a list or None, and the
    type the parameter had when compiled, where it is not a plain int or string)."""
    value = args[where[0]] if where[1] is None else args[where[0]][where[1]]
    return where[2](value) if len(where) > 2 else value


def _instance(compiled: _Compiled, row, alias: str):
    instance = compiled.model.from_db(
        alias, compiled.init_list, row[compiled.fields_start : compiled.fields_end]
    )
    for populator in compiled.populators:
        populator.populate(row, instance)
    for name, position in compiled.annotations.items():
        setattr(instance, name, row[position])
    return instance


def prepared(build: Callable[..., QuerySet]) -> Prepared:
    """Decorate a function that returns a queryset from ints and strings: calling it returns
    the queryset's rows, with the SQL compiled once per database and process."""
    return Prepared(build)


# Helpers for building model instances from prepared rows of values.


def columns(model, prefix: str = "") -> list[str]:
    """A model's concrete columns (attnames, in the order Model.from_db takes them), as
    values_list names, behind a relation's prefix ("body__") where given."""
    return [prefix + field.attname for field in model._meta.concrete_fields]


def made(model, values, db: str):
    """A model instance from its columns' values (as columns() lists them), as the ORM makes
    one; None where a left join found no row."""
    names = columns(model)
    if values[names.index(model._meta.pk.attname)] is None:
        return None
    return model.from_db(db, names, values)


def count_column(related: QuerySet) -> Coalesce:
    """How many rows a queryset correlated to the outer query (OuterRef) holds, as a column of
    the outer row: 0, not NULL, where it holds none."""
    total = related.order_by().annotate(one=Value(1)).values("one").annotate(n=Count("*"))
    return Coalesce(Subquery(total.values("n"), output_field=IntegerField()), 0)


def split(row, *models) -> list:
    """A row of several models' columns (columns(model, prefix) one after another) cut into
    each model's values; a number instead of a model takes that many values (annotations)."""
    parts, start = [], 0
    for model in models:
        width = model if isinstance(model, int) else len(model._meta.concrete_fields)
        parts.append(row[start : start + width])
        start += width
    return parts


def prefetched(instance, name: str, objects: list) -> None:
    """What prefetch_related(name) leaves on the instance, from objects read here: the
    relation's manager answers them without a query (and filters on them as it would)."""
    queryset = getattr(instance, name).get_queryset()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    # The cache's key is the accessor's name for the relations named with related_name and
    # for forward many-to-many fields, which is what this is used for.
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset
