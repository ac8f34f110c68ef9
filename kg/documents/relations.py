"""Candidate relations from simple, explainable sentence patterns.

Each candidate keeps its sentence as evidence, names the pattern that found it
and has status ``extracted``: nothing here is curated data until a reviewer
accepts it (:mod:`kg.documents.review`). Patterns, on one sentence whose
mentions are already linked:

========================  ===============================================================  ======================
pattern                   shape                                                            gives
========================  ===============================================================  ======================
``chaired-by``            BODY … (co-)chaired / headed / convened / led by X (and Y)      membership chair/co-chair
``chairs``                X (co-)chairs BODY · X is the (co-)chair of BODY                  membership chair/co-chair
``joint-leadership``      under the (joint) leadership of X and Y … BODY                    membership co-chair/chair
``member-of``             X (and Y) is/are (a) member(s) of BODY                            membership member
``members-include``       BODY consists of / comprises / includes (members from) X, Y…     membership member
                          (BODY may be named in the sentence before: "Representatives…")
``secretariat``           X as (the Coordinator and) Secretariat … BODY                     membership secretariat
``responsible-for``       X is responsible for / is mandated to / leads / is in charge of Z  responsibility lead
``supported-by``          … supported by / with the assistance of X … Z                      responsibility support
``implemented-by``        implemented by X (in a practice page)                             implements
========================  ===============================================================  ======================

Z is the GCM objective named in the rest of the clause, or else the objectives
whose keywords it contains (:mod:`kg.documents.topics`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from kg.documents.gazetteer import Gazetteer
from kg.documents.model import Mention, Relation
from kg.documents.topics import objectives_in

CHAIRED_BY = re.compile(r"\b(?P<co>co-?)?(?:chaired|headed|convened|led)\s+(?:jointly\s+)?by\b", re.IGNORECASE)
CHAIRS = re.compile(r"\b(?:is|are|was|were|serves as|acts as|as)?\s*(?:the\s+|its\s+)?(?P<co>co-?)?(?:chairs?|chairperson|chairman|chairwoman|convener|head)\b(?:\s+of)?", re.IGNORECASE)
LEADERSHIP = re.compile(r"\b(?P<co>joint\s+|co-?)?leadership\s+of\b", re.IGNORECASE)
MEMBER_OF = re.compile(r"\b(?:is|are|was|were|became|become|as|remains?)\s+(?:a\s+|an\s+|the\s+)?(?:permanent\s+|full\s+)?members?\s+of\b", re.IGNORECASE)
MEMBERS_INCLUDE = re.compile(
    r"\b(?:consists?\s+of|consisting\s+of|comprises?|comprising|composed\s+of|made\s+up\s+of|members\s+(?:include[sd]?|including|are|were|from)|"
    r"(?:will\s+)?include[sd]?|including|representatives\s+(?:will\s+be\s+|are\s+|were\s+)?from)\b(?:\s+members\s+(?:from|of))?",
    re.IGNORECASE,
)
SECRETARIAT = re.compile(r"\b(?:as|serves\s+as|acts\s+as|functions\s+as|is)\s+(?:the\s+|its\s+)?(?:coordinator\s+and\s+)?secretariat\b", re.IGNORECASE)
RESPONSIBLE = re.compile(
    r"\b(?:(?:is|are|was|were|been|be|made|remains?|also|primarily|solely|jointly|directly)\s+)+responsible\s+for\b|"
    r"\b(?:has|have|had|with)\s+(?:the\s+)?(?:statutory\s+|primary\s+|overall\s+|legal\s+)?responsibility\s+(?:for|of)\b|"
    r"\b(?:is|are|was|were|been)\s+mandated\s+to\b|\bin\s+charge\s+of\b|"
    r"\b(?:leads|led|will\s+lead|is\s+leading|to\s+lead)\b(?!\s+by)|\b(?:is|as)\s+(?:the|a)\s+lead(?:ing)?\b",
    re.IGNORECASE,
)
SUPPORTED_BY = re.compile(
    r"\b(?:supported|assisted|facilitated)\s+by\b|\bwith\s+(?:the\s+)?(?:technical\s+|financial\s+)?(?:support|assistance)\s+(?:of|from)\b",
    re.IGNORECASE,
)
IMPLEMENTED_BY = re.compile(r"\bimplemented\s+by\b", re.IGNORECASE)
MAX_SENTENCE = 2000
CLAUSE_END = re.compile(r";|\s+which\s+|\s+who\s+|\s+while\s+|\s+whereas\s+|,\s*(?:supported|assisted|facilitated|funded|financed)\s+by\b")


@dataclass
class _Sentence:
    start: int
    end: int
    text: str
    mentions: list[Mention]


def relation_id(doc_id: str, kind: str, subject: str, predicate: str, obj: str) -> str:
    """A stable candidate id: the same statement from the same document keeps its id across runs.

    >>> relation_id("tbs_2022", "membership", "mkgid:BGD/actor/mofa", "co-chair", "mkgid:BGD/actor/bmct")
    'c-475b8c8dda'
    """
    return "c-" + hashlib.sha1(f"{doc_id}|{kind}|{subject}|{predicate}|{obj}".encode()).hexdigest()[:10]


class _Finder:
    def __init__(self, gaz: Gazetteer, doc_id: str, practice: tuple[str, str] | None):
        self.gaz = gaz
        self.doc_id = doc_id
        self.practice = practice
        self.out: dict[str, Relation] = {}

    # -- helpers -----------------------------------------------------------------

    def is_body(self, m: Mention) -> bool:
        ent = self.gaz.entities.get(m.entity_id)
        return m.entity_type == "Actor" and ent is not None and ent.actor_type == "coordination_body"

    def actors(self, s: _Sentence, lo: int, hi: int) -> list[Mention]:
        return [m for m in s.mentions if m.entity_type == "Actor" and lo <= m.start - s.start and m.end - s.start <= hi]

    def clause_end(self, s: _Sentence, pos: int) -> int:
        m = CLAUSE_END.search(s.text, pos)
        return m.start() if m else len(s.text)

    def objectives(self, s: _Sentence, lo: int, hi: int) -> list[tuple[int, float]]:
        named = [int(self.gaz.entities[m.entity_id].local) for m in s.mentions
                 if m.entity_type == "GCMObjective" and lo <= m.start - s.start < hi]
        if named:
            return [(n, 0.8) for n in dict.fromkeys(named)]
        masked = list(s.text)
        for m in s.mentions:  # words inside a name ("… Overseas Employment") are not the topic
            for i in range(max(m.start - s.start, 0), min(m.end - s.start, len(masked))):
                masked[i] = " "
        return [(n, 0.5) for n in objectives_in("".join(masked)[lo:hi])]

    def add(self, kind: str, subject: Mention, predicate: str, obj_id: str, obj_label: str, role: str, s: _Sentence,
            pattern: str, score: float, objective: int | None = None) -> None:
        if subject.entity_id == obj_id:
            return
        rid = relation_id(self.doc_id, kind, subject.entity_id, predicate, obj_id)
        if rid in self.out and self.out[rid].score >= score:
            return
        self.out[rid] = Relation(
            id=rid, kind=kind, subject=subject.entity_id, predicate=predicate, object=obj_id, object_label=obj_label,
            role=role, sentence=s.text, start=s.start, end=s.end, pattern=pattern, score=round(score, 2), objective=objective,
        )

    def membership(self, member: Mention, body: Mention, role: str, s: _Sentence, pattern: str, score: float) -> None:
        if member.entity_id == body.entity_id:
            return
        self.add("membership", member, role, body.entity_id, body.entity_label, role, s, pattern, score)

    # -- patterns ----------------------------------------------------------------

    def run(self, sentences: list[_Sentence]) -> list[Relation]:
        previous_bodies: list[Mention] = []
        for s in sentences:
            if len(s.text) > MAX_SENTENCE:  # not a sentence (a table, a list without punctuation): no pattern applies
                previous_bodies = []
                continue
            bodies = [m for m in s.mentions if self.is_body(m)]
            self.chair(s, bodies)
            self.members(s, bodies, previous_bodies)
            self.secretariat(s, bodies)
            self.responsibility(s)
            self.implemented(s)
            previous_bodies = bodies
        return list(self.out.values())

    def chair(self, s: _Sentence, bodies: list[Mention]) -> None:
        if not bodies:
            return
        for m in CHAIRED_BY.finditer(s.text):
            before = [b for b in bodies if b.end - s.start <= m.start()]
            if not before:
                continue
            members = [a for a in self.actors(s, m.end(), self.clause_end(s, m.end())) if not self.is_body(a)]
            role = "co-chair" if m.group("co") or len(members) > 1 else "chair"
            for a in members:
                self.membership(a, before[-1], role, s, "chaired-by", 0.8)
        for m in LEADERSHIP.finditer(s.text):
            members = [a for a in self.actors(s, m.end(), self.clause_end(s, m.end())) if not self.is_body(a)]
            body = bodies[0]
            role = "co-chair" if m.group("co") or len(members) > 1 else "chair"
            for a in members[:4]:
                self.membership(a, body, role, s, "joint-leadership", 0.6)
        for m in CHAIRS.finditer(s.text):
            if not re.search(r"chair|convener|head", m.group(), re.IGNORECASE) or re.search(r"chaired|headed", m.group(), re.IGNORECASE):
                continue
            subject = [a for a in self.actors(s, 0, m.start()) if not self.is_body(a)]
            after = [b for b in bodies if b.start - s.start >= m.end() - 1]
            if subject and after and after[0].start - s.start - m.end() <= 40:
                role = "co-chair" if m.group("co") else "chair"
                self.membership(subject[-1], after[0], role, s, "chairs", 0.7)

    def members(self, s: _Sentence, bodies: list[Mention], previous: list[Mention]) -> None:
        for m in MEMBER_OF.finditer(s.text):
            after = [b for b in bodies if b.start - s.start >= m.end()]
            if not after:
                continue
            for a in self.actors(s, 0, m.start()):
                if a.entity_id != after[0].entity_id:
                    self.membership(a, after[0], "member", s, "member-of", 0.7)
        for m in MEMBERS_INCLUDE.finditer(s.text):
            before = [b for b in bodies if b.end - s.start <= m.start()]
            body = before[-1] if before else (previous[-1] if len({p.entity_id for p in previous}) == 1 else None)
            if body is None:
                continue
            score = 0.7 if before else 0.5
            for a in self.actors(s, m.end(), self.clause_end(s, m.end())):
                self.membership(a, body, "member", s, "members-include", score)

    def secretariat(self, s: _Sentence, bodies: list[Mention]) -> None:
        if not bodies:
            return
        for m in SECRETARIAT.finditer(s.text):
            subject = [a for a in self.actors(s, 0, m.start()) if not self.is_body(a)]
            if subject:
                self.membership(subject[-1], bodies[0], "secretariat", s, "secretariat", 0.7)

    def responsibility(self, s: _Sentence) -> None:
        for m in RESPONSIBLE.finditer(s.text):
            subject = self.actors(s, 0, m.start())
            if not subject:
                continue
            end = self.clause_end(s, m.end())
            for number, score in self.objectives(s, m.end(), end):
                eid = self.gaz.objectives.get(number)
                if eid:
                    self.add("responsibility", subject[-1], "lead", eid, self.gaz.entities[eid].label, "lead", s,
                             "responsible-for", score, objective=number)
        for m in SUPPORTED_BY.finditer(s.text):
            supporters = self.actors(s, m.end(), self.clause_end(s, m.end()))[:2]
            for a in supporters:
                for number, score in self.objectives(s, 0, len(s.text)):
                    eid = self.gaz.objectives.get(number)
                    if eid:
                        self.add("responsibility", a, "support", eid, self.gaz.entities[eid].label, "support", s,
                                 "supported-by", score - 0.1, objective=number)

    def implemented(self, s: _Sentence) -> None:
        if not self.practice:
            return
        pid, title = self.practice
        for m in IMPLEMENTED_BY.finditer(s.text):
            for a in self.actors(s, m.end(), self.clause_end(s, m.end())):
                self.add("implements", a, "implemented", pid, title, "implementer", s, "implemented-by", 0.7)


def find_relations(text: str, sentences: list[tuple[int, int]], mentions: list[Mention], gaz: Gazetteer, doc_id: str,
                   practice: tuple[str, str] | None = None) -> list[Relation]:
    """Candidate relations in ``text``; ``practice`` is ``(practice id, title)`` for a practice page."""
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence_start, []).append(m)
    spans = [_Sentence(s, e, text[s:e], by_sentence.get(s, [])) for s, e in sentences]
    return _Finder(gaz, doc_id, practice).run(spans)
