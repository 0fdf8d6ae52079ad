"""Queries whose SQL is written once per process, for the pages read most.

Building a queryset and compiling it to SQL costs a page more than the database's answer when
the page asks a few small queries: the filters, joins and subqueries are the same for every
address, only the values change. A PreparedQuery builds its queryset once per database with
stand-in values, keeps the SQL, and afterwards only puts the request's values in their places,
reads the rows and converts them as the ORM does (dates, JSON, the multilingual fields).

    page = PreparedQuery(lambda consultation, offset: Comment.objects.filter(
        consultation_id=consultation).order_by("pk").values_list("pk", "html")[offset:offset + 20])
    rows = page(consultation.pk, 40)

Each argument is an integer (an id, an offset: written in the SQL as a parameter even where
Django writes a slice's bounds in the text) or a list of integers (its length is part of
the SQL, so each length is prepared once). Only values_list() querysets.
"""

import re
from collections.abc import Callable
from threading import Lock

from django.db import connections

# Stand-ins no real id or offset takes, each told apart from the others.
_FIRST_STAND_IN = 7_350_000_001


class PreparedQuery:
    def __init__(self, build: Callable, *, using: str = "default"):
        self.build = build
        self.using = using
        self._prepared: dict[tuple, tuple] = {}
        self._lock = Lock()

    def __call__(self, *arguments) -> list[tuple]:
        connection = connections[self.using]
        shape = (connection.vendor, *(len(a) if isinstance(a, list) else None for a in arguments))
        prepared = self._prepared.get(shape)
        if prepared is None:
            with self._lock:
                prepared = self._prepared.get(shape) or self._prepare(connection, arguments)
                self._prepared[shape] = prepared
        sql, slots, converters = prepared
        flat = [
            value
            for argument in arguments
            for value in (argument if isinstance(argument, list) else [argument])
        ]
        params = [flat[slot.index] if isinstance(slot, _Slot) else slot for slot in slots]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if not converters:
            return rows
        converted = []
        for row in rows:
            row = list(row)
            for position, (functions, expression) in converters:
                value = row[position]
                for function in functions:
                    value = function(value, expression, connection)
                row[position] = value
            converted.append(tuple(row))
        return converted

    def _prepare(self, connection, arguments) -> tuple:
        stand_ins: list[int] = []

        def stand_in() -> int:
            stand_ins.append(_FIRST_STAND_IN + len(stand_ins) * 1_000)
            return stand_ins[-1]

        values = [
            [stand_in() for _ in argument] if isinstance(argument, list) else stand_in()
            for argument in arguments
        ]
        queryset = self.build(*values)
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        where = {value: _Slot(index) for index, value in enumerate(stand_ins)}
        # Parameters given as such; then stand-ins written in the text (a slice's bounds),
        # made parameters in the order they come.
        slots: list = [
            where.get(param, param) if isinstance(param, int) else param for param in params
        ]
        pieces = re.split(r"(%s|\b\d{10}\b)", sql)
        text, ordered, param_index = [], [], 0
        for piece in pieces:
            if piece == "%s":
                ordered.append(slots[param_index])
                param_index += 1
                text.append(piece)
            elif piece.isdigit() and int(piece) in where:
                ordered.append(where[int(piece)])
                text.append("%s")
            else:
                text.append(piece)
        found = {slot.index for slot in ordered if isinstance(slot, _Slot)}
        if found != set(range(len(stand_ins))):
            raise ValueError("Each argument of a prepared query must reach its SQL once or more.")
        columns = [column for column, _sql, _alias in compiler.select[: compiler.col_count]]
        converters = list(compiler.get_converters(columns).items())
        return "".join(text), ordered, converters


class _Slot:
    __slots__ = ("index",)

    def __init__(self, index: int):
        self.index = index


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


def split(row, *models) -> list:
    """A row of several models' columns (columns(model, prefix) one after another) cut into
    each model's values."""
    parts, start = [], 0
    for model in models:
        width = len(model._meta.concrete_fields)
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
