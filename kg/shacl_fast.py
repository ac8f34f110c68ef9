"""A fast SHACL engine for the shapes in ``ontology/shapes.ttl``, run over N-Triples lines.

pyshacl (the reference validator, :func:`kg.validate.validate_country`) needs
about a second per country; 190 countries would take minutes. This module reads
the same shapes graph, compiles every shape into Python checks, and runs them over
an index of the statements the build emits (``subject predicate object .``
lines, split as text — no RDF parser in the loop):

* SHACL Core as used by the shapes: ``sh:targetClass`` (with ``rdfs:subClassOf*``
  from the data graph, as pyshacl), ``sh:targetNode``, predicate / inverse /
  sequence paths, ``minCount``, ``maxCount``, ``class``, ``datatype`` (with
  lexical well-formedness of the XSD types the build uses), ``nodeKind``,
  ``pattern``, ``in``, ``hasValue``, ``equals``, ``disjoint``, ``lessThan``,
  ``uniqueLang``, ``languageIn``, ``minInclusive``/``maxInclusive``/
  ``minExclusive``/``maxExclusive``, ``minLength``/``maxLength``, ``node``,
  ``not``, ``and``, ``or``, ``xone`` and ``qualifiedValueShape`` with
  ``qualifiedMinCount``/``qualifiedMaxCount``; ``sh:message``, ``sh:severity``,
  ``sh:deactivated``.
* ``sh:sparql`` constraints (SELECT, ``$this`` pre-bound) run in pyoxigraph on a
  small store holding only the statements whose predicates the query names
  (plus ``rdf:type``), with ``$this`` bound through ``VALUES`` to the shape's
  focus nodes.

A shape using anything else raises :class:`Unsupported` when the shapes are
compiled, so a new kind of constraint cannot be skipped silently (the caller
falls back to pyshacl). tests/test_shacl_fast.py checks that this engine and
pyshacl report the same violations on the shipped data and on deliberately broken
graphs.

Terms stay N-Triples text (:mod:`kg.shacl_terms` answers what SHACL asks of them) and
the statements are indexed by :mod:`kg.shacl_data`; this module compiles the shapes and
evaluates them.

Graphs are validated one country at a time, as with pyshacl: the shared layers
(ontology + reference) are indexed once and every country is checked against
``shared ∪ country``. Findings on nodes of the shared layers are computed once,
on the shared layers alone, and reported with every country (as pyshacl would);
this differs from pyshacl only if a country's statements were about a shared
node, which the build never emits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

import pyoxigraph as ox
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH

from kg.paths import ONTOLOGY_DIR
from kg.shacl_data import NO_TERMS, Data, Index
from kg.shacl_terms import RDF_TYPE, Term, Unsupported, literal_parts, numeric, string_value, to_term, well_formed

__all__ = [  # with the terms (kg.shacl_terms) and the data (kg.shacl_data) it reads
    "Unsupported", "Term", "Index", "Data", "Result", "Shape", "Shapes", "SparqlConstraint",
    "compile_shapes", "default_shapes", "value_nodes", "conforms", "check", "check_lines", "check_ntriples",
]

# --- results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """One validation result, as pyshacl's ``sh:ValidationResult``."""

    focus: Term
    path: str | None  # the property path, as text ("mkg:source", "^mkg:evidence"), None for node constraints
    message: str
    severity: str  # "error" (sh:Violation) or "warning" (sh:Warning, sh:Info)
    component: str  # e.g. "MinCountConstraintComponent"
    value: Term | None = None
    shape: str = ""


# --- shapes ---------------------------------------------------------------------------------------

PathStep = tuple[Term, bool]  # (predicate, inverse)

_SHAPE_KEYS = {
    SH.targetClass, SH.targetNode, SH.property, SH.path, SH.message, SH.severity, SH.name, SH.description,
    SH.deactivated, SH.order, SH.group, SH.defaultValue, RDFS.label, RDFS.comment, RDF.type, SH.sparql,
    SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint, SH.flags,
}


