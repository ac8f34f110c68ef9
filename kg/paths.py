"""Where the shipped ontology and data live (the project is installed in editable mode)."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"


def reference_dir(data_dir: Path) -> Path:
    return data_dir / "reference"


def countries_dir(data_dir: Path) -> Path:
    return data_dir / "countries"
