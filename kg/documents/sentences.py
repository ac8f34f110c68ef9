"""Split extracted text into sentence spans (character offsets into the text).

Rules, in order: a blank line always ends a sentence; ``.``, ``!`` or ``?`` (with
any closing quote or bracket) followed by white space ends one unless the word
before is a known abbreviation (``Dr.``, ``Md.``, ``No.``, ``e.g.``) or a single
initial; a single line break ends one when the line before ends a sentence, is
short (a heading, a label such as ``Dates``) or the next line is a bullet.

>>> text = "Dr. Ahmed chaired it. BMET attended.\\nDates\\n2018 - 2020"
>>> [text[s:e] for s, e in split(text)]
['Dr. Ahmed chaired it.', 'BMET attended.', 'Dates', '2018 - 2020']
"""

from __future__ import annotations

import re

ABBREVIATIONS = {
    "dr", "mr", "mrs", "ms", "md", "mohd", "no", "nos", "st", "hon", "govt", "prof", "jr", "sr", "co", "ltd", "inc",
    "vs", "etc", "e.g", "i.e", "al", "fig", "art", "sec", "para", "paras", "ch", "vol", "pp", "p", "approx", "dept",
    "min", "gen", "lt", "col", "capt", "sgt", "rev", "u.s", "u.n", "u.k", "h.e", "a.k.a", "mt", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "tk", "rs", "cf",
}
END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)")
SHORT_LINE = 60
BULLET = re.compile(r"\s*(?:[•\-\*–·▪●]|\(?[0-9a-z]{1,3}[.)])\s")


def _ends_sentence(text: str, pos: int) -> bool:
    """Is the terminal punctuation ending at ``pos`` (exclusive) a real sentence end?"""
    j = pos
    while j > 0 and text[j - 1] in "\"'”’)]":
        j -= 1
    if j > 0 and text[j - 1] == ".":
        k = j - 1
        while k > 0 and not text[k - 1].isspace() and text[k - 1] not in "(\"'“‘":
            k -= 1
        word = text[k:j - 1].lower()
        if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            return False
    return True


def split(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)``, stripped of surrounding white space, in order."""
    cuts: set[int] = set()
    for m in END.finditer(text):
        if _ends_sentence(text, m.end()):
            cuts.add(m.end())
    pos = 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        end = pos + len(line)
        stripped = line.strip()
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if not stripped or not nxt.strip():
            cuts.add(end)
        elif stripped[-1] in ".!?:;\"”'’)" or len(stripped) <= SHORT_LINE or BULLET.match(nxt) or BULLET.match(line):
            cuts.add(end)
        pos = end + 1
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in sorted(cuts) + [len(text)]:
        if cut <= start:
            continue
        s, e = start, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        start = cut
    return spans
