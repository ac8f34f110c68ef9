"""The scale benchmark: ``migkg bench --countries 190 [--json]`` or ``python -m kg.bench``.

One run generates a synthetic graph (:mod:`kg.synth`) and measures, each as the
median of ``--repeat`` runs (3 by default):

* ``build_s``: :func:`kg.build.build` from the country folders (records, every check);
* ``validate_s``: :func:`kg.validate.validate_fast` of every country (the SHACL shapes);
* ``project_s``: the networkx projection; ``gaps_all_s``: :func:`kg.gaps.analyse_all`;
  ``gaps_one_s``: :func:`kg.gaps.analyse` of one country with the shared
  reference index already built (as the explorer and ``analyse_all`` reuse it),
  and ``gaps_one_cold_s`` including that index;
* ``export_s``: :func:`kg.export.write` to N-Triples (``triples`` counts the statements);
* ``pyoxigraph_parse_s``: the reference — ``list(pyoxigraph.parse(data, format=N_TRIPLES))``
  of that export, already in memory, in a process of its own;
* ``store_load_s``: loading the export into an in-memory ``pyoxigraph.Store``;
  ``sparql_aggregate_s`` (responsibilities per objective per country) and
  ``sparql_no_lead_s`` (country × objective pairs without a lead or co-lead,
  written with MINUS: pyoxigraph's FILTER NOT EXISTS is pathologically slow, oxigraph#885);
* ``explorer_overview_s``: the explorer itself (``app.py`` under streamlit's AppTest,
  ``MIGKG_DATA_DIR`` set to the synthetic data) re-rendering its default page, the
  overview of one country, with every country loaded (median of reruns), in a process
  of its own (``explorer_peak_rss_mb``); ``explorer_country_s`` and
  ``explorer_country_counts_s`` time the two parts of that page (kg/explorer/data.py)
  in the pipeline process: one country's gap results and tables, and the table of
  counts for every country;
* ``peak_rss_mb``: the peak resident memory (``resource.getrusage(RUSAGE_SELF).ru_maxrss``)
  of the process that ran every stage above except the reference parse, i.e. with
  the records, the projection and the SPARQL store all in memory at once;
  ``reference_peak_rss_mb`` is that of the reference-parse process.

The ratios and targets (docs/performance.md) are computed in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

PREFIXES = """PREFIX mkg: <https://w3id.org/migration-kg/ontology#>
PREFIX role: <https://w3id.org/migration-kg/id/role/>
"""

SPARQL_AGGREGATE = PREFIXES + """SELECT ?country ?objective (COUNT(?r) AS ?responsibilities) WHERE {
  ?r a mkg:Responsibility ; mkg:country ?country ; mkg:objective ?objective .
} GROUP BY ?country ?objective"""

SPARQL_NO_LEAD = PREFIXES + """SELECT ?country ?objective WHERE {
  ?country a mkg:Country .
  ?objective a mkg:GCMObjective .
  MINUS { ?r mkg:country ?country ; mkg:objective ?objective ; mkg:role ?role . VALUES ?role { role:lead role:co-lead } }
}"""

TARGETS = {
    # name: (figure, limit, what)
    "build_vs_pyoxigraph_parse": ("build_vs_pyoxigraph_parse", 3.0, "build ≤ 3 × pyoxigraph's bare parse"),
    "gaps_all_s": ("gaps_all_s", 1.0, "gaps for all countries ≤ 1 s"),
    "gaps_all_vs_build": ("gaps_all_vs_build", 0.2, "gaps for all countries ≤ 0.2 × build"),
    "gaps_one_s": ("gaps_one_s", 0.020, "gaps for one country ≤ 20 ms"),
    "sparql_aggregate_s": ("sparql_aggregate_s", 1.0, "SPARQL aggregate over the whole graph ≤ 1 s"),
    "peak_rss_mb": ("peak_rss_mb", 1536.0, "peak memory ≤ 1.5 GiB (1536 MiB)"),
    "explorer_overview_s": ("explorer_overview_s", 2.0, "explorer overview of one country renders in ≤ 2 s, every country loaded"),
}

FIELDS = (
    "triples", "build_s", "validate_s", "project_s", "gaps_all_s", "gaps_one_s", "export_s", "pyoxigraph_parse_s",
    "sparql_aggregate_s", "sparql_no_lead_s", "peak_rss_mb",
)


def _median(func: Callable[[], object], repeat: int) -> tuple[float, object]:
    """Median wall time of ``repeat`` calls, and the last call's result."""
    times, result = [], None
    for _ in range(repeat):
        result = None  # let the previous result go before the next run
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)  # bytes on macOS, KiB on Linux


