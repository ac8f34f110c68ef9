"""Responsibility gap analysis: which GCM objectives a country leaves without a clear owner.

The rules read only the networkx projection (:func:`kg.projection.project`):
the country node ``mkgid:country/<ISO3>``, node attributes ``kind``, ``code``,
``label`` (plus ``actor_type`` on actors; ``objective``, ``action``, ``role``,
``category``, ``source``, ``line``, ``actor``, ``country`` on responsibilities;
``number``, ``short_label`` on objectives) and the relations ``in_country``, ``actor``,
``part_of``, ``member_of``, ``in_scope``, ``broader`` and ``aligns_with`` (an
edge's ``rel``, which the projection also uses as its key). Any store that can
build an equivalent graph (e.g. from Neo4j) gets the same results.

One country's part of the graph is read once, in one walk from its country node
(:func:`index_country`), into a frozen :class:`CountryIndex`; every rule is then a
small pure function of one objective's :class:`ObjectiveView` (or of the index, for
categories). :func:`analyse_all` finds every country's responsibilities in one scan
of the nodes instead, with the same results (see there).

Definitions (per country, per GCM objective O; see docs/gaps.md):

* ``R(O)``: the responsibility rows for O, objective-level and action-level
  (a ``6.c`` row counts for objective 6); ``Actors(O)``: their distinct actors.
* gap flags: ``uncovered`` (R(O) empty), ``no_lead`` (no row ``lead``/``co-lead``);
* partial flags: ``contested_lead`` (two or more distinct ``lead`` actors),
  ``uncoordinated`` (two or more government actors, and no coordination body
  counts all of them as members, membership inherited along ``part_of``);
* warnings: ``single_actor``, ``no_civil_society``, ``unsourced``;
* beyond objectives: ``category_uncovered`` and SDG targets ``at_risk``.

A small graph to show the whole analysis (:func:`example_graph` builds it with
the same code as the real projection):

>>> g = example_graph(
...     actors=["mol ministry name=Ministry_of_Labour", "bureau department parent=mol",
...             "mofa ministry", "tf coordination_body", "ngo civil_society"],
...     rows=["mol 6 lead category=outward", "bureau 6.c support category=outward",
...           "mofa 14 lead", "ngo 3 support source="],
...     members=["tf mol", "tf mofa"], scope=["international", "internal"])
>>> result = analyse(g, "XYZ")
>>> [(o.number, o.status, [f.type for f in o.flags]) for o in result.objectives if o.rows]
[(3, 'gap', ['no_lead', 'single_actor', 'unsourced']), (6, 'covered', ['no_civil_society']), (14, 'covered', ['single_actor', 'no_civil_society'])]
>>> [(c.id, [f.type for f in c.flags]) for c in result.categories]
[('international', []), ('internal', ['category_uncovered'])]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from operator import itemgetter
from types import MappingProxyType
from typing import AbstractSet, Callable, Collection, Iterable, Mapping, NamedTuple, Optional

import networkx as nx

from kg import namespaces as ns
from kg.perf import paused_gc
from kg.vocab import GOVERNMENT_TYPES

LEAD_ROLES = ("lead", "co-lead")
"""Roles that give an objective an accountable owner (``no_lead`` is false when one is held)."""
_LEAD_ROLES = frozenset(LEAD_ROLES)

WHOLE_OF_SOCIETY_TYPES = ("civil_society", "private_sector", "academia", "media")
"""Actor types that satisfy the GCM whole-of-society principle (``no_civil_society``)."""

ROLE_ORDER = ("lead", "co-lead", "support", "consulted", "informed")
"""Order of roles inside a coverage-matrix cell (unknown roles follow, alphabetically)."""

SEVERITY = {
    "uncovered": "gap",
    "no_lead": "gap",
    "contested_lead": "partial",
    "uncoordinated": "partial",
    "single_actor": "warning",
    "no_civil_society": "warning",
    "unsourced": "warning",
    "category_uncovered": "gap",
}
"""Severity of each flag type: ``gap`` and ``partial`` set an objective's status, ``warning`` does not."""

