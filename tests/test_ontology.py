"""Tests for ontology/migkg.ttl, ontology/vocab.ttl and ontology/shapes.ttl.

The shapes are exercised the way the build uses them: pyshacl with
inference="none" and the ontology (+ vocabulary) passed as ont_graph.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology"

MKG = Namespace("https://w3id.org/migration-kg/ontology#")
MKGID = Namespace("https://w3id.org/migration-kg/id/")
SDG = Namespace("http://metadata.un.org/sdg/")
SDGO = Namespace("http://metadata.un.org/sdg/ontology#")
SH = Namespace("http://www.w3.org/ns/shacl#")

# --- what the design fixes (docs/ontology.md) -------------------------------------------------

CONTRACT_SCHEMES = {
    "migration-category": (
        MKG.MigrationCategory,
        {"international", "outward", "inward", "transit", "return",
         "internal", "rural_urban", "seasonal", "displacement"},
        "category",
    ),
    "role": (MKG.Role, {"lead", "co-lead", "support", "consulted", "informed"}, "role"),
    "status": (MKG.ResponsibilityStatus, {"mandated", "planned", "reported", "extracted"}, "status"),
    "membership-role": (MKG.MembershipRole, {"chair", "co-chair", "member", "secretariat"}, "membership-role"),
    "instrument-type": (
        MKG.InstrumentType,
        {"act", "policy", "strategy", "framework", "plan", "rules"},
        "instrument-type",
    ),
}

CATEGORY_TREE = {
    "international": {"outward", "inward", "transit", "return"},
    "internal": {"rural_urban", "seasonal", "displacement"},
}

ACTOR_TYPE_IDS = {
    "ministry": "Ministry", "division": "Division", "department": "Department",
    "agency": "Agency", "local_government": "LocalGovernment",
    "coordination_body": "CoordinationBody",
    "international_organization": "InternationalOrganization",
    "civil_society": "CivilSociety", "private_sector": "PrivateSector",
    "development_partner": "DevelopmentPartner", "academia": "Academia", "media": "Media",
}
GOVERNMENT_TYPES = {"Ministry", "Division", "Department", "Agency", "LocalGovernment"}

CONTRACT_CLASSES = {
    "Actor", "GovernmentActor", *ACTOR_TYPE_IDS.values(),
    "MigrationCategory", "GCMObjective", "GCMAction", "GuidingPrinciple",
    "SDGGoal", "SDGTarget", "SDGIndicator", "MGIDomain", "MiGOFPrinciple", "MiGOFObjective",
    "PolicyInstrument", "Practice", "Country", "Source", "Evidence",
    "Responsibility", "Membership", "SDGAlignment",
    "Role", "ResponsibilityStatus", "MembershipRole", "InstrumentType",
}

CONTRACT_PROPERTIES = {
    "source", "objectiveNumber", "shortLabel", "paragraph", "actionLetter", "actionOf",
    "principleLetter", "unsdCode", "alignsWith", "alignmentObjective", "alignmentTarget",
    "rationale", "correspondsTo", "iso3", "categoryInScope", "country", "acronym", "partOf",
    "established", "instrumentType", "year", "issuedBy", "addressesObjective",
    "coversCategory", "url", "actor", "objective", "action", "role", "category", "basis",
    "evidence", "status", "quote", "locator", "body", "member", "membershipRole", "memberOf",
}

PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


# --- fixtures ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def ont() -> Graph:
    return Graph().parse(ONTOLOGY / "migkg.ttl")


@pytest.fixture(scope="module")
def vocab() -> Graph:
    return Graph().parse(ONTOLOGY / "vocab.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ONTOLOGY / "shapes.ttl")


@pytest.fixture(scope="module")
def ont_and_vocab(ont: Graph, vocab: Graph) -> Graph:
    g = Graph()
    g += ont
    g += vocab
    return g


def run_shacl(data: Graph, shapes: Graph, ont_graph: Graph, inference: str = "none"):
    """Validate; return (conforms, [(severity local name, message, focus, path)])."""
    conforms, report, _ = validate(
        data,
        shacl_graph=shapes,
        ont_graph=ont_graph,
        inference=inference,
        allow_warnings=True,
    )
    results = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        sev = report.value(r, SH.resultSeverity)
        results.append((
            str(sev).rsplit("#", 1)[-1],
            str(report.value(r, SH.resultMessage)),
            report.value(r, SH.focusNode),
            report.value(r, SH.resultPath),
        ))
    return conforms, results


def violations(results):
    return [r for r in results if r[0] == "Violation"]


def warnings(results):
    return [r for r in results if r[0] == "Warning"]


# --- 1. parsing ---------------------------------------------------------------------

@pytest.mark.parametrize("name", ["migkg.ttl", "vocab.ttl", "shapes.ttl"])
def test_files_parse(name):
    g = Graph().parse(ONTOLOGY / name)
    assert len(g) > 50


def test_ontology_header(ont: Graph):
    o = URIRef("https://w3id.org/migration-kg/ontology")
    assert (o, RDF.type, OWL.Ontology) in ont
    assert str(ont.value(o, OWL.versionInfo)) == "0.1.0"
    assert ont.value(o, DCTERMS.title) is not None
    assert ont.value(o, DCTERMS.description) is not None
    assert ont.value(o, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert list(ont.objects(None, OWL.imports)) == []


# --- 2. labels, definitions, contract coverage --------------------------------------

def _mkg_terms(g: Graph, types) -> set[URIRef]:
    return {s for t in types for s in g.subjects(RDF.type, t)
            if isinstance(s, URIRef) and str(s).startswith(str(MKG))}


def _has_en(g: Graph, s, p) -> bool:
    return any(isinstance(o, Literal) and o.language == "en" and str(o).strip() for o in g.objects(s, p))


def test_every_class_and_property_has_english_label_and_definition(ont: Graph):
    terms = _mkg_terms(ont, (OWL.Class, *PROPERTY_TYPES))
    assert len(terms) > 60
    missing = sorted(str(t) for t in terms
                     if not (_has_en(ont, t, RDFS.label) and _has_en(ont, t, SKOS.definition)))
    assert missing == []
    # exactly one English label / definition each
    for t in terms:
        assert len([o for o in ont.objects(t, RDFS.label) if o.language == "en"]) == 1, t
        assert len([o for o in ont.objects(t, SKOS.definition) if o.language == "en"]) == 1, t


def test_contract_classes_and_properties_declared(ont: Graph):
    classes = {str(c)[len(str(MKG)):] for c in _mkg_terms(ont, (OWL.Class,))}
    assert CONTRACT_CLASSES <= classes, CONTRACT_CLASSES - classes
    props = {str(p)[len(str(MKG)):] for p in _mkg_terms(ont, PROPERTY_TYPES)}
    assert CONTRACT_PROPERTIES <= props, CONTRACT_PROPERTIES - props
    assert (MKG.typeId, RDF.type, OWL.AnnotationProperty) in ont
    # no term is declared as two kinds of property
    for p in _mkg_terms(ont, PROPERTY_TYPES):
        kinds = [t for t in PROPERTY_TYPES if (p, RDF.type, t) in ont]
        assert len(kinds) == 1, (p, kinds)


def test_actor_hierarchy_and_type_ids(ont: Graph):
    seen = {}
    for cls, tid in ont.subject_objects(MKG.typeId):
        seen[str(tid)] = str(cls)[len(str(MKG)):]
    assert seen == ACTOR_TYPE_IDS
    for name in ACTOR_TYPE_IDS.values():
        parent = MKG.GovernmentActor if name in GOVERNMENT_TYPES else MKG.Actor
        assert (MKG[name], RDFS.subClassOf, parent) in ont, name
    assert (MKG.GovernmentActor, RDFS.subClassOf, MKG.Actor) in ont


def test_sdg_equivalences_and_code_list_classes(ont: Graph):
    assert (MKG.SDGGoal, OWL.equivalentClass, SDGO.Goal) in ont
    assert (MKG.SDGTarget, OWL.equivalentClass, SDGO.Target) in ont
    assert (MKG.SDGIndicator, OWL.equivalentClass, SDGO.Indicator) in ont
    for cls, _, _ in CONTRACT_SCHEMES.values():
        assert (cls, RDFS.subClassOf, SKOS.Concept) in ont


def test_terms_used_in_vocab_and_shapes_are_declared(ont: Graph, vocab: Graph, shapes: Graph):
    declared = _mkg_terms(ont, (OWL.Class, *PROPERTY_TYPES))
    used = set()
    for g in (vocab, shapes):
        for triple in g:
            for term in triple:
                if isinstance(term, URIRef) and str(term).startswith(str(MKG)):
                    used.add(term)
    assert sorted(used - declared) == []


# --- 3. vocabulary ------------------------------------------------------------------

def _scheme_ids(vocab: Graph, scheme: URIRef) -> set[str]:
    return {str(vocab.value(c, SKOS.notation)) for c in vocab.subjects(SKOS.inScheme, scheme)}


@pytest.mark.parametrize("scheme_id", sorted(CONTRACT_SCHEMES))
def test_vocab_scheme_holds_exactly_contract_ids(vocab: Graph, scheme_id: str):
    cls, ids, iri_segment = CONTRACT_SCHEMES[scheme_id]
    scheme = MKGID[f"scheme/{scheme_id}"]
    assert (scheme, RDF.type, SKOS.ConceptScheme) in vocab
    assert _scheme_ids(vocab, scheme) == ids
    for concept in vocab.subjects(SKOS.inScheme, scheme):
        notation = str(vocab.value(concept, SKOS.notation))
        assert concept == MKGID[f"{iri_segment}/{notation}"]
        assert (concept, RDF.type, cls) in vocab
        assert (concept, RDF.type, SKOS.Concept) in vocab
        assert _has_en(vocab, concept, SKOS.prefLabel)
        assert _has_en(vocab, concept, SKOS.definition)
        assert vocab.value(concept, SKOS.notation).datatype is None  # plain string
    tops = set(vocab.objects(scheme, SKOS.hasTopConcept))
    assert tops == set(vocab.subjects(SKOS.topConceptOf, scheme))
    assert tops


def test_category_hierarchy(vocab: Graph):
    scheme = MKGID["scheme/migration-category"]
    cat = lambda i: MKGID[f"category/{i}"]  # noqa: E731
    assert set(vocab.objects(scheme, SKOS.hasTopConcept)) == {cat(t) for t in CATEGORY_TREE}
    for top, children in CATEGORY_TREE.items():
        assert set(vocab.objects(cat(top), SKOS.narrower)) == {cat(c) for c in children}
        assert list(vocab.objects(cat(top), SKOS.broader)) == []
        for c in children:
            assert list(vocab.objects(cat(c), SKOS.broader)) == [cat(top)]
            assert list(vocab.objects(cat(c), SKOS.narrower)) == []
    # categories cite the IOM Glossary on Migration (2019)
    glossary = MKGID["source/iom-glossary-2019"]
    for c in vocab.subjects(SKOS.inScheme, scheme):
        assert (c, DCTERMS.source, glossary) in vocab
    assert "disaster" in str(vocab.value(cat("displacement"), SKOS.definition))
    assert "climate" in str(vocab.value(cat("displacement"), SKOS.definition))


def test_role_definitions_mention_raci(vocab: Graph):
    lead = str(vocab.value(MKGID["role/lead"], SKOS.definition))
    assert "accountable" in lead.lower() and "RACI" in lead
    for rid in ("co-lead", "support", "consulted", "informed"):
        assert "RACI" in str(vocab.value(MKGID[f"role/{rid}"], SKOS.definition))


def test_shape_sh_in_lists_match_vocab(shapes: Graph, vocab: Graph):
    """Every sh:in list over code-list IRIs equals the scheme's concepts in vocab.ttl."""
    schemes = {seg: scheme_id for scheme_id, (_, _, seg) in CONTRACT_SCHEMES.items()}
    checked = set()
    for lst in shapes.objects(None, SH["in"]):
        members = set(Collection(shapes, lst))
        segs = {str(m)[len(str(MKGID)):].split("/")[0] for m in members}
        if len(segs) != 1 or next(iter(segs)) not in schemes:
            continue
        scheme_id = schemes[next(iter(segs))]
        expected = set(vocab.subjects(SKOS.inScheme, MKGID[f"scheme/{scheme_id}"]))
        assert members == expected, scheme_id
        checked.add(scheme_id)
    assert checked == set(CONTRACT_SCHEMES)


