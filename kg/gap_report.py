"""Render gap analyses (:mod:`kg.gaps`) as JSON-ready dicts, Markdown and CSV.

One country: :func:`country_dict`, :func:`country_markdown`, :func:`country_csv`.
Every country with the objective ranking: :func:`all_dict`, :func:`all_markdown`, :func:`all_csv`.
The objectives × actors coverage matrix: :func:`matrix_dict`, :func:`matrix_csv`.
:func:`render`, :func:`render_all` and :func:`render_matrix` pick one by format name.

>>> from kg.gaps import analyse, example_graph
>>> result = analyse(example_graph(actors=["mol ministry"], rows=["mol 6 lead"], objectives={6: "Six", 7: "Seven"}), "XYZ")
>>> [(o["number"], o["status"], [f["type"] for f in o["flags"]]) for o in country_dict(result)["objectives"]]
[(6, 'covered', ['single_actor', 'no_civil_society']), (7, 'gap', ['uncovered'])]
>>> print(country_csv(result).splitlines()[0])
country,section,id,label,status,flag,severity,explanation,actors,lines,bodies
"""

from __future__ import annotations

import csv
import io
import json
from typing import Iterable

from kg.gaps import STATUSES, CountryGaps, CoverageMatrix, Flag, RankedObjective, rank_objectives

FORMATS = ("md", "json", "csv")


# --- dicts (JSON) ---------------------------------------------------------------------------


def flag_dict(flag: Flag) -> dict:
    return flag.to_dict()


def country_dict(result: CountryGaps) -> dict:
    """``{"country", "name", "summary", "objectives": [...], "categories": [...], "sdg_targets": [...]}``."""
    return {
        "country": result.iso3,
        "name": result.name,
        "summary": result.summary(),
        "objectives": [
            {
                "number": o.number, "title": o.title, "short_label": o.short_label, "status": o.status,
                "flags": [flag_dict(f) for f in o.flags], "actors": list(o.actors), "rows": o.rows,
            }
            for o in result.objectives
        ],
        "categories": [
            {
                "id": c.id, "label": c.label, "status": "gap" if c.flags else "covered", "flags": [flag_dict(f) for f in c.flags],
                "covered_through": list(c.covered_through), "rows": c.rows,
            }
            for c in result.categories
        ],
        "sdg_targets": [{"code": t.code, "title": t.title, "at_risk": t.at_risk, "objectives": list(t.objectives)} for t in result.sdg_targets],
    }


def ranking_dict(ranked: Iterable[RankedObjective]) -> list[dict]:
    return [
        {
            "rank": r.rank, "number": r.number, "title": r.title, "gap_count": len(r.gap),
            "gap": list(r.gap), "partial": list(r.partial), "covered": list(r.covered),
        }
        for r in ranked
    ]


def all_dict(results: list[CountryGaps]) -> dict:
    """``{"countries": [country_dict...], "ranking": [...]}``: objectives ranked by countries with status gap."""
    return {"countries": [country_dict(r) for r in results], "ranking": ranking_dict(rank_objectives(results))}


def matrix_dict(matrix: CoverageMatrix) -> dict:
    """``{"country", "name", "actors": [{"id", "name", "type"}], "objectives": [{"number", "title", "status", "cells": {actor: "lead;support"}}]}``."""
    return {
        "country": matrix.iso3,
        "name": matrix.name,
        "actors": [{"id": a.id, "name": a.name, "type": a.type} for a in matrix.actors],
        "objectives": [
            {"number": o.number, "title": o.title, "short_label": o.short_label, "status": o.status, "cells": {a: ";".join(roles) for a, roles in cells.items()}}
            for o, cells in matrix.rows
        ],
    }


# --- CSV ------------------------------------------------------------------------------------