STATUSES = ("gap", "partial", "covered")


# --- the per-country index --------------------------------------------------------------


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
    def _target_results(self) -> tuple[tuple["TargetResult", "TargetResult"], ...]:
        """Each target's result when not at risk and when at risk: immutable, so every country shares them."""
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


# --- flags ------------------------------------------------------------------------------


class Flag(NamedTuple):
    """One finding, with the actors, rows (``responsibilities.csv`` lines) and bodies that decided it."""

    type: str
    explanation: str
    actors: tuple[str, ...] = ()
    lines: tuple[int, ...] = ()
    bodies: tuple[str, ...] = ()

    @property
    def severity(self) -> str:
        return SEVERITY[self.type]

    def to_dict(self) -> dict:
        return {
            "type": self.type, "severity": self.severity, "explanation": self.explanation,
            "actors": list(self.actors), "lines": list(self.lines), "bodies": list(self.bodies),
        }


def _lines(rows: Iterable[Row], distinct: bool = False) -> tuple[int, ...]:
    """The rows' lines, each once; ``rows`` in :attr:`CountryIndex.rows` order, so ascending.
    ``distinct``: no two of the country's rows share a line (rows read from one CSV), so none is dropped."""
    return tuple(map(_LINE, rows)) if distinct else tuple(dict.fromkeys(map(_LINE, rows)))


class _NumberTexts(dict):
    """``str`` of small non-negative ints, kept once made: explanations write ≈ 200,000 line
    numbers on 190 synthetic countries, and a dict lookup costs a third of ``str(int)``."""

    def __missing__(self, number: int) -> str:
        text = str(number)
        if type(number) is int and 0 <= number < 100_000:  # line numbers; anything else is not kept
            self[number] = text
        return text


_line_text = _NumberTexts().__getitem__


def _row_items(rows: Iterable[Row]) -> dict[str, str]:
    """Actor id -> ``lead (line 2), support on 6.c (line 5)``."""
    grouped: dict[str, list[str]] = {}
    for _, actor, _, action, role, _, _, line in rows:
        item = f"{role} on {action} (line {_line_text(line)})" if action else f"{role} (line {_line_text(line)})"
        items = grouped.get(actor)
        if items is None:
            grouped[actor] = [item]
        else:
            items.append(item)
    return {a: ", ".join(items) for a, items in grouped.items()}


def _describe_rows(view: ObjectiveView, rows: Iterable[Row]) -> str:
    """``mol (Ministry of Labour): lead (line 2), support on 6.c (line 5); ngo: ...``, grouped by actor."""
    who = view.country._labels.get
    return "; ".join([f"{who(a, a)}: {items}" for a, items in _row_items(rows).items()])


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def uncovered(view: ObjectiveView) -> Flag | None:
    """Gap: no responsibility row names the objective or any of its actions.

    >>> g = example_graph(actors=["mol ministry"], rows=["mol 6.c support"])
    >>> idx = index_country(g, "XYZ")
    >>> uncovered(idx.objective(7)).explanation
    'no actor has a responsibility for objective 7 (Vulnerabilities) or any of its actions in Tinyland'
    >>> uncovered(idx.objective(6)) is None   # the action-level row 6.c covers objective 6
    True
    """
    if view.rows:
        return None
    return Flag("uncovered", f"no actor has a responsibility for objective {view.number} ({_short(view)}) or any of its actions in {view.country.name}")


