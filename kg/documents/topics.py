"""Which GCM objective a phrase is about: a small, readable keyword table.

Used by :mod:`kg.documents.relations` when a sentence says an actor "is
responsible for" something without naming a GCM objective: the words of that
something are looked up here. Keys are compared after normalisation
(:func:`kg.documents.textnorm.keys`), so ``recruiting agencies`` and ``recruitment``
need separate entries but plural and British spelling do not.

>>> objectives_in("regulating private recruiting agents and the welfare of migrants abroad")
[6]
>>> objectives_in("remittances and the return and reintegration of migrant workers")
[20, 21]
"""

from __future__ import annotations

from functools import lru_cache

from kg.documents.textnorm import keys

TOPICS: dict[int, tuple[str, ...]] = {
    1: ("migration data", "disaggregated data", "statistics", "database", "information system", "survey"),
    2: ("adverse drivers", "climate change", "disaster", "climate induced", "internal displacement"),
    3: ("information", "awareness", "pre-departure", "orientation", "helpline", "migrant resource center"),
    4: ("legal identity", "passport", "identity document", "travel document", "travel permit", "birth registration"),
    5: ("regular pathways", "overseas employment", "labour migration", "work permit", "employment abroad", "bilateral agreement",
        "memorandum of understanding", "labour market"),
    6: ("recruitment", "recruiting", "recruiter", "decent work", "licensing", "emigration clearance", "employment contract"),
    7: ("vulnerabilities", "vulnerable migrants", "women migrant workers", "gender-responsive"),
    8: ("missing migrants", "save lives", "search and rescue", "dead bodies", "repatriation of remains"),
    9: ("smuggling", "smuggler"),
    10: ("trafficking", "trafficker", "trafficked"),
    11: ("border management", "border", "immigration control"),
    12: ("screening", "referral mechanism", "national referral"),
    13: ("detention", "detained migrants"),
    14: ("consular", "missions abroad", "embassy", "high commission"),
    15: ("basic services", "health care", "access to education"),
    16: ("social cohesion", "inclusion of migrants"),
    17: ("discrimination", "xenophobia", "public discourse"),
    18: ("skills", "skill development", "vocational training", "technical training", "qualifications", "recognition of skills"),
    19: ("diaspora", "sustainable development"),
    20: ("remittance", "financial inclusion", "cash incentive"),
    21: ("return", "reintegration", "readmission", "returnee", "repatriation"),
    22: ("social security", "social protection", "portability", "insurance", "earned benefits"),
    23: ("international cooperation", "global compact", "gcm implementation", "global partnership"),
}


@lru_cache(maxsize=1)
def _index() -> dict[tuple[str, ...], int]:
    return {keys(phrase): number for number, phrases in TOPICS.items() for phrase in phrases}


def objectives_in(text: str, limit: int = 3) -> list[int]:
    """GCM objective numbers whose keywords occur in ``text`` (first occurrence order, at most ``limit``)."""
    ks = keys(text)
    index = _index()
    longest = max(len(k) for k in index)
    found: list[int] = []
    i = 0
    while i < len(ks):
        for size in range(min(longest, len(ks) - i), 0, -1):
            number = index.get(ks[i:i + size])
            if number is not None:
                if number not in found:
                    found.append(number)
                i += size - 1
                break
        i += 1
    return found[:limit]
