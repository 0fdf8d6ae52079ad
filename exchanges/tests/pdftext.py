"""The text a PDF written by WeasyPrint shows, read back without a PDF library: the pages'
text operators decoded through each font's ToUnicode map. Enough for tests that look for
names in their own scripts (right-to-left text comes out in visual order)."""

import re
import zlib

OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)
STREAM = re.compile(rb"^(.*?)stream\r?\n(.*)\r?\nendstream", re.S)


def _objects(pdf: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    objects = {}
    for number, body in OBJECT.findall(pdf):
        match = STREAM.match(body)
        if match:
            head, data = match.groups()
            if b"/FlateDecode" in head:
                data = zlib.decompress(data)
            objects[int(number)] = (head, data)
        else:
            objects[int(number)] = (body, None)
    # Compressed PDFs keep small objects in object streams.
    for head, data in list(objects.values()):
        if data is not None and b"/ObjStm" in head:
            first = int(re.search(rb"/First\s+(\d+)", head).group(1))
            pairs = [int(n) for n in data[:first].split()]
            offsets = list(zip(pairs[::2], pairs[1::2], strict=True))
            for index, (number, offset) in enumerate(offsets):
                end = offsets[index + 1][1] if index + 1 < len(offsets) else len(data) - first
                objects.setdefault(number, (data[first + offset : first + end], None))
    return objects


def _cmap(data: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for source, target in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(source, 16)] = bytes.fromhex(target.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for low, high, target in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            start = int(target, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                mapping[code] = chr(start + offset)
    return mapping


def pdf_text(pdf: bytes) -> str:
    objects = _objects(pdf)
    fonts: dict[bytes, dict[int, str]] = {}
    for head, _data in objects.values():
        for font_dict in re.findall(rb"/Font\s*(\d+) 0 R", head):
            resources = objects.get(int(font_dict), (b"", None))[0]
            for name, ref in re.findall(rb"/([A-Za-z0-9+]+)\s+(\d+) 0 R", resources):
                font = objects.get(int(ref), (b"", None))[0]
                unicode_ref = re.search(rb"/ToUnicode\s+(\d+) 0 R", font)
                if unicode_ref:
                    fonts[name] = _cmap(objects[int(unicode_ref.group(1))][1] or b"")
    lines = []
    for _head, data in objects.values():
        if not data or b" Tf" not in data or b"BT" not in data:
            continue
        current: dict[int, str] = {}
        for token in re.finditer(
            rb"/([A-Za-z0-9+]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]+)>|(Tm|Td|TD|T\*)", data
        ):
            font, text, move = token.groups()
            if font is not None:
                current = fonts.get(font, {})
            elif text is not None:
                hexa = text.decode()
                lines.append(
                    "".join(
                        current.get(int(hexa[i : i + 4], 16), "") for i in range(0, len(hexa), 4)
                    )
                )
            elif move:
                lines.append("\n")
    return "".join(lines)