def no_lead(view: ObjectiveView) -> Flag | None:
    """Gap: the objective has rows but none with role ``lead`` or ``co-lead`` (nobody is accountable).

    >>> g = example_graph(actors=["mol ministry", "ngo civil_society"], rows=["mol 6 support", "ngo 6 consulted", "mol 14 co-lead"])
    >>> idx = index_country(g, "XYZ")
    >>> print(no_lead(idx.objective(6)).explanation)
    objective 6 has 2 responsibility rows but none with role lead or co-lead: mol: support (line 2); ngo: consulted (line 3)
    >>> no_lead(idx.objective(14)) is None, no_lead(idx.objective(7)) is None   # a co-lead is a lead; no rows is 'uncovered'
    (True, True)
    """
    if not view.rows or not _LEAD_ROLES.isdisjoint(map(_ROLE, view.rows)):
        return None
    return Flag(
        "no_lead",
        f"objective {view.number} has {_plural(len(view.rows), 'responsibility row')} but none with role lead or co-lead: {_describe_rows(view, view.rows)}",
        view.actors, view.lines,
    )


def contested_lead(view: ObjectiveView) -> Flag | None:
    """Partial: two or more distinct actors hold role ``lead`` (co-leads do not count).

    >>> g = example_graph(actors=["mol ministry", "mofa ministry"], rows=["mol 6 lead", "mofa 6.c lead", "mol 14 co-lead", "mofa 14 co-lead"])
    >>> idx = index_country(g, "XYZ")
    >>> flag = contested_lead(idx.objective(6))
    >>> flag.severity, flag.actors, flag.lines
    ('partial', ('mol', 'mofa'), (2, 3))
    >>> contested_lead(idx.objective(14)) is None   # two co-leads share the lead by design
    True
    """
    leads = [r for r in view.rows if r[4] == "lead"]  # r.role
    if len(leads) < 2:
        return None
    actors = tuple(dict.fromkeys(map(_ACTOR, leads)))
    if len(actors) < 2:
        return None
    return Flag(
        "contested_lead",
        f"{len(actors)} actors each hold role lead for objective {view.number}: {_describe_rows(view, leads)}; "
        "one accountable lead is expected (mark shared leadership as co-lead)",
        actors, _lines(leads, view.country._distinct_lines),
    )


def uncoordinated(view: ObjectiveView) -> Flag | None:
    """Partial: two or more government actors share the objective and no single coordination
    body counts all of them as members (an actor is counted when it, or an ancestor on its
    ``parent`` chain, has a membership row in the body).

    >>> g = example_graph(actors=["mol ministry", "bureau department parent=mol", "mofa ministry", "ngo civil_society",
    ...                           "tf coordination_body name=Taskforce"],
    ...                   rows=["bureau 6 lead", "mofa 6 support", "ngo 6 support", "mol 10 lead", "mofa 10 support"],
    ...                   members=["tf mofa", "tf ngo"])
    >>> idx = index_country(g, "XYZ")
    >>> print(uncoordinated(idx.objective(6)).explanation)
    government actors bureau, mofa share objective 6 (lines 2, 3) but no coordination body counts both as members: tf (Taskforce) counts only mofa
    >>> _ = g.add_edge("mkgid:XYZ/actor/mol", "mkgid:XYZ/actor/tf", key="member_of", rel="member_of", role="member", line=4)
    >>> uncoordinated(index_country(g, "XYZ").objective(6)) is None   # bureau now counts through its parent mol
    True
    """
    country = view.country
    gov = country.government
    government = [a for a in view.actors if a in gov]
    if len(government) < 2:
        return None
    bodies_of = country._bodies
    common = bodies_of[government[0]]
    for a in government[1:]:
        if not common:
            break
        common = common.intersection(bodies_of[a])
    if common:  # one body counts every government actor
        return None
    bodies = []  # (body, the government actors it counts), in body id order
    for body, named in country._counted_by:
        members = [named[a] for a in government if a in named]
        if members:
            bodies.append((body, members))
    if len(government) == len(view.actors):
        lines = view.lines
    else:  # the lines of the government actors' rows
        lines = _lines([r for r in view.rows if r[1] in gov], country._distinct_lines)  # r.actor
    all_of = "both" if len(government) == 2 else f"all {len(government)}"
    labels = country._labels
    if bodies:
        counted = "; ".join([f"{labels.get(b, b)} counts only {', '.join(m)}" for b, m in bodies])
    else:
        counted = "none of them is a member of any coordination body"
    return Flag(
        "uncoordinated",
        f"government actors {', '.join(map(labels.__getitem__, government))} share objective {view.number} "
        f"(lines {', '.join(map(_line_text, lines))}) but no coordination body counts {all_of} as members: {counted}",
        tuple(government), lines, tuple([b for b, _ in bodies]),
    )


