"""GCM Repository of Practices pages (migrationnetwork.un.org/practice/…) → :class:`Practice`.

A page is recognised by the line ``Repository of Practices`` and at least three
of its section headings (``Dates``, ``Type of practice``, ``Geographic scope``,
``Summary``, ``Benefit and Impact``, ``Key Lessons``, ``Innovation``,
``Date submitted``…). The title is the first line after ``Repository of
Practices`` that is not a heading. Tag sections (``Primary GCM Objectives``,
``GCM Guiding Principles``, ``Sustainable Development Goals (SDGs)``,
``Main Implementing Organization(s)``, ``Partner/Donor Organizations``) are read
as lists, one item per line, and linked through the mentions found in them;
where a tag list is empty, the practice is linked to the objectives, principles
and SDG targets mentioned in its text instead (``links_from`` says which).
"""

from __future__ import annotations

import datetime as dt
import re

from kg.documents.model import Mention, Practice

HEADINGS = {
    "primary gcm objectives": "objectives",
    "secondary gcm objectives": "objectives",
    "gcm objectives": "objectives",
    "gcm guiding principles": "principles",
    "guiding principles": "principles",
    "sustainable development goals (sdgs)": "sdgs",
    "sustainable development goals": "sdgs",
    "dates": "dates",
    "type of practice": "type",
    "geographic scope": "scope",
    "summary": "summary",
    "organizations": "organizations",
    "organisations": "organizations",
    "main implementing organization(s)": "implementing",
    "main implementing organisation(s)": "implementing",
    "partner/donor organizations": "partners",
    "partner/donor organisations": "partners",
    "benefit and impact": "benefit",
    "key lessons": "lessons",
    "innovation": "innovation",
    "date submitted": "submitted",
    "disclaimer": "end",
    "contact": "end",
}
SCOPE_KEYS = {"country": "country", "countries": "country", "regions": "regions", "region": "regions", "sub regions": "sub_regions", "sub-regions": "sub_regions"}
MARKER = "repository of practices"
FOOTNOTE = re.compile(r"^\*")


def _heading(line: str) -> tuple[str | None, str]:
    """``(section, rest of the line)`` when the line is a heading (``Date submitted: 02 February 2022``)."""
    clean = line.strip().rstrip("*").strip()
    low = clean.lower().rstrip(":").strip()
    if low in HEADINGS:
        return HEADINGS[low], ""
    if ":" in clean:
        head, _, rest = clean.partition(":")
        if head.lower().strip() in HEADINGS and HEADINGS[head.lower().strip()] in ("submitted", "dates", "type", "end"):
            return HEADINGS[head.lower().strip()], rest.strip()
    return None, ""


def is_practice_page(text: str) -> bool:
    lines = [line.strip() for line in text.splitlines()]
    if not any(line.lower() == MARKER for line in lines):
        return False
    return sum(1 for line in lines if _heading(line)[0]) >= 3


def _date(value: str) -> str:
    value = value.strip()
    for fmt in ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return value


def parse(text: str, practice_id: str, mentions: list[Mention]) -> Practice | None:
    """The practice described by ``text`` (``None`` if it is not a Repository of Practices page)."""
    if not is_practice_page(text):
        return None
    sections: dict[str, list[tuple[str, int, int]]] = {}
    title = ""
    current: str | None = None
    seen_marker = False
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        line = raw.strip()
        if not line:
            continue
        if line.lower() == MARKER:
            seen_marker = True
            continue
        section, rest = _heading(line)
        if section:
            current = section
            sections.setdefault(section, [])
            if rest:
                offset = start + raw.find(rest)
                sections[section].append((rest, offset, offset + len(rest)))
            continue
        if seen_marker and not title and current is None:
            title = line
            continue
        if current and current != "end":
            if current == "principles" and FOOTNOTE.match(line):
                continue
            offset = start + (len(raw) - len(raw.lstrip()))
            sections[current].append((line, offset, offset + len(line)))

    def items(section: str) -> list[str]:
        return [t for t, _, _ in sections.get(section, [])]

    def para(section: str) -> str:
        return "\n".join(items(section))

    def linked(section: str, entity_type: str) -> list[str]:
        spans = sections.get(section, [])
        return list(dict.fromkeys(
            m.entity_id for m in mentions if m.entity_type == entity_type and any(s <= m.start < e for _, s, e in spans)
        ))

    dates = para("dates").replace("\n", " ").strip()
    years = [int(y) for y in re.findall(r"\b(19\d{2}|20\d{2})\b", dates)]
    scope: dict[str, list[str]] = {"country": [], "regions": [], "sub_regions": []}
    scope_key = "country"
    for line in items("scope"):
        head, _, rest = line.partition(":")
        if head.strip().lower() in SCOPE_KEYS and _:
            scope_key = SCOPE_KEYS[head.strip().lower()]
            if rest.strip():
                scope[scope_key].extend(x.strip() for x in rest.split(",") if x.strip())
        else:
            scope[scope_key].append(line)
    links: dict[str, str] = {}
    actors = linked("implementing", "Actor") + linked("partners", "Actor")
    for a in actors:
        links[a] = "tag"
    for m in mentions:
        if m.entity_type == "Actor" and m.entity_id not in links:
            links[m.entity_id] = "mention"
            actors.append(m.entity_id)
    chosen: dict[str, list[str]] = {}
    for section, entity_type, attr in (("objectives", "GCMObjective", "objectives"), ("principles", "GuidingPrinciple", "principles"),
                                       ("sdgs", "SDGTarget", "sdg_targets")):
        tagged = linked(section, entity_type)
        if tagged:
            chosen[attr], how = tagged, "tag"
        else:
            chosen[attr], how = list(dict.fromkeys(m.entity_id for m in mentions if m.entity_type == entity_type)), "mention"
        for eid in chosen[attr]:
            links.setdefault(eid, how)
    return Practice(
        id=practice_id, title=title, dates=dates, start_year=years[0] if years else None,
        end_year=years[-1] if years else None, practice_type=para("type").replace("\n", "; "),
        geographic_scope=scope, implementing_organisations=items("implementing"), partner_organisations=items("partners"),
        summary=para("summary"), benefit_and_impact=para("benefit"), key_lessons=para("lessons"), innovation=para("innovation"),
        date_submitted=_date(para("submitted")) if items("submitted") else "",
        tagged={k: items(k) for k in ("objectives", "principles", "sdgs")},
        actors=list(dict.fromkeys(actors)), links_from=links, **chosen,
    )


def implementing_spans(text: str) -> list[tuple[str, int, int]]:
    """``(line, start, end)`` of the lines under ``Main Implementing Organization(s)``."""
    out = []
    current = None
    pos = 0
    for raw in text.split("\n"):
        start, pos = pos, pos + len(raw) + 1
        line = raw.strip()
        section, _ = _heading(line) if line else (None, "")
        if section:
            current = section
            continue
        if current == "implementing" and line:
            offset = start + (len(raw) - len(raw.lstrip()))
            out.append((line, offset, offset + len(line)))
    return out
