"""Candidate relations from sentence patterns: chairs, members, secretariat, responsibilities, implementation."""

from __future__ import annotations

import pytest

from kg.documents import linker, relations, sentences
from kg.documents.gazetteer import build_gazetteer


@pytest.fixture(scope="module")
def gaz(shipped_kg):
    return build_gazetteer(shipped_kg, "BGD")


def rels(text: str, gaz, practice=None) -> set[tuple]:
    spans = sentences.split(text)
    mentions = linker.link(text, spans, gaz)
    found = relations.find_relations(text, spans, mentions, gaz, "doc", practice)
    for r in found:
        assert r.status == "extracted" and r.sentence in text and text[r.start:r.end] == r.sentence
    return {(r.kind, r.subject.rsplit("/", 1)[-1], r.predicate, r.object.rsplit("/", 1)[-1]) for r in found}


def test_co_chaired_by(gaz):
    text = "The Bangladesh Migration Compact Taskforce is co-chaired by the Ministry of Foreign Affairs and the Ministry of Expatriates' Welfare and Overseas Employment."
    assert rels(text, gaz) == {("membership", "mofa", "co-chair", "bmct"), ("membership", "moewoe", "co-chair", "bmct")}


def test_chairs_and_chaired_by(gaz):
    assert ("membership", "moha", "chair", "rrri_taskforce") in rels("The Ministry of Home Affairs chairs the RRRI Taskforce.", gaz)
    assert ("membership", "mofa", "chair", "bmct") in rels("The Migration Compact Taskforce is chaired by the foreign ministry.", gaz)


def test_event_co_chaired_is_not_a_body_membership(gaz):
    text = "The launch event, held at the Ministry of Foreign Affairs, was co-chaired by the Foreign Secretary and the Secretary of MoEWOE."
    assert rels(text, gaz) == set()


def test_members(gaz):
    text = "The BDUNNM consists of members from UNDP, UNICEF and IOM."
    assert rels(text, gaz) == {("membership", a, "member", "bdunnm") for a in ("undp", "unicef", "iom")}
    assert ("membership", "bgb", "member", "rrri_taskforce") in rels("Border Guard Bangladesh is a member of the RRRI Taskforce.", gaz)
    text = "The Migration Compact Taskforce was launched. Representatives will be from the Prime Minister's Office and the home ministry."
    assert rels(text, gaz) == {("membership", "pmo", "member", "bmct"), ("membership", "moha", "member", "bmct")}


def test_secretariat(gaz):
    text = "The BDUNNM was launched in 2019, with the International Organization for Migration (IOM) as the Coordinator and Secretariat."
    assert ("membership", "iom", "secretariat", "bdunnm") in rels(text, gaz)


def test_responsible_for_with_objective_or_topic(gaz):
    assert rels("The BMET is responsible for the regulation of recruiting agencies.", gaz) == {("responsibility", "bmet", "lead", "6")}
    assert rels("The Wage Earners' Welfare Board is mandated to support GCM objective 21.", gaz) == {("responsibility", "wewb", "lead", "21")}
    assert rels("MoHA leads the fight against human trafficking.", gaz) == {("responsibility", "moha", "lead", "10")}
    assert rels("BMET is responsible for the annual picnic.", gaz) == set()  # no GCM objective: no candidate


def test_supported_by(gaz):
    text = "The draft national strategy on GCM implementation was prepared with assistance from IOM."
    assert ("responsibility", "iom", "support", "23") in rels(text, gaz)


def test_implemented_by_needs_a_practice(gaz):
    text = "The programme was implemented by BRAC."
    assert rels(text, gaz) == set()
    assert rels(text, gaz, practice=("mkgid:BGD/practice/p1", "A programme")) == {("implements", "brac", "implemented", "p1")}


def test_ids_are_stable(gaz):
    text = "The BDUNNM consists of members from UNDP."
    a = relations.find_relations(text, sentences.split(text), linker.link(text, sentences.split(text), gaz), gaz, "doc")
    b = relations.find_relations(text, sentences.split(text), linker.link(text, sentences.split(text), gaz), gaz, "doc")
    assert [r.id for r in a] == [r.id for r in b] and a[0].id.startswith("c-")