@dataclass
class Shape:
    id: str
    path: tuple[PathStep, ...] | None
    path_text: str | None
    message: str
    severity: str
    targets: tuple[Term, ...] = ()
    target_nodes: tuple[Term, ...] = ()
    checks: list[Callable] = field(default_factory=list)  # (data, focus, values) -> Iterator[(component, value)]
    properties: list["Shape"] = field(default_factory=list)
    sparql: list["SparqlConstraint"] = field(default_factory=list)


@dataclass
class SparqlConstraint:
    query: str  # "$this" replaced by "?this"
    message: str
    severity: str
    predicates: frozenset[Term]


def _compact(iri: str) -> str:
    from kg.namespaces import compact

    return compact(iri)


class _Compiler:
    def __init__(self, graph: rdflib.Graph):
        self.g = graph
        self.shapes: dict[rdflib.term.Node, Shape] = {}

    def one(self, node, predicate):
        values = list(self.g.objects(node, predicate))
        if len(values) > 1 and predicate != SH.message:
            raise Unsupported(f"{node}: several values of {predicate}")
        return values[0] if values else None

    def items(self, node) -> list:
        return list(Collection(self.g, node))

    def path(self, node) -> tuple[tuple[PathStep, ...], str]:
        if isinstance(node, rdflib.URIRef):
            return ((f"<{node}>", False),), _compact(str(node))
        inverse = self.g.value(node, SH.inversePath)
        if inverse is not None:
            if not isinstance(inverse, rdflib.URIRef):
                raise Unsupported("only an IRI may be inverted in sh:inversePath")
            return ((f"<{inverse}>", True),), "^" + _compact(str(inverse))
        if (node, RDF.first, None) in self.g:
            steps: list[PathStep] = []
            texts = []
            for item in self.items(node):
                sub, text = self.path(item)
                steps.extend(sub)
                texts.append(text)
            return tuple(steps), "/".join(texts)
        raise Unsupported(f"property path {node}: only predicates, inverse and sequence paths are implemented")

    def message(self, node) -> str:
        messages = list(self.g.objects(node, SH.message))
        english = [m for m in messages if getattr(m, "language", None) in ("en", None)]
        return str((english or messages)[0]) if messages else ""

    def severity(self, node) -> str:
        value = self.g.value(node, SH.severity)
        return "error" if value in (None, SH.Violation) else "warning"

    def shape(self, node) -> Shape:
        if node in self.shapes:
            return self.shapes[node]
        path_node = self.g.value(node, SH.path)
        path, path_text = self.path(path_node) if path_node is not None else (None, None)
        shape = Shape(str(node), path, path_text, self.message(node), self.severity(node))
        self.shapes[node] = shape
        if self.g.value(node, SH.deactivated) == rdflib.Literal(True):
            shape.checks = []
            return shape
        shape.targets = tuple(f"<{c}>" for c in self.g.objects(node, SH.targetClass))
        shape.target_nodes = tuple(to_term(n) for n in self.g.objects(node, SH.targetNode))
        for key in (SH.targetSubjectsOf, SH.targetObjectsOf, SH.target, SH.closed):
            if (node, key, None) in self.g:
                raise Unsupported(f"{node}: {key} is not implemented")
        for p, o in self.g.predicate_objects(node):
            if p in _SHAPE_KEYS:
                continue
            builder = _BUILDERS.get(p)
            if builder is None:
                if str(p).startswith(str(SH)):
                    raise Unsupported(f"{node}: {p} is not implemented")
                continue
            shape.checks.append(builder(self, node, o))
        if (node, SH.qualifiedValueShape, None) in self.g:
            pass  # built by its own entry in _BUILDERS
        shape.properties = [self.shape(p) for p in self.g.objects(node, SH.property)]
        for constraint in self.g.objects(node, SH.sparql):
            shape.sparql.append(self.sparql(constraint))
        return shape

    def sparql(self, node) -> SparqlConstraint:
        select = self.g.value(node, SH.select)
        if select is None:
            raise Unsupported(f"{node}: only SELECT-based sh:sparql constraints are implemented")
        prefixes: dict[str, str] = {}
        for holder in self.g.objects(node, SH.prefixes):
            for declaration in self.g.objects(holder, SH.declare):
                prefixes[str(self.g.value(declaration, SH.prefix))] = str(self.g.value(declaration, SH.namespace))
        query = str(select)
        if "$this" not in query or re.search(r"\?this\b", query):
            raise Unsupported(f"{node}: the query must use $this (and not ?this)")
        predicates = {f"<{iri}>" for iri in re.findall(r"<([^<>\s]+)>", query)}
        for prefix, local in re.findall(r"(?<![\w<?$])([A-Za-z][\w-]*):([A-Za-z_][\w-]*)", query):
            if prefix in prefixes:
                predicates.add(f"<{prefixes[prefix]}{local}>")
        if re.search(r"[?$]\w+\s+[?$]\w+\s+[?$<\w]", query.split("WHERE", 1)[-1]):
            raise Unsupported(f"{node}: a query with a variable predicate needs the whole graph")
        header = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(prefixes.items()))
        if re.search(r"\sa\s", query.split("WHERE", 1)[-1]):
            predicates.add(RDF_TYPE)  # the keyword "a"
        return SparqlConstraint(header + query.replace("$this", "?this"), self.message(node), self.severity(node), frozenset(predicates))

    def node_list(self, node) -> list[Shape]:
        return [self.shape(item) for item in self.items(node)]