def test_vocab_conforms_to_code_list_shape(vocab: Graph, shapes: Graph, ont: Graph):
    conforms, results = run_shacl(vocab, shapes, ont)
    assert violations(results) == [] and warnings(results) == [], results
    assert conforms


# --- 4. SHACL on instance data ------------------------------------------------------

PREFIXES = """
@prefix mkg:   <https://w3id.org/migration-kg/ontology#> .
@prefix sdgo:  <http://metadata.un.org/sdg/ontology#> .
@prefix sdg:   <http://metadata.un.org/sdg/> .
@prefix rdfs:  <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:   <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:  <http://www.w3.org/2004/02/skos/core#> .
@prefix dct:   <http://purl.org/dc/terms/> .
@prefix obj:   <https://w3id.org/migration-kg/id/gcm/objective/> .
@prefix act:   <https://w3id.org/migration-kg/id/gcm/action/> .
@prefix gcmp:  <https://w3id.org/migration-kg/id/gcm/principle/> .
@prefix mgi:   <https://w3id.org/migration-kg/id/mgi/> .
@prefix migofp: <https://w3id.org/migration-kg/id/migof/principle/> .
@prefix cat:   <https://w3id.org/migration-kg/id/category/> .
@prefix role:  <https://w3id.org/migration-kg/id/role/> .
@prefix status: <https://w3id.org/migration-kg/id/status/> .
@prefix mrole: <https://w3id.org/migration-kg/id/membership-role/> .
@prefix itype: <https://w3id.org/migration-kg/id/instrument-type/> .
@prefix ref:   <https://w3id.org/migration-kg/id/source/> .
@prefix align: <https://w3id.org/migration-kg/id/alignment/> .
@prefix country: <https://w3id.org/migration-kg/id/country/> .
@prefix actor: <https://w3id.org/migration-kg/id/BGD/actor/> .
@prefix inst:  <https://w3id.org/migration-kg/id/BGD/instrument/> .
@prefix src:   <https://w3id.org/migration-kg/id/BGD/source/> .
@prefix resp:  <https://w3id.org/migration-kg/id/BGD/responsibility/> .
@prefix ev:    <https://w3id.org/migration-kg/id/BGD/evidence/> .
@prefix memb:  <https://w3id.org/migration-kg/id/BGD/membership/> .
"""

