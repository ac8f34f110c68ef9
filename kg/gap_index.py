"""The index the gap rules read: one country's actors, memberships and responsibility rows.

:func:`index_country` reads one country in one walk from its country node;
:func:`scan` reads every country's responsibilities in one pass over the nodes and
:func:`index_scanned` builds each country's index from it (what :func:`kg.gaps.analyse_all`
does). Both give the same :class:`CountryIndex`: the rules (:mod:`kg.gaps`) cannot tell them
apart. What the index reads of the networkx projection is listed in :mod:`kg.gaps`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from operator import itemgetter
from types import MappingProxyType
from typing import Callable, Iterable, Mapping, NamedTuple, Optional

import networkx as nx

from kg import namespaces as ns
from kg.gap_examples import example_graph  # noqa: F401 (the doctests build their graphs with it)
from kg.vocab import GOVERNMENT_TYPES

WHOLE_OF_SOCIETY_TYPES = ("civil_society", "private_sector", "academia", "media")
"""Actor types that satisfy the GCM whole-of-society principle (``no_civil_society``)."""


class _cached:
    """:func:`functools.cached_property` without the lock Python 3.11 takes on every first access
    (thousands of views are made per analysis; a view is never shared between threads while new)."""

    def __init__(self, func: Callable) -> None:
        self.func, self.__doc__, self.name = func, func.__doc__, func.__name__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: object, owner: type | None = None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


class Row(NamedTuple):
    """One responsibility row, as the rules need it (a tuple: cheap to build by the hundred)."""

    id: str
    actor: str
    objective: int
    action: str  # "" for an objective-level row
    role: str
    category: str  # "" when the row names none
    source: str  # "" when the row is unsourced
    line: int  # line in responsibilities.csv (0 if unknown)

    @property
    def target(self) -> str:
        """``"6.c"`` for an action-level row, ``"6"`` otherwise."""
        return self.action or str(self.objective)


_ACTOR, _ROLE, _CATEGORY, _SOURCE, _LINE = (itemgetter(i) for i in (1, 4, 5, 6, 7))
_ROW_ORDER = itemgetter(7, 0)  # (line, id): the order of CountryIndex.rows
_ROW_FIELDS = itemgetter("code", "actor", "objective", "action", "role", "category", "source", "line")
"""A responsibility node's attributes, in :class:`Row` order."""
_new_tuple = tuple.__new__


class ActorInfo(NamedTuple):
    """An actor with the coordination bodies that count it as a member.

    ``memberships`` maps each body id to the actor whose membership row puts it
    there: the actor itself or the nearest ancestor on its ``parent`` chain.
    """

    id: str
    name: str
    type: str
    parent: Optional[str] = None
    memberships: Mapping[str, str] = MappingProxyType({})

    @property
    def government(self) -> bool:
        return self.type in GOVERNMENT_TYPES

    def __str__(self) -> str:
        return f"{self.id} ({self.name})" if self.name and self.name != self.id else self.id


@dataclass(frozen=True)
class ObjectiveInfo:
    number: int
    title: str
    short_label: str = ""


@dataclass(frozen=True)
class TargetInfo:
    code: str
    title: str
    objectives: tuple[int, ...]  # aligned GCM objectives, ascending


@dataclass(frozen=True, eq=False)
class ReferenceIndex:
    """What every country shares: objectives, the category tree and GCM↔SDG alignments."""

    objectives: tuple[ObjectiveInfo, ...]
    categories: Mapping[str, str]  # id -> label
    broader: Mapping[str, str]  # id -> broader id
    targets: tuple[TargetInfo, ...]
    countries: tuple[str, ...]  # ISO3 codes with a country node

    @cached_property
    def objective_info(self) -> Mapping[int, ObjectiveInfo]:
        """Number -> :class:`ObjectiveInfo` (the first one, should two share a number)."""
        out: dict[int, ObjectiveInfo] = {}
        for o in self.objectives:
            out.setdefault(o.number, o)
        return out

    @cached_property
    def _narrower(self) -> dict[str, frozenset[str]]:
        return {}

    @cached_property
    def _target_results(self) -> tuple[tuple, ...]:
        """Each target's :class:`kg.gaps.TargetResult` when not at risk and when at risk: immutable,
        so every country analysed with this index shares them."""
        from kg.gaps import TargetResult  # the result type belongs to the rules, which import this module

        return tuple((TargetResult(t.code, t.title, False, t.objectives), TargetResult(t.code, t.title, True, t.objectives)) for t in self.targets)

    def narrower_or_self(self, cid: str) -> frozenset[str]:
        """The category with every category below it (cf. :meth:`kg.vocab.Vocabulary.narrower_or_self`)."""
        cached = self._narrower.get(cid)
        if cached is None:
            cached = self._narrower[cid] = self._compute_narrower_or_self(cid)
        return cached

    def _compute_narrower_or_self(self, cid: str) -> frozenset[str]:
        out = set()
        for c in self.categories:
            seen, node = set(), c
            while node and node not in seen:
                if node == cid:
                    out.add(c)
                    break
                seen.add(node)
                node = self.broader.get(node)
        return frozenset(out | {cid})


