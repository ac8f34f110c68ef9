"""GCM Repository of Practices pages → Practice (the seed page in ../shared/seeds, and its copy in the corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.documents.gazetteer import build_gazetteer
from kg.documents.ingest import ingest_file
from tests.documents_helpers import CORPUS, seed_page


@pytest.fixture(scope="module")
def gaz(shipped_kg):
    return build_gazetteer(shipped_kg, "BGD")


def check_mgf(result) -> None:
    p = result.practice
    assert p is not None
    assert p.title == "Bangladesh Migration Governance Framework"
    assert p.dates == "2018 - 2020" and (p.start_year, p.end_year) == (2018, 2020)
    assert p.practice_type == "Strategy/framework"
    assert p.implementing_organisations == ["International Organization for Migration (IOM)"]
    assert p.date_submitted == "2022-02-02"
    assert p.summary.startswith("This framework covers two broad categories of migration")
    assert p.key_lessons.startswith("The main challenge") and p.innovation.startswith("The Migration Governance Framework")
    assert p.benefit_and_impact.startswith("Migration is a multidimensional phenomenon")
    assert {"mkgid:BGD/actor/moewoe", "mkgid:BGD/actor/mofa", "mkgid:BGD/actor/iom"} <= set(p.actors)
    assert p.links_from["mkgid:BGD/actor/iom"] == "tag"  # listed as implementing organisation
    assert p.links_from["mkgid:BGD/actor/moewoe"] == "mention"
    assert p.tagged == {"objectives": [], "principles": [], "sdgs": []}  # the page leaves its tag lists empty
    implements = [r for r in result.relations if r.kind == "implements"]
    assert [(r.subject, r.predicate, r.object) for r in implements] == [
        ("mkgid:BGD/actor/iom", "implemented", "mkgid:BGD/practice/" + result.document.id)]
    assert implements[0].status == "extracted"


def test_seed_page_from_shared_folder(gaz):
    page = seed_page()
    if page is None:
        pytest.skip("../shared/seeds/000_*.txt is not present (the shared folder is beside the repository only on project machines)")
    result = ingest_file(page, gaz, "BGD")
    check_mgf(result)
    assert result.document.date == "2022-02-02"


def test_seed_page_copy_in_the_corpus(gaz):
    result = ingest_file(CORPUS / "unnm_mgf_practice.txt", gaz, "BGD")
    check_mgf(result)
    assert result.document.url == "https://migrationnetwork.un.org/practice/bangladesh-migration-governance-framework"
    assert result.document.title == "Bangladesh Migration Governance Framework (Repository of Practices)"


def test_tagged_lists_link_objectives_principles_and_sdgs(gaz, tmp_path: Path):
    page = tmp_path / "practice.txt"
    page.write_text(
        "Repository of Practices\nReturnee reintegration programme\nPrimary GCM Objectives\n"
        "Objective 21: Cooperate in facilitating safe and dignified return and readmission, as well as sustainable reintegration\n"
        "GCM Guiding Principles*\n*All practices are to uphold the ten guiding principles of the GCM.\nWhole-of-society approach\n"
        "Sustainable Development Goals (SDGs)\nSDG 10.7\nDates\n2019 - 2021\nType of practice\nProgramme\n"
        "Geographic scope\nCountry:\nBangladesh\nRegions:\nAsia\nSummary\nBRAC and IOM supported returnees. The programme was implemented by BRAC.\n"
        "Organizations\nMain Implementing Organization(s)\nBRAC\nPartner/Donor Organizations\nInternational Labour Organization (ILO)\n"
        "Date submitted:\n15 March 2022\n", encoding="utf-8")
    result = ingest_file(page, gaz, "BGD")
    p = result.practice
    assert p.objectives == ["mkgid:gcm/objective/21"] and p.links_from["mkgid:gcm/objective/21"] == "tag"
    assert p.principles == ["mkgid:gcm/principle/whole_of_society"]
    assert p.sdg_targets == ["sdg:10.7"]
    assert p.geographic_scope["country"] == ["Bangladesh"] and p.geographic_scope["regions"] == ["Asia"]
    assert p.partner_organisations == ["International Labour Organization (ILO)"]
    assert p.links_from["mkgid:BGD/actor/ilo"] == "tag"
    assert p.date_submitted == "2022-03-15"
    implements = [r for r in result.relations if r.kind == "implements"]
    assert [(r.subject, r.pattern) for r in implements] == [("mkgid:BGD/actor/brac", "practice-field")]  # one candidate, the page's own field
    assert len({r.id for r in result.relations}) == len(result.relations)


def test_ordinary_documents_are_not_practices(gaz):
    assert ingest_file(CORPUS / "tbs_taskforce_2022.txt", gaz, "BGD").practice is None
