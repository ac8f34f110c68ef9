"""The reference sources cited by ``source`` columns; written out as ``sources.yaml``.

Kept here, as data, so that ``sources.yaml`` is regenerated like the other files and the
ids the transforms cite are defined in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from ingest.models import Source

RETRIEVED = dt.date(2026, 11, 22)  # when these sources were consulted for this data set
UN_TERMS = "UN terms of use (https://www.un.org/en/about-us/terms-of-use)"

SOURCES: tuple[Source, ...] = (
    Source(
        id="a-res-73-195",
        title="Global Compact for Safe, Orderly and Regular Migration (General Assembly resolution 73/195)",
        publisher="United Nations General Assembly",
        year=2018,
        url="https://undocs.org/A/RES/73/195",
        retrieved=RETRIEVED,
        licence=f"UN official document; {UN_TERMS}",
        notes=(
            "Adopted 19 December 2018. Para. 15 (a)-(j): guiding principles; objective N and its lettered "
            "actions are in para. 16+N. Source of objective titles, principle labels and action letters; "
            "action text is not shipped."
        ),
    ),
    Source(
        id="unsd-sdg-framework-2023",
        title=(
            "Global indicator framework for the Sustainable Development Goals and targets of the 2030 Agenda "
            "for Sustainable Development (A/RES/71/313 annex, after the 2023 refinement, E/CN.3/2023/2)"
        ),
        publisher="United Nations Statistics Division",
        year=2023,
        url="https://unstats.un.org/sdgs/indicators/indicators-list/",
        retrieved=RETRIEVED,
        licence=UN_TERMS,
        notes=(
            "Workbook Global_Indicator_Framework_after_2023_refinement.English.xlsx. Source of goal, target "
            "and indicator text and of the UNSD indicator codes."
        ),
    ),
    Source(
        id="un-sdg-lod",
        title="UN SDG linked data: goals, targets and indicators (SKOS) and SDG ontology",
        publisher="United Nations (UNStats / Dag Hammarskjöld Library, LOD4Stats)",
        url="http://metadata.un.org/sdg/",
        retrieved=RETRIEVED,
        licence=UN_TERMS,
        notes=(
            "Source of the URI scheme only: goal sdg:10, target sdg:10.7, indicator sdg:<UNSD code>. Holds the "
            "2019 indicator set (232 indicators); indicators revised since then have codes it does not list."
        ),
    ),
    Source(
        id="undocs-gcm-hub",
        title="Migration Network Hub: GCM objectives (short labels)",
        publisher="United Nations Network on Migration",
        url="https://migrationnetwork.un.org/hub",
        retrieved=RETRIEVED,
        licence=UN_TERMS,
        notes="Source of the objectives' short labels (gcm_objectives.csv short_label), e.g. '20 - Remittances'.",
    ),
    Source(
        id="iom-2018-migration-2030",
        title="Migration and the 2030 Agenda: A Guide for Practitioners",
        publisher="International Organization for Migration (IOM)",
        year=2018,
        url="https://publications.iom.int/books/migration-and-2030-agenda-guide-practitioners",
        retrieved=RETRIEVED,
        licence="© IOM 2018, all rights reserved; cited, not reproduced",
        notes=(
            "Section 1 lists the targets that directly reference migration (4.b, 5.2, 8.5, 8.7, 8.8, 10.7, "
            "10.c, 16.2, 17.18) and the annex correlates every target with migration. Cited by "
            "gcm_sdg_alignment.csv where the GCM text itself does not name the target's subject."
        ),
    ),
    Source(
        id="iom-migof-2015",
        title="Migration Governance Framework (IOM Council document C/106/40)",
        publisher="International Organization for Migration (IOM)",
        year=2015,
        url="https://emergencymanual.iom.int/migration-governance-framework-migof",
        retrieved=RETRIEVED,
        licence="© IOM; cited, not reproduced",
        notes=(
            "Welcomed by the IOM Council in resolution C/106/RES/1310 (November 2015). Three principles and "
            "three objectives (migof.csv). The URL is IOM's summary page of the framework."
        ),
    ),
    Source(
        id="iom-mgi",
        title="Migration Governance Indicators (MGI)",
        publisher="International Organization for Migration (IOM)",
        year=2016,
        url="https://www.migrationdataportal.org/overviews/mgi",
        retrieved=RETRIEVED,
        licence="© IOM; cited, not reproduced",
        notes=(
            "Six domains operationalising the MiGOF; the same six policy domains are used by SDG indicator "
            "10.7.2 (mgi_domains.csv). Definitions in mgi_domains.csv are paraphrases."
        ),
    ),
)


def sources(_source_dir: Path) -> Iterator[Source]:
    """The source list (it does not depend on the downloaded files)."""
    yield from SOURCES


def source_ids() -> frozenset[str]:
    return frozenset(source.id for source in SOURCES)
