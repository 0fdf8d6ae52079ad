"""Dates written many times on one page, in the reader's language."""

from django.utils.dateformat import DateFormat, re_escaped, re_formatchars
from django.utils.formats import get_format


class DateWriter:
    """date_format(value, name) for the many values of one page: the format is looked up and
    split into its pieces once, not for each value (Django splits it at every call)."""

    def __init__(self, name: str):
        self.pieces = [
            (bool(index % 2), piece if index % 2 else re_escaped.sub(r"\1", piece))
            for index, piece in enumerate(re_formatchars.split(str(get_format(name))))
            if piece
        ]

    def __call__(self, value) -> str:
        formatter = DateFormat(value)
        return "".join(
            str(getattr(formatter, piece)()) if is_code else piece for is_code, piece in self.pieces
        )
