"""A document that cannot be read, with the path and what is wrong."""

from __future__ import annotations


class DocumentError(Exception):
    """Reading or ingesting one document failed; the message says why and what to do."""

    def __init__(self, path: str, message: str):
        self.path = str(path)
        self.message = message
        super().__init__(f"{self.path}: error: {message}")
