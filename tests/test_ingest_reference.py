"""The reference-data converter (ingest/) and the shipped files in data/reference/."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from ingest import gcm
from ingest.curated import CURATED
from ingest.errors import SourceFileError
from ingest.reference import OUTPUTS, regenerate, required_inputs, validate
from ingest.sources import source_ids

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "reference"
SHIPPED = ROOT / "data" / "reference"

needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(),
    reason=f"official downloads not found at {SHARED} (shared/reference lives beside the repository)",
)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    if not SHARED.is_dir():
        pytest.skip(f"official downloads not found at {SHARED}")
    out = tmp_path_factory.mktemp("reference")
    return out, regenerate(SHARED, out)


# (a) the converter reproduces the shipped files


@needs_shared
def test_regenerated_files_equal_shipped_files(regenerated: tuple[Path, dict[str, int]]) -> None:
    out, counts = regenerated
    assert set(counts) == {output.filename for output in OUTPUTS.values()}
    for output in OUTPUTS.values():
        assert (out / output.filename).read_bytes() == (SHIPPED / output.filename).read_bytes(), (
            f"{output.filename} differs from data/reference: run "
            "`python -m ingest --from ../shared/reference --out data/reference`"
        )


@needs_shared
def test_regenerating_in_place_is_a_no_op(tmp_path: Path) -> None:
    out = tmp_path / "reference"
    shutil.copytree(SHIPPED, out)
    before = snapshot(out)
    regenerate(SHARED, out)
    assert snapshot(out) == before


def test_shipped_directory_validates() -> None:
    counts = validate(SHIPPED)
    assert counts["gcm_sdg_alignment.csv"] >= 40


# (b) counts


def test_counts() -> None:
    counts = validate(SHIPPED)
    assert counts["gcm_objectives.csv"] == 23
    assert counts["gcm_principles.csv"] == 10
    assert counts["sdg_goals.csv"] == 17
    assert counts["sdg_targets.csv"] == 169
    assert counts["sdg_indicators.csv"] == 248  # 2023 framework rows; 10.6.1 = 16.8.1 etc. counted per target
    assert counts["gcm_actions.csv"] == 189
    assert counts["mgi_domains.csv"] == 6
    assert counts["migof.csv"] == 6


def test_objective_20_has_remittance_actions_a_to_k() -> None:
    actions = read_csv(SHIPPED / "gcm_actions.csv")
    letters = "".join(row["letter"] for row in actions if row["objective"] == "20")
    assert letters == "abcdefghijk"
    assert {row["paragraph"] for row in actions if row["objective"] == "20"} == {"36"}


def test_action_letters_are_consecutive_and_paragraph_is_16_plus_objective() -> None:
    by_objective: dict[int, str] = {}
    for row in read_csv(SHIPPED / "gcm_actions.csv"):
        objective = int(row["objective"])
        by_objective[objective] = by_objective.get(objective, "") + row["letter"]
        assert row["code"] == f"{objective}.{row['letter']}"
        assert int(row["paragraph"]) == 16 + objective
    assert sorted(by_objective) == list(range(1, 24))
    for objective, letters in by_objective.items():
        assert letters == "abcdefghijklmnopqrstuvwxyz"[: len(letters)], objective


def test_principles_follow_paragraph_15_order() -> None:
    rows = read_csv(SHIPPED / "gcm_principles.csv")
    assert [row["id"] for row in rows] == list(gcm.PRINCIPLE_IDS)
    assert [row["letter"] for row in rows] == list("abcdefghij")
    assert {row["paragraph"] for row in rows} == {"15"}


def test_sdg_uris_follow_the_un_scheme() -> None:
    for row in read_csv(SHIPPED / "sdg_goals.csv"):
        assert row["uri"] == f"http://metadata.un.org/sdg/{row['code']}"
    targets = read_csv(SHIPPED / "sdg_targets.csv")
    for row in targets:
        assert row["uri"] == f"http://metadata.un.org/sdg/{row['code']}"
    assert {"10.7", "10.c"} <= {row["code"] for row in targets}
    indicators = read_csv(SHIPPED / "sdg_indicators.csv")
    for row in indicators:
        assert row["uri"] == f"http://metadata.un.org/sdg/{row['unsd_code']}"
        assert row["code"].rsplit(".", 1)[0] == row["target"]
    by_code = {(row["code"], row["target"]): row for row in indicators}
    assert by_code[("10.7.2", "10.7")]["unsd_code"] == "C100702"
    # a repeated indicator keeps one row per target, sharing its UNSD code
    assert by_code[("10.6.1", "10.6")]["unsd_code"] == by_code[("16.8.1", "16.8")]["unsd_code"]
    assert not any(row["code"].endswith(".0") or row["code"] == "0" for row in indicators)


def test_titles_are_clean() -> None:
    goals = {row["code"]: row["title"] for row in read_csv(SHIPPED / "sdg_goals.csv")}
    assert goals["13"] == "Take urgent action to combat climate change and its impacts"  # footnote 3 dropped
    assert not any(title.startswith("Goal") for title in goals.values())
    indicators = {row["code"]: row["title"] for row in read_csv(SHIPPED / "sdg_indicators.csv")}
    assert indicators["10.4.2"] == "Redistributive impact of fiscal policy"  # footnote 2 dropped
    assert indicators["9.4.1"].startswith("CO2 emission")  # subscript kept
    for name in ("sdg_goals.csv", "sdg_targets.csv", "sdg_indicators.csv"):
        for row in read_csv(SHIPPED / name):
            assert row["title"] == " ".join(row["title"].split()), row["code"]
            assert "\u00a0" not in row["title"]


@needs_shared
def test_sdg_uris_exist_in_un_linked_data() -> None:
    import rdflib  # a project dependency: a missing one is a failure, not a skip

    graph = rdflib.Graph()
    graph.parse(SHARED / "sdg" / "sdg-kos-goals-targets-indicators.ttl")
    sdgo = rdflib.Namespace("http://metadata.un.org/sdg/ontology#")
    skos = rdflib.namespace.SKOS
    rdf_type = rdflib.RDF.type
    for row in read_csv(SHIPPED / "sdg_goals.csv"):
        assert (rdflib.URIRef(row["uri"]), rdf_type, sdgo.Goal) in graph
    for row in read_csv(SHIPPED / "sdg_targets.csv"):
        assert (rdflib.URIRef(row["uri"]), rdf_type, sdgo.Target) in graph, row["code"]
    # the vocabulary holds the 2019 indicator set: most 2023 codes are there, and where a code
    # is there it carries the same indicator number (17.6.1 was 17.6.2 until 2020, per the xlsx footnote)
    indicators = read_csv(SHIPPED / "sdg_indicators.csv")
    found = 0
    for row in indicators:
        uri = rdflib.URIRef(row["uri"])
        if (uri, rdf_type, sdgo.Indicator) not in graph:
            continue
        found += 1
        numbers = {str(o) for o in graph.objects(uri, skos.notation) if str(o.datatype).endswith("SDGCodeCompact")}
        assert row["code"] in numbers or (row["code"], numbers) == ("17.6.1", {"17.6.2"}), row["code"]
    assert found >= 0.8 * len(indicators)


@needs_shared
def test_indicators_match_the_unsd_csv() -> None:
    with (SHARED / "sdg" / "SDG_Target_Indicator_UNSD_2023.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    expected = [
        (row["IndicatorsNumber"].strip(), row["TargetsNumber"].strip(), row["UNSDIndicatorCodes"].strip())
        for row in rows
        if row["IndicatorsNumber"].strip() != "0"
    ]
    shipped = [(row["code"], row["target"], row["unsd_code"]) for row in read_csv(SHIPPED / "sdg_indicators.csv")]
    assert shipped == expected


# (c) the curated alignment


def test_alignment_references_exist() -> None:
    targets = {row["code"] for row in read_csv(SHIPPED / "sdg_targets.csv")}
    alignment = read_csv(SHIPPED / "gcm_sdg_alignment.csv")
    assert 40 <= len(alignment) <= 90
    for row in alignment:
        assert row["target"] in targets, row
        assert row["source"] in {"a-res-73-195", "iom-2018-migration-2030"}, row
        assert row["source"] in source_ids()
        assert row["rationale"].strip()
    assert {int(row["objective"]) for row in alignment} == set(range(1, 24))
    pairs = [(row["objective"], row["target"]) for row in alignment]
    assert len(pairs) == len(set(pairs))
    assert ("20", "10.c") in pairs and ("1", "17.18") in pairs and ("4", "16.9") in pairs


def test_every_cited_source_is_known() -> None:
    known = source_ids()
    names = [output.filename for output in OUTPUTS.values() if output.filename.endswith(".csv")]
    names += [curated.filename for curated in CURATED.values()]
    for name in names:
        for row in read_csv(SHIPPED / name):
            assert row["source"] in known, (name, row)


def test_mgi_domains_point_at_migof_items() -> None:
    migof = {row["id"]: row for row in read_csv(SHIPPED / "migof.csv")}
    domains = read_csv(SHIPPED / "mgi_domains.csv")
    assert [row["id"] for row in domains] == [
        "migrant_rights",
        "whole_of_government",
        "partnerships",
        "well_being",
        "mobility_crises",
        "safe_orderly_regular",
    ]
    assert [row["migof"] for row in domains] == [f"principle/{n}" for n in (1, 2, 3)] + [
        f"objective/{n}" for n in (1, 2, 3)
    ]
    assert all(row["migof"] in migof for row in domains)


# (d) errors


def _source_copy(tmp_path: Path, leave_out: Path | None = None) -> Path:
    """A source directory of symlinks to the official downloads (minus one file)."""
    source = tmp_path / "source"
    for relative in required_inputs():
        if relative == leave_out:
            continue
        (source / relative).parent.mkdir(parents=True, exist_ok=True)
        (source / relative).symlink_to(SHARED / relative)
    return source


def _populated_out(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(SHIPPED, out)
    (out / "gcm_actions.csv").write_text("stale\n", encoding="utf-8")  # proves nothing is rewritten
    return out


@needs_shared
@pytest.mark.parametrize("missing", list(required_inputs()), ids=lambda p: p.name)
def test_missing_input_raises_value_error_and_leaves_out_dir_unchanged(tmp_path: Path, missing: Path) -> None:
    source = _source_copy(tmp_path, leave_out=missing)
    out = _populated_out(tmp_path)
    before = snapshot(out)
    with pytest.raises(ValueError, match=missing.name) as info:
        regenerate(source, out)
    assert isinstance(info.value, SourceFileError)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "source"]  # no staging left behind


def test_missing_source_directory_raises_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="nowhere"):
        regenerate(tmp_path / "nowhere", tmp_path / "out")
    assert not (tmp_path / "out").exists()


@needs_shared
def test_bad_input_file_is_named(tmp_path: Path) -> None:
    source = _source_copy(tmp_path, leave_out=gcm.OBJECTIVES_CSV)
    (source / gcm.OBJECTIVES_CSV).write_text("number,title\n1,Data\n", encoding="utf-8")
    out = _populated_out(tmp_path)
    before = snapshot(out)
    with pytest.raises(ValueError, match="gcm_objectives.csv"):
        regenerate(source, out)
    assert snapshot(out) == before


@needs_shared
def test_bad_curated_file_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    out = _populated_out(tmp_path)
    with (out / "gcm_sdg_alignment.csv").open("a", encoding="utf-8") as handle:
        handle.write('1,10.99,a-res-73-195,"A link to a target that does not exist."\n')
    before = snapshot(out)
    with pytest.raises(ValueError, match="gcm_sdg_alignment.csv"):
        regenerate(SHARED, out)
    assert snapshot(out) == before


@needs_shared
def test_draft_defect_is_caught_without_the_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the override table the copied Objective 20 block is detected, not shipped."""
    monkeypatch.setattr(gcm, "ACTION_LETTER_OVERRIDES", {})
    out = tmp_path / "out"
    with pytest.raises(ValueError, match=r"gcm_actions_draft\.md.*objective 20"):
        regenerate(SHARED, out)
    assert not out.exists()
