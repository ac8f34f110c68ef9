"""Find the entities a text mentions and link each mention to the graph.

Steps (each explainable, none tuned to a particular document):

1. **Phrases**: the text's key stream (:func:`kg.documents.textnorm.stream`) is walked
   through the gazetteer's token trie, within one sentence and across no
   punctuation but commas, hyphens and apostrophes; every complete name, variant
   or alias found is a candidate.
2. **Acronyms and one-word names** are matched on the raw token with its exact
   case (``BMET``, ``MoEWOE``; ``Baira`` for ``BAIRA`` when at least four letters).
3. **Patterns**: ``GCM objective 6``, ``objectives 5 and 6`` (bare ``objective N``
   only in a document that names the GCM), ``SDG 10.7``, ``SDG target 10.c``,
   ``target 10.7`` (in a document that names the SDGs).
4. **Overlaps**: the longest candidate wins, then the best score; a span claimed
   by two entities with the same score is ambiguous and dropped.
5. **Acronyms defined in the document**: ``Long Name (ACR)`` where the long name
   is a mention makes ``ACR`` name that entity here (``BMCT``); where the long name
   is something else (``Migrant Forum in Asia (MFA)``), the acronym's usual
   meaning is suspended for the document.
6. **Near misses**: a run of capitalised words that shares at least 75 % of its
   content words with an actor's name, starting with the same word, is linked
   with a lower score (``Ministry of Expatriates' Welfare and Foreign Employment``).
   Words count as shared when equal or ≥ 85 % similar (``Unnyan``/``Unnayan``).
7. **Ellipsis**: ``the Ministry of Home Affairs and Foreign Affairs`` also names
   the Ministry of Foreign Affairs.
8. **Context**: generic principle labels (``human rights``) and objective subjects
   (``regular pathways``) count only in a sentence about the GCM; anaphoric
   aliases (``the Taskforce``) only when the entity is also named in the document.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher

from kg.documents.gazetteer import BLOCK, CONNECTORS, TERMINAL, Gazetteer, Surface, content_keys
from kg.documents.model import Mention
from kg.documents.textnorm import Keyed, is_acronym, key, stream

GAP = re.compile(r"(?:[ \t\r\n\u00a0,\-–/]|[’'‘`´ʼ](?:s\b)?|\b[Tt]he\b)*")
GCM_CONTEXT = re.compile(r"\bGCM\b|Global Compact|Compact for (?:Safe|Migration)|guiding principles?|\bobjectives?\b", re.IGNORECASE)
GCM_DOC = re.compile(r"\bGCM\b|Global Compact", re.IGNORECASE)
SDG_DOC = re.compile(r"\bSDGs?\b|Sustainable Development Goal", re.IGNORECASE)
CODE = r"\d{1,2}\.(?:\d{1,2}|[a-z])(?!\.?\d)(?![a-z])"
OBJECTIVE = re.compile(
    r"(?P<gcm>\b(?:GCM|Global Compact(?: for Migration)?)(?:[’']s)?\s+)?\b(?P<word>[Oo]bjectives?|OBJECTIVES?)\s+(?:[Nn]o\.?\s*|number\s+|#\s*)?"
    r"(?P<nums>\d{1,2}(?:\s*(?:,|and|&|or)\s*\d{1,2})*)\b(?!\.?\d)(?!\.[a-z]\b)"
)
SDG_TARGET = re.compile(
    rf"(?P<sdg>\b(?:SDGs?|Sustainable Development Goals?)\s*(?:[Tt]argets?\s*)?)?(?P<word>\b[Tt]argets?\s+)?(?P<codes>\b{CODE}(?:\s*(?:,|and|&|or)\s*{CODE})*)"
)
DEFINITION = re.compile(r"\(\s*([A-Z][A-Za-z&]{1,11})\s*\)")
NUMBER = re.compile(r"\d{1,2}")
MAX_SENTENCE = 1000  # longer "sentences" (text without punctuation) are quoted as a window around the mention
WINDOW = 300
TARGET_CODE = re.compile(CODE)


@dataclass
class Candidate:
    start: int
    end: int
    entity: str
    score: float
    how: str
    anaphoric: bool = False
    needs_context: bool = False

    @property
    def length(self) -> int:
        return self.end - self.start


class _Doc:
    """The text with its sentence spans and key stream, and lookups between them."""

    def __init__(self, text: str, sentences: list[tuple[int, int]]):
        self.text = text
        self.sentences = sentences
        self.starts = [s for s, _ in sentences]
        self.stream: list[Keyed] = stream(text)
        self.sentence_of = [self.sentence_index(t.start) for t in self.stream]

    def sentence_index(self, offset: int) -> int:
        i = bisect_right(self.starts, offset) - 1
        return max(i, 0)

    def joinable(self, i: int) -> bool:
        """May a name continue from stream token ``i`` to ``i + 1``?"""
        a, b = self.stream[i], self.stream[i + 1]
        if self.sentence_of[i] != self.sentence_of[i + 1]:
            return False
        gap = self.text[a.end:b.start]
        return gap.count("\n") <= 1 and GAP.fullmatch(gap) is not None


def _phrase_candidates(doc: _Doc, gaz: Gazetteer) -> list[Candidate]:
    out: list[Candidate] = []
    toks = doc.stream
    n = len(toks)
    trie = gaz.trie
    for i in range(n):
        node = trie.get(toks[i].key)
        j = i
        while node is not None:
            for s in node.get(TERMINAL, ()):
                out.append(_cand(toks[i].start, toks[j].end, s))
            if j + 1 >= n or not doc.joinable(j):
                break
            j += 1
            node = node.get(toks[j].key)
    return out


def _cand(start: int, end: int, s: Surface, how: str | None = None, score: float | None = None) -> Candidate:
    return Candidate(start, end, s.entity, s.score if score is None else score, how or s.how, s.anaphoric, s.needs_context)


def _exact_candidates(doc: _Doc, gaz: Gazetteer) -> list[Candidate]:
    out = []
    for t in doc.stream:
        for s in gaz.exact.get(t.text, ()):
            out.append(_cand(t.start, t.end, s))
    return out


def _pattern_candidates(doc: _Doc, gaz: Gazetteer) -> list[Candidate]:
    out: list[Candidate] = []
    text = doc.text
    gcm_doc = GCM_DOC.search(text) is not None
    sdg_doc = SDG_DOC.search(text) is not None
    for m in OBJECTIVE.finditer(text):
        if not (m.group("gcm") or gcm_doc):
            continue
        score = 1.0 if m.group("gcm") else 0.85
        first = True
        for num in NUMBER.finditer(m.group("nums")):
            number = int(num.group())
            if number not in gaz.objectives:
                continue
            start = m.start() if first else m.start("nums") + num.start()
            out.append(Candidate(start, m.start("nums") + num.end(), gaz.objectives[number], score, "pattern"))
            first = False
    for m in SDG_TARGET.finditer(text):
        if not (m.group("sdg") or (m.group("word") and sdg_doc)):
            continue
        score = 1.0 if m.group("sdg") else 0.85
        first = True
        for code in TARGET_CODE.finditer(m.group("codes")):
            eid = gaz.targets.get(code.group())
            if eid is None:
                continue
            start = m.start() if first else m.start("codes") + code.start()
            out.append(Candidate(start, m.start("codes") + code.end(), eid, score, "pattern"))
            first = False
    return out


def _resolve(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first, then best score; equal-score rivals on one span are dropped."""
    by_span: dict[tuple[int, int], list[Candidate]] = {}
    for c in cands:
        by_span.setdefault((c.start, c.end), []).append(c)
    chosen: list[Candidate] = []
    for span, group in by_span.items():
        best: dict[str, Candidate] = {}
        for c in group:
            if c.entity not in best or c.score > best[c.entity].score:
                best[c.entity] = c
        ranked = sorted(best.values(), key=lambda c: -c.score)
        if len(ranked) > 1 and ranked[0].score == ranked[1].score:
            continue  # ambiguous
        chosen.append(ranked[0])
    chosen.sort(key=lambda c: (-c.length, -c.score, c.start))
    starts: list[int] = []  # accepted spans, sorted and disjoint
    ends: list[int] = []
    accepted: list[Candidate] = []
    for c in chosen:
        i = bisect_right(starts, c.start)
        if i > 0 and ends[i - 1] > c.start:  # the span before overlaps
            continue
        if i < len(starts) and starts[i] < c.end:  # the span after overlaps
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        accepted.append(c)
    accepted.sort(key=lambda c: c.start)
    return accepted


