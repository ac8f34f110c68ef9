"""Strict reading of the spreadsheet-friendly files users edit (CSV and YAML).

Every cell keeps its position so a problem can name file, line and column. Files
are read whole and decoded as UTF-8 (a byte-order mark, as Excel writes, is
accepted); a bad byte is reported at its line and column rather than surfacing as
a ``UnicodeDecodeError`` traceback.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import yaml

from kg.problems import ProblemList


@dataclass(frozen=True)
class Row:
    """One data row of a CSV file: its 1-based line number and its cells by column."""

    file: str
    line: int
    cells: dict[str, str]
    columns: dict[str, int]  # column name -> 1-based column number

    def get(self, name: str) -> str:
        return self.cells.get(name, "")

    def where(self, name: str) -> dict[str, Any]:
        """Location keywords for :meth:`ProblemList.error` pointing at one cell."""
        return {"line": self.line, "column": self.columns.get(name), "column_name": name}

    def split(self, name: str) -> list[str]:
        """A ``;``-separated list cell, items stripped, empties dropped.

        >>> Row("f.csv", 2, {"aliases": " BMET; Bureau ;;"}, {"aliases": 4}).split("aliases")
        ['BMET', 'Bureau']
        """
        return [item.strip() for item in self.get(name).split(";") if item.strip()]


def byte_position(data: bytes, offset: int) -> tuple[int, int]:
    r"""The 1-based line and column of byte ``offset`` (where a decoding error points).

    >>> byte_position(b"ab\ncd\xe9", 5)
    (2, 3)
    """
    before = data[:offset]
    return before.count(b"\n") + 1, offset - (before.rfind(b"\n") + 1) + 1


def read_text(path: Path, problems: ProblemList) -> str | None:
    """The file's text, or ``None`` after recording why it cannot be read."""
    if not path.exists():
        problems.error(path, "file not found")
        return None
    if path.is_dir():
        problems.error(path, "expected a file, found a directory")
        return None
    data = path.read_bytes()
    if not data.strip():
        problems.error(path, "file is empty")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = byte_position(data, exc.start)
        problems.error(
            path,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as 'CSV UTF-8'",
            line=line,
            column=column,
        )
        return None


def read_csv(
    path: Path,
    problems: ProblemList,
    required: tuple[str, ...],
    optional: tuple[str, ...] = (),
) -> list[Row] | None:
    """Rows of a CSV file with a header line; ``None`` when the file cannot be used.

    Required columns must be in the header; other columns are kept (users may add
    their own). Cells are stripped; fully blank lines are skipped.
    """
    text = read_text(path, problems)
    if text is None:
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        problems.error(path, f"cannot read the header line: {exc}", line=1)
        return None
    header = [h.strip() for h in header]
    columns = {name: i + 1 for i, name in enumerate(header) if name}
    missing = [c for c in required if c not in columns]
    if missing:
        allowed = ", ".join(required + optional)
        problems.error(
            path,
            f"missing required column(s) {', '.join(missing)}; the header must name: {allowed}",
            line=1,
        )
        return None
    duplicated = sorted({h for h in header if h and header.count(h) > 1})
    if duplicated:
        problems.error(path, f"column(s) named twice in the header: {', '.join(duplicated)}", line=1)
        return None
    rows: list[Row] = []
    file = str(path)
    dense = all(header)
    line = reader.line_num + 1
    try:
        for record in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            if len(record) > len(header):
                problems.error(
                    path,
                    f"row has {len(record)} cells but the header has {len(header)} columns "
                    "(a cell with a comma must be quoted)",
                    line=start,
                    column=len(header) + 1,
                )
                continue
            if dense:  # every header cell named: pair cells with names directly
                cells = dict(zip(header, map(str.strip, record)))
                if len(record) < len(header):
                    cells.update((name, "") for name in header[len(record):])
            else:
                cells = {name: (record[i].strip() if i < len(record) else "") for name, i in ((n, c - 1) for n, c in columns.items())}
            rows.append(Row(file, start, cells, columns))
    except csv.Error as exc:
        problems.error(path, f"malformed CSV: {exc}", line=reader.line_num)
        return None
    return rows


def read_yaml(path: Path, problems: ProblemList) -> Any:
    """The parsed YAML document, or ``None`` after recording a located syntax error."""
    return read_yaml_located(path, problems)


def iter_list_cells(rows: list[Row], name: str) -> Iterator[tuple[Row, str]]:
    """Each (row, item) of a ``;``-separated list column."""
    for row in rows:
        for item in row.split(name):
            yield row, item


class _LineDict(dict):
    """A YAML mapping that remembers the line it started on."""

    line: int = 0


class _LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        mapping = _LineDict(super().construct_mapping(node, deep=deep))
        mapping.line = node.start_mark.line + 1
        return mapping


# libyaml's parser (when PyYAML was built with it) reads a country.yaml ~10x faster;
# it gives the same documents and lines. Its error wording differs, so a file that
# fails to parse is read again with the pure-Python loader for the message users see.
_FastLineLoader = _LineLoader
if getattr(yaml, "__with_libyaml__", False):

    class _FastLineLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        def construct_mapping(self, node, deep=False):  # type: ignore[override]
            mapping = _LineDict(super().construct_mapping(node, deep=deep))
            mapping.line = node.start_mark.line + 1
            return mapping


def yaml_line(value: Any) -> int | None:
    """The line a YAML mapping was read from (``None`` for other values)."""
    return getattr(value, "line", None)


def read_yaml_located(path: Path, problems: ProblemList) -> Any:
    """Like :func:`read_yaml`, but mappings carry their line (see :func:`yaml_line`)."""
    text = read_text(path, problems)
    if text is None:
        return None
    try:
        return yaml.load(text, Loader=_FastLineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError:
        pass
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = {"line": mark.line + 1, "column": mark.column + 1} if mark else {}
        problems.error(path, f"YAML syntax error: {exc.problem or exc}", **where)
        return None