def single_actor(view: ObjectiveView) -> Flag | None:
    """Warning: exactly one actor holds the objective.

    >>> g = example_graph(actors=["mofa ministry name=Ministry_of_Foreign_Affairs", "mol ministry"],
    ...                   rows=["mofa 14 lead", "mofa 14.b support", "mol 6 lead", "mofa 6 support"])
    >>> idx = index_country(g, "XYZ")
    >>> single_actor(idx.objective(14)).explanation
    'only mofa (Ministry of Foreign Affairs) holds objective 14: lead (line 2), support on 14.b (line 3)'
    >>> single_actor(idx.objective(6)) is None
    True
    """
    if len(view.actors) != 1:
        return None
    (actor,) = view.actors
    roles = _row_items(view.rows)[actor]
    return Flag("single_actor", f"only {view.country.who(actor)} holds objective {view.number}: {roles}", view.actors, view.lines)


def no_civil_society(view: ObjectiveView) -> Flag | None:
    """Warning: the objective has rows but no civil-society, private-sector, academic or media actor
    (the GCM whole-of-society principle).

    >>> g = example_graph(actors=["mol ministry", "uni academia", "iom international_organization"],
    ...                   rows=["mol 6 lead", "iom 6 support", "mol 7 lead", "uni 7 consulted"])
    >>> idx = index_country(g, "XYZ")
    >>> no_civil_society(idx.objective(6)).explanation
    'none of the 2 actors of objective 6 is civil society, private sector, academia or media: mol (ministry), iom (international_organization)'
    >>> no_civil_society(idx.objective(7)) is None, no_civil_society(idx.objective(8)) is None
    (True, True)
    """
    if not view.rows:
        return None
    if not view.country.whole_of_society.isdisjoint(view.actors):
        return None
    actors = view.country.actors
    listed = ", ".join(
        f"{a} ({actors[a].name}, {actors[a].type})" if a in actors and actors[a].name != a else f"{a} ({actors[a].type if a in actors else '?'})"
        for a in view.actors
    )
    who = f"the only actor of objective {view.number}" if len(view.actors) == 1 else f"none of the {len(view.actors)} actors of objective {view.number}"
    verb = "is not" if len(view.actors) == 1 else "is"
    return Flag(
        "no_civil_society",
        f"{who} {verb} civil society, private sector, academia or media: {listed}",
        view.actors, view.lines,
    )


def unsourced(view: ObjectiveView) -> Flag | None:
    """Warning: some row for the objective cites no source.

    >>> g = example_graph(actors=["mol ministry"], rows=["mol 6 lead", "mol 6.c support source=", "mol 7 lead"])
    >>> idx = index_country(g, "XYZ")
    >>> unsourced(idx.objective(6)).explanation
    '1 of 2 rows for objective 6 cites no source: mol: support on 6.c (line 3)'
    >>> unsourced(idx.objective(7)) is None
    True
    """
    if all(map(_SOURCE, view.rows)):
        return None
    missing = [r for r in view.rows if not r[6]]  # r.source
    return Flag(
        "unsourced",
        f"{len(missing)} of {_plural(len(view.rows), 'row')} for objective {view.number} {'cites' if len(missing) == 1 else 'cite'} no source: {_describe_rows(view, missing)}",
        tuple(dict.fromkeys(r.actor for r in missing)), _lines(missing, view.country._distinct_lines),
    )


OBJECTIVE_RULES: tuple[Callable[[ObjectiveView], Flag | None], ...] = (
    uncovered, no_lead, contested_lead, uncoordinated, single_actor, no_civil_society, unsourced,
)
"""The per-objective rules, in the order their flags are listed."""


