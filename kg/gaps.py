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
(:func:`index_country`), into a frozen :class:`CountryIndex` (:mod:`kg.gap_index`);
every rule is then a small pure function of one objective's :class:`ObjectiveView`
(or of the index, for categories). :func:`analyse_all` finds every country's
responsibilities in one scan of the nodes instead (:func:`scan`), with the same results.

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

from collections import Counter
from dataclasses import dataclass
from typing import AbstractSet, Callable, Collection, Iterable, Mapping, NamedTuple

import networkx as nx

from kg.gap_examples import EXAMPLE_OBJECTIVES, example_graph
from kg.gap_index import (
    _ACTOR, _ROLE, _SOURCE, WHOLE_OF_SOCIETY_TYPES, ActorInfo, CountryIndex, ObjectiveInfo, ObjectiveView,
    ReferenceIndex, Row, Scan, TargetInfo, _lines, index_country, index_scanned, reference_index, scan, target_sort_key,
)
from kg.perf import paused_gc

__all__ = [  # the index (kg.gap_index) and the example graphs (kg.gap_examples) are part of this interface
    "LEAD_ROLES", "WHOLE_OF_SOCIETY_TYPES", "ROLE_ORDER", "SEVERITY", "STATUSES", "OBJECTIVE_RULES",
    "Row", "ActorInfo", "ObjectiveInfo", "TargetInfo", "ReferenceIndex", "CountryIndex", "ObjectiveView", "Scan",
    "reference_index", "index_country", "scan", "index_scanned", "target_sort_key",
    "Flag", "uncovered", "no_lead", "contested_lead", "uncoordinated", "single_actor", "no_civil_society", "unsourced",
    "status", "category_uncovered", "at_risk",
    "ObjectiveResult", "CategoryResult", "TargetResult", "CountryGaps",
    "analyse_objective", "analyse_index", "analyse", "analyse_all", "RankedObjective", "rank_objectives",
    "CoverageMatrix", "role_sort_key", "coverage_matrix", "EXAMPLE_OBJECTIVES", "example_graph",
]

LEAD_ROLES = ("lead", "co-lead")
"""Roles that give an objective an accountable owner (``no_lead`` is false when one is held)."""
_LEAD_ROLES = frozenset(LEAD_ROLES)

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
        scanned = scan(graph)
        countries = scanned.reference.countries
        if not scanned.complete:  # a responsibility without a country attribute: only the edges place it
            return [analyse(graph, iso3, scanned.reference) for iso3 in countries]
        # index_scanned takes each country's rows out of the scan: what is still alive when the
        # collector resumes, it scans (≈ 125,000 tuples on 190 synthetic countries, 50 ms)
        return [analyse_index(index_scanned(graph, iso3, scanned)) for iso3 in countries]


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


# --- helpers -------------------------------------------------------------------------------


def _short(view: ObjectiveView) -> str:
    return view.info.short_label or view.info.title
