"""The docs a user follows stay true to the code: allowed values and links."""

from __future__ import annotations

import re

import pytest

from kg.country import COLUMNS
from kg.paths import PROJECT_ROOT
from kg.vocab import default_vocabulary

TEMPLATE = (PROJECT_ROOT / "docs" / "template.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("code_list", ["categories", "roles", "statuses", "membership_roles", "instrument_types", "actor_types"])
def test_template_doc_lists_every_allowed_value(code_list):
    for value in getattr(default_vocabulary(), code_list):
        assert f"`{value}`" in TEMPLATE, f"docs/template.md does not mention {code_list} value {value!r}"


@pytest.mark.parametrize("file_name", sorted(COLUMNS))
def test_template_doc_lists_every_column(file_name):
    section = TEMPLATE.split(f"## `{file_name}`", 1)[1].split("\n## ", 1)[0]
    required, optional = COLUMNS[file_name]
    for column in required + optional:
        assert f"| `{column}` |" in section, f"{file_name}: column {column!r} is not documented"


def test_template_folder_has_the_documented_headers():
    for file_name, (required, optional) in COLUMNS.items():
        header = (PROJECT_ROOT / "data" / "template" / file_name).read_text().splitlines()[0].split(",")
        assert set(required) <= set(header)


def test_readme_links_resolve():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#]+)\)", readme):
        if not target.startswith("http"):
            assert (PROJECT_ROOT / target).exists(), f"README links to missing {target}"
