"""Benchmark: our validator against a bare Polars read and the usual tools, on synthetic packages.

    python scripts/bench_validate.py                       # 10^4, 10^5, 10^6, 10^7 events
    python scripts/bench_validate.py --sizes 1e4,1e5 --repeats 3
    python scripts/bench_validate.py --sizes 1e6 --parts 8     # each Parquet table in 8 parts

Per size it synthesises a package (``kyrgyz_events.synth``), then measures — each run in its own
subprocess, so every peak RSS is that run's own — on the same files:

- ``cli``: ``kyrgyz-events validate PKG``, the command users run (both formats), as a subprocess;
- ``cli-parquet``: ``kyrgyz-events validate PKG --table-format parquet`` (the Parquet files alone);
- ``floor-read``: a Polars read of every data file, Parquet and JSON Lines (read with its Parquet twin's
  schema); ``floor-sha256``: the sha256 of every byte. The CLI's floor is the larger of the two;
- ``read``: a bare ``polars.read_parquet`` of every Parquet file (all columns), ``cli-parquet``'s floor;
- ``ours``: ``validate(pkg, formats=("parquet",))``, every rule on the Parquet package (plus integrity);
- ``ours+twins``: ``validate(pkg)``, Parquet and JSON Lines and their agreement;
- ``pandera-pandas``: pandas reads each Parquet file, pandera (pandas backend) validates it lazily with the
  contract's column checks (types, nulls, enums, patterns, ranges, lengths, unique keys) — fewer rules;
- ``frictionless``: ``frictionless.validate`` of the Parquet resources — fewer rules;
- JSON Lines path: ``read-jsonl`` (bare ``polars.read_ndjson``), ``ours-jsonl`` (``formats=("jsonl",)``),
  ``jsonschema`` (one ``Draft202012Validator.iter_errors`` call per record, nothing else), and
  ``reference-jsonl`` (``validate(fast=False)``: jsonschema per record in the validator) whose findings
  must equal ``ours-jsonl``'s.

Slow tools run only up to a size cap (``--cap-*``). Finally one location gets a dangling parent and another
a latitude out of range, and the report must name both (rule, record, field).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()


# --- measurements, each run in a child process -----------------------------------------------------------


def _parquet_files(pkg: Path) -> list[Path]:
    """Every Parquet file of the package: one per table, or the parts under ``data/<table>/``."""
    files = sorted((pkg / "data").rglob("*.parquet"))
    assert files, f"no Parquet files under {pkg / 'data'}"
    return files


def _parquet_tables(pkg: Path) -> dict[str, list[Path]]:
    """Each table's Parquet files (its parts, in order), keyed by table name."""
    out: dict[str, list[Path]] = {}
    for f in _parquet_files(pkg):
        out.setdefault(f.stem if f.parent == pkg / "data" else f.relative_to(pkg / "data").parts[0], []).append(f)
    return out


def _jsonl_files(pkg: Path) -> list[Path]:
    files = sorted((pkg / "data").glob("*.jsonl"))
    assert files, f"no JSON Lines files under {pkg / 'data'}"
    return files


def _keys(report: Any) -> list[list[str | None]]:
    return sorted([[f.rule, f.table, f.record_id, f.field] for f in report.findings], key=str)


def measure_read(pkg: Path) -> dict[str, Any]:
    import polars as pl

    rows = sum(pl.read_parquet(f).height for f in _parquet_files(pkg))
    return {"rows": rows, "findings": None}


def measure_floor_read(pkg: Path) -> dict[str, Any]:
    import polars as pl

    rows = 0
    for table, files in _parquet_tables(pkg).items():
        frame = pl.concat([pl.read_parquet(f) for f in files])
        twin = pkg / "data" / f"{table}.jsonl"
        rows += frame.height + (pl.read_ndjson(twin, schema=frame.schema).height if twin.is_file() else 0)
    return {"rows": rows, "findings": None}


def measure_floor_sha256(pkg: Path) -> dict[str, Any]:
    import hashlib

    total = 0
    for f in sorted(p for p in pkg.rglob("*") if p.is_file()):
        with f.open("rb") as fh:
            hashlib.file_digest(fh, "sha256")
        total += f.stat().st_size
    return {"rows": None, "findings": None, "bytes": total}


