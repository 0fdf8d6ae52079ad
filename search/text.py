"""Text as the search index sees it: folded the same way for what is indexed and what is asked.

Folding makes matching case- and accent-insensitive in every script: compatibility forms are
unified (full-width Latin, ligatures), combining marks are dropped (accents, Vietnamese tone
marks, Arabic vowel signs, the two dots of ё), a few letters that do not decompose are mapped to
their base letter (đ → d, ł → l, Arabic alef forms → ا), and everything is case-folded. Anything
that is not a letter, digit or mark separates words.

Scripts written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Myanmar) are matched as
substrings of at least three characters, and as single characters or pairs for shorter queries
(see `grams`).
"""

import functools
import html
import re
import unicodedata
from collections.abc import Iterable

# Letters that carry no combining mark in Unicode but that readers type without their stroke.
_LETTERS = str.maketrans(
    {
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "ŧ": "t",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
        "þ": "th",
        # Arabic: the forms of alef, alef maqsura and teh marbuta, as Arabic search usually folds.
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ـ": "",  # tatweel, a stretching stroke
    }
)

# Unicode ranges of scripts written without spaces between words.
_SPACELESS = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3FFFF),  # CJK extensions B and beyond
)

MAX_QUERY_CHARACTERS = 200
MAX_QUERY_WORDS = 8
MAX_WORD_CHARACTERS = 40
# Words this long or longer are also found with one typo (a letter missing, added, changed or
# two letters swapped).
FUZZY_MIN_LENGTH = 5


def is_spaceless(character: str) -> bool:
    point = ord(character)
    return any(low <= point <= high for low, high in _SPACELESS)


def _fold_character(character: str) -> str:
    decomposed = unicodedata.normalize("NFKD", character)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", kept).casefold().translate(_LETTERS)


def _is_word_character(character: str) -> bool:
    return unicodedata.category(character)[0] in "LN"


def fold(text: str) -> str:
    """The text as the index keeps it: folded, one space between words, no punctuation."""
    folded = unicodedata.normalize("NFKD", text or "")
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = unicodedata.normalize("NFC", folded).casefold().translate(_LETTERS)
    return " ".join("".join(c if _is_word_character(c) else " " for c in folded).split())


def query_words(query: str) -> list[str]:
    """The words of a query, folded: a query is never syntax. NUL and control characters,
    quotes, operators and emoji separate words or vanish; a very long query is cut short."""
    words = fold((query or "")[: MAX_QUERY_CHARACTERS * 4])[:MAX_QUERY_CHARACTERS].split()
    unique = list(dict.fromkeys(word[:MAX_WORD_CHARACTERS] for word in words))
    # A lone letter beside longer words ("l" of "l'apprentissage", "d" of "d'Asie") starts
    # most words of the index and narrows nothing: it is left out. A character of a script
    # written without spaces is a word, and a lone letter typed alone is still looked for.
    if any(len(word) > 1 for word in unique):
        unique = [word for word in unique if not _lone_letter(word)]
    return unique[:MAX_QUERY_WORDS]


def _lone_letter(word: str) -> bool:
    return len(word) == 1 and word.isalpha() and not is_spaceless(word)


def grams(folded: str) -> str:
    """The words of folded text for short queries: scripts without spaces split into single
    characters (a one- or two-character query is then a word or a phrase of two), other words
    whole (a short query is then a prefix of a word)."""
    tokens: list[str] = []
    for word in folded.split():
        run = ""
        for character in word:
            if is_spaceless(character):
                if run:
                    tokens.append(run)
                    run = ""
                tokens.append(character)
            else:
                run += character
        if run:
            tokens.append(run)
    return " ".join(tokens)


# A filter as the full-text index holds it (SearchEntry.facets): each country, key area and the
# entry's kind as a token of three characters beside the words, so that the index intersects a
# filter with a query's words instead of the database checking it on every match (a query found
# in a hundred thousand entries, in one small country: 15-300 ms). Each starts with a character
# that folding never leaves in a word: a query never finds one, and on SQLite its trigrams are
# never those of a word. Two characters stand for a key area or a kind: two values may share
# them, so the exact filter is applied too (the tokens only narrow what it reads).


def _two_characters(name: str) -> str:
    parts = [part for part in re.split(r"[^a-z0-9]+", name.lower()) if part]
    if not parts:
        return "00"
    # The first letters of two words, or the first and last of one: "job-creation" jc,
    # "project" pt, "programme" pe, "CN" cn.
    return parts[0][0] + (parts[1][0] if len(parts) > 1 else parts[0][-1])


def facet_tokens(*, kind: str = "", countries=(), areas=()) -> list[str]:
    """The tokens of a kind, countries (ISO codes) and key areas (slugs), sorted, each once."""
    tokens = {"#" + _two_characters(code) for code in countries if code}
    tokens |= {"%" + _two_characters(slug) for slug in areas if slug}
    if kind:
        tokens.add("!" + _two_characters(kind))
    return sorted(tokens)


