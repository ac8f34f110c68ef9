"""Tokens with character offsets, and the normalised keys used for matching.

Matching never looks at raw strings: both entity names and document text go
through :func:`tokens` and :func:`key`, so apostrophes, commas, hyphens, case,
accents, ``&`` versus ``and``, British versus American spelling and a plural or
possessive ``s`` do not matter.

>>> [t.text for t in tokens("Ministry of Expatriates’ Welfare & Overseas Employment")]
['Ministry', 'of', 'Expatriates', 'Welfare', '&', 'Overseas', 'Employment']
>>> [key(t.text) for t in tokens("International Organisation for Migration's labour attachés")]
['international', 'organization', 'for', 'migration', 'labor', 'attache']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# A word: letters and digits, with the combining marks of Indic scripts (Bengali vowel
# signs are not "alphanumeric" for Python) kept inside it; or a lone "&".
TOKEN = re.compile(r"(?:[^\W_]|[\u0300-\u036F\u0900-\u0DFF\u200C\u200D])+|&")
APOSTROPHES = "'’‘`´ʼ"

SPELLING = {
    "organisation": "organization", "organisations": "organizations", "organise": "organize", "organised": "organized",
    "labour": "labor", "programme": "program", "programmes": "programs", "centre": "center", "centres": "centers",
    "centred": "centered", "defence": "defense", "licence": "license", "licences": "licenses", "favour": "favor",
    "behaviour": "behavior", "harmonise": "harmonize", "recognise": "recognize", "recognised": "recognized",
    "utilisation": "utilization", "mobilisation": "mobilization", "nationalities": "nationality",
}
DROP = {"the", "'s"}  # never part of a key sequence


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """Word tokens of ``text`` with their offsets; a possessive ``'s`` is folded into its word."""
    out: list[Token] = []
    for m in TOKEN.finditer(text):
        word = m.group()
        start = m.start()
        if word in ("s", "S") and start > 0 and text[start - 1] in APOSTROPHES and out and out[-1].end == start - 1:
            continue  # "Minister's" → "Minister"
        out.append(Token(word, start, m.end()))
    return out


@lru_cache(maxsize=200_000)
def key(word: str) -> str:
    """The matching key of one token: lower case, no accents, US spelling, no plural ``s``."""
    w = word.lower()
    if w == "&":
        return "and"
    if not w.isascii():
        folded = "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
        w = folded if folded.isascii() else unicodedata.normalize("NFC", w)
    w = SPELLING.get(w, w)
    if w.isascii() and w.isalpha() and len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
        if w.endswith("ie") and len(w) > 4:  # agencies → agency
            w = w[:-2] + "y"
    return w


COMPOUNDS = {("task", "force"): "taskforce", ("co", "chair"): "cochair", ("co", "chaired"): "cochaired"}


@dataclass(frozen=True, slots=True)
class Keyed:
    """A token of the matching stream: its key, raw text and offsets."""

    key: str
    text: str
    start: int
    end: int


def stream(text: str, offset: int = 0) -> list[Keyed]:
    """The matching stream of ``text``: keys with offsets, ``the`` dropped, ``task force`` → ``taskforce``.

    >>> [k.key for k in stream("the Task Force on Rescue")]
    ['taskforce', 'on', 'rescue']
    """
    out: list[Keyed] = []
    append = out.append
    prev_end = -10
    for m in TOKEN.finditer(text):
        word = m.group()
        start, end = m.span()
        if (word == "s" or word == "S") and start > 0 and text[start - 1] in APOSTROPHES and prev_end == start - 1:
            continue  # "Minister's" → "Minister"
        prev_end = end
        k = key(word)
        if k in DROP:
            continue
        if out and (out[-1].key, k) in COMPOUNDS and start - out[-1].end + offset <= 2:
            last = out.pop()
            append(Keyed(COMPOUNDS[(last.key, k)], text[last.start - offset:end], last.start, end + offset))
            continue
        append(Keyed(k, word, start + offset, end + offset))
    return out


@lru_cache(maxsize=4096)
def keys(text: str) -> tuple[str, ...]:
    """The key sequence of a phrase (``the`` dropped, compounds merged).

    >>> keys("The Bureau of Manpower, Employment & Training")
    ('bureau', 'of', 'manpower', 'employment', 'and', 'training')
    """
    return tuple(k.key for k in stream(text))


def is_acronym(word: str) -> bool:
    """An all-capitals token such as ``BMET`` or a mixed one such as ``MoEWOE`` (≥ 2 capitals, no space).

    >>> [is_acronym(w) for w in ("BMET", "MoEWOE", "Ministry", "UN", "B")]
    [True, True, False, True, False]
    """
    letters = [c for c in word if c.isalpha()]
    capitals = sum(1 for c in letters if c.isupper())
    return len(word) >= 2 and capitals >= 2 and word[0].isupper() and " " not in word