@dataclass(frozen=True, eq=False)
class CountryIndex:
    """One country's actors, memberships and responsibility rows, read in one pass."""

    iso3: str
    name: str
    reference: ReferenceIndex
    actors: Mapping[str, ActorInfo]  # in graph (file) order
    rows: tuple[Row, ...]  # every row, sorted by line (then id)
    by_objective: Mapping[int, tuple[Row, ...]]  # each objective's rows in that order; objectives in the order of their first row
    categories_in_scope: tuple[str, ...]

    def objective(self, number: int) -> "ObjectiveView":
        info = self.reference.objective_info.get(number) or ObjectiveInfo(number, f"GCM objective {number}")
        return ObjectiveView(info, self.by_objective.get(number, ()), self)

    @cached_property
    def _distinct_lines(self) -> bool:
        """Whether no two rows share a line (as when every row comes from one responsibilities.csv)."""
        return len(set(map(_LINE, self.rows))) == len(self.rows)

    @cached_property
    def category_rows(self) -> Mapping[str, int]:
        """How many rows name each category (rows without a category are not counted)."""
        return Counter(r.category for r in self.rows if r.category)

    @cached_property
    def _category_counts(self) -> tuple[Mapping[str, int], int]:
        """:attr:`category_rows`, and how many rows name no category."""
        counts = Counter(map(_CATEGORY, self.rows))
        blank = counts.pop("", 0)
        return counts, blank

    @cached_property
    def _bodies(self) -> dict[str, frozenset[str]]:
        """Actor id -> the coordination bodies that count it as a member."""
        return {aid: frozenset(a.memberships) for aid, a in self.actors.items()}

    @cached_property
    def _counted_by(self) -> tuple[tuple[str, dict[str, str]], ...]:
        """Each body (in id order) with the actors it counts, named as explanations name a
        membership: ``{"bureau": "bureau (through mol)", "mol": "mol"}``."""
        counted: dict[str, dict[str, str]] = {}
        for aid, a in self.actors.items():
            for body, holder in a.memberships.items():
                counted.setdefault(body, {})[aid] = aid if holder == aid else f"{aid} (through {holder})"
        return tuple(sorted(counted.items()))

    @cached_property
    def government(self) -> frozenset[str]:
        """Ids of the government actors (:data:`kg.vocab.GOVERNMENT_TYPES`)."""
        return frozenset(aid for aid, a in self.actors.items() if a.type in GOVERNMENT_TYPES)

    @cached_property
    def whole_of_society(self) -> frozenset[str]:
        """Ids of the actors of :data:`WHOLE_OF_SOCIETY_TYPES`."""
        return frozenset(aid for aid, a in self.actors.items() if a.type in WHOLE_OF_SOCIETY_TYPES)

    @cached_property
    def _labels(self) -> dict[str, str]:
        return {aid: str(actor) for aid, actor in self.actors.items()}

    def who(self, actor_id: str) -> str:
        """``mol (Ministry of Labour)``: how explanations name an actor."""
        return self._labels.get(actor_id, actor_id)


@dataclass(frozen=True, eq=False)
class ObjectiveView:
    """R(O) for one objective, with the country around it."""

    info: ObjectiveInfo
    rows: tuple[Row, ...]
    country: CountryIndex

    @property
    def number(self) -> int:
        return self.info.number

    @_cached
    def actors(self) -> tuple[str, ...]:
        """Actors(O): distinct actor ids in order of their first row."""
        return tuple(dict.fromkeys(map(_ACTOR, self.rows)))

    @_cached
    def lines(self) -> tuple[int, ...]:
        """The rows' lines, ascending, each once."""
        return _lines(self.rows, self.country._distinct_lines)


