"""Outputs are written whole or not at all (kg/atomic.py), also when several files change together."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg import atomic
from kg.problems import InputError


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*.tmp"))


def test_write_files_writes_every_file(tmp_path: Path):
    (tmp_path / "a.csv").write_bytes(b"old a\n")
    atomic.write_files({tmp_path / "a.csv": b"new a\n", tmp_path / "sub" / "b.csv": b"new b\n"})
    assert (tmp_path / "a.csv").read_bytes() == b"new a\n"
    assert (tmp_path / "sub" / "b.csv").read_bytes() == b"new b\n"
    assert leftovers(tmp_path) == []


def test_write_files_writes_nothing_when_one_target_cannot_be_written(tmp_path: Path):
    (tmp_path / "a.csv").write_bytes(b"old a\n")
    (tmp_path / "folder.csv").mkdir()
    with pytest.raises(InputError) as caught:
        atomic.write_files({tmp_path / "a.csv": b"new a\n", tmp_path / "folder.csv": b"x"})
    assert f"{tmp_path / 'folder.csv'}: error: cannot write the output: it is a folder" in str(caught.value)
    assert (tmp_path / "a.csv").read_bytes() == b"old a\n"
    assert leftovers(tmp_path) == []


def test_write_files_puts_back_what_it_replaced_when_a_rename_fails(tmp_path: Path, monkeypatch):
    """The second rename fails (as on a full or read-only disk): the first file gets its old
    content back, a file that did not exist is not left behind, and the error is located."""
    (tmp_path / "a.csv").write_bytes(b"old a\n")
    real_replace, calls = os.replace, []

    def failing_replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    with pytest.raises(InputError) as caught:
        atomic.write_files({tmp_path / "a.csv": b"new a\n", tmp_path / "b.csv": b"new b\n", tmp_path / "c.csv": b"new c\n"})
    monkeypatch.undo()
    assert "b.csv: error: cannot write the output: No space left on device" in str(caught.value)
    assert (tmp_path / "a.csv").read_bytes() == b"old a\n"
    assert not (tmp_path / "b.csv").exists() and not (tmp_path / "c.csv").exists()
    assert leftovers(tmp_path) == []