def _cli(pkg: Path, *extra: str) -> dict[str, Any]:
    """The command as users run it, in its own process (RSS: the child's own peak)."""
    exe = Path(sys.executable).with_name("kyrgyz-events")
    done = subprocess.run([str(exe), "validate", str(pkg), "--format", "json", *extra], capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}")
    report = json.loads(done.stdout)
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"rows": sum(report["rows_checked"].values()), "findings": report["finding_count"], "child_rss_mib": rss}


def measure_cli(pkg: Path) -> dict[str, Any]:
    return _cli(pkg)


def measure_cli_parquet(pkg: Path) -> dict[str, Any]:
    return _cli(pkg, "--table-format", "parquet")


def measure_read_jsonl(pkg: Path) -> dict[str, Any]:
    import polars as pl

    rows = sum(pl.read_ndjson(f, infer_schema_length=None).height for f in _jsonl_files(pkg))
    return {"rows": rows, "findings": None}


def _ours(pkg: Path, formats: tuple[str, ...], fast: bool = True) -> dict[str, Any]:
    from kyrgyz_events.validators import validate

    report = validate(pkg, fast=fast, formats=formats)
    return {"rows": sum(report.rows_checked.values()), "findings": len(report.findings), "keys": _keys(report)}


def measure_ours(pkg: Path) -> dict[str, Any]:
    return _ours(pkg, ("parquet",))


def measure_ours_twins(pkg: Path) -> dict[str, Any]:
    return _ours(pkg, ("parquet", "jsonl"))


def measure_ours_jsonl(pkg: Path) -> dict[str, Any]:
    return _ours(pkg, ("jsonl",))


def measure_reference_jsonl(pkg: Path) -> dict[str, Any]:
    return _ours(pkg, ("jsonl",), fast=False)


def measure_jsonschema(pkg: Path) -> dict[str, Any]:
    from jsonschema import Draft202012Validator, FormatChecker

    from kyrgyz_events.contracts.spec import load_specs

    version = json.loads((pkg / "datapackage.json").read_text("utf-8"))["x-schemaVersion"]
    rows = errors = 0
    for spec in load_specs(version).values():
        validator = Draft202012Validator(spec.json_schema, format_checker=FormatChecker())
        with (pkg / "data" / f"{spec.name}.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                rows += 1
                errors += sum(1 for _ in validator.iter_errors(json.loads(line)))
    return {"rows": rows, "findings": errors}


def _pandas_schema(spec: Any) -> Any:
    import pandera.pandas as pa

    dtypes = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}
    columns = {}
    for c in spec.columns:
        checks = []
        if c.enum is not None:
            checks.append(pa.Check.isin(list(c.enum)))
        if c.pattern is not None:
            checks.append(pa.Check.str_matches(c.pattern))
        if c.minimum is not None:
            checks.append(pa.Check.ge(c.minimum))
        if c.maximum is not None:
            checks.append(pa.Check.le(c.maximum))
        if c.kind == "string" and (c.min_length is not None or c.max_length is not None):
            checks.append(pa.Check.str_length(c.min_length, c.max_length))
        columns[c.name] = pa.Column(
            dtypes.get(c.kind), checks=checks, nullable=c.nullable, unique=spec.primary_key == (c.name,)
        )
    unique = list(spec.primary_key) if len(spec.primary_key) > 1 else None
    return pa.DataFrameSchema(columns, strict=True, unique=unique)


def measure_pandera_pandas(pkg: Path) -> dict[str, Any]:
    import pandas as pd
    import pandera.errors

    from kyrgyz_events.contracts.spec import load_specs

    version = json.loads((pkg / "datapackage.json").read_text("utf-8"))["x-schemaVersion"]
    rows = failures = 0
    for spec in load_specs(version).values():
        frame = pd.read_parquet(pkg / "data" / f"{spec.name}.parquet", dtype_backend="numpy_nullable")
        rows += len(frame)
        try:
            _pandas_schema(spec).validate(frame, lazy=True)
        except pandera.errors.SchemaErrors as e:
            failures += len(e.failure_cases)
    return {"rows": rows, "findings": failures}


