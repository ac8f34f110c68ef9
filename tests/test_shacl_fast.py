"""The fast SHACL engine (kg/shacl_fast.py) against pyshacl, the reference validator.

Both validate the same graphs — the shipped data, a valid tiny country, and
graphs broken on purpose in many ways at once — and must report the same
violations: same focus node, message, severity and (for predicate paths) path.
"""

from __future__ import annotations

from collections import Counter

import pyshacl
import pytest
import rdflib
from rdflib.namespace import SH

from kg import namespaces as ns
from kg import shacl_fast
from kg.build import build
from kg.validate import shapes_graph, validate, validate_country, validate_fast

MKG = f"<{ns.MKG}"
ID = "<https://w3id.org/migration-kg/id/XYZ/"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
XSD = "http://www.w3.org/2001/XMLSchema#"

R_MOL = f"{ID}responsibility/r-mol-6-lead-fa540c8b>"
R_BUREAU = f"{ID}responsibility/r-bureau-6c-support-cffdc853>"
R_MOFA = f"{ID}responsibility/r-mofa-14-lead-59041871>"
R_NGO = f"{ID}responsibility/r-ngo-3-support-cba2ee8e>"
MOL, MOFA, BUREAU, NGO, TASKFORCE = (f"{ID}actor/{a}>" for a in ("mol", "mofa", "bureau", "ngo", "taskforce"))


def mkg(local: str) -> str:
    return f"{MKG}{local}>"


def _pyshacl(nt: bytes) -> Counter:
    data = rdflib.Graph().parse(data=nt, format="nt")
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes_graph(), inference="none", advanced=True, allow_warnings=True)
    found = Counter()
    for r in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        path = results.value(r, SH.resultPath)
        found[(
            str(results.value(r, SH.focusNode)),
            str(results.value(r, SH.resultMessage)),
            "error" if results.value(r, SH.resultSeverity) == SH.Violation else "warning",
            ns.compact(str(path)) if isinstance(path, rdflib.URIRef) else ("complex" if path is not None else None),
        )] += 1
    return found


def _fast(nt: bytes) -> Counter:
    results, _ = shacl_fast.check_ntriples(nt)
    found = Counter()
    for r in results:
        path = r.path if r.path is None or not any(c in r.path for c in "^/") else "complex"
        found[(r.focus.strip("<>"), r.message, r.severity, path)] += 1
    return found


def _same(nt: bytes) -> Counter:
    expected, got = _pyshacl(nt), _fast(nt)
    assert got == expected, {"only pyshacl": expected - got, "only fast": got - expected}
    return got


@pytest.fixture(scope="module")
def tiny_lines(tmp_path_factory) -> list[str]:
    from conftest import write_country

    kg = build(write_country(tmp_path_factory.mktemp("tiny")))
    return list(kg.triples("XYZ"))


def _mutate(lines: list[str], drop=(), add=(), replace=()) -> bytes:
    out = []
    for line in lines:
        if any(all(part in line for part in d) for d in drop):
            continue
        for old, new, where in replace:
            if where in line:
                line = line.replace(old, new)
        out.append(line)
    out.extend(f"{s} {p} {o} ." for s, p, o in add)
    return ("\n".join(out) + "\n").encode("utf-8")


def test_shipped_data_same_results_as_pyshacl(shipped_kg):
    fast = validate_fast(shipped_kg)
    reference = [validate_country(shipped_kg, iso3) for iso3 in shipped_kg.countries]
    assert fast == reference
    assert validate(shipped_kg) == reference


def test_valid_tiny_country_conforms(tiny_lines):
    nt = _mutate(tiny_lines)
    assert _same(nt) == Counter()


