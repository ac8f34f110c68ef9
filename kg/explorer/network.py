"""The responsibility map: who holds which GCM objective, as an interactive pyvis network.

:func:`map_view` selects what to show for one country and a set of :class:`MapFilters` (migration
category, actor type, role, objective, and the optional layers: SDG targets, instruments,
coordination bodies); :func:`layout` places it on rings, precomputed here so the browser does no
physics (pyvis physics is O(n²) and never settles into something readable at country scale);
:func:`to_html` renders it with pyvis in memory (``Network.generate_html``; no file is written).

The layout, from the centre out: SDG targets (optional), the GCM objectives (1–23 clockwise from the
top), the actors grouped by type (government, coordination bodies, international partners,
society), and instruments (optional). Within a ring, nodes are ordered by the mean angle of what
they link to (barycentre ordering), so edges run mostly radially instead of across the map.

Every string from the data is escaped: tooltips are HTML built with :func:`html.escape` on every
value; canvas labels use vis-network's ``html`` label mode, which decodes only ``&amp;`` and ``&lt;``
(:func:`label_text`); the node and edge arrays enter the page through Jinja's ``tojson``.

>>> from kg.gaps import example_graph
>>> from kg.explorer.data import Explorer
>>> ex = Explorer(example_graph(actors=["mol ministry", "bureau department parent=mol", "ngo civil_society"],
...                             rows=["mol 6 lead category=outward", "bureau 6.c support category=outward", "ngo 3 support"]))
>>> view = map_view(ex, "XYZ", MapFilters(categories=("outward",)))
>>> sorted(n for n, d in view.nodes(data=True) if d["group"] == "actor")
['mkgid:XYZ/actor/bureau', 'mkgid:XYZ/actor/mol']
>>> view.edges["mkgid:XYZ/actor/mol", "mkgid:gcm/objective/6"]["roles"]
('lead',)
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

import networkx as nx

from kg.explorer.data import (
    ACTOR_GROUPS,
    ROLE_COLOUR,
    STATUS_COLOUR,
    Explorer,
    actor_group,
    node_key,
    objective_key,
    role_rank,
)
from kg.gaps import ROLE_ORDER

LAYERS = ("sdg", "instruments", "bodies")
LAYER_LABELS = {"sdg": "SDG targets", "instruments": "policy instruments", "bodies": "coordination bodies and memberships"}
HEIGHT_PX = 760
ROLE_WIDTH = {"lead": 4, "co-lead": 3.5, "support": 2, "consulted": 1.5, "informed": 1}


@dataclass(frozen=True)
class MapFilters:
    """What the map shows. Empty tuples mean "all"."""

    categories: tuple[str, ...] = ()  # a row matches a category or any narrower one; rows without one never match
    actor_types: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    objectives: tuple[int, ...] = ()
    layers: tuple[str, ...] = ()  # any of LAYERS
    gaps_only: bool = False  # only objectives with status gap or partial


def _rows(ex: Explorer, iso3: str, filters: MapFilters):
    idx = ex.index(iso3)
    cats: set[str] = set()
    for c in filters.categories:
        cats |= idx.reference.narrower_or_self(c)
    statuses = ex.gaps(iso3).statuses()
    for r in idx.rows:
        actor = idx.actors.get(r.actor)
        if actor is None:
            continue
        if filters.categories and r.category not in cats:
            continue
        if filters.actor_types and actor.type not in filters.actor_types:
            continue
        if filters.roles and r.role not in filters.roles:
            continue
        if filters.objectives and r.objective not in filters.objectives:
            continue
        if filters.gaps_only and statuses.get(r.objective) == "covered":
            continue
        yield r


def map_view(ex: Explorer, iso3: str, filters: MapFilters = MapFilters()) -> nx.Graph:
    """The nodes and edges to draw, with what the drawing needs (group, colour, label, tooltip facts).

    Node attribute ``group``: ``objective``, ``actor``, ``sdg``, ``instrument``. Edge attribute
    ``kind``: ``responsibility`` (with ``roles`` and ``rows``), ``aligns``, ``addresses``,
    ``issued_by``, ``member_of``.
    """
    idx = ex.index(iso3)
    result = ex.gaps(iso3)
    by_number = {o.number: o for o in result.objectives}
    view = nx.Graph()
    numbers = [o.number for o in result.objectives if not filters.objectives or o.number in filters.objectives]
    if filters.gaps_only:
        numbers = [n for n in numbers if by_number[n].status != "covered"]
    for n in numbers:
        o = by_number[n]
        view.add_node(objective_key(n), group="objective", number=n, status=o.status, title=o.title, short=o.short_label or o.title,
                      flags=tuple(f.type for f in o.flags), actors=len(o.actors))
    shown = set(numbers)
    for r in _rows(ex, iso3, filters):
        if r.objective not in shown:
            continue
        a = idx.actors[r.actor]
        akey = node_key(iso3, "actor", a.id)
        if akey not in view:
            view.add_node(akey, group="actor", id=a.id, name=a.name, type=a.type, short=ex.actor_label(iso3, a.id, short=True))
        okey = objective_key(r.objective)
        if view.has_edge(akey, okey):
            data = view.edges[akey, okey]
            data["rows"] = data["rows"] + (r,)
            data["roles"] = tuple(sorted(set(data["roles"]) | {r.role}, key=role_rank))
        else:
            view.add_edge(akey, okey, kind="responsibility", rows=(r,), roles=(r.role,))
    if "bodies" in filters.layers:
        _add_bodies(ex, iso3, view)
    if "instruments" in filters.layers:
        _add_instruments(ex, iso3, view, shown)
    if "sdg" in filters.layers:
        statuses = result.statuses()
        risk = {t.code: t.at_risk for t in result.sdg_targets}
        for t in idx.reference.targets:
            linked = [n for n in t.objectives if n in shown]
            if not linked:
                continue
            tkey = f"sdg:{t.code}"
            view.add_node(tkey, group="sdg", code=t.code, title=t.title, at_risk=risk.get(t.code, False),
                          aligned=tuple((n, statuses.get(n, "?")) for n in t.objectives))
            for n in linked:
                view.add_edge(tkey, objective_key(n), kind="aligns")
    return view


def _add_bodies(ex: Explorer, iso3: str, view: nx.Graph) -> None:
    """Coordination bodies of the country and their direct members among the actors shown."""
    idx = ex.index(iso3)
    for a in idx.actors.values():
        if a.type != "coordination_body":
            continue
        bkey = node_key(iso3, "actor", a.id)
        members = []
        for member, _, data in ex.graph.in_edges(bkey, data=True):
            if data.get("rel") == "member_of" and member in view:
                members.append((member, data))
        if bkey not in view:
            view.add_node(bkey, group="actor", id=a.id, name=a.name, type=a.type, short=ex.actor_label(iso3, a.id, short=True))
        for member, data in members:
            if member != bkey:
                view.add_edge(member, bkey, kind="member_of", role=str(data.get("role", "member")))


def _add_instruments(ex: Explorer, iso3: str, view: nx.Graph, shown: set[int]) -> None:
    """The country's instruments that address a shown objective (or one of its actions)."""
    g = ex.graph
    for node in ex.nodes_of("PolicyInstrument", iso3):
        data = g.nodes[node]
        targets: set[int] = set()
        issuer = None
        for _, other, edge in g.out_edges(node, data=True):
            rel = edge.get("rel")
            if rel == "addresses":
                od = g.nodes[other]
                number = od.get("number") if od.get("kind") == "GCMObjective" else od.get("objective")
                if number is not None and int(number) in shown:
                    targets.add(int(number))
            elif rel == "issued_by":
                issuer = other
        if not targets:
            continue
        view.add_node(node, group="instrument", id=data.get("code", ""), name=str(data.get("label", "")),
                      type=str(data.get("instrument_type", "")), year=data.get("year", ""))
        for n in sorted(targets):
            view.add_edge(node, objective_key(n), kind="addresses")
        if issuer and issuer in view:
            view.add_edge(node, issuer, kind="issued_by")


