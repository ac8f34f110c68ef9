"""Mention finding and entity linking: real-world name variants, acronyms, objectives, principles, SDG targets,
categories, instruments and countries, on the shipped Bangladesh data."""

from __future__ import annotations

import pytest

from kg.documents import linker, sentences
from kg.documents.gazetteer import build_gazetteer
from kg.documents.model import ENTITY_TYPES


@pytest.fixture(scope="module")
def gaz(shipped_kg):
    return build_gazetteer(shipped_kg, "BGD")


def link(text: str, gaz) -> list:
    mentions = linker.link(text, sentences.split(text), gaz)
    for m in mentions:
        assert text[m.start:m.end] == m.text
        assert m.entity_type in ENTITY_TYPES
        assert 0 < m.score <= 1
    return mentions


def ids(text: str, gaz, entity_type: str | None = None) -> set[str]:
    return {m.entity_id for m in link(text, gaz) if entity_type is None or m.entity_type == entity_type}


MOEWOE = "mkgid:BGD/actor/moewoe"
BMET = "mkgid:BGD/actor/bmet"


@pytest.mark.parametrize("text", [
    "The Ministry of Expatriates' Welfare and Overseas Employment met today.",
    "The Ministry of Expatriates Welfare and Overseas Employment met today.",
    "The Ministry of Expatriates’ Welfare & Overseas Employment met today.",
    "Officials of the expatriates' welfare ministry met today.",
    "Officials of the expatriates’ welfare and overseas employment ministry met today.",
    "The MoEWOE met today.",
    "The MEWOE met today.",
    "THE MINISTRY OF EXPATRIATES' WELFARE AND OVERSEAS EMPLOYMENT MET TODAY.",
    "Secretary of the Ministry of Expatriates' Welfare and Foreign Employment spoke.",
])
def test_ministry_variants(gaz, text: str):
    assert MOEWOE in ids(text, gaz, "Actor")


@pytest.mark.parametrize("text", [
    "BMET registers workers.",
    "the Bureau of Manpower Employment and Training registers workers.",
    "The Bureau of Manpower, Employment and Training (BMET) registers workers.",
    "The Bangladesh Bureau of Manpower, Employment & Training registers workers.",
    "BMET's database registers workers.",
])
def test_bmet_variants(gaz, text: str):
    assert BMET in ids(text, gaz, "Actor")


def test_short_acronyms_are_case_sensitive_and_bounded(gaz):
    assert "mkgid:BGD/actor/dip" not in ids("Remittances saw a 6.92% dip in August.", gaz)
    assert "mkgid:BGD/actor/dip" in ids("The DIP issues passports.", gaz)
    assert not ids("The bmetrics were good; IOMX is unrelated.", gaz, "Actor")


def test_aliases_and_generated_forms(gaz):
    assert "mkgid:BGD/actor/mofa" in ids("The foreign ministry said so.", gaz)
    assert "mkgid:BGD/actor/moha" in ids("The home ministry said so.", gaz)
    assert "mkgid:BGD/actor/wewb" in ids("The Wage Earners' Welfare Fund paid.", gaz)
    assert "mkgid:BGD/actor/moha_psd" in ids("The Public Security Division drafted it.", gaz)
    assert "mkgid:BGD/actor/pkb" in ids("Loans from the Probashi Kallyan Bank.", gaz)
    assert "mkgid:BGD/actor/pkb" not in ids("A workshop at Probashi Kallyan Bhaban.", gaz)


def test_document_defined_acronym_and_suspended_acronym(gaz):
    text = "The Bangladesh Migration Compact Taskforce (BMCT) met. The BMCT agreed."
    assert [m.entity_id for m in link(text, gaz) if m.text == "BMCT"] == ["mkgid:BGD/actor/bmct"] * 2
    text = "Speakers from the Migrant Forum in Asia (MFA) spoke; the MFA urged reforms."
    assert "mkgid:BGD/actor/mofa" not in ids(text, gaz)
    assert "mkgid:BGD/actor/mofa" in ids("The MFA issued a note.", gaz)


def test_anaphoric_alias_needs_the_entity_named(gaz):
    assert "mkgid:BGD/actor/bmct" not in ids("The taskforce on floods met.", gaz)
    assert "mkgid:BGD/actor/bmct" in ids("The Bangladesh Migration Compact Taskforce was launched. The Taskforce met.", gaz)