# Each builder returns check(data, focus, values) -> None when the values conform, else a
# list of (component, value or None). Plain functions, not generators: they run millions
# of times on a 190-country graph and nearly always find nothing.


def _value_check(component: str, ok: Callable[[Term], bool]) -> Callable:
    def check(data, focus, values):
        bad = [v for v in values if not ok(v)]
        return [(component, v) for v in bad] if bad else None

    return check


def _b_min_count(c, node, o):
    n = int(o)
    found = [("MinCountConstraintComponent", None)]
    return lambda data, focus, values: found if len(values) < n else None


def _b_max_count(c, node, o):
    n = int(o)
    found = [("MaxCountConstraintComponent", None)]
    return lambda data, focus, values: found if len(values) > n else None


def _b_class(c, node, o):
    cls = to_term(o)

    def check(data, focus, values):
        if not values:
            return None
        allowed = data.subclasses(cls)
        types = data.types
        bad = [v for v in values if types(v).isdisjoint(allowed)]
        return [("ClassConstraintComponent", v) for v in bad] if bad else None

    return check


def _b_datatype(c, node, o):
    datatype = str(o)

    def ok(v: Term) -> bool:
        if v[0] != '"':
            return False
        lexical, _, dt = literal_parts(v)
        return dt == datatype and well_formed(lexical, dt)

    return _value_check("DatatypeConstraintComponent", ok)


_KINDS = {
    SH.IRI: (True, False, False), SH.BlankNode: (False, True, False), SH.Literal: (False, False, True),
    SH.BlankNodeOrIRI: (True, True, False), SH.BlankNodeOrLiteral: (False, True, True), SH.IRIOrLiteral: (True, False, True),
}


def _b_node_kind(c, node, o):
    iri_ok, bnode_ok, literal_ok = _KINDS[o]
    return _value_check("NodeKindConstraintComponent", lambda v: (iri_ok if v[0] == "<" else bnode_ok if v[0] == "_" else literal_ok))


def _b_pattern(c, node, o):
    flags = c.g.value(node, SH.flags)
    re_flags = 0
    for letter in str(flags or ""):
        re_flags |= {"i": re.I, "m": re.M, "s": re.S, "x": re.X}.get(letter, 0)
    regex = re.compile(str(o), re_flags)
    return _value_check("PatternConstraintComponent", lambda v: v[0] != "_" and regex.search(string_value(v)) is not None)


def _b_in(c, node, o):
    allowed = frozenset(to_term(item) for item in c.items(o))
    return _value_check("InConstraintComponent", allowed.__contains__)


