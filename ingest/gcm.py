"""GCM objectives, guiding principles and action letters (A/RES/73/195).

Sources under ``gcm/``:

* ``gcm_objectives.csv`` (``number,title,hub_short_label,para``): the 23 objectives;
* ``gcm_guiding_principles.csv`` (``para15_letter,principle``): paragraph 15 (a)–(j);
* ``gcm_actions_draft.md``: one block per objective (``# Objective N``, ``## Title: ...``,
  then ``- a. ...`` lines). Only the letters are used; the action text is not shipped.

The draft has known defects (see ``shared/reference/README.md``). The converter checks
each block's title against the objective's title; a block whose title does not match,
or whose letters disagree with the adopted text, must have an entry in
``ACTION_LETTER_OVERRIDES``, which gives the adopted letters with the citation that
justifies them. No other correction is applied.
"""

from __future__ import annotations

import csv
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ingest.errors import SourceFileError
from ingest.models import GcmAction, GcmObjective, GcmPrinciple

OBJECTIVES_CSV = Path("gcm") / "gcm_objectives.csv"
PRINCIPLES_CSV = Path("gcm") / "gcm_guiding_principles.csv"
ACTIONS_MD = Path("gcm") / "gcm_actions_draft.md"
SOURCE_ID = "a-res-73-195"

PRINCIPLES_PARAGRAPH = 15
# Contract ids of the guiding principles, in the order of paragraph 15's letters a–j.
PRINCIPLE_IDS = (
    "people_centred",
    "international_cooperation",
    "national_sovereignty",
    "rule_of_law",
    "sustainable_development",
    "human_rights",
    "gender_responsive",
    "child_sensitive",
    "whole_of_government",
    "whole_of_society",
)


def objective_paragraph(number: int) -> int:
    """Objective N is set out in paragraph 16 + N of A/RES/73/195."""
    return 16 + number


@dataclass(frozen=True)
class LetterOverride:
    """The adopted action letters of one objective, replacing the draft's."""

    letters: str
    citation: str


# The only corrections applied to the draft. Checked against the adopted text of
# A/RES/73/195 (see docs/reference-data.md for what was checked and how).
ACTION_LETTER_OVERRIDES: dict[int, LetterOverride] = {
    20: LetterOverride(
        letters="abcdefghijk",
        citation=(
            "A/RES/73/195 para. 36: Objective 20 (remittances) has actions (a)-(k); the draft's "
            "Objective 20 block is a copy of Objective 2 (para. 18, actions (a)-(l))."
        ),
    ),
}


def _read_csv(path: Path, header: tuple[str, ...]) -> list[dict[str, str]]:
    if not path.is_file():
        raise SourceFileError(path, "missing input file")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != header:
            raise SourceFileError(path, f"expected header {','.join(header)}, found {reader.fieldnames}")
        return list(reader)


def _record(path: Path, row_label: str, model, **values):
    try:
        return model(**values)
    except ValidationError as error:
        raise SourceFileError(path, f"{row_label}: {error.errors()[0]['msg']} ({values})") from error


def _objective_rows(source_dir: Path) -> list[GcmObjective]:
    path = source_dir / OBJECTIVES_CSV
    rows = _read_csv(path, ("number", "title", "hub_short_label", "para"))
    objectives = []
    for index, row in enumerate(rows, start=2):
        if not row["number"].strip().isdigit() or not row["para"].strip().isdigit():
            raise SourceFileError(path, f"line {index}: number and para must be integers ({row})")
        number, paragraph = int(row["number"]), int(row["para"])
        if paragraph != objective_paragraph(number):
            expected = objective_paragraph(number)
            raise SourceFileError(path, f"line {index}: objective {number} should be paragraph {expected}")
        objectives.append(
            _record(
                path,
                f"line {index}",
                GcmObjective,
                number=number,
                title=" ".join(row["title"].split()),
                short_label=" ".join(row["hub_short_label"].split()),
                paragraph=paragraph,
                source=SOURCE_ID,
            )
        )
    if [o.number for o in objectives] != list(range(1, 24)):
        raise SourceFileError(path, f"expected objectives 1..23 in order, found {[o.number for o in objectives]}")
    return objectives