VALID_TTL = PREFIXES + """
# Illustrative data for the tests: ids and shapes follow the contract; quotes are invented.
# --- reference data ---
ref:gcm a mkg:Source ; dct:identifier "gcm" ;
    dct:title "Global Compact for Safe, Orderly and Regular Migration (A/RES/73/195)" ;
    dct:publisher "United Nations General Assembly" ; mkg:year 2018 ;
    mkg:url "https://undocs.org/A/RES/73/195"^^xsd:anyURI .

obj:6 a mkg:GCMObjective ; dct:identifier "6" ; skos:notation "6" ;
    rdfs:label "Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work"@en ;
    mkg:objectiveNumber 6 ; mkg:shortLabel "Fair recruitment" ; mkg:paragraph 22 ;
    mkg:source ref:gcm ; mkg:alignsWith sdg:10.7 .

act:6.c a mkg:GCMAction ; dct:identifier "6.c" ; skos:notation "6.c" ;
    mkg:actionOf obj:6 ; dct:isPartOf obj:6 ; mkg:actionLetter "c" ; mkg:paragraph 22 ;
    mkg:source ref:gcm .

gcmp:whole_of_government a mkg:GuidingPrinciple ; dct:identifier "whole_of_government" ;
    rdfs:label "Whole-of-government approach"@en ; mkg:principleLetter "i" ; mkg:paragraph 15 ;
    mkg:source ref:gcm .

sdg:10 a mkg:SDGGoal , sdgo:Goal ; skos:notation "10" ;
    rdfs:label "Reduce inequality within and among countries"@en ; sdgo:hasTarget sdg:10.7 .
sdg:10.7 a mkg:SDGTarget , sdgo:Target ; skos:notation "10.7" ;
    rdfs:label "Facilitate orderly, safe, regular and responsible migration and mobility of people"@en ;
    sdgo:hasIndicator sdg:C100701 .
sdg:C100701 a mkg:SDGIndicator , sdgo:Indicator ; skos:notation "10.7.1" ; mkg:unsdCode "C100701" ;
    rdfs:label "Recruitment cost borne by employee as a proportion of monthly income earned in country of destination"@en .

align:6-10.7 a mkg:SDGAlignment ; mkg:alignmentObjective obj:6 ; mkg:alignmentTarget sdg:10.7 ;
    mkg:rationale "Recruitment costs are measured by indicator 10.7.1." ; mkg:source ref:gcm .

migofp:1 a mkg:MiGOFPrinciple ;
    rdfs:label "Adherence to international standards and fulfilment of migrants' rights"@en .
mgi:migrant_rights a mkg:MGIDomain ; rdfs:label "Migrant rights"@en ; mkg:correspondsTo migofp:1 .

# --- country data ---
country:BGD a mkg:Country ; mkg:iso3 "BGD" ; rdfs:label "Bangladesh"@en ;
    mkg:categoryInScope cat:outward , cat:return , cat:displacement .

src:oema2013 a mkg:Source ; dct:identifier "oema2013" ; mkg:country country:BGD ;
    dct:title "Overseas Employment and Migration Act, 2013" ; mkg:year 2013 .

actor:moewoe a mkg:Ministry , mkg:GovernmentActor , mkg:Actor ; dct:identifier "moewoe" ;
    rdfs:label "Ministry of Expatriates' Welfare and Overseas Employment"@en ;
    rdfs:label "প্রবাসী কল্যাণ ও বৈদেশিক কর্মসংস্থান মন্ত্রণালয়"@bn ;
    mkg:acronym "MoEWOE" ; mkg:country country:BGD .

actor:bmet a mkg:Department , mkg:GovernmentActor , mkg:Actor ; dct:identifier "bmet" ;
    rdfs:label "Bureau of Manpower, Employment and Training"@en ; mkg:acronym "BMET" ;
    mkg:partOf actor:moewoe ; mkg:country country:BGD ; mkg:established "1976"^^xsd:gYear ;
    mkg:memberOf actor:taskforce .

actor:taskforce a mkg:CoordinationBody , mkg:Actor ; dct:identifier "taskforce" ;
    rdfs:label "Migration governance taskforce"@en ; mkg:country country:BGD ;
    mkg:established "2022-07-05"^^xsd:date .

actor:iom a mkg:InternationalOrganization , mkg:Actor ; dct:identifier "iom" ;
    rdfs:label "International Organization for Migration"@en ; mkg:acronym "IOM" ;
    mkg:country country:BGD ; skos:altLabel "IOM Bangladesh"@en .

inst:oema2013 a mkg:PolicyInstrument ; dct:identifier "oema2013" ;
    rdfs:label "Overseas Employment and Migration Act, 2013"@en ; mkg:instrumentType itype:act ;
    mkg:year 2013 ; mkg:issuedBy actor:moewoe ; mkg:addressesObjective obj:6 , act:6.c ;
    mkg:coversCategory cat:outward ; mkg:country country:BGD ; mkg:source src:oema2013 .

resp:r1 a mkg:Responsibility ; mkg:actor actor:moewoe ; mkg:objective obj:6 ; mkg:role role:lead ;
    mkg:category cat:outward ; mkg:basis inst:oema2013 ; mkg:status status:mandated ;
    mkg:source src:oema2013 ; mkg:evidence ev:r1 ; mkg:country country:BGD .
ev:r1 a mkg:Evidence ; mkg:quote "Illustrative quotation, not taken from the Act." ;
    mkg:locator "s. 1" ; mkg:source src:oema2013 .

resp:r2 a mkg:Responsibility ; mkg:actor actor:bmet ; mkg:objective obj:6 ; mkg:action act:6.c ;
    mkg:role role:support ; mkg:status status:reported ; mkg:source src:oema2013 ;
    mkg:country country:BGD .

memb:taskforce.bmet a mkg:Membership ; mkg:body actor:taskforce ; mkg:member actor:bmet ;
    mkg:membershipRole mrole:member ; mkg:source src:oema2013 ; mkg:country country:BGD .
"""

