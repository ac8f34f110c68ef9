"""A provenance header at the top of a text or Markdown file.

The corpus files (data/documents/corpus/) start with a YAML block between two
``---`` lines giving ``id``, ``title``, ``url``, ``publisher``, ``date``,
``country``, ``kind`` and ``licence``. The header is metadata, not text: mention
offsets count from the first character after it.

>>> meta, body, problem = split("---\\ntitle: A page\\nurl: https://example.org\\n---\\nBody text.\\n")
>>> meta["title"], body, problem
('A page', 'Body text.\\n', None)
"""

from __future__ import annotations

import datetime as dt

import yaml


def split(text: str) -> tuple[dict, str, str | None]:
    """``(metadata, body, problem)``; a file without a header gives ``({}, text, None)``."""
    if not text.startswith("---"):
        return {}, text, None
    first_break = text.find("\n")
    if first_break < 0 or text[:first_break].strip() != "---":
        return {}, text, None
    close = text.find("\n---", first_break)
    while close >= 0:
        after = text.find("\n", close + 1)
        line = text[close + 1: after if after >= 0 else len(text)]
        if line.strip() == "---":
            break
        close = text.find("\n---", close + 1)
    if close < 0:
        return {}, text, "the file starts with '---' but the header has no closing '---' line"
    block = text[first_break + 1: close + 1]
    body_start = after + 1 if after >= 0 else len(text)
    try:
        meta = yaml.safe_load(block) or {}
    except yaml.YAMLError as exc:
        return {}, text, f"the '---' header is not valid YAML: {exc}"
    if not isinstance(meta, dict):
        return {}, text, "the '---' header must be a mapping of 'key: value' lines"
    clean = {str(k): (v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v) for k, v in meta.items()}
    return clean, text[body_start:], None
