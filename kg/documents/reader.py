"""Read one document file into its text and metadata, or say clearly why not.

Formats: plain text (``.txt`` and anything that decodes as text), Markdown
(``.md``: links, emphasis and heading marks are removed), HTML (``.html``,
``.htm`` or content that looks like HTML) and PDF (through ``pypdf``). Text must
be UTF-8 (a byte-order mark is fine) or UTF-16 with a byte-order mark; HTML may
declare another charset in a ``<meta charset>``. Files above :data:`MAX_BYTES`
are refused rather than read.

Offsets of mentions count in the returned ``text``: after the front-matter
header, after HTML/Markdown markup is removed.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.documents import frontmatter, html_text
from kg.documents.errors import DocumentError
from kg.tables import byte_position

MAX_BYTES = 20 * 1024 * 1024
SNIFF = 8192
MAGIC = {
    b"PK\x03\x04": "a ZIP archive (or a .docx/.xlsx/.odt file): save it as PDF, HTML or plain text",
    b"\x89PNG": "a PNG image: documents must be text, Markdown, HTML or PDF",
    b"\xff\xd8\xff": "a JPEG image: documents must be text, Markdown, HTML or PDF",
    b"GIF8": "a GIF image: documents must be text, Markdown, HTML or PDF",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file (.doc/.xls): save it as PDF, HTML or plain text",
    b"\x7fELF": "an executable, not a document",
    b"\x1f\x8b": "a gzip archive: unpack it first",
}
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf", ""}


@dataclass
class RawDocument:
    """A document's extracted text, its format and what is known about it."""

    path: str
    text: str
    format: str  # text | markdown | html | pdf
    meta: dict = field(default_factory=dict)
    sha256: str = ""
    size: int = 0


def slug(value: str) -> str:
    """A source id for a document: letters, digits, ``_`` and ``-``.

    >>> slug("TBS news: Govt launches taskforce (2022).html")
    'tbs-news-govt-launches-taskforce-2022-html'
    """
    text = re.sub(r"[^A-Za-z0-9]+", "-", value).strip("-").lower()
    return text[:80].strip("-") or "document"


def _decode(path: Path, data: bytes, declared: str | None = None) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DocumentError(str(path), f"has a UTF-16 byte-order mark but is not valid UTF-16 ({exc.reason})") from None
    encodings = ["utf-8"] + ([declared] if declared and declared.lower().replace("_", "-") not in ("utf-8", "utf8") else [])
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = byte_position(data, exc.start)
        raise DocumentError(
            str(path),
            f"unknown text encoding: byte 0x{data[exc.start]:02x} at line {line}, column {column} is not UTF-8; "
            "save the file as UTF-8 (or declare its charset in an HTML <meta charset>)",
        ) from None
    raise AssertionError("unreachable")


def _binary_reason(head: bytes) -> str | None:
    for magic, what in MAGIC.items():
        if head.startswith(magic):
            return f"looks like {what}"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if b"\x00" in head:
        return "looks like a binary file (it contains NUL bytes); documents must be text, Markdown, HTML or PDF"
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if head and control / len(head) > 0.1:
        return "looks like a binary file (many control bytes); documents must be text, Markdown, HTML or PDF"
    return None


MD_RULES = [
    (re.compile(r"```[^\n]*\n"), ""),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"(?m)^\s{0,3}#{1,6}\s+"), ""),
    (re.compile(r"(?m)^\s{0,3}>\s?"), ""),
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)\*(?!\w)"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(r"<[^>\n]+>"), ""),
]


def markdown_to_text(text: str) -> str:
    """Markdown without its markup (links keep their text).

    >>> markdown_to_text("# Title\\nThe **[BMET](https://bmet.gov.bd)** is *here*.")
    'Title\\nThe BMET is here.'
    """
    for pattern, repl in MD_RULES:
        text = pattern.sub(repl, text)
    return text


def _charset(data: bytes) -> str | None:
    m = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_\-]+)", data[:4096], re.IGNORECASE)
    return m.group(1).decode("ascii") if m else None


def _first_line(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line and len(line) <= 200:
            return line
    return ""


def read_document(path: Path, max_bytes: int = MAX_BYTES) -> RawDocument:
    """The text and metadata of one file; raises :class:`DocumentError` with a clear reason."""
    if not path.exists():
        raise DocumentError(str(path), "file not found")
    if path.is_dir():
        raise DocumentError(str(path), "is a directory; give the document files inside it (e.g. DIR/*.html)")
    if not path.is_file():
        raise DocumentError(str(path), "is not a regular file")
    size = path.stat().st_size
    if size > max_bytes:
        raise DocumentError(
            str(path),
            f"file is {size / 1_048_576:.1f} MB; the limit is {max_bytes / 1_048_576:.0f} MB: split it or ingest the relevant excerpt",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise DocumentError(str(path), "file is empty")
    sha = hashlib.sha256(data).hexdigest()
    suffix = path.suffix.lower()
    if suffix == ".pdf" or data.startswith(b"%PDF"):
        from kg.documents import pdf

        text, meta = pdf.to_text(path)
        return RawDocument(str(path), text, "pdf", meta, sha, size)
    reason = _binary_reason(data[:SNIFF])
    if reason:
        raise DocumentError(str(path), reason)
    is_html_name = suffix in (".html", ".htm", ".xhtml")
    decoded = _decode(path, data, _charset(data) if is_html_name or b"<html" in data[:4096].lower() else None)
    meta, body, problem = frontmatter.split(decoded)
    if problem:
        raise DocumentError(str(path), problem)
    if is_html_name or html_text.looks_like_html(body):
        text, html_meta = html_text.to_text(body)
        fmt = "html"
        meta = {**html_meta, **meta}
    elif suffix in (".md", ".markdown"):
        text, fmt = markdown_to_text(body), "markdown"
    else:
        text, fmt = body, "text"
    if not text.strip():
        raise DocumentError(str(path), "has no text (only markup or a header)")
    return RawDocument(str(path), text, fmt, meta, sha, size)


def document_id(raw: RawDocument) -> str:
    """The id the document gets as a source: its header ``id`` (if a valid id), else a slug of it or of the file name."""
    given = str(raw.meta.get("id") or "")
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,79}", given):
        return given
    return slug(given or Path(raw.path).stem)


def title_of(raw: RawDocument) -> str:
    return str(raw.meta.get("title") or _first_line(raw.text) or Path(raw.path).name)