def status(flags: Iterable[Flag]) -> str:
    """``gap`` if a gap-level flag holds, else ``partial`` if a partial-level one does, else ``covered``.

    >>> status([Flag("single_actor", "")]), status([Flag("uncoordinated", ""), Flag("no_lead", "")])
    ('covered', 'gap')
    """
    severities = {SEVERITY[f.type] for f in flags}
    return "gap" if "gap" in severities else "partial" if "partial" in severities else "covered"


def category_uncovered(country: CountryIndex, category: str) -> Flag | None:
    """Gap for a category in scope: no responsibility row has it or a narrower category.

    >>> g = example_graph(actors=["mol ministry"], rows=["mol 6 lead category=outward", "mol 7 lead"], scope=["international", "internal", "outward"])
    >>> idx = index_country(g, "XYZ")
    >>> category_uncovered(idx, "international") is None   # covered through the narrower 'outward'
    True
    >>> print(category_uncovered(idx, "internal").explanation)  # doctest: +ELLIPSIS
    category internal (...) is in scope for Tinyland but no responsibility row has it or a narrower category (displacement, rural_urban, seasonal); 1 row has no category
    """
    wanted = country.reference.narrower_or_self(category)
    used, blank = country._category_counts
    if any(c in used for c in wanted):
        return None
    label = country.reference.categories.get(category, category)
    narrower = sorted(wanted - {category})
    return Flag(
        "category_uncovered",
        f"category {category} ({label}) is in scope for {country.name} but no responsibility row has it"
        + (f" or a narrower category ({', '.join(narrower)})" if narrower else "")
        + (f"; {_plural(blank, 'row')} {'has' if blank == 1 else 'have'} no category" if blank else ""),
    )


def at_risk(gap_objectives: AbstractSet[int], objectives: Collection[int]) -> bool:
    """An SDG target is at risk when every GCM objective aligned with it (``objectives``) is
    among those with status ``gap`` (a target with no aligned objective is never at risk).

    >>> at_risk({6, 7}, (6, 7)), at_risk({6}, (6, 8)), at_risk(set(), ())
    (True, False, False)
    """
    return bool(objectives) and gap_objectives.issuperset(objectives)


# --- results -----------------------------------------------------------------------------
# Flags, actors and per-objective, per-category and per-target results are NamedTuples:
# immutable like frozen dataclasses, and about three times cheaper to make (a frozen
# dataclass sets each field through object.__setattr__); 190 countries make ≈ 40,000.


class ObjectiveResult(NamedTuple):
    number: int
    title: str
    short_label: str
    status: str
    flags: tuple[Flag, ...]
    actors: tuple[str, ...]
    rows: int


class CategoryResult(NamedTuple):
    id: str
    label: str
    flags: tuple[Flag, ...]
    covered_through: tuple[str, ...]  # categories of the rows that cover it
    rows: int


class TargetResult(NamedTuple):
    code: str
    title: str
    at_risk: bool
    objectives: tuple[int, ...]


@dataclass(frozen=True)
class CountryGaps:
    """The whole analysis of one country."""

    iso3: str
    name: str
    objectives: tuple[ObjectiveResult, ...]
    categories: tuple[CategoryResult, ...]
    sdg_targets: tuple[TargetResult, ...]

    def summary(self) -> dict:
        counts = Counter(o.status for o in self.objectives)
        return {
            **{s: counts.get(s, 0) for s in STATUSES},
            "categories_uncovered": sum(1 for c in self.categories if c.flags),
            "sdg_targets_at_risk": sum(1 for t in self.sdg_targets if t.at_risk),
            "warnings": sum(1 for o in self.objectives for f in o.flags if f.severity == "warning"),
        }

    def statuses(self) -> dict[int, str]:
        return {o.number: o.status for o in self.objectives}


