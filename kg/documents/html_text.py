"""HTML → plain text with the standard library's :mod:`html.parser`.

Scripts, styles, navigation chrome (``nav``, ``header``, ``footer``, ``aside``,
``form``, ``noscript``, ``svg``) are dropped; block elements become line breaks,
so headings, paragraphs and list items become sentences of their own. The
``<title>`` and ``<meta>`` tags (``description``, ``author``, Open Graph,
``article:published_time``, ``citation_*``) give the metadata.

>>> text, meta = to_text("<html><head><title>T</title></head><body><nav>menu</nav><h1>Head</h1><p>One &amp; two.</p></body></html>")
>>> text, meta["title"]
('Head\\n\\nOne & two.', 'T')
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg", "template", "iframe", "button", "select"}
BLOCK = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "table", "tr", "td", "th", "blockquote", "pre", "figure", "figcaption", "address", "hr", "br", "tbody", "thead",
}
META_KEYS = {
    "description": "description", "author": "author", "og:title": "title", "og:site_name": "publisher",
    "og:url": "url", "article:published_time": "date", "citation_title": "title", "citation_publisher": "publisher",
    "citation_date": "date", "citation_publication_date": "date", "dc.title": "title", "dc.publisher": "publisher",
    "dc.date": "date", "dcterms.title": "title", "dcterms.date": "date",
}


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.in_title = False
        self.title = ""
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip_depth += 1
            return
        if tag == "title":
            self.in_title = True
        elif tag == "meta":
            a = {k.lower(): (v or "") for k, v in attrs}
            name = (a.get("name") or a.get("property") or "").lower()
            if name in META_KEYS and a.get("content") and META_KEYS[name] not in self.meta:
                self.meta[META_KEYS[name]] = a["content"].strip()
        elif tag == "link":
            a = {k.lower(): (v or "") for k, v in attrs}
            if a.get("rel", "").lower() == "canonical" and a.get("href"):
                self.meta.setdefault("url", a["href"])
        if tag in BLOCK:
            self.parts.append("\n\n" if tag not in ("br", "td", "th", "li", "dt", "dd") else "\n")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in SKIP:
            self.skip_depth -= 1

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag == "title":
            self.in_title = False
        if tag in BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        elif not self.skip_depth:
            self.parts.append(data)


def to_text(html: str) -> tuple[str, dict[str, str]]:
    """The visible text (white space tidied, paragraphs separated by a blank line) and metadata."""
    parser = _Extractor()
    parser.feed(html)
    parser.close()
    raw = "".join(parser.parts)
    lines = [re.sub(r"[ \t\r\f\v\u00a0]+", " ", line).strip() for line in raw.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    meta = dict(parser.meta)
    if parser.title.strip():
        meta.setdefault("title", re.sub(r"\s+", " ", parser.title).strip())
    return text, meta


def looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)