# --- layout -------------------------------------------------------------------------------------


def _ring(keys: list[str], radius: float, start: float = -math.pi / 2) -> dict[str, tuple[float, float]]:
    n = max(len(keys), 1)
    return {k: (radius * math.cos(start + 2 * math.pi * i / n), radius * math.sin(start + 2 * math.pi * i / n)) for i, k in enumerate(keys)}


def _mean_angle(points: Iterable[tuple[float, float]]) -> float | None:
    xs = ys = 0.0
    count = 0
    for x, y in points:
        xs, ys, count = xs + x, ys + y, count + 1
    if not count or (abs(xs) < 1e-9 and abs(ys) < 1e-9):
        return None
    # angle measured clockwise from the top, in [0, 2π): the order the objectives are placed in
    return (math.atan2(ys, xs) + math.pi / 2) % (2 * math.pi)


def _ordered_by_neighbours(view: nx.Graph, keys: list[str], pos: Mapping[str, tuple[float, float]]) -> list[str]:
    """Keys sorted by the mean angle of their already-placed neighbours (unlinked ones last, by key)."""
    def sort_key(k: str):
        angle = _mean_angle(pos[n] for n in view.neighbors(k) if n in pos)
        return (angle is None, angle or 0.0, k)

    return sorted(keys, key=sort_key)