def _definitions(doc: _Doc, gaz: Gazetteer, accepted: list[Candidate]) -> tuple[dict[str, str], set[str]]:
    """Acronyms the document defines: ``{acronym: entity}`` and the acronyms whose usual meaning it overrides."""
    ends = {c.end: c for c in accepted}
    defined: dict[str, str] = {}
    suspended: set[str] = set()
    for m in DEFINITION.finditer(doc.text):
        acr = m.group(1)
        if not is_acronym(acr):
            continue
        end = m.start()
        while end > 0 and doc.text[end - 1].isspace():
            end -= 1
        before = doc.text[max(0, end - 200):end]
        c = ends.get(end)
        usual = {s.entity for s in gaz.exact.get(acr, ())}
        if c is not None and gaz.entities.get(c.entity) and gaz.entities[c.entity].type in ("Actor", "PolicyInstrument"):
            defined.setdefault(acr, c.entity)
            continue
        long_form = _long_form(before, acr)
        if long_form and usual and not any(_similar_to_entity(long_form, gaz, e) for e in usual):
            suspended.add(acr)
    return defined, suspended


def _long_form(before: str, acr: str) -> str | None:
    """The words before ``(ACR)`` whose initials spell the acronym (case-insensitive), if any."""
    words = re.findall(r"[^\W_]+", before[-200:])
    letters = [c.lower() for c in acr if c.isalpha()]
    for size in range(len(letters), min(len(words), len(letters) + 4) + 1):
        cand = words[-size:]
        initials = [w[0].lower() for w in cand if w.lower() not in CONNECTORS and w.lower() != "the"]
        if initials == letters:
            return " ".join(cand)
    return None


