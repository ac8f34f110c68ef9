"""Shared fixtures: the shipped graph, and small hand-built countries in tmp_path."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from kg.build import build
from kg.paths import DEFAULT_DATA_DIR, PROJECT_ROOT

SHARED_REFERENCE = PROJECT_ROOT.parent / "shared" / "reference"

TINY = {
    "country.yaml": """\
        iso3: XYZ
        name: Tinyland
        categories_in_scope: [international, outward, internal, displacement]
        sources:
          - id: labour_act
            title: Tinyland Labour Migration Act 2015
            publisher: Parliament of Tinyland
            year: 2015
            url: https://example.org/labour-act
          - id: taskforce_note
            title: Launch of the Tinyland Migration Taskforce
            publisher: Ministry of Foreign Affairs
            year: 2022
            url: https://example.org/taskforce
        """,
    "actors.csv": """\
        id,name,acronym,aliases,type,parent,name_bn
        mol,Ministry of Labour,MoL,Labour Ministry,ministry,,
        mofa,Ministry of Foreign Affairs,MoFA,,ministry,,
        bureau,Bureau of Employment,BOE,Employment Bureau;The Bureau,department,mol,
        taskforce,Tinyland Migration Taskforce,TMT,,coordination_body,,
        ngo,Migrant Rights Forum,MRF,,civil_society,,
        """,
    "instruments.csv": """\
        id,title,type,year,issued_by,objectives,categories,source
        labour_act,Labour Migration Act 2015,act,2015,mol,6;6.c,outward,labour_act
        """,
    "responsibilities.csv": """\
        actor,objective,role,category,basis,source,evidence,status
        mol,6,lead,outward,labour_act,labour_act,"The Ministry shall regulate recruitment.",mandated
        bureau,6.c,support,outward,labour_act,labour_act,"The Bureau shall register migrant workers.",mandated
        mofa,14,lead,,,taskforce_note,"MoFA provides consular services.",reported
        ngo,3,support,outward,,taskforce_note,,reported
        """,
    "coordination.csv": """\
        body,member,role,source
        taskforce,mofa,co-chair,taskforce_note
        taskforce,mol,co-chair,taskforce_note
        taskforce,ngo,member,taskforce_note
        """,
}


def write_country(root: Path, iso3: str = "XYZ", **overrides: str | bytes | None) -> Path:
    """A data folder in ``root`` with the shipped reference layer and one country.

    ``overrides`` replace files by name (``actors_csv=...``); ``None`` removes a file.
    Text is dedented, so tests can write CSV inline.
    """
    data = root / "data"
    (data / "countries" / iso3).mkdir(parents=True, exist_ok=True)
    if not (data / "reference").exists():
        (data / "reference").symlink_to(DEFAULT_DATA_DIR / "reference")
    files: dict[str, str | bytes | None] = dict(TINY)
    files.update({_filename(name): v for name, v in overrides.items()})
    for name, content in files.items():
        path = data / "countries" / iso3 / name
        if content is None:
            path.unlink(missing_ok=True)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return data


def _filename(keyword: str) -> str:
    stem, _, ext = keyword.rpartition("_")
    return f"{stem}.{ext}"


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """The data folder of the hand-built country XYZ (valid)."""
    return write_country(tmp_path)


@pytest.fixture(scope="session")
def shipped_kg():
    return build(DEFAULT_DATA_DIR)
