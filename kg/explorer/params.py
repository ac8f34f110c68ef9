"""Shareable views: page state in URL query parameters, parsed strictly (unknown values are dropped).

Lists are comma-separated (``?cat=outward,return``); values outside the allowed options are
ignored, so an edited or stale link never breaks a page.

>>> parse_list("outward, bogus,return", ["outward", "return", "inward"])
['outward', 'return']
>>> parse_ints("6,x,99,7", range(1, 24))
[6, 7]
>>> parse_one("neo", ["a", "b"], "a"), parse_one("b", ["a", "b"], "a")
('a', 'b')
>>> encode([6, 7]), encode([]), encode(True), encode(False)
('6,7', '', '1', '')
"""

from __future__ import annotations

from typing import Iterable, Sequence

GLOBAL_KEYS = ("country",)
"""Parameters every page keeps (the others belong to one page and are dropped on the others)."""


def parse_list(value: str | Sequence[str] | None, allowed: Iterable[str]) -> list[str]:
    if not value:
        return []
    items = value.split(",") if isinstance(value, str) else [v for part in value for v in str(part).split(",")]
    allowed = list(allowed)
    wanted = {item.strip() for item in items}
    return [a for a in allowed if a in wanted]


def parse_ints(value: str | Sequence[str] | None, allowed: Iterable[int]) -> list[int]:
    allowed = list(allowed)
    return [int(v) for v in parse_list(value, [str(a) for a in allowed])]


def parse_one(value: str | None, allowed: Iterable[str], default: str) -> str:
    allowed = list(allowed)
    return value if value in allowed else default


def parse_bool(value: str | None) -> bool:
    return str(value or "").lower() in ("1", "true", "yes", "on")


def encode(value) -> str:
    """A widget value as URL text (``""`` means "leave the parameter out")."""
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, (list, tuple, set)):
        return ",".join(str(v) for v in value)
    return "" if value is None else str(value)
