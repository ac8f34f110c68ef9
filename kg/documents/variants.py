"""Surface forms generated from an entity's name: the real-world ways a document writes it.

Every function returns ``(text, how, score)`` triples; matching then ignores case,
punctuation, apostrophes and plural ``s`` (see :mod:`kg.documents.textnorm`), so
only word-level variation is generated here:

- parentheses dropped (``BRAC (Migration Programme)`` → ``BRAC``), a trailing
  acronym in parentheses kept as an acronym (``… Displacement (NSMDCIID)``);
- a trailing ``, <parent name>`` or ``, <country>`` dropped
  (``Public Security Division, Ministry of Home Affairs`` → ``Public Security Division``);
- ``Ministry of X`` ↔ ``X Ministry`` (``X Affairs`` → ``X Ministry``;
  the first of several portfolios: ``Ministry of Labour and Employment`` → ``Labour Ministry``);
  the same for departments, divisions and directorates;
- ``<country> X`` (``Bangladesh Bureau of Manpower, …``) and ``United Nations`` ↔ ``UN``;
- for instruments: the first title of a bilingual ``A / B`` title, with and without its year.

>>> sorted({t for t, _, _ in ministry_variants("Ministry of Home Affairs")})
['Home Affairs Ministry', 'Home Ministry']
>>> sorted({t for t, _, _ in ministry_variants("Ministry of Labour and Employment")})
['Labour Ministry', 'Labour and Employment Ministry']
"""

from __future__ import annotations

import re

from kg.documents.textnorm import is_acronym, keys

Variant = tuple[str, str, float]
HEAD = re.compile(r"^(Ministry|Department|Division|Directorate)\s+(?:of|for)\s+(.+)$", re.IGNORECASE)
PARENS = re.compile(r"\s*\([^)]*\)")
TRAILING_ACRONYM = re.compile(r"\(([A-Z][A-Za-z&.\-]*[A-Z][A-Za-z&.\-]*)\)\s*$")
YEAR = re.compile(r"(?:,\s*|\s+)(?:of\s+)?(\d{4})$")


def strip_parens(text: str) -> str:
    """Drop parenthesised parts.

    >>> strip_parens("Wage Earners' Welfare Fund (pre-2018)")
    "Wage Earners' Welfare Fund"
    """
    return re.sub(r"\s{2,}", " ", PARENS.sub("", text)).strip(" ,")


def trailing_acronym(text: str) -> str | None:
    """An acronym in parentheses at the end of a name.

    >>> trailing_acronym("National Strategy on ... Displacement (NSMDCIID)")
    'NSMDCIID'
    """
    m = TRAILING_ACRONYM.search(text)
    return m.group(1) if m and is_acronym(m.group(1)) else None


def ministry_variants(name: str) -> list[Variant]:
    m = HEAD.match(name)
    if not m:
        return []
    head, rest = m.group(1), m.group(2).strip()
    head = head[0].upper() + head[1:].lower()
    out: list[Variant] = [(f"{rest} {head}", "variant", 0.9)]
    if rest.endswith(" Affairs"):
        out.append((f"{rest[: -len(' Affairs')]} {head}", "variant", 0.85))
    if head == "Ministry":
        first = re.split(r",\s*|\s+and\s+|\s*&\s*", rest, maxsplit=1)[0].strip()
        if first and first != rest and len(keys(first)) >= 1:
            out.append((f"{first} {head}", "variant", 0.8))
    return out


def un_variants(name: str) -> list[Variant]:
    if name.startswith("United Nations "):
        return [("UN " + name[len("United Nations "):], "variant", 0.9)]
    if name.startswith("UN "):
        return [("United Nations " + name[3:], "variant", 0.9)]
    if " UN " in name:
        return [(name.replace(" UN ", " United Nations "), "variant", 0.9)]
    return []


def name_variants(name: str, parent_name: str | None = None, country_name: str | None = None) -> list[Variant]:
    """Variants of an organisation's name (the name itself first)."""
    out: list[Variant] = [(name, "name", 1.0)]
    base = strip_parens(name)
    if base and base != name:
        out.append((base, "name", 1.0))
    heads = [base]
    if ", " in base:
        head, tail = base.rsplit(", ", 1)
        tails = {keys(t) for t in (parent_name, country_name) if t}
        if keys(tail) in tails:
            out.append((head, "variant", 0.9))
            heads.append(head)
    for h in heads:
        out.extend(ministry_variants(h))
        out.extend(un_variants(h))
        if country_name and not h.startswith(country_name) and len(keys(h)) >= 2:
            out.append((f"{country_name} {h}", "variant", 0.95))
    return out


def instrument_variants(title: str, country_name: str | None = None) -> list[Variant]:
    """Variants of a policy instrument's title.

    >>> sorted({t for t, _, _ in instrument_variants("Overseas Employment and Migrants Act, 2013 (Act No. 48 of 2013) / বৈদেশিক …")})[:3]
    ['Overseas Employment and Migrants Act', 'Overseas Employment and Migrants Act 2013', 'Overseas Employment and Migrants Act of 2013']
    """
    out: list[Variant] = [(title, "name", 1.0)]
    first = title.split(" / ")[0].strip()
    base = strip_parens(first)
    out.append((base, "name", 1.0))
    m = YEAR.search(base)
    plain = base[: m.start()].strip(" ,") if m else base
    if m:
        year = m.group(1)
        out += [(plain, "variant", 0.9), (f"{plain} {year}", "variant", 0.95), (f"{plain} of {year}", "variant", 0.9)]
    if country_name and plain.startswith(country_name + " ") and len(keys(plain)) - len(keys(country_name)) >= 3:
        out.append((plain[len(country_name) + 1:], "variant", 0.7))
    return out