B = Namespace("https://w3id.org/migration-kg/id/BGD/")
R1 = B["responsibility/r1"]
MEMB = B["membership/taskforce.bmet"]


@pytest.fixture
def valid() -> Graph:
    return Graph().parse(data=VALID_TTL, format="turtle")


def _messages(results, severity="Violation"):
    return {m for s, m, _, _ in results if s == severity}


def test_valid_instance_graph_conforms(valid, shapes, ont_and_vocab):
    conforms, results = run_shacl(valid, shapes, ont_and_vocab)
    assert results == []
    assert conforms


def test_valid_instance_graph_conforms_with_ontology_only(valid, shapes, ont):
    """Code lists are checked with sh:in, so vocab.ttl need not be loaded."""
    conforms, results = run_shacl(valid, shapes, ont)
    assert results == [] and conforms


def test_two_roles_is_a_violation(valid, shapes, ont_and_vocab):
    valid.add((R1, MKG.role, MKGID["role/support"]))
    conforms, results = run_shacl(valid, shapes, ont_and_vocab)
    assert not conforms
    assert _messages(results) == {"A responsibility needs exactly one mkg:role; write one row per role."}


def test_role_outside_the_list_is_a_violation(valid, shapes, ont_and_vocab):
    valid.set((R1, MKG.role, MKGID["role/owner"]))
    conforms, results = run_shacl(valid, shapes, ont_and_vocab)
    assert not conforms
    assert _messages(results) == {
        "mkg:role must be one of lead, co-lead, support, consulted, informed (mkgid:role/<id>)."}


