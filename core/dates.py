"""Dates written many times on one page, in the reader's language."""

from django.utils.dateformat import DateFormat, re_escaped, re_formatchars
from django.utils.formats import get_format

# Format characters whose text depends on the date alone (names of days and months, numbers of
# the day, week, month and year), not on the time of day or the time zone.
_OF_THE_DAY = frozenset("dDjlNSwzWFmMnEtLoYy")


class DateWriter:
    """date_format(value, name) for the many values of one page: the format is looked up and
    split into its pieces once, not for each value (Django splits it at every call)."""

    def __init__(self, name: str):
        self.pieces = [
            (bool(index % 2), piece if index % 2 else re_escaped.sub(r"\1", piece))
            for index, piece in enumerate(re_formatchars.split(str(get_format(name))))
            if piece
        ]
        self.days: dict[tuple, str] = {}

    def __call__(self, value) -> str:
        formatter = DateFormat(value)
        day = (value.year, value.month, value.day)
        written = []
        for is_code, piece in self.pieces:
            if not is_code:
                written.append(piece)
            elif piece in _OF_THE_DAY:  # the same for every moment of a day: written once
                key = (piece, day)
                text = self.days.get(key)
                if text is None:
                    text = self.days[key] = str(getattr(formatter, piece)())
                written.append(text)
            else:
                written.append(str(getattr(formatter, piece)()))
        return "".join(written)