def layout(view: nx.Graph) -> dict[str, tuple[float, float]]:
    """x, y of every node: SDG targets inside, objectives, actors grouped by type, instruments outside.

    >>> g = nx.Graph()
    >>> g.add_node("o1", group="objective", number=1); g.add_node("o2", group="objective", number=2)
    >>> g.add_node("a", group="actor", type="ministry"); g.add_edge("a", "o2")
    >>> pos = layout(g)
    >>> round(pos["o1"][0]), pos["o1"][1] < 0    # objective 1 at the top
    (0, True)
    >>> math.hypot(*pos["a"]) > math.hypot(*pos["o1"])   # actors outside the objectives
    True
    """
    groups: dict[str, list[str]] = {}
    for node, data in view.nodes(data=True):
        groups.setdefault(data["group"], []).append(node)
    objectives = sorted(groups.get("objective", []), key=lambda k: view.nodes[k]["number"])
    actors = groups.get("actor", [])
    n_actor_slots = len(actors) + len(ACTOR_GROUPS) + 1
    r_actor = max(520.0, n_actor_slots * 78 / (2 * math.pi))
    r_objective = max(260.0, len(objectives) * 110 / (2 * math.pi), r_actor * 0.6)
    pos: dict[str, tuple[float, float]] = {}
    pos.update(_ring(objectives, r_objective))
    # actors: contiguous arcs per type group (an empty slot between groups), barycentre order inside
    by_group: dict[int, list[str]] = {}
    for k in actors:
        by_group.setdefault(actor_group(view.nodes[k].get("type", ""))[0], []).append(k)
    slots: list[str | None] = []
    for g in sorted(by_group):
        slots += _ordered_by_neighbours(view, by_group[g], pos)
        slots.append(None)
    if slots:
        # rotate the ring so that the actors sit, on average, next to their objectives
        placed = _ring([s or f"__gap{i}" for i, s in enumerate(slots)], r_actor)
        best, best_cost = 0, None
        n = len(slots)
        for shift in range(0, n, max(1, n // 48)):
            cost = 0.0
            for i, k in enumerate(slots):
                if k is None:
                    continue
                x, y = placed[slots[(i + shift) % n] or f"__gap{(i + shift) % n}"]
                for o in view.neighbors(k):
                    if o in pos:
                        cost += math.hypot(x - pos[o][0], y - pos[o][1])
            if best_cost is None or cost < best_cost:
                best, best_cost = shift, cost
        keys = [s or f"__gap{i}" for i, s in enumerate(slots)]
        for i, k in enumerate(slots):
            if k is not None:
                pos[k] = placed[keys[(i + best) % n]]
    targets = groups.get("sdg", [])
    if targets:
        r_sdg = max(120.0, min(r_objective * 0.55, len(targets) * 40 / (2 * math.pi)))
        pos.update(_ring(_ordered_by_neighbours(view, targets, pos), r_sdg))
    instruments = groups.get("instrument", [])
    if instruments:
        pos.update(_ring(_ordered_by_neighbours(view, instruments, pos), r_actor + 230))
    return pos


# --- rendering -------------------------------------------------------------------------------------


def label_text(text: object) -> str:
    """Text for a canvas label in vis-network's ``html`` mode: ``&`` and ``<`` escaped (the two it decodes).

    >>> label_text("R&D <b>x</b>")
    'R&amp;D &lt;b>x&lt;/b>'
    """
    return str(text).replace("&", "&amp;").replace("<", "&lt;")


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _shorten(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _tooltip(title: str, lines: Iterable[str]) -> str:
    """Tooltip HTML: a bold title and lines, every value already escaped by the caller."""
    body = "<br>".join(lines)
    return f"<b>{title}</b>" + (f"<br>{body}" if body else "")


def _node_spec(ex: Explorer, iso3: str, key: str, data: Mapping, selected: str | None) -> dict:
    group = data["group"]
    spec: dict = {"borderWidth": 1}
    if group == "objective":
        colour = STATUS_COLOUR.get(data["status"], "#999999")
        flags = ", ".join(data["flags"]) or "none"
        spec.update(
            label=label_text(f"{data['number']} {_shorten(data['short'], 34)}"), widthConstraint={"maximum": 120}, shape="dot", size=14 + 2 * min(data["actors"], 8),
            color={"background": colour, "border": "#000000" if data["status"] == "gap" else colour, "highlight": {"background": colour, "border": "#000000"}},
            borderWidth=4 if data["status"] == "gap" else 1,
            title=_tooltip(esc(f"GCM objective {data['number']}: {data['short']}"), [
                esc(data["title"]), f"status: <b>{esc(data['status'])}</b>", f"flags: {esc(flags)}", f"actors: {data['actors']}",
            ]),
            font={"size": 13, "face": "sans-serif", "multi": "html", "bold": {"size": 13}},
        )
    elif group == "actor":
        _, group_label, colour = actor_group(data["type"])
        spec.update(
            label=label_text(_shorten(data["short"], 40)), shape="diamond" if data["type"] == "coordination_body" else "dot",
            widthConstraint={"maximum": 110},
            size=12, color={"background": colour, "border": colour},
            title=_tooltip(esc(data["name"]), [esc(f"{data['type'].replace('_', ' ')} ({group_label})"), f"id: {esc(data['id'])}"]),
            font={"size": 13, "face": "sans-serif", "multi": "html"},
        )
    elif group == "sdg":
        at_risk = data["at_risk"]
        spec.update(
            label=label_text(f"SDG {data['code']}"), shape="square", size=8,
            color={"background": "#fdd0a2" if at_risk else "#deebf7", "border": STATUS_COLOUR["gap"] if at_risk else "#6baed6"},
            borderWidth=3 if at_risk else 1,
            title=_tooltip(esc(f"SDG target {data['code']}"), [
                esc(data["title"]), "<b>at risk</b>: every aligned GCM objective is a gap" if at_risk else "not at risk",
                "aligned: " + esc(", ".join(f"{n} ({s})" for n, s in data["aligned"])),
            ]),
            font={"size": 11, "face": "sans-serif", "multi": "html"},
        )
    else:  # instrument
        spec.update(
            label=label_text(_shorten(data["name"].split(" / ")[0], 30)), shape="triangle", size=9,
            color={"background": "#c7e9c0", "border": "#41ab5d"},
            title=_tooltip(esc(data["name"]), [esc(f"{data['type']} {data['year']}".strip()), f"id: {esc(data['id'])}"]),
            font={"size": 11, "face": "sans-serif", "multi": "html"},
        )
    if key == selected:
        spec["borderWidth"] = 6
        spec["size"] = spec.get("size", 12) + 8
        spec["color"] = {**spec["color"], "border": "#ff00aa"}
        spec["font"] = {**spec["font"], "size": spec["font"]["size"] + 4, "bold": {"size": spec["font"]["size"] + 4}}
        spec["label"] = f"<b>{spec['label']}</b>"
    return spec


def _edge_spec(ex: Explorer, iso3: str, u: str, v: str, data: Mapping) -> dict:
    kind = data["kind"]
    if kind == "responsibility":
        top = data["roles"][0]
        lines = []
        for r in data["rows"]:
            source = ex.source(iso3, r.source)
            where = f"{r.role}{' on ' + r.action if r.action else ''}{' (' + r.category + ')' if r.category else ''}"
            cite = source.get("label") or (r.source or "no source")
            lines.append(f"{esc(where)} — line {r.line}; source: {esc(_shorten(str(cite), 70))}")
        actor = ex.actor_label(iso3, ex.node(u).get("code", ""), short=True) if ex.node(u) else u
        return {
            "color": {"color": ROLE_COLOUR.get(top, "#999999"), "highlight": "#ff00aa"},
            "width": ROLE_WIDTH.get(top, 1),
            "dashes": top in ("consulted", "informed"),
            "title": _tooltip(esc(f"{actor} → objective {ex.node(v).get('number', '')}: {', '.join(data['roles'])}"), lines),
        }
    if kind == "aligns":
        return {"color": {"color": "#9ecae1", "highlight": "#ff00aa"}, "width": 1, "title": "aligned with (GCM ↔ SDG)"}
    if kind == "addresses":
        return {"color": {"color": "#74c476", "highlight": "#ff00aa"}, "width": 1, "dashes": [2, 4], "title": "instrument addresses objective"}
    if kind == "issued_by":
        return {"color": {"color": "#41ab5d", "highlight": "#ff00aa"}, "width": 1, "dashes": [6, 3], "title": "issued by"}
    return {"color": {"color": "#b39ddb", "highlight": "#ff00aa"}, "width": 1.5, "dashes": [8, 4], "title": esc(f"member of ({data.get('role', 'member')})")}


def legend_html(filters: MapFilters) -> str:
    """The legend strip above the map (constants only, no data)."""
    def swatch(colour: str, shape: str = "circle", border: str = "") -> str:
        radius = "50%" if shape == "circle" else "0"
        rotate = "transform:rotate(45deg);" if shape == "diamond" else ""
        ring = f"box-shadow:0 0 0 2px {border};" if border else ""
        return f'<span class="sw" style="background:{colour};border-radius:{radius};{rotate}{ring}"></span>'

    def line(colour: str, width: float, dashed: bool = False) -> str:
        style = "dashed" if dashed else "solid"
        return f'<span class="ln" style="border-top:{max(1, round(width))}px {style} {colour}"></span>'

    def item(mark: str, text: str) -> str:
        return f'<span class="it">{mark}{esc(text)}</span>'

    groups = [
        "<b>Objectives</b>" + "".join(item(swatch(STATUS_COLOUR[s], border="#000" if s == "gap" else ""), s) for s in ("gap", "partial", "covered")),
        "<b>Actors</b>" + "".join(
            item(swatch(colour, "diamond" if types == ("coordination_body",) else "circle"), label.split(" (")[0].replace(" / development partner", ""))
            for label, types, colour in ACTOR_GROUPS
        ),
        "<b>Roles</b>" + "".join(item(line(ROLE_COLOUR[r], ROLE_WIDTH[r], r in ("consulted", "informed")), r) for r in ROLE_ORDER),
    ]
    extra = []
    if "sdg" in filters.layers:
        extra.append(item(swatch("#deebf7", "square", "#6baed6"), "SDG target (red border: at risk)"))
    if "instruments" in filters.layers:
        extra.append(item(swatch("#c7e9c0", "square", "#41ab5d"), "instrument"))
    if "bodies" in filters.layers:
        extra.append(item(line("#b39ddb", 1.5, True), "member of"))
    if extra:
        groups.append("<b>Layers</b>" + "".join(extra))
    return "".join(f'<span class="grp">{g}</span>' for g in groups)


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    """vis-network's JavaScript and CSS as shipped inside pyvis (inlined: the map works offline)."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib"
    if not (lib / "vis-9.1.2").is_dir():
        lib = Path(pyvis.__file__).parent / "lib"
    return {
        "vis_js": (lib / "vis-9.1.2" / "vis-network.min.js").read_text(encoding="utf-8"),
        "vis_css": (lib / "vis-9.1.2" / "vis-network.css").read_text(encoding="utf-8"),
        "utils_js": (lib / "bindings" / "utils.js").read_text(encoding="utf-8"),
    }


OPTIONS = {
    "physics": {"enabled": False},
    "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False, "keyboard": False, "multiselect": False},
    "edges": {"smooth": False, "selectionWidth": 2},
    "nodes": {"font": {"multi": "html"}},
    "layout": {"improvedLayout": False},
}


def to_html(ex: Explorer, iso3: str, view: nx.Graph, filters: MapFilters = MapFilters(), selected: str | None = None, height: int = HEIGHT_PX) -> str:
    """The map as one self-contained HTML page (pyvis ``generate_html``; vis-network inlined, no file written)."""
    from jinja2 import DictLoader, Environment
    from pyvis.network import Network

    from kg.explorer.map_template import TEMPLATE

    net = Network(height=f"{height}px", width="100%", bgcolor="#ffffff", cdn_resources="in_line", neighborhood_highlight=True)
    pos = layout(view)
    for key, data in view.nodes(data=True):
        x, y = pos[key]
        net.add_node(key, x=round(x, 1), y=round(y, 1), physics=False, **_node_spec(ex, iso3, key, data, selected))
    for u, v, data in view.edges(data=True):
        if data["kind"] == "responsibility" and view.nodes[u]["group"] != "actor":
            u, v = v, u
        net.add_edge(u, v, **_edge_spec(ex, iso3, u, v, data))
    net.options = dict(OPTIONS)
    env = Environment(loader=DictLoader({"network.html": TEMPLATE}), autoescape=False)
    env.globals["migkg"] = {**_assets(), "legend": legend_html(filters), "selected": selected if selected in view else None,
                            "count": f"{view.number_of_nodes()} nodes, {view.number_of_edges()} edges"}
    net.templateEnv = env
    net.path = "network.html"
    return net.generate_html()


def node_choices(view: nx.Graph) -> list[tuple[str, str]]:
    """(key, label) of every node on the map, objectives first, for the selection box beside it."""
    order = {"objective": 0, "actor": 1, "sdg": 2, "instrument": 3}

    def describe(key: str, d: Mapping) -> str:
        g = d["group"]
        if g == "objective":
            return f"Objective {d['number']}: {d['short']} ({d['status']})"
        if g == "actor":
            return f"{d['name']} ({d['type'].replace('_', ' ')})"
        if g == "sdg":
            return f"SDG target {d['code']}" + (" (at risk)" if d["at_risk"] else "")
        return f"Instrument: {d['name']}"

    items = sorted(view.nodes(data=True), key=lambda kd: (order.get(kd[1]["group"], 9), kd[1].get("number", 0), describe(*kd)))
    return [(k, describe(k, d)) for k, d in items]


def neighbours(ex: Explorer, iso3: str, view: nx.Graph, key: str) -> list[dict]:
    """What a selected node is linked to on the map (with roles and rows for responsibility edges)."""
    out = []
    for other in view.neighbors(key):
        data = view.edges[key, other]
        od = view.nodes[other]
        name = {"objective": lambda: f"{od.get('number')} {od.get('short')}", "actor": lambda: od.get("name"),
                "sdg": lambda: f"SDG {od.get('code')}", "instrument": lambda: od.get("name")}[od["group"]]()
        roles = ", ".join(data.get("roles", ())) if data["kind"] == "responsibility" else data.get("role", "")
        lines = ", ".join(str(r.line) for r in data.get("rows", ()))
        out.append({"linked to": name, "kind": od["group"], "relation": data["kind"].replace("_", " "), "roles": roles, "lines": lines})
    return sorted(out, key=lambda r: (r["kind"], str(r["linked to"])))


def link_rows(view: nx.Graph) -> list[dict]:
    """The map's actor–objective links as a table: actor, objective, roles and spreadsheet lines, by objective."""
    rows = []
    for u, v, d in view.edges(data=True):
        if d["kind"] != "responsibility":
            continue
        actor, objective = (u, v) if view.nodes[u]["group"] == "actor" else (v, u)
        rows.append({"actor": view.nodes[actor]["name"], "objective": view.nodes[objective]["number"],
                     "roles": ", ".join(d["roles"]), "lines": ", ".join(str(r.line) for r in d["rows"])})
    return sorted(rows, key=lambda r: (r["objective"], r["actor"]))


def view_summary(view: nx.Graph) -> str:
    """What the map shows, in words: objectives (gaps), actors and actor–objective links."""
    groups = [d["group"] for _, d in view.nodes(data=True)]
    gaps = sum(1 for _, d in view.nodes(data=True) if d["group"] == "objective" and d["status"] == "gap")
    links = sum(1 for *_, d in view.edges(data=True) if d["kind"] == "responsibility")
    return f"{groups.count('objective')} objectives ({gaps} gaps), {groups.count('actor')} actors, {links} actor–objective links shown."