def _has(edges: Mapping, rel: str) -> bool:
    """Whether a bundle of parallel edges (key -> attributes) holds relation ``rel``.

    The projection keys each edge by its ``rel``, so the first test nearly always
    decides; the scan keeps graphs from other stores (other keys) working.
    """
    return rel in edges or any(d.get("rel") == rel for d in edges.values())


def _adjacency(graph: nx.MultiDiGraph) -> tuple[Mapping, Mapping, Mapping]:
    """Nodes, successors and predecessors as plain dicts (networkx's views are slow in tight loops)."""
    return getattr(graph, "_node", graph.nodes), getattr(graph, "_succ", graph.succ), getattr(graph, "_pred", graph.pred)


def reference_index(graph: nx.MultiDiGraph) -> ReferenceIndex:
    """Objectives, categories, alignments and countries: one scan of the graph's nodes.

    >>> ref = reference_index(example_graph(objectives={6: "Recruitment", 7: "Vulnerabilities"}, aligns=[(6, "8.8"), (7, "8.8")]))
    >>> [o.number for o in ref.objectives], ref.targets[0].code, ref.targets[0].objectives, ref.countries
    ([6, 7], '8.8', (6, 7), ('XYZ',))
    >>> sorted(ref.narrower_or_self("internal"))
    ['displacement', 'internal', 'rural_urban', 'seasonal']
    """
    return _scan(graph, collect=False)[0]


_Odd = list[tuple[str, Mapping]]
"""Responsibility nodes ``(node, attributes)`` whose attributes need converting (:func:`_row`)."""


def _scan(graph: nx.MultiDiGraph, collect: bool) -> tuple[ReferenceIndex, dict[Optional[str], list[Row]], dict[Optional[str], _Odd]]:
    """The reference layer and, with ``collect``, every responsibility's row by the node's
    ``country`` attribute (key ``None`` for nodes without one), in one pass over the nodes.

    Rows are read as the scan meets their node (its attributes are then in the CPU cache:
    reading them in a second pass costs twice as much on 190 countries); nodes whose
    attributes need converting are kept apart, as ``(node, attributes)``.
    """
    objectives: list[ObjectiveInfo] = []
    categories: dict[str, str] = {}
    broader: dict[str, str] = {}
    aligned: dict[str, set[int]] = {}
    titles: dict[str, str] = {}
    countries: list[str] = []
    found: dict[Optional[str], list[Row]] = {}
    odd: dict[Optional[str], _Odd] = {}
    nodes, succ, _ = _adjacency(graph)
    for node, data in nodes.items():
        kind = data.get("kind")
        if kind == "Responsibility":  # most nodes: tested first
            if collect:
                row = _read_row(data)
                if row is None:
                    odd.setdefault(data.get("country"), []).append((node, data))
                else:
                    country = data.get("country")
                    rows = found.get(country)
                    if rows is None:
                        found[country] = [row]
                    else:
                        rows.append(row)
        elif kind == "GCMObjective":
            number = int(data["number"])
            objectives.append(ObjectiveInfo(number, str(data.get("label", "")), str(data.get("short_label", ""))))
            for target, edges in succ[node].items():
                if _has(edges, "aligns_with"):
                    tdata = nodes[target]
                    code = str(tdata.get("code", target))
                    titles[code] = str(tdata.get("label", ""))
                    aligned.setdefault(code, set()).add(number)
        elif kind == "MigrationCategory":
            cid = str(data.get("code", node))
            categories[cid] = str(data.get("label", cid))
            for other, edges in succ[node].items():
                if _has(edges, "broader"):
                    broader[cid] = str(nodes[other].get("code", other))
        elif kind == "Country":
            countries.append(str(data.get("code", node)))
    targets = tuple(TargetInfo(code, titles[code], tuple(sorted(aligned[code]))) for code in sorted(aligned, key=target_sort_key))
    reference = ReferenceIndex(tuple(sorted(objectives, key=lambda o: o.number)), categories, broader, targets, tuple(sorted(countries)))
    return reference, found, odd