def analyse_objective(view: ObjectiveView) -> ObjectiveResult:
    flags = tuple([f for rule in OBJECTIVE_RULES if (f := rule(view)) is not None])
    return ObjectiveResult(view.number, view.info.title, view.info.short_label, status(flags), flags, view.actors, len(view.rows))


def analyse_index(country: CountryIndex) -> CountryGaps:
    """Every rule over an index (all objectives in number order, categories in scope, aligned SDG targets)."""
    ref = country.reference
    by_objective, info = country.by_objective, ref.objective_info  # as country.objective(n), without its lookups
    objectives = tuple([analyse_objective(ObjectiveView(info[o.number], by_objective.get(o.number, ()), country)) for o in ref.objectives])
    used = country._category_counts[0]
    categories = []
    for cid in country.categories_in_scope:
        flag = category_uncovered(country, cid)
        through = tuple(sorted(c for c in ref.narrower_or_self(cid) if c in used))
        categories.append(CategoryResult(cid, ref.categories.get(cid, cid), (flag,) if flag else (), through, sum(used[c] for c in through)))
    gap = {o.number for o in objectives if o.status == "gap"}
    targets = tuple([result[at_risk(gap, t.objectives)] for t, result in zip(ref.targets, ref._target_results)])
    return CountryGaps(country.iso3, country.name, objectives, tuple(categories), targets)


def analyse(graph: nx.MultiDiGraph, iso3: str, reference: ReferenceIndex | None = None) -> CountryGaps:
    """The gap analysis of one country in a projection (pass ``reference`` to reuse it across countries)."""
    return analyse_index(index_country(graph, iso3, reference))


def analyse_all(graph: nx.MultiDiGraph) -> list[CountryGaps]:
    """Every country in the graph (ISO3 order), sharing one :class:`ReferenceIndex`;
    the same results as :func:`analyse` of each country.

    One scan of the nodes finds the reference layer and every responsibility, placed
    in a country by its ``country`` attribute and with the actor its ``actor``
    attribute names (:func:`kg.projection.project` and the Neo4j mapping write these
    beside the ``actor`` edge; reading them in node order is about twice as fast as
    walking the edges of 190 countries). A country where a responsibility names an
    actor it does not have, or where some responsibility names no country, is walked
    from its country node instead, as :func:`analyse` does.

    The cyclic garbage collector is paused meanwhile (:func:`kg.perf.paused_gc`): the run
    allocates many small, acyclic objects next to a large graph, and full collections would
    re-walk the graph.

    >>> g = example_graph(actors=["mol ministry"], rows=["mol 6 lead"])
    >>> analyse_all(g) == [analyse(g, "XYZ")]
    True
    """
    with paused_gc():
        reference, found, odd = _scan(graph, collect=True)
        if None in found or None in odd:  # a responsibility without a country attribute: only the edges place it
            return [analyse(graph, iso3, reference) for iso3 in reference.countries]
        # pop each country's rows once used: what is still alive when the collector resumes,
        # it scans (≈ 125,000 tuples on 190 synthetic countries, 50 ms)
        return [
            analyse_index(_index(graph, iso3, reference, found.pop(iso3, []), odd.pop(iso3, ())))
            for iso3 in reference.countries
        ]


@dataclass(frozen=True)
class RankedObjective:
    rank: int
    number: int
    title: str
    gap: tuple[str, ...]  # ISO3 codes of the countries where the objective has status gap
    partial: tuple[str, ...]
    covered: tuple[str, ...]


