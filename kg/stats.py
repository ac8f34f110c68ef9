"""Counts that tell a user what the graph holds (``migkg stats``)."""

from __future__ import annotations


def stats(kg) -> dict:
    """Reference counts, the triple count and per-country counts.

    ``responsibilities_sourced`` counts the rows that cite a source; it equals
    ``responsibilities`` when every row is sourced.
    """
    ref = kg.reference
    return {
        "objectives": len(ref.objectives),
        "actions": len(ref.actions),
        "principles": len(ref.principles),
        "sdg_goals": len(ref.goals),
        "sdg_targets": len(ref.targets),
        "sdg_indicators": len({i.uri for i in ref.indicators}),
        "alignments": len(ref.alignments),
        "mgi_domains": len(ref.mgi_domains),
        "triples": kg.triple_count,
        "countries": {
            iso3: {
                "actors": len(c.actors),
                "responsibilities": len(c.responsibilities),
                "responsibilities_sourced": sum(1 for r in c.responsibilities if r.source),
                "instruments": len(c.instruments),
                "coordination_bodies": sum(1 for a in c.actors if a.type == "coordination_body"),
                "memberships": len(c.memberships),
                "sources": len(c.sources),
            }
            for iso3, c in kg.countries.items()
        },
    }