def _csv(header: list[str], rows: Iterable[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _flag_cells(flag: Flag | None) -> list:
    if flag is None:
        return ["", "", "", "", "", ""]
    return [flag.type, flag.severity, flag.explanation, ";".join(flag.actors), ";".join(map(str, flag.lines)), ";".join(flag.bodies)]


def country_csv(result: CountryGaps) -> str:
    """One row per finding (an objective or category without flags gets one row with empty flag
    cells; each aligned SDG target one row). ``section`` is objective, category or sdg_target."""
    rows: list[list] = []
    for o in result.objectives:
        for flag in o.flags or (None,):
            rows.append([result.iso3, "objective", o.number, o.title, o.status, *_flag_cells(flag)])
    for c in result.categories:
        for flag in c.flags or (None,):
            rows.append([result.iso3, "category", c.id, c.label, "gap" if c.flags else "covered", *_flag_cells(flag)])
    statuses = result.statuses()
    for t in result.sdg_targets:
        aligned = ", ".join(f"{n} {statuses.get(n, '?')}" for n in t.objectives)
        rows.append([
            result.iso3, "sdg_target", t.code, t.title, "at_risk" if t.at_risk else "not_at_risk",
            "at_risk" if t.at_risk else "", "gap" if t.at_risk else "", f"aligned GCM objectives: {aligned}", "", "", "",
        ])
    return _csv(["country", "section", "id", "label", "status", "flag", "severity", "explanation", "actors", "lines", "bodies"], rows)


def all_csv(results: list[CountryGaps]) -> str:
    """The objective ranking: one row per objective, most countries with status gap first."""
    return _csv(
        ["rank", "objective", "title", "gap_count", "partial_count", "covered_count", "gap_countries", "partial_countries", "covered_countries"],
        (
            [r.rank, r.number, r.title, len(r.gap), len(r.partial), len(r.covered), ";".join(r.gap), ";".join(r.partial), ";".join(r.covered)]
            for r in rank_objectives(results)
        ),
    )


def matrix_csv(matrix: CoverageMatrix) -> str:
    """``objective,short_label,title,status,<actor id>...``; a cell is the actor's roles, e.g. ``lead;support``."""
    ids = [a.id for a in matrix.actors]
    return _csv(
        ["objective", "short_label", "title", "status", *ids],
        ([o.number, o.short_label, o.title, o.status, *(";".join(cells.get(a, ())) for a in ids)] for o, cells in matrix.rows),
    )


# --- Markdown ---------------------------------------------------------------------------------


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: Iterable[list], align: str = "") -> list[str]:
    align = align or "-" * len(header)
    marks = ["---:" if a == ">" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def _summary_line(result: CountryGaps) -> str:
    s = result.summary()
    at_risk = s["sdg_targets_at_risk"]
    return (
        f"{s['gap']} gap · {s['partial']} partial · {s['covered']} covered (of {len(result.objectives)} GCM objectives); "
        f"{s['categories_uncovered']} of {len(result.categories)} categories in scope uncovered; "
        f"{at_risk} of {len(result.sdg_targets)} aligned SDG targets at risk"
    )


def country_markdown(result: CountryGaps, heading: str = "#") -> str:
    """A readable report: status table, the reasons behind every flag, categories and SDG targets."""
    out = [f"{heading} Responsibility gaps: {result.name} ({result.iso3})", "", _summary_line(result), "", f"{heading}# GCM objectives", ""]
    out += _table(
        ["#", "Objective", "Status", "Actors", "Flags"],
        ([o.number, o.short_label or o.title, o.status, len(o.actors), ", ".join(f.type for f in o.flags) or "–"] for o in result.objectives),
        align=">-->-",
    )
    bare = [o.number for o in result.objectives if [f.type for f in o.flags] == ["uncovered"]]
    detailed = [o for o in result.objectives if o.flags and o.number not in bare]
    out += ["", f"{heading}## Why", ""]
    if bare:
        out.append(f"- **Uncovered** (no responsibility row for the objective or any of its actions): {', '.join(map(str, bare))}")
    for o in detailed:
        out.append(f"- **{o.number} {_cell(o.short_label or o.title)}** — {o.status}")
        out += [f"  - `{f.type}` ({f.severity}): {f.explanation}" for f in o.flags]
    if not bare and not detailed:
        out.append("No flags.")
    out += ["", f"{heading}# Migration categories in scope", ""]
    if result.categories:
        out += _table(
            ["Category", "Label", "Status", "Covered through", "Rows"],
            ([c.id, c.label, "gap" if c.flags else "covered", ", ".join(c.covered_through) or "–", c.rows] for c in result.categories),
            align="---->",
        )
        out += [""] + [f"- `{f.type}`: {f.explanation}" for c in result.categories for f in c.flags]
    else:
        out.append("No categories in scope.")
    statuses = result.statuses()
    out += ["", f"{heading}# SDG targets", "", "A target is at risk when every GCM objective aligned with it has status gap.", ""]
    out += _table(
        ["Target", "At risk", "Aligned GCM objectives"],
        ([t.code, "**at risk**" if t.at_risk else "no", ", ".join(f"{n} ({statuses.get(n, '?')})" for n in t.objectives)] for t in result.sdg_targets),
    )
    return "\n".join(out).rstrip() + "\n"


def all_markdown(results: list[CountryGaps]) -> str:
    """Per-country summary and the objective ranking (most countries with status gap first)."""
    out = ["# Responsibility gaps: all countries", "", "## Countries", ""]
    out += _table(
        ["Country", "Gap", "Partial", "Covered", "Categories uncovered", "SDG targets at risk"],
        (
            [f"{r.name} ({r.iso3})", *(r.summary()[s] for s in STATUSES), r.summary()["categories_uncovered"], r.summary()["sdg_targets_at_risk"]]
            for r in results
        ),
        align="->>>>>",
    )
    out += ["", "## GCM objectives ranked by countries leaving them with status gap", ""]
    out += _table(
        ["Rank", "#", "Objective", "Gap in", "Countries with gap", "Partial", "Covered"],
        ([r.rank, r.number, r.title, len(r.gap), ", ".join(r.gap) or "–", len(r.partial), len(r.covered)] for r in rank_objectives(results)),
        align=">>->->>",
    )
    return "\n".join(out) + "\n"


# --- by format name ---------------------------------------------------------------------------


def _json(value: dict) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def render(result: CountryGaps, fmt: str = "md") -> str:
    """One country's analysis as ``md``, ``json`` or ``csv`` text."""
    return {"md": country_markdown, "json": lambda r: _json(country_dict(r)), "csv": country_csv}[fmt](result)


def render_all(results: list[CountryGaps], fmt: str = "md") -> str:
    """Every country and the ranking as ``md``, ``json`` or ``csv`` (the ranking) text."""
    return {"md": all_markdown, "json": lambda r: _json(all_dict(r)), "csv": all_csv}[fmt](results)


def render_matrix(matrix: CoverageMatrix, fmt: str = "csv") -> str:
    """The coverage matrix as ``csv`` or ``json`` text."""
    return {"json": lambda m: _json(matrix_dict(m)), "csv": matrix_csv}[fmt](matrix)