def machine() -> dict:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = None
    try:
        memory_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        pass
    from importlib.metadata import version

    return {
        "cpu_count": os.cpu_count(),
        "cpu_model": model,
        "memory_gb": memory_gb,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
        "packages": {name: version(name) for name in ("pyoxigraph", "rdflib", "networkx", "pydantic", "pyshacl")},
    }


# --- the stages (each run in a child process) ---------------------------------------------------


def stage_pipeline(data_dir: Path, export_path: Path, repeat: int, country: str | None = None) -> dict:
    """Everything but the reference parse, in this process (its peak memory is the pipeline's)."""
    import pyoxigraph as ox

    from kg import export, gap_report, gaps
    from kg.build import build
    from kg.projection import project
    from kg.validate import validate_fast

    out: dict = {}
    holder: dict = {}

    def do_build():
        holder.pop("kg", None)
        holder["kg"] = build(data_dir)
        return None

    out["build_s"], _ = _median(do_build, repeat)
    kg = holder.pop("kg")
    out["countries"] = len(kg.countries)
    out["responsibilities"] = sum(len(c.responsibilities) for c in kg.countries.values())
    out["actors"] = sum(len(c.actors) for c in kg.countries.values())
    iso3 = country or next(iter(kg.countries))
    out["country"] = iso3

    out["validate_s"], results = _median(lambda: validate_fast(kg), repeat)
    out["validate_conforms"] = all(r.conforms for r in results)
    out["validate_problems"] = sum(len(r.problems) for r in results)
    del results

    def do_project():
        holder.pop("graph", None)
        holder["graph"] = project(kg)
        return None

    out["project_s"], _ = _median(do_project, repeat)
    graph = holder.pop("graph")
    out["nodes"], out["edges"] = graph.number_of_nodes(), graph.number_of_edges()
    out["gaps_all_s"], _ = _median(lambda: gaps.analyse_all(graph), repeat)
    reference = gaps.reference_index(graph)
    out["gaps_one_s"], _ = _median(lambda: gaps.analyse(graph, iso3, reference), repeat)
    out["gaps_one_cold_s"], _ = _median(lambda: gaps.analyse(graph, iso3), repeat)

    out["export_s"], _ = _median(lambda: export.write(kg, "nt", export_path), repeat)

    # The explorer's overview page for one country, as functions (kg/explorer/data.py) on this
    # process's graph: the country's gap results and tables (cold), and the all-country counts table.
    from kg.explorer import data as explorer

    ex = explorer.Explorer(graph, kg=kg)
    start = time.perf_counter()
    result = ex.gaps(iso3)
    explorer.worst_first(result), explorer.category_table(result), explorer.sdg_table(result, only_at_risk=True)
    gap_report.render(result, "md")
    out["explorer_country_s"] = time.perf_counter() - start
    start = time.perf_counter()
    counts = explorer.country_counts(ex)
    out["explorer_country_counts_s"] = time.perf_counter() - start
    assert len(counts) == len(kg.countries)
    del ex, counts
    start = time.perf_counter()
    out["triples"] = kg.triple_count
    out["triple_count_s"] = time.perf_counter() - start

    def do_load():
        holder.pop("store", None)
        store = ox.Store()
        store.load(path=str(export_path), format=ox.RdfFormat.N_TRIPLES)
        holder["store"] = store
        return None

    out["store_load_s"], _ = _median(do_load, repeat)
    store = holder.pop("store")
    out["store_triples"] = len(store)
    out["sparql_aggregate_s"], rows = _median(lambda: list(store.query(SPARQL_AGGREGATE)), repeat)
    out["sparql_aggregate_rows"] = len(rows)
    out["sparql_no_lead_s"], rows = _median(lambda: list(store.query(SPARQL_NO_LEAD)), repeat)
    out["sparql_no_lead_rows"] = len(rows)
    out["peak_rss_mb"] = _peak_rss_mb()
    return out


def stage_reference(export_path: Path, repeat: int) -> dict:
    """pyoxigraph's bare parse of the N-Triples export (held in memory first, not timed)."""
    import pyoxigraph as ox

    data = export_path.read_bytes()
    seconds, triples = _median(lambda: list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES)), repeat)
    return {"pyoxigraph_parse_s": seconds, "parsed_triples": len(triples), "reference_peak_rss_mb": _peak_rss_mb()}


def stage_explorer(data_dir: Path, repeat: int) -> dict:
    """The real explorer (app.py, streamlit's AppTest, no browser) on the synthetic data.

    The first run opens the graph (build + projection, cached for the process) and
    renders the default page, the overview of the first country; each rerun is a
    render with every country already loaded — ``explorer_overview_s`` is their median.
    """
    os.environ["MIGKG_DATA_DIR"] = str(data_dir)
    from streamlit.testing.v1 import AppTest

    from kg.paths import PROJECT_ROOT

    start = time.perf_counter()
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=900).run()
    first = time.perf_counter() - start
    if app.exception:
        raise RuntimeError(f"the explorer failed: {app.exception}")
    seconds, _ = _median(lambda: app.run(), repeat)
    if app.exception:
        raise RuntimeError(f"the explorer failed: {app.exception}")
    return {"explorer_first_run_s": first, "explorer_overview_s": seconds, "explorer_peak_rss_mb": _peak_rss_mb()}


