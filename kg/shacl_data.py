"""The statements one SHACL validation sees (:mod:`kg.shacl_fast`): indexes of N-Triples lines.

An :class:`Index` splits ``subject predicate object .`` lines as text (no RDF parser)
into statements by predicate and subject, and by object on demand; a :class:`Data`
is the union of one or two indexes (the shared layers and one country).
"""

from __future__ import annotations

import sys
from typing import Iterable, Iterator

from kg.shacl_terms import RDF_TYPE, SUBCLASS, Term


class Index:
    """Statements by predicate and subject (and, on demand, by object)."""

    def __init__(self) -> None:
        self.out: dict[Term, dict[Term, list[Term]]] = {}
        self._in: dict[Term, dict[Term, list[Term]]] = {}
        self.subjects: list[Term] = []  # in first-seen order
        self.count = 0

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> "Index":
        index = cls()
        out = index.out
        seen_subjects: dict[Term, None] = {}
        intern = sys.intern
        distinct: set[str] = set()
        for line in lines:
            if line in distinct:
                continue
            distinct.add(line)
            s, p, rest = line.split(" ", 2)
            o = rest[:-2]
            s = intern(s)
            by_subject = out.get(p)
            if by_subject is None:
                by_subject = out[intern(p)] = {}
            values = by_subject.get(s)
            if values is None:
                by_subject[s] = [o if o[0] == '"' else intern(o)]
                seen_subjects[s] = None
            else:
                values.append(o if o[0] == '"' else intern(o))
        index.subjects = list(seen_subjects)
        index.count = len(distinct)
        return index

    def objects(self, s: Term, p: Term) -> list[Term]:
        by_subject = self.out.get(p)
        return by_subject.get(s, []) if by_subject else []

    def inverse(self, p: Term) -> dict[Term, list[Term]]:
        table = self._in.get(p)
        if table is None:
            table = {}
            for s, values in self.out.get(p, {}).items():
                for o in values:
                    table.setdefault(o, []).append(s)
            self._in[p] = table
        return table

    def subjects_of(self, o: Term, p: Term) -> list[Term]:
        return self.inverse(p).get(o, [])

    def lines(self, predicates: set[Term]) -> Iterator[str]:
        for p in predicates:
            for s, values in self.out.get(p, {}).items():
                for o in values:
                    yield f"{s} {p} {o} ."


NO_TERMS: list[Term] = []
"""The empty answer (shared: callers must not change what they are given)."""


class Data:
    """The graph one validation sees: one or two indexes (shared layers ∪ one country)."""

    def __init__(self, *indexes: Index):
        self.indexes = [i for i in indexes if i is not None]
        self._subclasses: dict[Term, frozenset[Term]] = {}
        self._types: dict[Term, frozenset[Term]] = {}

    def objects(self, s: Term, p: Term) -> list[Term]:
        """Objects of ``(s, p)`` in every index (a list the caller must not change)."""
        found: list[Term] | None = None
        for index in self.indexes:
            by_subject = index.out.get(p)
            if by_subject:
                values = by_subject.get(s)
                if values:
                    found = values if found is None else found + values
        return found if found is not None else NO_TERMS

    def subjects_of(self, o: Term, p: Term) -> list[Term]:
        found: list[Term] | None = None
        for index in self.indexes:
            values = index.inverse(p).get(o)
            if values:
                found = values if found is None else found + values
        return found if found is not None else NO_TERMS

    def types(self, s: Term) -> frozenset[Term]:
        found = self._types.get(s)
        if found is None:
            found = self._types[s] = frozenset(self.objects(s, RDF_TYPE))
        return found

    def subclasses(self, cls: Term) -> frozenset[Term]:
        """``cls`` and every class below it (``rdfs:subClassOf*`` in the data graph, as pyshacl)."""
        found = self._subclasses.get(cls)
        if found is None:
            seen = {cls}
            todo = [cls]
            while todo:
                for sub in self.subjects_of(todo.pop(), SUBCLASS):
                    if sub not in seen:
                        seen.add(sub)
                        todo.append(sub)
            found = self._subclasses[cls] = frozenset(seen)
        return found

    def has_class(self, node: Term, cls: Term) -> bool:
        types = self.types(node)
        return bool(types) and not types.isdisjoint(self.subclasses(cls))

    def instances(self, cls: Term, only: Index | None = None) -> list[Term]:
        """Focus nodes of ``sh:targetClass cls`` (typed in ``only`` when given)."""
        classes = self.subclasses(cls)
        found: dict[Term, None] = {}
        for index in [only] if only is not None else self.indexes:
            inverse = index.inverse(RDF_TYPE)
            for c in classes:
                for s in inverse.get(c, ()):
                    found[s] = None
        return list(found)