def test_membership_body_not_a_coordination_body(valid, shapes, ont_and_vocab):
    ministry = B["actor/moewoe"]
    valid.set((MEMB, MKG.body, ministry))
    valid.remove((B["actor/bmet"], MKG.memberOf, None))
    valid.add((B["actor/bmet"], MKG.memberOf, ministry))
    conforms, results = run_shacl(valid, shapes, ont_and_vocab)
    assert not conforms
    msgs = _messages(results)
    assert ("A membership needs exactly one mkg:body, an actor of type coordination_body "
            "(mkg:CoordinationBody).") in msgs
    assert "mkg:memberOf must point to a coordination body (mkg:CoordinationBody)." in msgs


def test_objective_number_24_is_a_violation(valid, shapes, ont_and_vocab):
    valid.set((MKGID["gcm/objective/6"], MKG.objectiveNumber, Literal(24)))
    conforms, results = run_shacl(valid, shapes, ont_and_vocab)
    assert not conforms
    assert _messages(results) == {
        "A GCM objective needs exactly one mkg:objectiveNumber, an xsd:integer from 1 to 23."}


def test_objective_iri_24_is_a_violation(valid, shapes, ont_and_vocab):
    bad = MKGID["gcm/objective/24"]
    valid.add((bad, RDF.type, MKG.GCMObjective))
    valid.add((bad, RDFS.label, Literal("No such objective", lang="en")))
    valid.add((bad, MKG.objectiveNumber, Literal(24)))
    conforms, results = run_shacl(valid, shapes, ont_and_vocab)
    assert "A GCM objective must have the IRI mkgid:gcm/objective/N with N from 1 to 23." in _messages(results)