def rank_objectives(results: Iterable[CountryGaps]) -> list[RankedObjective]:
    """Objectives ranked by how many countries leave them with status ``gap`` (most first; ties
    share a rank and are listed by objective number).

    >>> a = analyse(example_graph("AAA", actors=["m ministry"], rows=["m 6 lead"], objectives={6: "Six", 7: "Seven"}), "AAA")
    >>> b = analyse(example_graph("BBB", actors=["m ministry"], rows=["m 7 support"], objectives={6: "Six", 7: "Seven"}), "BBB")
    >>> [(r.rank, r.number, r.gap) for r in rank_objectives([a, b])]
    [(1, 7, ('AAA', 'BBB')), (2, 6, ('BBB',))]
    """
    results = list(results)
    by_number: dict[int, dict[str, list[str]]] = {}
    titles: dict[int, str] = {}
    for country in results:
        for o in country.objectives:
            titles.setdefault(o.number, o.title)
            by_number.setdefault(o.number, {s: [] for s in STATUSES})[o.status].append(country.iso3)
    order = sorted(by_number, key=lambda n: (-len(by_number[n]["gap"]), n))
    ranked: list[RankedObjective] = []
    for i, n in enumerate(order):
        rank = ranked[-1].rank if ranked and len(ranked[-1].gap) == len(by_number[n]["gap"]) else i + 1
        s = by_number[n]
        ranked.append(RankedObjective(rank, n, titles[n], tuple(sorted(s["gap"])), tuple(sorted(s["partial"])), tuple(sorted(s["covered"]))))
    return ranked


# --- the coverage matrix -----------------------------------------------------------------


@dataclass(frozen=True)
class CoverageMatrix:
    """Objectives × actors; a cell lists the roles an actor holds for the objective (or its actions)."""

    iso3: str
    name: str
    actors: tuple[ActorInfo, ...]  # the actors holding at least one responsibility, in file order
    rows: tuple[tuple[ObjectiveResult, Mapping[str, tuple[str, ...]]], ...]  # (objective, actor id -> roles)


def role_sort_key(role: str) -> tuple:
    return (ROLE_ORDER.index(role), "") if role in ROLE_ORDER else (len(ROLE_ORDER), role)


def coverage_matrix(graph: nx.MultiDiGraph, iso3: str, reference: ReferenceIndex | None = None) -> CoverageMatrix:
    """The objectives × actors matrix of one country, with each objective's gap status.

    >>> m = coverage_matrix(example_graph(actors=["mol ministry", "ngo civil_society"],
    ...                                   rows=["mol 6 lead", "mol 6.c support", "ngo 6 consulted"], objectives={6: "Six", 7: "Seven"}), "XYZ")
    >>> [a.id for a in m.actors], [(o.number, o.status, dict(cells)) for o, cells in m.rows]
    (['mol', 'ngo'], [(6, 'covered', {'mol': ('lead', 'support'), 'ngo': ('consulted',)}), (7, 'gap', {})])
    """
    country = index_country(graph, iso3, reference)
    result = analyse_index(country)
    holding = {r.actor for r in country.rows}
    actors = tuple(a for a in country.actors.values() if a.id in holding)
    rows = []
    for o in result.objectives:
        cells: dict[str, set[str]] = {}
        for r in country.by_objective.get(o.number, ()):
            cells.setdefault(r.actor, set()).add(r.role)
        order = [a.id for a in actors if a.id in cells]
        rows.append((o, {a: tuple(sorted(cells[a], key=role_sort_key)) for a in order}))
    return CoverageMatrix(country.iso3, country.name, actors, tuple(rows))


# --- example graphs (docs, doctests, tests) --------------------------------------------------


def _short(view: ObjectiveView) -> str:
    return view.info.short_label or view.info.title


def _spec(text: str) -> tuple[list[str], dict[str, str]]:
    positional, named = [], {}
    for token in text.split():
        if "=" in token:
            k, _, v = token.partition("=")
            named[k] = v.replace("_", " ") if k == "name" else v
        else:
            positional.append(token)
    return positional, named


EXAMPLE_OBJECTIVES = {
    3: ("Provide accurate and timely information at all stages of migration", "Information provision"),
    6: ("Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work", "Recruitment and decent work"),
    7: ("Address and reduce vulnerabilities in migration", "Vulnerabilities"),
    10: ("Prevent, combat and eradicate trafficking in persons in the context of international migration", "Trafficking"),
    14: ("Enhance consular protection, assistance and cooperation throughout the migration cycle", "Consular protection"),
}