def _b_has_value(c, node, o):
    wanted = to_term(o)
    found = [("HasValueConstraintComponent", None)]
    return lambda data, focus, values: None if wanted in values else found


def _b_equals(c, node, o):
    other = to_term(o)

    def check(data, focus, values):
        diff = set(values) ^ set(data.objects(focus, other))
        return [("EqualsConstraintComponent", v) for v in sorted(diff)] if diff else None

    return check


def _b_disjoint(c, node, o):
    other = to_term(o)

    def check(data, focus, values):
        theirs = data.objects(focus, other)
        bad = [v for v in values if v in theirs]
        return [("DisjointConstraintComponent", v) for v in bad] if bad else None

    return check


def _b_less_than(c, node, o):
    other = to_term(o)

    def check(data, focus, values):
        bad = []
        for v in values:
            for w in data.objects(focus, other):
                a, b = numeric(v), numeric(w)
                if a is None or b is None or not a < b:
                    bad.append(("LessThanConstraintComponent", v))
        return bad or None

    return check


def _b_unique_lang(c, node, o):
    if not bool(o.toPython()):
        return lambda data, focus, values: None

    def check(data, focus, values):
        if len(values) < 2:
            return None
        seen: dict[str, int] = {}
        for v in values:
            if v[0] == '"':
                lang = literal_parts(v)[1].lower()
                if lang:
                    seen[lang] = seen.get(lang, 0) + 1
        bad = [("UniqueLangConstraintComponent", None) for count in seen.values() if count > 1]
        return bad or None

    return check


def _b_language_in(c, node, o):
    ranges = [str(r).lower() for r in c.items(o)]

    def ok(v: Term) -> bool:
        if v[0] != '"':
            return False
        lang = literal_parts(v)[1].lower()
        return bool(lang) and any(r == "*" or lang == r or lang.startswith(r + "-") for r in ranges)

    return _value_check("LanguageInConstraintComponent", ok)


def _b_range(component: str, compare: Callable):
    def builder(c, node, o):
        bound = numeric(to_term(o))

        def ok(v: Term) -> bool:
            value = numeric(v)
            return value is not None and bound is not None and compare(value, bound)

        return _value_check(component, ok)

    return builder


def _b_length(component: str, compare: Callable):
    def builder(c, node, o):
        n = int(o)
        return _value_check(component, lambda v: v[0] != "_" and compare(len(string_value(v)), n))

    return builder


def _b_node(c, node, o):
    return _shape_value_check("NodeConstraintComponent", [c.shape(o)], lambda n: n == 1)


def _b_not(c, node, o):
    return _shape_value_check("NotConstraintComponent", [c.shape(o)], lambda n: n == 0)


def _b_and(c, node, o):
    shapes = c.node_list(o)
    return _shape_value_check("AndConstraintComponent", shapes, lambda n, k=len(shapes): n == k)


def _b_or(c, node, o):
    return _shape_value_check("OrConstraintComponent", c.node_list(o), lambda n: n >= 1)


def _b_xone(c, node, o):
    return _shape_value_check("XoneConstraintComponent", c.node_list(o), lambda n: n == 1)


def _shape_value_check(component: str, shapes: list[Shape], ok: Callable[[int], bool]) -> Callable:
    def check(data, focus, values):
        bad = [v for v in values if not ok(sum(1 for s in shapes if conforms(data, s, v)))]
        return [(component, v) for v in bad] if bad else None

    return check


def _b_qualified(c, node, o):
    shape = c.shape(o)
    low = c.g.value(node, SH.qualifiedMinCount)
    high = c.g.value(node, SH.qualifiedMaxCount)
    low = int(low) if low is not None else None
    high = int(high) if high is not None else None
    if c.g.value(node, SH.qualifiedValueShapesDisjoint) == rdflib.Literal(True):
        raise Unsupported(f"{node}: sh:qualifiedValueShapesDisjoint is not implemented")

    def check(data, focus, values):
        n = sum(1 for v in values if conforms(data, shape, v))
        bad = []
        if low is not None and n < low:
            bad.append(("QualifiedMinCountConstraintComponent", None))
        if high is not None and n > high:
            bad.append(("QualifiedMaxCountConstraintComponent", None))
        return bad or None

    return check