@dataclass(eq=False)
class Scan:
    """What one pass over the nodes found (:func:`scan`): the reference layer and each country's rows."""

    reference: ReferenceIndex
    rows: dict[Optional[str], list[Row]]  # by the nodes' country attribute
    odd: dict[Optional[str], _Odd]  # nodes whose attributes need converting, likewise

    @property
    def complete(self) -> bool:
        """False when some responsibility has no ``country`` attribute: only the edges can place it."""
        return None not in self.rows and None not in self.odd

    def take(self, iso3: str) -> tuple[list[Row], _Odd]:
        """A country's rows, removed from the scan (once indexed they are the index's)."""
        return self.rows.pop(iso3, []), self.odd.pop(iso3, [])


def scan(graph: nx.MultiDiGraph) -> Scan:
    """The reference layer and every responsibility's row, placed by the node's ``country``
    attribute, in one pass over the nodes (:func:`index_scanned` makes each country's index).

    >>> s = scan(example_graph(actors=["mol ministry"], rows=["mol 6 lead", "mol 7.a support"]))
    >>> s.complete, [(r.actor, r.target, r.role) for r in s.rows["XYZ"]]
    (True, [('mol', '6', 'lead'), ('mol', '7.a', 'support')])
    """
    return Scan(*_scan(graph, collect=True))


def index_scanned(graph: nx.MultiDiGraph, iso3: str, scanned: Scan) -> CountryIndex:
    """:func:`index_country` from a :class:`Scan`: the same index, without walking the
    responsibilities' edges. The country's rows are taken from the scan (index each country once).

    A row whose ``actor`` attribute names an actor the country does not have makes this
    country walk its edges instead, as :func:`index_country` does.

    >>> g = example_graph(actors=["mol ministry"], rows=["mol 6 lead"])
    >>> index_scanned(g, "XYZ", scan(g)).rows == index_country(g, "XYZ").rows
    True
    """
    found, odd = scanned.take(iso3)
    return _index(graph, iso3, scanned.reference, found, odd)


def target_sort_key(code: str) -> tuple:
    """SDG target codes in natural order: ``10.2 < 10.10 < 10.a``.

    >>> sorted(["10.a", "10.10", "8.8", "10.2"], key=target_sort_key)
    ['8.8', '10.2', '10.10', '10.a']
    """
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.]", code))


def index_country(graph: nx.MultiDiGraph, iso3: str, reference: ReferenceIndex | None = None) -> CountryIndex:
    """Walk once from the country node: actors (``in_country``), their parents (``part_of``),
    memberships (``member_of``) and responsibility rows (``actor``), and the categories in scope.

    >>> idx = index_country(example_graph(actors=["mol ministry", "bureau department parent=mol", "tf coordination_body"],
    ...                                   rows=["bureau 6.c support"], members=["tf mol"]), "XYZ")
    >>> idx.actors["bureau"].memberships, idx.by_objective[6][0].action
    ({'tf': 'mol'}, '6.c')
    """
    return _index(graph, iso3, reference or reference_index(graph), None)


def _index(
    graph: nx.MultiDiGraph, iso3: str, reference: ReferenceIndex, found: list[Row] | None = None, odd: _Odd = (),
) -> CountryIndex:
    """:func:`index_country`, taking the rows :func:`_scan` found for the country (``found`` and
    ``odd``) when given, or walking the ``actor`` edges into the country's actors."""
    country_node = ns.compact(ns.country_iri(iso3))
    if country_node not in graph:
        raise KeyError(f"country {iso3!r} is not in the graph; countries: {', '.join(reference.countries) or 'none'}")
    nodes, succ, pred = _adjacency(graph)
    name = str(nodes[country_node].get("label", iso3))
    scope = tuple(
        str(nodes[v].get("code", v)) for v, edges in succ[country_node].items() if _has(edges, "in_scope")
    )
    raw: dict[str, tuple[str, Mapping]] = {}  # actor id -> (node, attributes)
    parents: dict[str, str] = {}
    direct: dict[str, list[str]] = {}
    for actor_node, edges in pred[country_node].items():
        if "in_country" not in edges and not _has(edges, "in_country"):
            continue
        data = nodes[actor_node]
        if data.get("kind") != "Actor":
            continue
        aid = str(data.get("code", actor_node))
        raw[aid] = (actor_node, data)
        for other, out in succ[actor_node].items():
            for k, d in out.items():
                rel = d.get("rel", k)
                if type(rel) is not str:
                    rel = str(rel)
                if rel == "part_of":
                    parents[aid] = str(nodes[other].get("code", other))
                elif rel == "member_of":
                    direct.setdefault(aid, []).append(str(nodes[other].get("code", other)))
    actors: dict[str, ActorInfo] = {}
    for aid, (_, data) in raw.items():
        memberships: dict[str, str] = {}
        if aid in parents or aid in direct:
            seen: set[str] = set()
            holder: str | None = aid
            while holder and holder not in seen:  # the actor, then its parent chain
                seen.add(holder)
                for body in direct.get(holder, ()):
                    memberships.setdefault(body, holder)
                holder = parents.get(holder)
        actors[aid] = ActorInfo(aid, str(data.get("label", aid)), str(data.get("actor_type", "")), parents.get(aid), memberships)
    if found is None or (rows := _placed(found, odd, actors)) is None:
        rows = _walk(nodes, pred, raw)
    groups: dict[int, list[Row]] = {}  # objective -> its rows; objectives in the order of their first row
    for row in rows:
        group = groups.get(row[2])
        if group is None:
            groups[row[2]] = [row]
        else:
            group.append(row)
    by_objective = {objective: tuple(group) for objective, group in groups.items()}
    return CountryIndex(iso3, name, reference, actors, tuple(rows), by_objective, scope)