def example_graph(
    iso3: str = "XYZ",
    actors: Iterable[str] = (),
    rows: Iterable[str] = (),
    members: Iterable[str] = (),
    scope: Iterable[str] = (),
    objectives: Mapping[int, str] | None = None,
    aligns: Iterable[tuple[int, str]] = (),
    name: str = "Tinyland",
) -> nx.MultiDiGraph:
    """A small projection-shaped graph, built with :mod:`kg.projection`'s own code, for examples and tests.

    * ``actors``: ``"id type [parent=ID] [name=Words_with_underscores]"``
    * ``rows``: ``"actor objective-or-action role [category=ID] [source=ID]"`` (``source=`` makes it unsourced;
      default source ``doc``)
    * ``members``: ``"body member [role=member]"``
    * ``scope``: category ids in scope; ``objectives``: number -> title (default: a few real ones;
      objectives named by rows or ``aligns`` are added); ``aligns``: ``(objective, SDG target code)`` pairs.
    * rows and memberships get ``line`` 2, 3, … (as if read from a CSV with a header row).

    >>> g = example_graph(actors=["mol ministry"], rows=["mol 6.c lead"])
    >>> g.nodes["mkgid:XYZ/actor/mol"]["actor_type"], sorted(k for _, _, k in g.out_edges("mkgid:XYZ/responsibility/r1", keys=True))
    ('ministry', ['action', 'actor', 'objective', 'source'])
    """
    from kg import projection
    from kg.models import Actor, Country, Membership, Responsibility, SourceRecord
    from kg.vocab import default_vocabulary

    graph = nx.MultiDiGraph()
    projection.add_vocabulary(graph, default_vocabulary())
    titles = {n: t for n, (t, _) in EXAMPLE_OBJECTIVES.items()} if objectives is None else dict(objectives)
    for n in sorted({*titles, *(int(_spec(r)[0][1].split(".")[0]) for r in rows), *(o for o, _ in aligns)}):
        title = titles.get(n, f"GCM objective {n}")
        short = EXAMPLE_OBJECTIVES.get(n, ("", ""))[1] if objectives is None else ""
        graph.add_node(projection.objective_key(n), kind="GCMObjective", label=title, short_label=short, number=n, code=str(n))
    for n, target in aligns:
        tkey = ns.compact(f"{ns.SDG}{target}")
        graph.add_node(tkey, kind="SDGTarget", label=f"SDG target {target}", code=target, goal=target.split(".")[0])
        graph.add_edge(projection.objective_key(n), tkey, key="aligns_with", rel="aligns_with", source="example", rationale="")
    actor_records = []
    for i, text in enumerate(actors):
        (aid, atype), named = _spec(text)
        actor_records.append(Actor(id=aid, name=named.get("name", aid), type=atype, parent=named.get("parent"), line=i + 2))
    resp_records = []
    for i, text in enumerate(rows):
        (actor, target, role), named = _spec(text)
        number = int(target.split(".")[0])
        resp_records.append(Responsibility(
            id=f"r{i + 1}", actor=actor, objective=number, action=target if "." in target else None, role=role,
            category=named.get("category") or None, source=named.get("source", "doc") or None, status="mandated", line=i + 2,
        ))
    member_records = []
    for i, text in enumerate(members):
        (body, member), named = _spec(text)
        member_records.append(Membership(body=body, member=member, role=named.get("role", "member"), source="doc", line=i + 2))
    projection.add_country(graph, Country(
        iso3=iso3, name=name, categories_in_scope=tuple(scope), sources=(SourceRecord(id="doc", title="Example source"),),
        actors=tuple(actor_records), responsibilities=tuple(resp_records), memberships=tuple(member_records),
    ))
    for n in sorted({r.action for r in resp_records if r.action}):
        graph.nodes[projection.action_key(n)].update(kind="GCMAction", label=f"GCM action {n}", code=n, objective=int(n.split(".")[0]))
    return graph

