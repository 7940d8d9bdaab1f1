"""docs/methodology.md for the Metodologi page: each section split into what a council member
reads and the technical details ("Rincian teknis": function names, file and SQL paths, settings,
commands, worked examples on the test data), in the reader's language.

The document is written for both audiences: an Indonesian text with an "*English:*" paragraph
per section, and technical references inline. The rule, applied here so that the document stays
one file:

- a paragraph starting with "*English:*" is the English text (shown only in English);
- a paragraph starting with **Fungsi:**, **Teknis**, **Contoh** or **Data uji** (and the tables
  and paragraphs under a **Contoh** or **Data uji** heading) is technical;
- elsewhere a parenthesis that names code is dropped from the reader's text, and a sentence or
  list item that still names code moves to the technical part.

"Names code" (`code_like`): a file or folder path, a file name, a setting (UCJ_...), a command, a
module.function, or the name of a figure function (figures/spec.py SPECS).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CODE = re.compile(r"`([^`]+)`")
_PAREN = re.compile(r"\s?\((?:[^()]|\([^()]*\))*\)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z*(])")
_TECHNICAL_LEAD = re.compile(r"\*\*(Fungsi|Teknis|Contoh|Data uji)")
_EXAMPLE_LEAD = ("**Contoh", "**Data uji")
_ENGLISH = "*English:*"
# Helper and table names that are code, besides the figure functions.
_CODE_NAMES = {"city_totals", "reg_bulanan", "apbd_klarifikasi_kota", "holidays", "seluruh_kota"}


@dataclass
class Part:
    """One section (## , level 2) or subsection (### , level 3) of the document."""

    title: str
    level: int
    main: list[str] = field(default_factory=list)
    technical: list[str] = field(default_factory=list)


def code_like(span: str, names: set[str] = frozenset()) -> bool:
    """Does this `code span` name code rather than a data word (a column, a code, a kind)?"""
    return bool(
        "/" in span
        or re.search(r"\.(py|sql|md|json|jsonl|toml|csv|txt|xlsx|parquet)\b", span)
        or span.startswith(("UCJ_", "python", "--", "[ucj]", ".streamlit"))
        or re.fullmatch(r"[a-z_]+\.[a-z_]+", span)
        or span in names
        or span in _CODE_NAMES
    )


def _names_code(text: str, names) -> bool:
    return any(code_like(s, names) for s in _CODE.findall(text))


def _reader_text(unit: str, names) -> tuple[str, bool]:
    """The unit without the parentheses that name code; and whether code remains in it."""
    kept = _PAREN.sub(lambda m: "" if _names_code(m.group(0), names) else m.group(0), unit)
    return kept, _names_code(kept, names)


def _split_block(block: str, names) -> tuple[str | None, list[str]]:
    """A reader's block: (what stays, the units that name code)."""
    lines = block.split("\n")
    if lines[0].lstrip().startswith("|"):  # a table: whole
        return (None, [block]) if _names_code(block, names) else (block, [])
    if lines[0].lstrip().startswith(("- ", "* ", "1. ")):  # a list: item by item
        items, current = [], []
        for line in lines:
            if re.match(r"\s*([-*]|\d+\.) ", line) and current:
                items.append("\n".join(current))
                current = []
            current.append(line)
        items.append("\n".join(current))
        kept, moved = [], []
        for item in items:
            text, code = _reader_text(item, names)
            (moved if code else kept).append(item if code else text)
        return ("\n".join(kept) or None), moved
    kept, moved = [], []
    for sentence in _SENTENCE_END.split(block):
        text, code = _reader_text(sentence, names)
        (moved if code else kept).append(sentence if code else text)
    text = " ".join(kept).strip()
    # A bold lead ("**Aturan.**") left alone says nothing.
    return (None if not text or re.fullmatch(r"\*\*[^*]+\*\*", text) else text), moved


def parse(text: str, lang: str = "id", names=frozenset()) -> list[Part]:
    """The sections of the methodology in `lang` ('id' or 'en'). `names`: the figure function
    names (code, not words)."""
    parts: list[Part] = []
    for chunk in re.split(r"\n(?=#{2,3} )", text)[1:]:
        heading, _, body = chunk.partition("\n")
        part = Part(heading.lstrip("#").strip(), heading.count("#", 0, 3))
        in_example = False
        for block in (b.strip("\n") for b in re.split(r"\n\s*\n", body)):
            if not block.strip():
                continue
            lead = block.lstrip()
            if lead.startswith(_ENGLISH):
                if lang == "en":
                    english = lead[len(_ENGLISH) :].strip()
                    kept, moved = _split_block(english, names)
                    part.main += [kept] if kept else []
                    part.technical += moved
                continue
            if _TECHNICAL_LEAD.match(lead):
                in_example = lead.startswith(_EXAMPLE_LEAD)
                part.technical.append(block)
                continue
            if lead.startswith("**"):
                in_example = False
            if in_example:
                part.technical.append(block)
                continue
            if lang == "en":
                part.technical.append(block)  # the Indonesian text, for who wants every detail
                continue
            kept, moved = _split_block(block, names)
            part.main += [kept] if kept else []
            part.technical += moved
        parts.append(part)
    return parts
