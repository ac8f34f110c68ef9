"""N-Triples terms as the fast SHACL engine (:mod:`kg.shacl_fast`) reads them: kinds, literal parts, values.

Terms are kept as their N-Triples text (``"<iri>"``, ``"_:b0"``, ``'"lex"@en'``,
``'"lex"^^<dt>'``); these functions answer what SHACL asks of them without parsing
them into objects: node kind, lexical form, datatype, language, well-formedness of a
lexical form for its XSD datatype, numeric value.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import rdflib
from rdflib.namespace import RDF, RDFS, XSD

from kg.rdf import LITERAL_ESCAPES


Term = str  # an N-Triples term: "<iri>", "_:b0", '"lex"', '"lex"@en', '"lex"^^<dt>'

RDF_TYPE = f"<{RDF.type}>"
SUBCLASS = f"<{RDFS.subClassOf}>"
XSD_STRING = str(XSD.string)
LANG_STRING = str(RDF.langString)


class Unsupported(Exception):
    """The shapes graph uses a SHACL feature this engine does not implement."""


def to_term(node: rdflib.term.Node) -> Term:
    """An rdflib term in N-Triples form, as the build writes it."""
    if isinstance(node, rdflib.URIRef):
        return f"<{node}>"
    if isinstance(node, rdflib.BNode):
        return f"_:{node}"
    if isinstance(node, rdflib.Literal):
        text = str(node).translate(LITERAL_ESCAPES)
        if node.language:
            return f'"{text}"@{node.language}'
        if node.datatype is not None and str(node.datatype) != XSD_STRING:
            return f'"{text}"^^<{node.datatype}>'
        return f'"{text}"'
    raise Unsupported(f"term {node!r}")


_UNESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_SIMPLE = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _UNESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)) if m.group(3) is None else _SIMPLE.get(m.group(3), m.group(3)), text)


@lru_cache(maxsize=200_000)
def literal_parts(term: Term) -> tuple[str, str, str]:
    """``(lexical form, language, datatype IRI)`` of a literal term."""
    end = term.rindex('"')
    lexical = _unescape(term[1:end])
    rest = term[end + 1:]
    if rest.startswith("@"):
        return lexical, rest[1:], LANG_STRING
    if rest.startswith("^^<"):
        return lexical, "", rest[3:-1]
    return lexical, "", XSD_STRING


def is_iri(term: Term) -> bool:
    return term[0] == "<"


def is_literal(term: Term) -> bool:
    return term[0] == '"'


def is_bnode(term: Term) -> bool:
    return term[0] == "_"


def string_value(term: Term) -> str:
    """SPARQL ``str()``: the IRI or the lexical form."""
    if term[0] == "<":
        return term[1:-1]
    if term[0] == '"':
        return literal_parts(term)[0]
    return term[2:]


_XSD = str(XSD)
_LEXICAL = {
    f"{_XSD}integer": re.compile(r"^[+-]?\d+$"),
    f"{_XSD}int": re.compile(r"^[+-]?\d+$"),
    f"{_XSD}nonNegativeInteger": re.compile(r"^\+?\d+$"),
    f"{_XSD}positiveInteger": re.compile(r"^\+?0*[1-9]\d*$"),
    f"{_XSD}decimal": re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$"),
    f"{_XSD}boolean": re.compile(r"^(true|false|1|0)$"),
    f"{_XSD}gYear": re.compile(r"^-?\d{4,}(Z|[+-]\d{2}:\d{2})?$"),
    f"{_XSD}gYearMonth": re.compile(r"^-?\d{4,}-(0[1-9]|1[0-2])(Z|[+-]\d{2}:\d{2})?$"),
}


def well_formed(lexical: str, datatype: str) -> bool:
    """Whether a lexical form is valid for the XSD datatypes the build uses (others: accepted)."""
    pattern = _LEXICAL.get(datatype)
    if pattern is not None:
        return bool(pattern.match(lexical))
    if datatype == f"{_XSD}date":
        try:
            datetime.date.fromisoformat(lexical[:10])
        except ValueError:
            return False
        return len(lexical) == 10 or bool(re.fullmatch(r"Z|[+-]\d{2}:\d{2}", lexical[10:]))
    if datatype in (f"{_XSD}double", f"{_XSD}float"):
        try:
            float(lexical)
        except ValueError:
            return False
    return True


_NUMERIC = {f"{_XSD}{t}" for t in ("integer", "int", "long", "short", "decimal", "double", "float", "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger")}


def numeric(term: Term) -> Decimal | float | None:
    if not is_literal(term):
        return None
    lexical, _, datatype = literal_parts(term)
    if datatype not in _NUMERIC or not well_formed(lexical, datatype):
        return None
    try:
        return Decimal(lexical)
    except InvalidOperation:
        try:
            return float(lexical)
        except ValueError:
            return None