def _rename(g: Graph, old: URIRef, new: URIRef) -> None:
    for s, p, o in list(g):
        if old in (s, o):
            g.remove((s, p, o))
            g.add((new if s == old else s, p, new if o == old else o))


def test_target_iri_in_wrong_namespace(valid, shapes, ont_and_vocab):
    _rename(valid, SDG["10.7"], URIRef("https://unstats.un.org/sdgs/metadata/10.7"))
    conforms, results = run_shacl(valid, shapes, ont_and_vocab)
    assert not conforms
    assert _messages(results) == {
        "An SDG target must use the UN IRI http://metadata.un.org/sdg/<goal>.<target> (e.g. sdg:10.7) "
        "and be typed both mkg:SDGTarget and sdgo:Target."}


def test_target_without_sdgo_type(valid, shapes, ont_and_vocab):
    valid.remove((SDG["10.7"], RDF.type, SDGO.Target))
    _, results = run_shacl(valid, shapes, ont_and_vocab)
    assert len(violations(results)) == 1


def test_missing_source_is_only_a_warning(valid, shapes, ont_and_vocab):
    valid.remove((R1, MKG.source, None))
    valid.remove((MEMB, MKG.source, None))
    conforms, results = run_shacl(valid, shapes, ont_and_vocab)
    assert violations(results) == []
    warned = warnings(results)
    assert {(str(m), f) for _, m, f, _ in warned} == {
        ("No mkg:source: an unsourced statement is allowed but should be given a source.", R1),
        ("No mkg:source: an unsourced statement is allowed but should be given a source.", MEMB),
    }
    # allow_warnings=True: warnings alone do not break conformance
    assert conforms


def test_alignment_without_source_is_a_violation(valid, shapes, ont_and_vocab):
    valid.remove((MKGID["alignment/6-10.7"], MKG.source, None))
    _, results = run_shacl(valid, shapes, ont_and_vocab)
    assert _messages(results) == {"Needs exactly one mkg:source, an IRI typed mkg:Source."}


def test_action_must_belong_to_objective(valid, shapes, ont_and_vocab):
    other = MKGID["gcm/objective/7"]
    valid.add((other, RDF.type, MKG.GCMObjective))
    valid.add((other, RDFS.label, Literal("Address and reduce vulnerabilities in migration", lang="en")))
    valid.add((other, MKG.objectiveNumber, Literal(7)))
    valid.set((B["responsibility/r2"], MKG.objective, other))
    _, results = run_shacl(valid, shapes, ont_and_vocab)
    assert _messages(results) == {
        "mkg:objective must be the objective of mkg:action (the action's mkg:actionOf)."}


def test_shortcuts_kept_in_step(valid, shapes, ont_and_vocab):
    valid.remove((B["actor/bmet"], MKG.memberOf, None))
    valid.remove((MKGID["gcm/objective/6"], MKG.alignsWith, None))
    _, results = run_shacl(valid, shapes, ont_and_vocab)
    assert _messages(results) == {
        "The mkg:memberOf shortcut is missing: the member of a membership must also be emitted "
        "as mkg:memberOf its body.",
        "The mkg:alignsWith shortcut is missing: the objective of an alignment must also be "
        "emitted as mkg:alignsWith its target.",
    }


def test_dangling_shortcut(valid, shapes, ont_and_vocab):
    valid.add((B["actor/iom"], MKG.memberOf, B["actor/taskforce"]))
    _, results = run_shacl(valid, shapes, ont_and_vocab)
    assert _messages(results) == {
        "The mkg:memberOf shortcut has no mkg:Membership node with this member and body."}


def test_actor_needs_explicit_super_types(valid, shapes, ont_and_vocab):
    valid.remove((B["actor/bmet"], RDF.type, MKG.GovernmentActor))
    _, results = run_shacl(valid, shapes, ont_and_vocab)
    assert _messages(results) == {
        "A ministry, division, department, agency or local government must also be typed "
        "mkg:GovernmentActor explicitly."}