def gcm_objectives(source_dir: Path) -> Iterator[GcmObjective]:
    """The 23 objectives with the UN Network hub's short labels."""
    yield from _objective_rows(source_dir)


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")


def gcm_principles(source_dir: Path) -> Iterator[GcmPrinciple]:
    """The 10 guiding principles of paragraph 15, with the contract's ids."""
    path = source_dir / PRINCIPLES_CSV
    rows = _read_csv(path, ("para15_letter", "principle"))
    letters = [row["para15_letter"].strip() for row in rows]
    if letters != list("abcdefghij"):
        raise SourceFileError(path, f"expected letters a..j in order, found {letters}")
    for row, principle_id in zip(rows, PRINCIPLE_IDS, strict=True):
        label = " ".join(row["principle"].split())
        if not _slug(label).startswith(principle_id):  # guards against a reordered file
            letter = row["para15_letter"]
            raise SourceFileError(path, f"principle ({letter}) {label!r} does not match id {principle_id!r}")
        yield _record(
            path,
            f"letter {row['para15_letter']}",
            GcmPrinciple,
            id=principle_id,
            letter=row["para15_letter"].strip(),
            label=label,
            paragraph=PRINCIPLES_PARAGRAPH,
            source=SOURCE_ID,
        )


@dataclass(frozen=True)
class DraftBlock:
    """One ``# Objective N`` block of the draft: its title and action letters."""

    objective: int
    title: str
    letters: str


_OBJECTIVE_RE = re.compile(r"^# Objective (\d+)\s*$")
_TITLE_RE = re.compile(r"^## Title:\s*(.+?)\s*$")
_ACTION_RE = re.compile(r"^- ([a-z])\.\s")


def draft_blocks(path: Path) -> list[DraftBlock]:
    """Parse the draft's objective blocks (letters only; the action text is ignored)."""
    if not path.is_file():
        raise SourceFileError(path, "missing input file")
    blocks: list[DraftBlock] = []
    current: dict | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if m := _OBJECTIVE_RE.match(line):
            if current:
                blocks.append(DraftBlock(**current))
            current = {"objective": int(m[1]), "title": "", "letters": ""}
        elif current is None:
            if line.strip():
                raise SourceFileError(path, f"line {number}: text before the first '# Objective' heading")
        elif m := _TITLE_RE.match(line):
            current["title"] = m[1]
        elif m := _ACTION_RE.match(line):
            current["letters"] += m[1]
    if current:
        blocks.append(DraftBlock(**current))
    for block in blocks:
        expected = string.ascii_lowercase[: len(block.letters)]
        if not block.letters or block.letters != expected:
            raise SourceFileError(path, f"objective {block.objective}: letters {block.letters!r} are not a, b, c, ...")
    if [b.objective for b in blocks] != list(range(1, 24)):
        found = [b.objective for b in blocks]
        raise SourceFileError(path, f"expected blocks for objectives 1..23 in order, found {found}")
    return blocks


def _same_title(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def action_letters(source_dir: Path) -> dict[int, str]:
    """Objective → adopted action letters: the draft's, corrected by ``ACTION_LETTER_OVERRIDES``."""
    objectives = {o.number: o for o in _objective_rows(source_dir)}
    path = source_dir / ACTIONS_MD
    letters: dict[int, str] = {}
    for block in draft_blocks(path):
        override = ACTION_LETTER_OVERRIDES.get(block.objective)
        if override is not None:
            letters[block.objective] = override.letters
        elif _same_title(block.title, objectives[block.objective].title):
            letters[block.objective] = block.letters
        else:
            raise SourceFileError(
                path,
                f"objective {block.objective}: block title {block.title!r} is not the objective's title "
                f"{objectives[block.objective].title!r}; add an entry to ACTION_LETTER_OVERRIDES",
            )
    return letters


def gcm_actions(source_dir: Path) -> Iterator[GcmAction]:
    """One record per action (``6.c``), with the paragraph that sets out its objective."""
    for objective, letters in sorted(action_letters(source_dir).items()):
        for letter in letters:
            yield GcmAction(
                code=f"{objective}.{letter}",
                objective=objective,
                letter=letter,
                paragraph=objective_paragraph(objective),
                source=SOURCE_ID,
            )