def test_broken_responsibilities_memberships_and_actors(tiny_lines):
    nt = _mutate(
        tiny_lines,
        drop=[(R_MOL, mkg("role")), (MOL, mkg("GovernmentActor")), (MOFA, mkg("memberOf")), (R_NGO, mkg("source"))],
        add=[
            (R_BUREAU, mkg("role"), "<https://w3id.org/migration-kg/id/role/lead>"),  # two roles
            (MOFA, TYPE, mkg("Agency")),  # two specific actor types
            (MOL, mkg("partOf"), BUREAU),  # a parent cycle
            (BUREAU, mkg("memberOf"), TASKFORCE),  # a shortcut without a membership
            (NGO, LABEL, '"Forum des droits"@en'),  # two English labels
            (NGO, LABEL, '"no language"'),  # a label without a language
            (MOFA, mkg("established"), '"July 2020"'),  # a plain string, not a date or year
            (f"{ID}membership/taskforce.ngo>", mkg("member"), TASKFORCE),  # body as member
            (f"{ID}responsibility/Bad_IRI>", TYPE, mkg("Responsibility")),  # bad IRI, nothing else
            (f"{ID}evidence/orphan>", TYPE, mkg("Evidence")),  # evidence nobody cites, empty quote
            (f"{ID}evidence/orphan>", mkg("quote"), '""'),
        ],
        replace=[
            ("/status/reported>", "/status/rumoured>", R_MOFA),  # not in the code list
            (f"{mkg('actor')} {MOFA}", f"{mkg('actor')} <https://w3id.org/migration-kg/id/gcm/objective/14>", R_MOFA),  # not an actor
            ("/gcm/objective/6>", "/gcm/objective/14>", R_BUREAU),  # 6.c is not an action of 14
        ],
    )
    found = _same(nt)
    messages = {m for _, m, _, _ in found}
    assert any("exactly one mkg:role" in m for m in messages)
    assert any("cannot be mkg:partOf itself" in m for m in messages)
    assert any("mkg:memberOf shortcut" in m for m in messages)
    assert any("unsourced" in m for m in messages)
    assert {s for _, _, s, _ in found} == {"error", "warning"}


def test_broken_sources_instruments_and_reference_layer(tiny_lines):
    source = f"{ID}source/labour_act>"
    instrument = f"{ID}instrument/labour_act>"
    nt = _mutate(
        tiny_lines,
        drop=[(instrument, mkg("instrumentType")), ("/gcm/objective/7>", mkg("source"))],
        add=[
            (source, mkg("year"), f'"20x1"^^<{XSD}integer>'),  # ill-formed integer, and a second year
            (instrument, mkg("url"), "<https://example.org/not-a-literal>"),  # IRI where a typed literal belongs
            (instrument, mkg("coversCategory"), "<https://w3id.org/migration-kg/id/category/space>"),
            ("<https://w3id.org/migration-kg/id/gcm/objective/6>", mkg("alignsWith"), "<http://metadata.un.org/sdg/1.1>"),
        ],
        replace=[
            (f'"6"^^<{XSD}integer>', f'"99"^^<{XSD}integer>', f"/gcm/objective/6> {mkg('objectiveNumber')}"),
            ("/id/country/XYZ> .", "/id/country/xyz> .", f"{ID}actor/ngo> {mkg('country')}"),
        ],
    )
    found = _same(nt)
    assert len(found) >= 6


def test_engine_rejects_unsupported_shapes():
    graph = rdflib.Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true .
    """, format="turtle")
    with pytest.raises(shacl_fast.Unsupported):
        shacl_fast.compile_shapes(graph)


def test_unsupported_shapes_fall_back_to_pyshacl(shipped_kg, monkeypatch):
    def refuse(*args, **kwargs):
        raise shacl_fast.Unsupported("pretend a shape uses sh:closed")

    monkeypatch.setattr(shacl_fast, "default_shapes", refuse)
    with pytest.raises(shacl_fast.Unsupported):
        validate_fast(shipped_kg)
    assert validate(shipped_kg) == [validate_country(shipped_kg, "BGD")]
    with pytest.raises(ValueError):
        validate(shipped_kg, engine="fastest")