def test_actor_with_two_specific_types(valid, shapes, ont_and_vocab):
    valid.add((B["actor/bmet"], RDF.type, MKG.Agency))
    _, results = run_shacl(valid, shapes, ont_and_vocab)
    assert _messages(results) == {
        "An actor must have the IRI mkgid:<ISO3>/actor/<id> and exactly one specific actor type "
        "(mkg:Ministry, mkg:Division, ..., mkg:Media)."}


def test_actor_labels(valid, shapes, ont_and_vocab):
    bmet = B["actor/bmet"]
    valid.add((bmet, RDFS.label, Literal("BMET", lang="en")))  # a second English label
    _, results = run_shacl(valid, shapes, ont_and_vocab)
    assert len(violations(results)) >= 1
    assert {m for m in _messages(results)} == {
        "Needs exactly one English rdfs:label (\"...\"@en); labels must carry a language tag and "
        "at most one per language (e.g. one @bn)."}


def test_actor_without_country_and_part_of_non_actor(valid, shapes, ont_and_vocab):
    bmet = B["actor/bmet"]
    valid.remove((bmet, MKG.country, None))
    valid.set((bmet, MKG.partOf, MKGID["gcm/objective/6"]))
    _, results = run_shacl(valid, shapes, ont_and_vocab)
    assert _messages(results) == {
        "Needs exactly one mkg:country, an IRI typed mkg:Country (mkgid:country/<ISO3>).",
        "mkg:partOf must point to another actor (mkgid:<ISO3>/actor/<id>).",
    }


def test_part_of_cycle(valid, shapes, ont_and_vocab):
    valid.add((B["actor/moewoe"], MKG.partOf, B["actor/bmet"]))
    _, results = run_shacl(valid, shapes, ont_and_vocab)
    assert _messages(results) == {"An actor cannot be mkg:partOf itself, directly or through other actors."}


def test_evidence_needs_quote_and_source_needs_title(valid, shapes, ont_and_vocab):
    valid.remove((B["evidence/r1"], MKG.quote, None))
    valid.remove((B["source/oema2013"], DCTERMS.title, None))
    _, results = run_shacl(valid, shapes, ont_and_vocab)
    assert _messages(results) == {
        "Evidence needs exactly one non-empty mkg:quote (a string, optionally language-tagged).",
        "A source needs exactly one dct:title.",
    }


def test_action_needs_exactly_one_objective(valid, shapes, ont_and_vocab):
    valid.remove((MKGID["gcm/action/6.c"], MKG.actionOf, None))
    valid.remove((MKGID["gcm/action/6.c"], DCTERMS.isPartOf, None))
    _, results = run_shacl(valid, shapes, ont_and_vocab)
    assert "A GCM action needs exactly one mkg:actionOf, its GCM objective, repeated as dct:isPartOf." \
        in _messages(results)


# --- 5. a graph of ~5,000 triples validates quickly --------------------------------

def synthetic_graph(n_actors: int = 60, n_resp: int = 330) -> Graph:
    """A valid country graph of about 5,000 triples built from the valid example."""
    g = Graph().parse(data=VALID_TTL, format="turtle")
    bgd = MKGID["country/BGD"]
    src = B["source/oema2013"]
    for n in range(1, 24):
        o = MKGID[f"gcm/objective/{n}"]
        g.add((o, RDF.type, MKG.GCMObjective))
        g.set((o, RDFS.label, Literal(f"Objective {n}", lang="en")))
        g.set((o, MKG.objectiveNumber, Literal(n)))
        g.set((o, MKG.paragraph, Literal(16 + n)))
        for letter in "abcdefgh":
            a = MKGID[f"gcm/action/{n}.{letter}"]
            g.add((a, RDF.type, MKG.GCMAction))
            g.add((a, MKG.actionOf, o))
            g.add((a, DCTERMS.isPartOf, o))
            g.add((a, MKG.actionLetter, Literal(letter)))
            g.add((a, MKG.paragraph, Literal(16 + n)))
    types = list(ACTOR_TYPE_IDS.values())
    for i in range(n_actors):
        a = B[f"actor/a{i}"]
        t = types[i % len(types)]
        g.add((a, RDF.type, MKG[t]))
        g.add((a, RDF.type, MKG.Actor))
        if t in GOVERNMENT_TYPES:
            g.add((a, RDF.type, MKG.GovernmentActor))
        g.add((a, DCTERMS.identifier, Literal(f"a{i}")))
        g.add((a, RDFS.label, Literal(f"Actor {i}", lang="en")))
        g.add((a, MKG.country, bgd))
        if i and t != "CoordinationBody":
            g.add((a, MKG.partOf, B["actor/moewoe"]))
    roles = list(CONTRACT_SCHEMES["role"][1])
    statuses = list(CONTRACT_SCHEMES["status"][1])
    cats = list(CONTRACT_SCHEMES["migration-category"][1])
    for i in range(n_resp):
        r = B[f"responsibility/s{i}"]
        n = i % 23 + 1
        g.add((r, RDF.type, MKG.Responsibility))
        g.add((r, MKG.actor, B[f"actor/a{i % n_actors}"]))
        g.add((r, MKG.objective, MKGID[f"gcm/objective/{n}"]))
        if i % 2:
            g.add((r, MKG.action, MKGID[f"gcm/action/{n}.{'abcdefgh'[i % 8]}"]))
        g.add((r, MKG.role, MKGID[f"role/{roles[i % 5]}"]))
        g.add((r, MKG.status, MKGID[f"status/{statuses[i % 4]}"]))
        g.add((r, MKG.category, MKGID[f"category/{cats[i % 9]}"]))
        g.add((r, MKG.country, bgd))
        if i % 10:
            g.add((r, MKG.source, src))
        if i % 3 == 0:
            e = B[f"evidence/s{i}"]
            g.add((r, MKG.evidence, e))
            g.add((e, RDF.type, MKG.Evidence))
            g.add((e, MKG.quote, Literal(f"Quote number {i}.")))
            g.add((e, MKG.source, src))
    return g