def _walk(nodes: Mapping, pred: Mapping, actors: Mapping[str, tuple[str, Mapping]]) -> list[Row]:
    """The rows of the responsibility nodes whose ``actor`` edge leads to one of ``actors``
    (the edge decides the row's actor), sorted as :attr:`CountryIndex.rows`."""
    rows: list[Row] = []
    for aid, (actor_node, _) in actors.items():
        for resp_node, into in pred[actor_node].items():
            if "actor" in into or _has(into, "actor"):  # edges keyed by their rel (the projection) decide at once
                r = nodes[resp_node]
                if r.get("kind") == "Responsibility":
                    row = _read_row(r)
                    rows.append(row if row is not None and row[1] == aid else _row(resp_node, aid, r))
    rows.sort(key=_ROW_ORDER)
    return rows


def _placed(found: list[Row], odd: _Odd, actors: Mapping[str, ActorInfo]) -> list[Row] | None:
    """The rows :func:`_scan` placed in a country by their ``country`` attribute, each with the
    actor its ``actor`` attribute names, sorted as :attr:`CountryIndex.rows`; None when one names
    an actor the country does not have (the caller walks the edges instead)."""
    rows = found  # the scan's own list, used once
    for node, r in odd:
        actor = r.get("actor")
        if type(actor) is not str:
            return None
        rows.append(_row(node, actor, r))
    rows.sort(key=_ROW_ORDER)  # first, while the rows are cold: the check below then reads them from cache
    if not actors.keys() >= set(map(_ACTOR, rows)):
        return None
    return rows


def _read_row(r: Mapping) -> Row | None:
    """A responsibility node's :class:`Row` (its actor as its ``actor`` attribute names it) when
    every attribute is there as the projection writes it, text a ``str`` and numbers ``int``;
    None when the attributes need converting (:func:`_row`)."""
    try:
        code, actor, objective, action, role, category, source, line = fields = _ROW_FIELDS(r)
    except KeyError:
        return None
    if type(code) is type(actor) is type(action) is type(role) is type(category) is type(source) is str and type(objective) is type(line) is int:
        return _new_tuple(Row, fields)
    return None


def _row(node: str, actor: str, r: Mapping) -> Row:
    """A :class:`Row` from a responsibility node's attributes, converting each (``None`` -> ``""`` / ``0``)."""
    return Row(  # positional: id, actor, objective, action, role, category, source, line
        str(r.get("code", node)), actor, int(r["objective"]), str(r.get("action") or ""), str(r.get("role", "")),
        str(r.get("category") or ""), str(r.get("source") or ""), int(r.get("line") or 0),
    )


def _lines(rows: Iterable[Row], distinct: bool = False) -> tuple[int, ...]:
    """The rows' lines, each once; ``rows`` in :attr:`CountryIndex.rows` order, so ascending.
    ``distinct``: no two of the country's rows share a line (rows read from one CSV), so none is dropped."""
    return tuple(map(_LINE, rows)) if distinct else tuple(dict.fromkeys(map(_LINE, rows)))