_BUILDERS: dict = {
    SH.minCount: _b_min_count,
    SH.maxCount: _b_max_count,
    SH["class"]: _b_class,
    SH.datatype: _b_datatype,
    SH.nodeKind: _b_node_kind,
    SH.pattern: _b_pattern,
    SH["in"]: _b_in,
    SH.hasValue: _b_has_value,
    SH.equals: _b_equals,
    SH.disjoint: _b_disjoint,
    SH.lessThan: _b_less_than,
    SH.uniqueLang: _b_unique_lang,
    SH.languageIn: _b_language_in,
    SH.minInclusive: _b_range("MinInclusiveConstraintComponent", lambda a, b: a >= b),
    SH.maxInclusive: _b_range("MaxInclusiveConstraintComponent", lambda a, b: a <= b),
    SH.minExclusive: _b_range("MinExclusiveConstraintComponent", lambda a, b: a > b),
    SH.maxExclusive: _b_range("MaxExclusiveConstraintComponent", lambda a, b: a < b),
    SH.minLength: _b_length("MinLengthConstraintComponent", lambda a, b: a >= b),
    SH.maxLength: _b_length("MaxLengthConstraintComponent", lambda a, b: a <= b),
    SH.node: _b_node,
    SH["not"]: _b_not,
    SH["and"]: _b_and,
    SH["or"]: _b_or,
    SH.xone: _b_xone,
    SH.qualifiedValueShape: _b_qualified,
}


@dataclass(frozen=True)
class Shapes:
    """The compiled shapes graph: the shapes with targets (others are reached through them)."""

    roots: tuple[Shape, ...]


def compile_shapes(graph: rdflib.Graph) -> Shapes:
    compiler = _Compiler(graph)
    roots = []
    for node in sorted(set(graph.subjects(SH.targetClass, None)) | set(graph.subjects(SH.targetNode, None)), key=str):
        roots.append(compiler.shape(node))
    for node in set(graph.subjects(RDF.type, SH.NodeShape)) | set(graph.subjects(RDF.type, SH.PropertyShape)):
        compiler.shape(node)  # compile every shape, so an unsupported feature anywhere is reported
    for shape in compiler.shapes.values():
        if shape.sparql and shape not in roots:
            raise Unsupported(f"{shape.id}: sh:sparql is implemented on shapes with targets only")
    return Shapes(tuple(roots))


@lru_cache(maxsize=4)
def default_shapes(ontology_dir: Path = ONTOLOGY_DIR) -> Shapes:
    return compile_shapes(rdflib.Graph().parse(ontology_dir / "shapes.ttl", format="turtle"))


# --- evaluation ----------------------------------------------------------------------------------


def value_nodes(data: Data, shape: Shape, focus: Term) -> list[Term]:
    """The value nodes of ``shape`` for ``focus`` (distinct; callers must not change the list)."""
    path = shape.path
    if path is None:
        return [focus]
    if len(path) == 1:
        predicate, inverse = path[0]
        nodes = data.subjects_of(focus, predicate) if inverse else data.objects(focus, predicate)
    else:
        nodes = [focus]
        for predicate, inverse in path:
            nxt: list[Term] = []
            for n in nodes:
                nxt.extend(data.subjects_of(n, predicate) if inverse else data.objects(n, predicate))
            nodes = nxt
    if len(nodes) > 1 and len(set(nodes)) < len(nodes):
        nodes = list(dict.fromkeys(nodes))
    return nodes


def conforms(data: Data, shape: Shape, focus: Term) -> bool:
    if shape.sparql:
        raise Unsupported("sh:sparql inside a nested shape is not implemented")
    values = value_nodes(data, shape, focus)
    for check in shape.checks:
        if check(data, focus, values):
            return False
    for prop in shape.properties:
        if not conforms(data, prop, focus):
            return False
    return True