def measure_frictionless(pkg: Path) -> dict[str, Any]:
    import frictionless

    descriptor = json.loads((pkg / "datapackage.json").read_text("utf-8"))
    parquet_only = {**descriptor, "resources": [r for r in descriptor["resources"] if r["format"] == "parquet"]}
    package = frictionless.Package(parquet_only, basepath=str(pkg))
    report = package.validate(limit_errors=10_000)
    rows = sum(task.stats.get("rows") or 0 for task in report.tasks)
    return {"rows": rows, "findings": report.stats["errors"]}


def measure_synth(pkg: Path, events: int, seed: int, parts: int) -> dict[str, Any]:
    from kyrgyz_events.synth import synthesize

    result = synthesize(pkg, events, seed, parts=parts)
    return {"rows": result["total_rows"], "findings": None, "tables": result["rows"]}


MEASURES = {
    "cli": measure_cli,
    "floor-read": measure_floor_read,
    "floor-sha256": measure_floor_sha256,
    "cli-parquet": measure_cli_parquet,
    "read": measure_read,
    "ours": measure_ours,
    "ours+twins": measure_ours_twins,
    "pandera-pandas": measure_pandera_pandas,
    "frictionless": measure_frictionless,
    "read-jsonl": measure_read_jsonl,
    "ours-jsonl": measure_ours_jsonl,
    "jsonschema": measure_jsonschema,
    "reference-jsonl": measure_reference_jsonl,
}


def child(tool: str, pkg: Path, events: int, seed: int, parts: int = 1) -> None:
    """Run one measurement; print its JSON result (seconds, own peak RSS) as the last line."""
    if tool == "synth":
        start = time.perf_counter()
        out = measure_synth(pkg, events, seed, parts)
    else:
        measure = MEASURES[tool]
        start = time.perf_counter()
        out = measure(pkg)
    out["seconds"] = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    out["rss_mib"] = max(own, out.pop("child_rss_mib", 0))
    print(json.dumps(out))


# --- the driver ----------------------------------------------------------------------------------------


def run_child(
    tool: str, pkg: Path, events: int, seed: int, timeout: float, max_rss_gib: float = 1e9, parts: int = 1
) -> dict[str, Any]:
    """Run one measurement in a subprocess; kill it (and say so) past ``timeout`` or ``max_rss_gib``, so a
    run that would exhaust the machine's memory is reported instead of taking the machine down."""
    import psutil

    cmd = [sys.executable, str(HERE), "--child", tool, "--pkg", str(pkg), "--events", str(events), "--seed", str(seed)]
    cmd += ["--parts", str(parts)]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True)
        watch = psutil.Process(proc.pid)
        start, peak = time.monotonic(), 0
        while proc.poll() is None:
            try:
                peak = max(peak, watch.memory_info().rss)
            except psutil.NoSuchProcess:
                break
            killed = None
            if peak > max_rss_gib * 2**30:
                killed = f"killed: RSS above {max_rss_gib:g} GiB"
            elif time.monotonic() - start > timeout:
                killed = f"timeout after {timeout:.0f}s"
            if killed:
                proc.kill()
                proc.wait()
                return {"error": killed, "seconds_until_killed": time.monotonic() - start}
            time.sleep(0.1)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode != 0:
        return {"error": (stderr.strip().splitlines() or ["?"])[-1]}
    result: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    return result


def timed(
    tool: str, pkg: Path, events: int, seed: int, repeats: int, timeout: float, max_rss_gib: float
) -> dict[str, Any]:
    """Median seconds (and max RSS) of ``repeats`` runs of a tool."""
    runs = [run_child(tool, pkg, events, seed, timeout, max_rss_gib) for _ in range(repeats)]
    bad = [r for r in runs if "error" in r]
    if bad:
        return bad[0]
    out = dict(runs[-1])
    out["seconds"] = statistics.median(r["seconds"] for r in runs)
    out["rss_mib"] = max(r["rss_mib"] for r in runs)
    out["runs"] = len(runs)
    return out


def _synthesised(pkg: Path, events: int, seed: int, parts: int) -> bool:
    """A complete synthetic package of this size, seed and number of parts, of the current schema, is there."""
    from kyrgyz_events._version import SCHEMA_VERSION

    try:
        desc = json.loads((pkg / "datapackage.json").read_text("utf-8"))
    except (OSError, ValueError):
        return False
    meta = desc.get("x-synthetic", {})
    split = (pkg / "data" / "events").is_dir()
    same_parts = split == (parts > 1)
    current = desc.get("x-schemaVersion") == SCHEMA_VERSION
    return bool(meta.get("events") == events and meta.get("seed") == seed and same_parts and current)