def _child(stage: str, *args: str) -> dict:
    command = [sys.executable, "-m", "kg.bench", "--stage", stage, *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"benchmark stage {stage!r} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the whole run ------------------------------------------------------------------------------


def check_arguments(countries: int, repeat: int) -> None:
    """``ValueError`` saying what is allowed, before anything is generated."""
    from kg.synth import check_count

    check_count(countries)
    if repeat < 1:
        raise ValueError(f"--repeat must be 1 or more, not {repeat}")


def run(countries: int = 190, seed: int = 0, repeat: int = 3, workdir: Path | None = None, log: Callable[[str], None] | None = None) -> dict:
    """Generate ``countries`` synthetic countries, run every stage, return figures, ratios and targets."""
    from kg.synth import generate

    check_arguments(countries, repeat)
    log = log or (lambda text: None)
    started = time.perf_counter()
    load_before = [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None
    with tempfile.TemporaryDirectory(prefix="migkg-bench-") as tmp:
        work = workdir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        data_dir = work / "data"
        log(f"generating {countries} synthetic countries (seed {seed}) in {data_dir}")
        start = time.perf_counter()
        generate(data_dir, countries=countries, seed=seed)
        synth_s = time.perf_counter() - start
        export_path = work / "graph.nt"
        log("pipeline: build, validate, project, gaps, export, explorer, SPARQL")
        figures = _child("pipeline", "--data", str(data_dir), "--export", str(export_path), "--repeat", str(repeat))
        log("reference: pyoxigraph's bare parse of the export")
        figures.update(_child("reference", "--export", str(export_path), "--repeat", str(repeat)))
        log("explorer: the overview page with every country loaded (streamlit AppTest)")
        figures.update(_child("explorer", "--data", str(data_dir), "--repeat", str(repeat)))
        figures["export_mb"] = round(export_path.stat().st_size / 2**20, 1)
    figures["synth_s"] = synth_s
    result = {"countries_requested": countries, "seed": seed, "repeat": repeat, **figures}
    result["build_vs_pyoxigraph_parse"] = result["build_s"] / result["pyoxigraph_parse_s"]
    result["gaps_all_vs_build"] = result["gaps_all_s"] / result["build_s"]
    result["gaps_one_vs_build"] = result["gaps_one_s"] / result["build_s"]
    result["validate_vs_build"] = result["validate_s"] / result["build_s"]
    result["export_vs_pyoxigraph_parse"] = result["export_s"] / result["pyoxigraph_parse_s"]
    result["targets"] = {
        name: {"what": what, "value": result[key], "limit": limit, "met": result[key] <= limit}
        for name, (key, limit, what) in TARGETS.items()
    }
    result["machine"] = machine()
    result["machine"]["load_average_before"] = load_before  # other work on the machine inflates every figure
    result["total_s"] = time.perf_counter() - started
    return result


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if value < 100 else f"{value:.0f}"
    return str(value)


def report(result: dict) -> str:
    """The figures and ratios as aligned text."""
    lines = [f"migration-kg benchmark: {result['countries']} synthetic countries (seed {result['seed']}), "
             f"{result['triples']:,} triples, median of {result['repeat']}"]
    m = result["machine"]
    lines.append(f"machine: {m['cpu_count']} × {m['cpu_model']}, {m['memory_gb']} GB, Python {m['python']}, pyoxigraph {m['packages']['pyoxigraph']}, "
                 f"load average {m.get('load_average_before')} before, {m.get('load_average')} after")
    rows = [
        ("build (records from country folders)", "build_s"), ("validate (SHACL shapes, fast engine)", "validate_s"),
        ("networkx projection", "project_s"), ("gaps, all countries", "gaps_all_s"), ("gaps, one country", "gaps_one_s"),
        ("gaps, one country incl. reference index", "gaps_one_cold_s"), ("export N-Triples", "export_s"),
        ("pyoxigraph bare parse (reference)", "pyoxigraph_parse_s"), ("pyoxigraph store load", "store_load_s"),
        ("SPARQL aggregate", "sparql_aggregate_s"), ("SPARQL objectives without a lead", "sparql_no_lead_s"),
        ("explorer: one country's gaps and tables (cold)", "explorer_country_s"),
        ("explorer: all-country counts table", "explorer_country_counts_s"),
        ("explorer: overview page render (AppTest)", "explorer_overview_s"),
        ("explorer: first run (opens the graph)", "explorer_first_run_s"),
        ("triple count (stats)", "triple_count_s"),
        ("peak RSS, pipeline (MiB)", "peak_rss_mb"),
        ("peak RSS, reference parse (MiB)", "reference_peak_rss_mb"), ("peak RSS, explorer (MiB)", "explorer_peak_rss_mb"),
        ("build / pyoxigraph parse", "build_vs_pyoxigraph_parse"), ("gaps all / build", "gaps_all_vs_build"),
    ]
    width = max(len(label) for label, _ in rows)
    lines += [f"  {label:<{width}}  {_fmt(result[key])}" for label, key in rows]
    lines.append("targets:")
    for t in result["targets"].values():
        lines.append(f"  [{'met' if t['met'] else 'NOT met'}] {t['what']}: {_fmt(t['value'])} (limit {_fmt(t['limit'])})")
    lines.append(f"total {result['total_s']:.0f} s")
    return "\n".join(lines) + "\n"


ROWS = (
    ("build: records from the country folders, every check", "build_s", "s"),
    ("validate: every SHACL shape, every country (fast engine)", "validate_s", "s"),
    ("networkx projection", "project_s", "s"),
    ("gaps, all countries (`analyse_all`)", "gaps_all_s", "s"),
    ("gaps, one country (reference index shared)", "gaps_one_s", "s"),
    ("gaps, one country, building the reference index too", "gaps_one_cold_s", "s"),
    ("export N-Triples (`export.write`)", "export_s", "s"),
    ("**pyoxigraph bare parse of that export** (reference)", "pyoxigraph_parse_s", "s"),
    ("pyoxigraph store load (in memory)", "store_load_s", "s"),
    ("SPARQL: responsibilities per objective per country", "sparql_aggregate_s", "s"),
    ("SPARQL: objectives without a lead (MINUS)", "sparql_no_lead_s", "s"),
    ("triple count (`stats`, first call)", "triple_count_s", "s"),
    ("explorer: one country's gap results and tables, cold", "explorer_country_s", "s"),
    ("explorer: the all-country counts table", "explorer_country_counts_s", "s"),
    ("explorer: overview page re-render, every country loaded (AppTest)", "explorer_overview_s", "s"),
    ("explorer: first run, opening the graph", "explorer_first_run_s", "s"),
    ("peak RSS: build…SPARQL in one process", "peak_rss_mb", "MiB"),
    ("peak RSS: the reference parse", "reference_peak_rss_mb", "MiB"),
    ("peak RSS: the explorer", "explorer_peak_rss_mb", "MiB"),
)


def markdown(result: dict) -> str:
    """The figures, ratios and targets as Markdown tables (docs/performance.md)."""
    m = result["machine"]
    lines = [
        f"{result['countries']} synthetic countries (seed {result['seed']}): {result['triples']:,} triples, "
        f"{result['actors']:,} actors, {result['responsibilities']:,} responsibilities; median of {result['repeat']} runs.",
        f"Machine: {m['cpu_count']} cores ({m['cpu_model']}), {m['memory_gb']} GB, Python {m['python']}, "
        + ", ".join(f"{k} {v}" for k, v in m["packages"].items())
        + f"; load average {m.get('load_average_before')} before the run, {m.get('load_average')} after.",
        "",
        "| stage | figure |",
        "|---|---:|",
    ]
    for label, key, unit in ROWS:
        value = result.get(key)
        lines.append(f"| {label} | {_fmt(value) if value is not None else '–'} {unit} |")
    lines += ["", "| target | measured | limit | met |", "|---|---:|---:|:---:|"]
    for t in result["targets"].values():
        lines.append(f"| {t['what']} | {_fmt(t['value'])} | {_fmt(t['limit'])} | {'yes' if t['met'] else '**no**'} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--countries", type=int, default=190)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--md", action="store_true", help="print Markdown tables (as in docs/performance.md)")
    parser.add_argument("--from-json", type=Path, help="render a saved --json result instead of running")
    parser.add_argument("--workdir", type=Path, help="keep the generated data and export here")
    parser.add_argument("--stage", choices=("pipeline", "reference", "explorer"), help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--export", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage == "pipeline":
        print(json.dumps(stage_pipeline(args.data, args.export, args.repeat)))
        return 0
    if args.stage == "explorer":
        print(json.dumps(stage_explorer(args.data, args.repeat)))
        return 0
    if args.stage == "reference":
        print(json.dumps(stage_reference(args.export, args.repeat)))
        return 0
    if args.from_json:
        result = json.loads(args.from_json.read_text(encoding="utf-8"))
    else:
        log = (lambda text: print(text, file=sys.stderr)) if not args.json else None
        result = run(args.countries, args.seed, args.repeat, args.workdir, log)
    sys.stdout.write(json.dumps(result, indent=2) + "\n" if args.json else markdown(result) if args.md else report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
