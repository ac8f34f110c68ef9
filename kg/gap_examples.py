"""Small projection-shaped graphs for examples, doctests and tests (:func:`example_graph`)."""

from __future__ import annotations

from typing import Iterable, Mapping

import networkx as nx

from kg import namespaces as ns



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
