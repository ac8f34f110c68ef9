"""Problems found in user input, located by file, line and column.

A :class:`Problem` is what a user sees: where the bad cell is and what is allowed
there. Loaders collect every problem they find before stopping, so one run shows
the whole list instead of one error at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One finding in an input file.

    >>> str(Problem("data/countries/XYZ/actors.csv", "unknown type 'ngo'", line=4, column=5, column_name="type"))
    "data/countries/XYZ/actors.csv:4:5 (column 'type'): error: unknown type 'ngo'"
    """

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    column_name: str | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        if self.column_name:
            where += f" (column '{self.column_name}')"
        return f"{where}: {self.severity}: {self.message}"


@dataclass
class ProblemList:
    """Collects problems while a loader reads; raises them together at the end."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def error(self, file: str | Path, message: str, **where: object) -> None:
        self.errors.append(Problem(str(file), message, severity="error", **where))  # type: ignore[arg-type]

    def warning(self, file: str | Path, message: str, **where: object) -> None:
        self.warnings.append(Problem(str(file), message, severity="warning", **where))  # type: ignore[arg-type]

    def extend(self, other: "ProblemList") -> None:
        self.errors.extend(other.errors)
        self.warnings.extend(other.warnings)

    def raise_if_errors(self) -> None:
        if self.errors:
            raise InputError(self.errors, self.warnings)


class InputError(Exception):
    """The input cannot be built: every error found, each with its location."""

    def __init__(self, errors: list[Problem], warnings: list[Problem] | None = None):
        self.errors = list(errors)
        self.warnings = list(warnings or [])
        super().__init__("\n".join(str(p) for p in self.errors))