def _similar_to_entity(phrase: str, gaz: Gazetteer, entity: str) -> bool:
    ck = content_keys(phrase)
    return any(eid == entity and _similarity(ck, name)[0] >= 0.5 for eid, name in gaz.fuzzy)


def _words_match(a: str, b: str) -> bool:
    if a == b:
        return True
    return len(a) >= 5 and len(b) >= 5 and a[0] == b[0] and SequenceMatcher(None, a, b).ratio() >= 0.85


def _similarity(run: tuple[str, ...], name: tuple[str, ...]) -> tuple[float, int]:
    used = [False] * len(run)
    matched = 0
    for k in name:
        for i, r in enumerate(run):
            if not used[i] and _words_match(r, k):
                used[i] = True
                matched += 1
                break
    return matched / max(len(run), len(name), 1), matched


def _fuzzy_candidates(doc: _Doc, gaz: Gazetteer, accepted: list[Candidate]) -> list[Candidate]:
    if not gaz.fuzzy:
        return []
    covered = [(c.start, c.end) for c in accepted]
    starts = sorted(covered)
    first_keys: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for eid, name in gaz.fuzzy:
        first_keys.setdefault(name[0], []).append((eid, name))

    def is_covered(t: Keyed) -> bool:
        i = bisect_right(starts, (t.start, 10**12)) - 1
        return i >= 0 and starts[i][0] <= t.start < starts[i][1]

    out: list[Candidate] = []
    toks = doc.stream
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if not (t.text[:1].isupper() and t.key in first_keys) or is_covered(t):
            i += 1
            continue
        # the run of capitalised words (and connectors) from i
        j = i
        run = [i]
        while j + 1 < n and len(run) < 14 and doc.joinable(j):
            nxt = toks[j + 1]
            if is_covered(nxt) or not (nxt.text[:1].isupper() or nxt.key in CONNECTORS):
                break
            j += 1
            run.append(j)
        while run and toks[run[-1]].key in CONNECTORS:
            run.pop()
        run_keys = tuple(toks[k].key for k in run if toks[k].key not in CONNECTORS)
        best: tuple[float, str, int] | None = None
        ambiguous = False
        for eid, name in first_keys[t.key]:
            if len(name) < 3 or len(run_keys) < 3:
                continue
            for size in range(max(3, len(name) - 1), min(len(run_keys), len(name) + 1) + 1):
                sim, _ = _similarity(run_keys[:size], name)
                if sim < 0.75:
                    continue
                if best is None or sim > best[0]:
                    best, ambiguous = (sim, eid, size), False
                elif sim == best[0] and eid != best[1]:
                    ambiguous = True
        if best and not ambiguous:
            sim, eid, size = best
            content_seen = 0
            end_index = run[-1]
            for k in run:
                if toks[k].key not in CONNECTORS:
                    content_seen += 1
                    if content_seen == size:
                        end_index = k
                        break
            out.append(Candidate(t.start, toks[end_index].end, eid, round(0.9 * sim, 2), "fuzzy"))
            i = end_index + 1
            continue
        i += 1
    return out


