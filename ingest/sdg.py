"""SDG goals, targets and indicators from the UN Statistics Division's official workbook.

Source: ``sdg/Global_Indicator_Framework_after_2023_refinement.English.xlsx`` (sheet 1,
"A.RES.71.313 Annex"). Layout, columns B–D:

* a goal row: ``B = "Goal 10. Reduce inequality within and among countries"``;
* a target row: ``B = "10.7 Facilitate orderly, ..."`` with its first indicator in C/D
  (a target with several indicators spans several rows; B is empty on the later rows);
* an indicator: ``C = "10.7.2 Number of countries ..."``, ``D = "C100702"`` (UNSD code);
* Goal 17 has sub-headings in B ("Finance", "Technology", ...) and the sheet ends with
  footnotes; both are skipped;
* target 11.c has no indicator: C holds an explanatory note and D is empty; skipped.

Cleaning (and nothing else): footnote markers set in superscript (e.g. the "3" after
Goal 13's title, the "2" after indicator 10.4.2) are dropped; subscript text is kept
("CO2" in 9.4.1); whitespace, including no-break spaces, is collapsed to single spaces;
the "Goal N. " prefix and the leading code of targets and indicators are split off.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.utils.exceptions import InvalidFileException

from ingest.errors import SourceFileError
from ingest.models import SDG_BASE, SdgGoal, SdgIndicator, SdgTarget

FRAMEWORK_XLSX = Path("sdg") / "Global_Indicator_Framework_after_2023_refinement.English.xlsx"
SOURCE_ID = "unsd-sdg-framework-2023"

_GOAL_RE = re.compile(r"^Goal (?P<goal>[1-9][0-9]?)\. (?P<title>.+)$")
_TARGET_RE = re.compile(r"^(?P<code>(?P<goal>[1-9][0-9]?)\.(?:[1-9][0-9]?|[a-z])) (?P<title>.+)$")
_INDICATOR_RE = re.compile(
    r"^(?P<code>(?P<target>[1-9][0-9]?\.(?:[1-9][0-9]?|[a-z]))\.[1-9][0-9]?) (?P<title>.+)$"
)
_UNSD_RE = re.compile(r"^C[0-9]{2}[0-9a-z]{2}[0-9]{2}$")
_HEADER = "Goals and targets"


@dataclass(frozen=True)
class _Row:
    """One classified line of the workbook."""

    kind: str  # "goal" | "target" | "indicator"
    record: SdgGoal | SdgTarget | SdgIndicator


def cell_text(value: object) -> str:
    """Plain text of a cell: superscript runs (footnote markers) dropped, whitespace collapsed."""
    if value is None:
        return ""
    if isinstance(value, CellRichText):
        parts = []
        for part in value:
            if isinstance(part, TextBlock):
                if part.font is not None and part.font.vertAlign == "superscript":
                    continue
                parts.append(part.text)
            else:
                parts.append(str(part))
        text = "".join(parts)
    else:
        text = str(value)
    return " ".join(text.split())


def _load_sheet(path: Path):
    if not path.is_file():
        raise SourceFileError(path, "missing input file (the UNSD global indicator framework workbook)")
    with warnings.catch_warnings():
        # openpyxl warns about an Excel extension it does not read; it carries no data.
        warnings.filterwarnings("ignore", message="Unknown extension", category=UserWarning)
        try:
            workbook = openpyxl.load_workbook(path, rich_text=True)
        except (zipfile.BadZipFile, InvalidFileException, OSError, KeyError, ValueError) as error:
            raise SourceFileError(path, f"cannot be read as an xlsx workbook ({error})") from error
    return workbook.worksheets[0]


def _rows(source_dir: Path) -> Iterator[_Row]:
    path = source_dir / FRAMEWORK_XLSX
    sheet = _load_sheet(path)
    started = False
    goal: str | None = None
    target: str | None = None
    seen_goals = 0
    for number, (_, col_b, col_c, col_d, *_rest) in enumerate(
        sheet.iter_rows(min_col=1, max_col=4, values_only=True), start=1
    ):
        b, c, d = cell_text(col_b), cell_text(col_c), cell_text(col_d)
        if not started:
            started = b.startswith(_HEADER)
            continue
        if m := _GOAL_RE.match(b):
            goal, target = m["goal"], None
            seen_goals += 1
            yield _Row("goal", SdgGoal(code=goal, title=m["title"], uri=SDG_BASE + goal, source=SOURCE_ID))
        elif m := _TARGET_RE.match(b):
            if m["goal"] != goal:
                raise SourceFileError(path, f"row {number}: target {m['code']} is not under goal {goal}")
            target = m["code"]
            yield _Row(
                "target",
                SdgTarget(code=target, goal=goal, title=m["title"], uri=SDG_BASE + target, source=SOURCE_ID),
            )
        # any other text in B (Goal 17 sub-headings, the footnotes) carries no record
        if not c:
            continue
        m = _INDICATOR_RE.match(c)
        if m is None:
            if d:
                raise SourceFileError(path, f"row {number}: UNSD code {d!r} next to a non-indicator {c[:40]!r}")
            continue  # a placeholder such as target 11.c's "No suitable replacement indicator ..."
        if m["target"] != target:
            raise SourceFileError(path, f"row {number}: indicator {m['code']} is not under target {target}")
        if not _UNSD_RE.match(d):
            raise SourceFileError(path, f"row {number}: indicator {m['code']} has no valid UNSD code ({d!r})")
        yield _Row(
            "indicator",
            SdgIndicator(
                code=m["code"], target=target, title=m["title"], unsd_code=d, uri=SDG_BASE + d, source=SOURCE_ID
            ),
        )
    if not started:
        raise SourceFileError(path, f"no header row starting with {_HEADER!r} in the first sheet")
    if seen_goals != 17:
        raise SourceFileError(path, f"expected 17 goals, found {seen_goals}")


def _of_kind(source_dir: Path, kind: str) -> Iterator:
    return (row.record for row in _rows(source_dir) if row.kind == kind)


def sdg_goals(source_dir: Path) -> Iterator[SdgGoal]:
    """The 17 goals, titles without the "Goal N." prefix."""
    yield from _of_kind(source_dir, "goal")


def sdg_targets(source_dir: Path) -> Iterator[SdgTarget]:
    """The 169 targets in framework order."""
    yield from _of_kind(source_dir, "target")


def sdg_indicators(source_dir: Path) -> Iterator[SdgIndicator]:
    """Every indicator row in framework order; a repeated indicator (10.6.1 = 16.8.1) keeps one row per target."""
    yield from _of_kind(source_dir, "indicator")