def _fmt_size(n: int) -> str:
    exp = len(str(n)) - 1
    return f"10^{exp}" if n == 10**exp else str(n)


def bench_size(events: int, args: argparse.Namespace) -> dict[str, Any]:
    pkg = args.workdir / (f"synth-{events}" + (f"-parts{args.parts}" if args.parts > 1 else ""))
    log = print
    if args.reuse and _synthesised(pkg, events, args.seed, args.parts):
        t = {
            "rows": json.loads((pkg / "datapackage.json").read_text("utf-8"))["x-synthetic"].get("rows"),
            "seconds": float("nan"),
            "rss_mib": float("nan"),
        }
        t["rows"] = t["rows"] or run_child("read", pkg, events, args.seed, args.timeout)["rows"]
    else:
        t = run_child("synth", pkg, events, args.seed, timeout=24 * 3600, parts=args.parts)
    if "error" in t:
        raise SystemExit(f"synth failed at {events}: {t['error']}")
    disk = sum(f.stat().st_size for f in (pkg / "data").rglob("*") if f.is_file())
    log(
        f"\n== {_fmt_size(events)} events: {t['rows']:,} rows, {disk / 2**20:,.0f} MiB on disk; "
        + (f"synth {t['seconds']:.1f}s, {t['rss_mib']:,.0f} MiB peak" if t["seconds"] == t["seconds"] else "reused"),
        flush=True,
    )
    repeats = args.repeats if events <= args.repeat_up_to else 1
    caps = {
        "pandera-pandas": args.cap_pandera,
        "frictionless": args.cap_frictionless,
        "jsonschema": args.cap_jsonschema,
        "reference-jsonl": args.cap_jsonschema,
        "ours+twins": args.cap_twins,
        "read-jsonl": args.cap_twins,
        "ours-jsonl": args.cap_twins,
    }
    results: dict[str, Any] = {"events": events, "rows": t["rows"], "synth": t, "disk_bytes": disk}
    for tool in args.tools:
        if events > caps.get(tool, 10**12):
            results[tool] = {"skipped": f"above cap {_fmt_size(caps[tool])}"}
            continue
        fast = ("cli", "cli-parquet", "floor-read", "floor-sha256", "read", "ours", "read-jsonl", "ours-jsonl")
        reps = repeats if tool in fast else 1
        results[tool] = timed(tool, pkg, events, args.seed, reps, args.timeout, args.max_rss_gib)
        r = results[tool]
        shown = r.get("error") or f"{r['seconds']:.2f}s, {r['rss_mib']:,.0f} MiB, findings={r.get('findings')}"
        log(f"   {tool:<16} {shown}", flush=True)
    # The findings of ours-jsonl and reference-jsonl must be the same.
    a, b = results.get("ours-jsonl", {}), results.get("reference-jsonl", {})
    if "keys" in a and "keys" in b:
        results["jsonl_identical_clean"] = a["keys"] == b["keys"]
    results["corruption"] = corruption(pkg, events, args) if "ours" in args.tools else {"reported": None}
    if not args.keep:
        shutil.rmtree(pkg)
    return results