def test_coordinated_ministries(gaz):
    found = ids("Following the instructions of the Ministry of Home Affairs and Foreign Affairs, they returned.", gaz)
    assert {"mkgid:BGD/actor/moha", "mkgid:BGD/actor/mofa"} <= found


def test_objectives_by_number_and_subject(gaz):
    found = ids("This supports GCM objectives 5 and 6 and Objective 23.", gaz, "GCMObjective")
    assert found == {"mkgid:gcm/objective/5", "mkgid:gcm/objective/6", "mkgid:gcm/objective/23"}
    # by subject: an objective's short label counts in a sentence about the GCM, not elsewhere
    assert ids("Under the Global Compact, we work to eradicate trafficking.", gaz, "GCMObjective") == {"mkgid:gcm/objective/10"}
    assert ids("Police vowed to eradicate trafficking.", gaz, "GCMObjective") == set()
    title = "Prevent, combat and eradicate trafficking in persons in the context of international migration"
    assert ids(f"The plan serves GCM objective: {title}.", gaz, "GCMObjective") == {"mkgid:gcm/objective/10"}
    assert ids("The GCM priority on regular pathways was discussed.", gaz, "GCMObjective") == {"mkgid:gcm/objective/5"}
    assert ids("Objective 4 of the association is to inform members.", gaz, "GCMObjective") == set()  # no GCM in the document


def test_guiding_principles(gaz):
    assert ids("It needs a whole-of-government approach.", gaz, "GuidingPrinciple") == {"mkgid:gcm/principle/whole_of_government"}
    assert ids("A whole of society effort and gender-responsive, child-sensitive policies.", gaz, "GuidingPrinciple") == {
        "mkgid:gcm/principle/whole_of_society", "mkgid:gcm/principle/gender_responsive", "mkgid:gcm/principle/child_sensitive"}
    assert ids("Human rights groups protested.", gaz, "GuidingPrinciple") == set()
    assert ids("The GCM is grounded in human rights and the rule of law.", gaz, "GuidingPrinciple") == {
        "mkgid:gcm/principle/human_rights", "mkgid:gcm/principle/rule_of_law"}
    assert ids("The GCM advances the Sustainable Development Goals.", gaz, "GuidingPrinciple") == set()


def test_sdg_targets(gaz):
    assert ids("This contributes to SDG 10.7 and target 10.c of the SDGs.", gaz, "SDGTarget") == {"sdg:10.7", "sdg:10.c"}
    assert ids("SDG targets 8.8 and 10.7.", gaz, "SDGTarget") == {"sdg:8.8", "sdg:10.7"}
    assert ids("Indicator 10.7.2 of the SDGs.", gaz, "SDGTarget") == set()
    assert ids("A target 10.7 percent rise.", gaz, "SDGTarget") == set()  # no SDG in the document


def test_categories_instruments_and_countries(gaz):
    text = ("Returnee migrants and internal displacement in Bangladesh are covered by the Overseas Employment and Migrants Act 2013 "
            "and the National Strategy on the Management of Disaster and Climate Induced Internal Displacement.")
    found = link(text, gaz)
    by_type = {}
    for m in found:
        by_type.setdefault(m.entity_type, set()).add(m.entity_id)
    assert by_type["MigrationCategory"] == {"mkgid:category/return", "mkgid:category/displacement"}
    assert by_type["PolicyInstrument"] == {"mkgid:BGD/instrument/oema_2013", "mkgid:BGD/instrument/nsmdciid"}
    assert by_type["Country"] == {"mkgid:country/BGD"}
    assert ids("Emigration and immigration trends.", gaz, "MigrationCategory") == {"mkgid:category/outward", "mkgid:category/inward"}
    assert "mkgid:category/inward" not in ids("The Department of Immigration and Passports issued it.", gaz)


def test_mentions_stay_inside_a_sentence(gaz):
    found = link("He works at the Bureau.\nManpower, Employment and Training are topics.", gaz)
    assert BMET not in {m.entity_id for m in found}


def test_bengali_names(gaz):
    assert "mkgid:BGD/actor/mofa" in ids("পররাষ্ট্র মন্ত্রণালয় জানিয়েছে।", gaz)