def test_validation_of_5000_triples_is_fast(shapes, ont_and_vocab):
    g = synthetic_graph()
    assert 4500 <= len(g) <= 5500
    t0 = time.perf_counter()
    conforms, results = run_shacl(g, shapes, ont_and_vocab)
    elapsed = time.perf_counter() - t0
    assert violations(results) == []
    assert len(warnings(results)) == 33  # every tenth responsibility is unsourced
    assert conforms
    assert elapsed < 60, elapsed


def test_valid_graph_with_vocab_as_data_conforms_under_rdfs(valid, vocab, shapes, ont):
    """The build emits the code lists with the data; then RDFS inference is harmless too."""
    data = valid + vocab
    for inference in ("none", "rdfs"):
        conforms, results = run_shacl(data, shapes, ont, inference=inference)
        assert results == [] and conforms, (inference, results)


def test_owl_rl_closure_is_consistent_and_derives_shortcuts(valid, ont_and_vocab):
    import owlrl

    g = valid + ont_and_vocab
    without = Graph()
    without += g
    without.remove((None, MKG.memberOf, None))
    without.remove((None, MKG.alignsWith, None))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(without)
    assert list(without.subjects(RDF.type, OWL.Nothing)) == []
    assert [(s, o) for s, o in without.subject_objects(OWL.sameAs) if s != o] == []
    # the property chains re-derive the shortcuts from the n-ary nodes
    assert set(without.subject_objects(MKG.memberOf)) == set(g.subject_objects(MKG.memberOf))
    assert set(without.subject_objects(MKG.alignsWith)) == set(g.subject_objects(MKG.alignsWith))
    # explicit super-types agree with the class hierarchy
    assert (B["actor/bmet"], RDF.type, MKG.GovernmentActor) in without


# --- 6. docs/ontology.md stays in step ------------------------------------------------

DOC = ROOT / "docs" / "ontology.md"


def _turtle_blocks(text: str) -> list[str]:
    blocks, inside, cur = [], False, []
    for line in text.splitlines():
        if line.strip() == "```turtle":
            inside, cur = True, []
        elif inside and line.strip() == "```":
            inside = False
            blocks.append("\n".join(cur))
        elif inside:
            cur.append(line)
    return blocks


def test_docs_cover_every_term(ont: Graph):
    text = DOC.read_text(encoding="utf-8")
    for term in _mkg_terms(ont, (OWL.Class, *PROPERTY_TYPES)):
        assert f"`mkg:{str(term)[len(str(MKG)):]}`" in text, term
    for _, (_, ids, _) in CONTRACT_SCHEMES.items():
        for i in ids:
            assert f"`{i}`" in text, i


def test_docs_turtle_examples_parse():
    blocks = _turtle_blocks(DOC.read_text(encoding="utf-8"))
    prefixes, examples = blocks[0], blocks[1:]
    assert "@prefix mkg:" in prefixes
    assert len(examples) >= len(CONTRACT_CLASSES)
    for block in examples:
        Graph().parse(data=prefixes + "\n" + block, format="turtle")


def test_docs_turtle_examples_together_conform(shapes, ont, vocab):
    blocks = _turtle_blocks(DOC.read_text(encoding="utf-8"))
    data = Graph().parse(data=blocks[0] + "\n" + "\n".join(blocks[1:]), format="turtle")
    data += vocab
    conforms, results = run_shacl(data, shapes, ont)
    assert results == [] and conforms, results
