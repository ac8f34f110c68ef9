"""The one error the converter raises for missing or malformed inputs."""

from __future__ import annotations

from pathlib import Path


class SourceFileError(ValueError):
    """An input file is missing or does not have the expected content.

    ``str(error)`` always starts with the file's path, so a message names the file.
    """

    def __init__(self, path: Path, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