def _evaluate(data: Data, shape: Shape, focus_nodes: list[Term], out: list[Result]) -> None:
    """Every check of ``shape`` (and of its property shapes) on every focus node, shape by shape."""
    checks = shape.checks
    if checks:
        path = shape.path
        tables = None
        if path is not None and len(path) == 1 and not path[0][1]:  # one predicate, forwards: the usual case
            tables = [t for t in (index.out.get(path[0][0]) for index in data.indexes) if t]
        for focus in focus_nodes:
            if tables is None:
                values = value_nodes(data, shape, focus)
            elif len(tables) == 1:
                values = tables[0].get(focus, NO_TERMS)
                if len(values) > 1 and len(set(values)) < len(values):
                    values = list(dict.fromkeys(values))
            else:
                values = [v for t in tables for v in t.get(focus, ())]
                if len(values) > 1 and len(set(values)) < len(values):
                    values = list(dict.fromkeys(values))
            for check in checks:
                found = check(data, focus, values)
                if found:
                    out.extend(Result(focus, shape.path_text, shape.message, shape.severity, component, value, shape.id) for component, value in found)
    for prop in shape.properties:
        _evaluate(data, prop, focus_nodes, out)


def _focus_nodes(data: Data, shape: Shape, only: Index | None) -> list[Term]:
    nodes: dict[Term, None] = {}
    for cls in shape.targets:
        nodes.update(dict.fromkeys(data.instances(cls, only)))
    for n in shape.target_nodes:
        if only is None or any(n in by_subject for by_subject in only.out.values()):
            nodes[n] = None
    return list(nodes)


def _sparql_store(data: Data, constraints: list[SparqlConstraint]) -> ox.Store:
    """A store with only the statements the queries can match (their predicates)."""
    predicates: set[Term] = set()
    for constraint in constraints:
        predicates |= constraint.predicates
    store = ox.Store()
    lines = [line for index in data.indexes for line in index.lines(predicates)]
    if lines:
        store.load(("\n".join(lines) + "\n").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def _run_sparql(store: ox.Store, shape: Shape, constraint: SparqlConstraint, focus: list[Term]) -> list[Result]:
    values = " ".join(focus)
    query = re.sub(r"(?i)\bWHERE\s*\{", lambda m: m.group(0) + f" VALUES ?this {{ {values} }} ", constraint.query, count=1)
    solutions = store.query(query)
    has_value = "value" in {v.value for v in solutions.variables}
    out = []
    for solution in solutions:
        value = solution["value"] if has_value else None
        out.append(Result(_ox_term(solution["this"]), shape.path_text, constraint.message, constraint.severity,
                          "SPARQLConstraintComponent", _ox_term(value) if value is not None else None, shape.id))
    return out


def _ox_term(term) -> Term:
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def check(data: Data, shapes: Shapes, only: Index | None = None) -> list[Result]:
    """Every result of every shape over ``data`` (focus nodes typed in ``only``, when given)."""
    results: list[Result] = []
    pending: list[tuple[Shape, SparqlConstraint, list[Term]]] = []
    for shape in shapes.roots:
        focus = _focus_nodes(data, shape, only)
        if not focus:
            continue
        _evaluate(data, shape, focus, results)
        pending.extend((shape, constraint, focus) for constraint in shape.sparql)
    if pending:
        store = _sparql_store(data, [c for _, c, _ in pending])
        for shape, constraint, focus in pending:
            results.extend(_run_sparql(store, shape, constraint, focus))
    return results


def check_lines(lines: Iterable[str], shapes: Shapes | None = None) -> tuple[list[Result], int]:
    """Validate one graph given as N-Triples lines; returns the results and the number of distinct triples."""
    index = Index.from_lines(lines)
    return check(Data(index), shapes or default_shapes()), index.count


def check_ntriples(data: bytes | str, shapes: Shapes | None = None) -> tuple[list[Result], int]:
    """Validate any N-Triples document (canonicalised by pyoxigraph first, so any spelling is accepted)."""
    canonical = ox.serialize(ox.parse(data, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES)
    return check_lines((line for line in canonical.decode("utf-8").split("\n") if line), shapes)