def _ellipsis_candidates(doc: _Doc, gaz: Gazetteer, accepted: list[Candidate]) -> list[Candidate]:
    """``Ministry of Home Affairs and Foreign Affairs`` → also the Ministry of Foreign Affairs."""
    prefix = gaz.trie.get("ministry", {}).get("of")
    if prefix is None:
        return []
    index = {t.end: i for i, t in enumerate(doc.stream)}
    out = []
    for c in accepted:
        text = doc.text[c.start:c.end]
        if not text.lower().startswith("ministry of") or c.end not in index:
            continue
        i = index[c.end] + 1
        toks = doc.stream
        if i + 1 >= len(toks) or toks[i].key != "and" or not doc.joinable(i - 1):
            continue
        node, j, found = prefix, i + 1, None
        while j < len(toks) and node is not None:
            node = node.get(toks[j].key)
            if node is None:
                break
            for s in node.get(TERMINAL, ()):
                if gaz.entities.get(s.entity) and gaz.entities[s.entity].type == "Actor":
                    found = (j, s)
            if j + 1 >= len(toks) or not doc.joinable(j):
                break
            j += 1
        if found:
            j, s = found
            out.append(Candidate(toks[i + 1].start, toks[j].end, s.entity, 0.8, "ellipsis"))
    return out


def link(text: str, sentences: list[tuple[int, int]], gaz: Gazetteer) -> list[Mention]:
    """The mentions in ``text`` (sentences as spans into it), in document order."""
    doc = _Doc(text, sentences)
    cands = _phrase_candidates(doc, gaz) + _exact_candidates(doc, gaz) + _pattern_candidates(doc, gaz)
    accepted = _resolve(cands)
    defined, suspended = _definitions(doc, gaz, accepted)
    if defined or suspended:
        usual = {acr: {s.entity for s in gaz.exact.get(acr, ())} for acr in suspended | set(defined)}
        kept = [c for c in cands if not (doc.text[c.start:c.end] in usual and c.entity in usual[doc.text[c.start:c.end]])]
        for t in doc.stream:
            if t.text in defined:
                kept.append(Candidate(t.start, t.end, defined[t.text], 1.0, "defined-acronym"))
        cands = kept
        accepted = _resolve(cands)
    extra = _fuzzy_candidates(doc, gaz, accepted)
    extra += _ellipsis_candidates(doc, gaz, accepted + extra)
    if extra:
        accepted = _resolve(accepted + extra)
    context = {}
    kept: list[Candidate] = []
    for c in accepted:
        if c.needs_context:
            si = doc.sentence_index(c.start)
            if si not in context:
                s, e = sentences[si] if sentences else (0, len(text))
                context[si] = GCM_CONTEXT.search(text[s:e]) is not None
            if not context[si]:
                continue
        kept.append(c)
    kept = [c for c in kept if c.entity != BLOCK]
    named = {c.entity for c in kept if not c.anaphoric}
    kept = [c for c in kept if not c.anaphoric or c.entity in named]
    mentions = []
    for c in kept:
        si = doc.sentence_index(c.start)
        s, e = sentences[si] if sentences else (0, len(text))
        if e - s > MAX_SENTENCE:
            s, e = max(s, c.start - WINDOW), min(e, c.end + WINDOW)
        ent = gaz.entities[c.entity]
        mentions.append(Mention(
            text=text[c.start:c.end], start=c.start, end=c.end, sentence=text[s:e], entity_id=c.entity,
            entity_label=ent.label, entity_type=ent.type, score=round(c.score, 2),
            how="anaphor" if c.anaphoric else c.how, sentence_start=sentences[si][0] if sentences else 0,
        ))
    return mentions