def corruption(pkg: Path, events: int, args: argparse.Namespace) -> dict[str, Any]:
    """A dangling parent_location_id (cross-table) and a latitude out of range (record) on two locations."""
    from kyrgyz_events.synth.corrupt import set_cell

    n_loc = max(1, -(-events // 20))
    dangling = set_cell(pkg, "locations", n_loc // 2 + 1, "parent_location_id", "loc-missing")
    lat = set_cell(pkg, "locations", n_loc // 2 + 2, "latitude", 123.0)
    expected = sorted(
        [
            ["cross.reference", "locations", dangling["location_id"], "parent_location_id"],
            ["record.json_schema", "locations", lat["location_id"], "latitude"],
        ]
    )
    ours = run_child("ours", pkg, events, args.seed, args.timeout, args.max_rss_gib)
    out: dict[str, Any] = {"expected": expected, "ours": ours.get("keys", ours.get("error"))}
    out["reported"] = ours.get("keys") == expected
    out["seconds"] = ours.get("seconds")
    if events <= args.cap_jsonschema:
        fast = run_child("ours-jsonl", pkg, events, args.seed, args.timeout)
        ref = run_child("reference-jsonl", pkg, events, args.seed, args.timeout)
        out["jsonl_identical"] = fast.get("keys") == ref.get("keys") and bool(fast.get("keys"))
    print(
        f"   corruption       reported={out['reported']} ({len(ours.get('keys') or [])} finding(s))"
        + (f", jsonl fast == reference: {out['jsonl_identical']}" if "jsonl_identical" in out else ""),
        flush=True,
    )
    return out


def _ratio(a: dict[str, Any], b: dict[str, Any]) -> str:
    if "seconds" not in a or "seconds" not in b:
        return "-"
    return f"{a['seconds'] / b['seconds']:.1f}x"


def table(results: list[dict[str, Any]]) -> str:
    head = (
        "events",
        "rows",
        "ours s",
        "rows/s",
        "peak MiB",
        "read s",
        "ours/read",
        "pandas/ours",
        "fricti/ours",
        "+twins s",
        "jsonl s",
        "jsonschema/jsonl",
        "corrupt",
    )
    lines = [" | ".join(head), " | ".join("---" for _ in head)]
    for r in results:
        ours = r["ours"]
        rate = f"{r['rows'] / ours['seconds']:,.0f}" if "seconds" in ours else "-"
        lines.append(
            " | ".join(
                [
                    _fmt_size(r["events"]),
                    f"{r['rows']:,}",
                    f"{ours['seconds']:.2f}" if "seconds" in ours else ours.get("error", "-"),
                    rate,
                    f"{ours.get('rss_mib', 0):,.0f}",
                    f"{r['read'].get('seconds', float('nan')):.2f}",
                    _ratio(ours, r["read"]),
                    _ratio(r["pandera-pandas"], ours),
                    _ratio(r["frictionless"], ours),
                    f"{r['ours+twins']['seconds']:.2f}" if "seconds" in r["ours+twins"] else "-",
                    f"{r['ours-jsonl']['seconds']:.2f}" if "seconds" in r["ours-jsonl"] else "-",
                    _ratio(r["jsonschema"], r["ours-jsonl"]),
                    "yes" if r["corruption"]["reported"] else "NO",
                ]
            )
        )
    return "\n".join(lines)


def cli_targets(results: list[dict[str, Any]]) -> list[str]:
    """The CLI against its floor, measured in the same run (issue 11's targets)."""
    out = []
    for r in results:
        size = _fmt_size(r["events"])
        cli, read, sha = (r.get(t, {}).get("seconds") for t in ("cli", "floor-read", "floor-sha256"))
        if cli and read and sha:
            floor = max(read, sha)
            out.append(
                f"{'MET ' if cli <= 2 * floor else 'MISS'} cli <= 2x floor at {size}: {cli:.2f}s / {floor:.2f}s "
                f"= {cli / floor:.2f}x (floor: read {read:.2f}s, sha256 {sha:.2f}s; "
                f"peak {r['cli']['rss_mib']:,.0f} MiB)"
            )
        cli_p, bare = r.get("cli-parquet", {}).get("seconds"), r.get("read", {}).get("seconds")
        if cli_p and bare:
            out.append(
                f"{'MET ' if cli_p <= 2 * bare else 'MISS'} cli --table-format parquet <= 2x bare Parquet read at "
                f"{size}: {cli_p:.2f}s / {bare:.2f}s = {cli_p / bare:.2f}x"
            )
    by = {r["events"]: r for r in results}
    if 10**6 in by and 10**7 in by:
        a, b = by[10**6].get("cli", {}).get("seconds"), by[10**7].get("cli", {}).get("seconds")
        if a and b:
            out.append(f"{'MET ' if b <= 11 * a else 'MISS'} cli at 10^7 <= 11x its time at 10^6: {b / a:.1f}x")
        rss = by[10**7].get("cli", {}).get("rss_mib")
        if rss:
            out.append(f"{'MET ' if rss < 4096 else 'MISS'} cli peak memory at 10^7 < 4 GiB: {rss:,.0f} MiB")
    return out


def targets(results: list[dict[str, Any]]) -> list[str]:
    by = {r["events"]: r for r in results}
    out = []

    def sec(r: dict[str, Any], tool: str) -> float | None:
        return r.get(tool, {}).get("seconds")

    for n in (10**6, 10**7):
        if n in by and sec(by[n], "ours") and sec(by[n], "read"):
            ratio = sec(by[n], "ours") / sec(by[n], "read")  # type: ignore[operator]
            out.append(f"{'MET ' if ratio <= 2 else 'MISS'} ours <= 2x bare read at {_fmt_size(n)}: {ratio:.2f}x")
    for tool, need in (("pandera-pandas", 5), ("frictionless", 100)):
        for r in results:
            if sec(r, tool) and sec(r, "ours"):
                ratio = sec(r, tool) / sec(r, "ours")  # type: ignore[operator]
                out.append(
                    f"{'MET ' if ratio >= need else 'MISS'} >= {need}x faster than {tool} at "
                    f"{_fmt_size(r['events'])}: {ratio:.1f}x"
                )
    if 10**6 in by and 10**7 in by and sec(by[10**6], "ours") and sec(by[10**7], "ours"):
        g = sec(by[10**7], "ours") / sec(by[10**6], "ours")  # type: ignore[operator]
        out.append(f"{'MET ' if g <= 12 else 'MISS'} 10^7 <= 12x the time of 10^6: {g:.1f}x")
    for r in results:
        rss = r["ours"].get("rss_mib")
        if rss is not None and r["events"] == 10**7:
            out.append(f"{'MET ' if rss < 4096 else 'MISS'} peak memory at 10^7 < 4 GiB: {rss:,.0f} MiB")
    for r in results:
        if sec(r, "jsonschema") and sec(r, "ours-jsonl"):
            ratio = sec(r, "jsonschema") / sec(r, "ours-jsonl")  # type: ignore[operator]
            same = r["corruption"].get("jsonl_identical")
            out.append(
                f"{'MET ' if ratio >= 10 and same else 'MISS'} JSONL >= 10x faster than jsonschema at "
                f"{_fmt_size(r['events'])}: {ratio:.1f}x, identical findings: {same}"
            )
    out.extend(
        f"{'MET ' if r['corruption']['reported'] else 'MISS'} corruption reported at {_fmt_size(r['events'])}"
        for r in results
    )
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="1e4,1e5,1e6,1e7", help="comma-separated event counts (default: %(default)s)")
    p.add_argument("--workdir", type=Path, default=Path("/tmp/kyrgyz-bench"))
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--parts", type=int, default=1, help="Parquet parts per table (synth --parts; default 1)")
    p.add_argument("--repeats", type=int, default=3, help="runs per timing; the median is shown")
    p.add_argument("--repeat-up-to", type=float, default=1e6, help="sizes above this run once")
    p.add_argument("--cap-pandera", type=float, default=1e6)
    p.add_argument("--cap-frictionless", type=float, default=1e4)
    p.add_argument("--cap-jsonschema", type=float, default=1e5)
    p.add_argument("--cap-twins", type=float, default=1e6)
    p.add_argument("--timeout", type=float, default=3 * 3600, help="seconds before a run is abandoned")
    p.add_argument("--max-rss-gib", type=float, default=12, help="kill a run whose RSS exceeds this")
    p.add_argument("--keep", action="store_true", help="keep the synthetic packages")
    p.add_argument("--reuse", action="store_true", help="reuse a package already synthesised in --workdir")
    p.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    p.add_argument(
        "--tools",
        default=",".join(MEASURES),
        help="comma-separated measurements (default: all): " + ", ".join(MEASURES),
    )
    p.add_argument("--child", help=argparse.SUPPRESS)
    p.add_argument("--pkg", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--events", type=int, default=0, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        child(args.child, args.pkg, args.events, args.seed, args.parts)
        return 0
    sizes = [int(float(s)) for s in args.sizes.split(",")]
    args.tools = [t for t in args.tools.split(",") if t]
    unknown = set(args.tools) - set(MEASURES)
    if unknown:
        p.error(f"unknown --tools: {', '.join(sorted(unknown))}")
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; sizes {sizes}", flush=True)
    results = [bench_size(n, args) for n in sizes]
    if {"ours", "read", "pandera-pandas", "frictionless", "ours+twins", "ours-jsonl", "jsonschema"} <= set(args.tools):
        print("\n" + table(results))
    print("\n" + "\n".join(cli_targets(results) + (targets(results) if "ours" in args.tools else [])))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
