"""Write outputs whole or not at all: a failed run never leaves a half-written file.

A target that cannot be written (its folder is a file, it is a folder, no permission,
disk full) is an :class:`~kg.problems.InputError` naming the path and the reason.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from kg.problems import InputError, Problem


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place."""
    write_chunks(path, (data,))


def write_chunks(path: Path, chunks: Iterable[bytes]) -> None:
    """Like :func:`write_bytes`, for output produced in pieces (never held whole in memory)."""
    tmp = _stage(path, chunks)
    try:
        with _located(path):
            os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_files(files: Mapping[Path, bytes]) -> None:
    """Write several files together: all of them, or (as far as the operating system allows) none.

    Every file is first written to a temporary file beside its target; only when all are written
    are they renamed into place. Should a rename fail, the files already replaced get their
    previous content back (files that did not exist are removed) before the error is raised.
    """
    staged: list[tuple[Path, str]] = []
    try:
        for path, data in files.items():
            staged.append((path, _stage(path, (data,))))
        previous = {path: (path.read_bytes() if path.is_file() else None) for path, _ in staged}
        replaced: list[Path] = []
        try:
            for path, tmp in staged:
                with _located(path):
                    os.replace(tmp, path)
                replaced.append(path)
        except BaseException:
            for path in replaced:
                if previous[path] is None:
                    path.unlink(missing_ok=True)
                else:
                    write_bytes(path, previous[path])
            raise
    finally:
        for _, tmp in staged:
            Path(tmp).unlink(missing_ok=True)


def _stage(path: Path, chunks: Iterable[bytes]) -> str:
    """Write ``chunks`` to a new temporary file beside ``path``; its name (removed again if writing fails)."""
    if path.is_dir():
        raise _cannot_write(path, "it is a folder; give a file name")
    _check_parents(path)
    with _located(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                for chunk in chunks:
                    handle.write(chunk)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return tmp


@contextmanager
def directory(path: Path) -> Iterator[Path]:
    """Yield a temporary folder; on success its files replace those of the same name in ``path``."""
    if path.exists() and not path.is_dir():
        raise _cannot_write(path, "it exists and is not a folder; give a folder")
    _check_parents(path)
    with _located(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        yield tmp
        with _located(path):
            path.mkdir(parents=True, exist_ok=True)
            for item in tmp.iterdir():
                os.replace(item, path / item.name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _check_parents(path: Path) -> None:
    """The nearest existing ancestor of ``path`` must be a folder (the others are created)."""
    for ancestor in path.parents:
        if ancestor.exists():
            if not ancestor.is_dir():
                raise _cannot_write(path, f"{ancestor} is a file, not a folder")
            return


def _cannot_write(path: Path, reason: str) -> InputError:
    return InputError([Problem(str(path), f"cannot write the output: {reason}")])


@contextmanager
def _located(path: Path) -> Iterator[None]:
    """Turn an operating-system error while writing ``path`` into a located :class:`InputError`."""
    try:
        yield
    except OSError as exc:
        raise _cannot_write(path, exc.strerror or str(exc)) from None