def is_short(word: str) -> bool:
    """Too short for the trigram index: answered from the grams instead."""
    return len(word) < 3


def spelling_words(folded: str, *, shortest: int = FUZZY_MIN_LENGTH) -> set[str]:
    """Words that a query may misspell: long enough, and written with spaces between words."""
    return {
        word
        for word in folded.split()
        if shortest <= len(word) <= MAX_WORD_CHARACTERS
        and not any(is_spaceless(c) for c in word)
        and not word.isdigit()
    }


def deletion_keys(word: str) -> set[str]:
    """The word and the word with each one of its letters left out. Two words are at most one
    typo apart (Damerau) exactly when their key sets meet and their distance says so."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def one_typo_apart(a: str, b: str) -> bool:
    """At most one letter missing, added or changed, or two neighbours swapped."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differences = [i for i in range(len(a)) if a[i] != b[i]]
        if len(differences) == 1:
            return True
        if len(differences) == 2:
            i, j = differences
            return j == i + 1 and a[i] == b[j] and a[j] == b[i]
        return False
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


# --- showing matches ----------------------------------------------------------------------
#
# The text is folded letter for letter by one str.translate (in C): each character that folds to
# a single letter becomes that letter, each combining mark becomes a placeholder, so positions
# in the folded text are positions in the original. The folded query words are then found in it
# by a small regular expression that lets marks sit between their letters.

# Code points whose folding is worth knowing: Latin, Greek, Cyrillic, Arabic and the other
# alphabets with accents or letter forms; presentation and full-width forms.
_FOLDED_RANGES = ((0x0041, 0x2FFF), (0xA640, 0xA69F), (0xFB00, 0xFFEF))
_MARK = "\x01"


def prepare() -> None:
    """Build what the first highlighted result of a process would otherwise wait for (the
    folding table below: twelve thousand characters, about 15 ms). The server calls it as each
    worker starts."""
    _letter_for_letter()


@functools.cache
def _letter_for_letter() -> dict[int, str]:
    """The folding as a translation table that keeps the text's length (built once)."""
    table: dict[int, str] = {}
    for low, high in _FOLDED_RANGES:
        for point in range(low, high + 1):
            character = chr(point)
            if unicodedata.combining(character) or character == "\u0640":  # marks, tatweel
                table[point] = _MARK
                continue
            folded = _fold_character(character)
            if len(folded) == 1 and folded != character:
                table[point] = folded
    return table


@functools.lru_cache(maxsize=256)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    alternatives = [
        f"{_MARK}*".join(re.escape(character) for character in word) + f"{_MARK}*"
        for word in sorted(set(words), key=len, reverse=True)
    ]
    return re.compile("|".join(alternatives)) if alternatives else None


def match_spans(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """Where the (folded) words occur in the text, as (start, end) positions in the original
    text, merged where they overlap or touch.

    Most texts hold no combining mark once folded: each word is then found by str.find,
    every occurrence. Only a text with marks between its letters needs the regular
    expression that lets them sit there (compiling it for a page's new words cost more than
    finding them in all twenty results)."""
    words = [word for word in words if word]
    if not text or not words:
        return []
    folded = text.translate(_letter_for_letter())
    if _MARK in folded:
        found = sorted(match.span() for match in _words_pattern(tuple(words)).finditer(folded))
    else:
        found = []
        for word in set(words):
            start = folded.find(word)
            while start != -1:
                found.append((start, start + len(word)))
                start = folded.find(word, start + 1)
        found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mark_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """The text, escaped for HTML, with each of these spans (match_spans) wrapped in <mark>."""
    parts = []
    position = 0
    for start, end in spans:
        parts.append(html.escape(text[position:start]))
        parts.append(f"<mark>{html.escape(text[start:end])}</mark>")
        position = end
    parts.append(html.escape(text[position:]))
    return "".join(parts)


def highlight(text: str, words: Iterable[str]) -> str:
    """The text, escaped for HTML, with each match wrapped in <mark>."""
    return mark_spans(text, match_spans(text, words))


def snippet(text: str, words: Iterable[str], *, length: int = 200) -> tuple[str, str]:
    """A passage of the text around its first match (or its beginning), as plain text and as
    escaped HTML with the matches marked."""
    text = " ".join((text or "").split())
    if not text:
        return "", ""
    spans = match_spans(text, words)
    if len(text) <= length:
        start, end = 0, len(text)
    else:
        first = spans[0][0] if spans else 0
        start = max(0, first - length // 3)
        if start:
            space = text.rfind(" ", 0, start)
            start = space + 1 if space != -1 and start - space < 20 else start
        end = min(len(text), start + length)
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > start + length // 2 else end
    passage = text[start:end]
    inside = [
        (max(a, start) - start, min(b, end) - start) for a, b in spans if a < end and b > start
    ]
    before = "… " if start else ""
    after = " …" if end < len(text) else ""
    plain = f"{before}{passage}{after}"
    marked = html.escape(before) + mark_spans(passage, inside) + html.escape(after)
    return plain, marked
