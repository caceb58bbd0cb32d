"""Consumers, with real libraries: the package as users get it, from an installed wheel in a fresh environment.

The wheel is built from this checkout (``pip wheel --no-build-isolation``) and installed with ``--no-deps`` into a
new venv. That venv borrows the third-party libraries (pyarrow, pandas, polars, duckdb, frictionless,
mlcroissant, datasets) from the test environment through a ``.pth`` line, which adds their folder without
running its ``.pth`` files, so the editable install of this checkout is not active there: ``kyrgyz_events``
can only come from the wheel, and the first test proves it. Every check runs in that venv, outside the
checkout, offline (``HF_*_OFFLINE``; nothing else fetches).

Deselect with ``-m "not consumers"``; CI runs them.
"""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from kyrgyz_events import SCHEMA_VERSION
from kyrgyz_events.contracts import load_specs
from kyrgyz_events.load import path
from kyrgyz_events.paths import repo_root
from kyrgyz_events.publish.card_header import hf_yaml_header, row_counts
from kyrgyz_events.publish.datacard import counts_table

SPECS = load_specs(SCHEMA_VERSION)
TABLES = list(SPECS)
DESCRIPTOR: dict[str, Any] = json.loads((path() / "datapackage.json").read_text(encoding="utf-8"))


def offline_env(home: Path) -> dict[str, str]:
    """A clean environment: no PYTHONPATH, Hugging Face offline with its caches in ``home``."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "HF_HOME": str(home / "hf"),
        "HF_DATASETS_OFFLINE": "1",
        "HF_HUB_OFFLINE": "1",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def run(python: Path | str, code: str, cwd: Path, timeout: int = 600) -> str:
    """Run ``code`` with ``python`` in ``cwd`` and a clean offline environment; return its stdout."""
    done = subprocess.run(
        [str(python), "-c", textwrap.dedent(code)],
        cwd=cwd,
        env=offline_env(cwd),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


# --- the card's Hugging Face header ------------------------------------------------------------------------


def split_front_matter(card: str) -> dict[str, Any]:
    assert card.startswith("---\n")
    header, _, _ = card[4:].partition("\n---\n")
    parsed: dict[str, Any] = yaml.safe_load(header)
    return parsed


def test_hf_header_declares_one_config_per_table() -> None:
    header = split_front_matter(hf_yaml_header(SPECS, DESCRIPTOR, row_counts(path(), TABLES)))
    assert [c["config_name"] for c in header["configs"]] == TABLES
    assert [c["data_files"] for c in header["configs"]] == [f"data/{t}.parquet" for t in TABLES]
    assert [c["config_name"] for c in header["configs"] if c.get("default")] == ["events"]
    assert header["license"] == DESCRIPTOR["licenses"][0]["name"].lower()
    assert header["pretty_name"] and header["language"] and header["tags"]
    assert header["size_categories"] == ["n<1K"]


def test_counts_table_has_a_row_per_table() -> None:
    counts = row_counts(path(), TABLES)
    lines = counts_table(counts, SPECS).splitlines()
    assert lines[0].startswith("| Table | Rows |")
    assert len(lines) == 2 + len(TABLES)
    for line, (table, rows) in zip(lines[2:], counts.items(), strict=True):
        assert line.startswith(f"| `{table}` | {rows:,} |")
    assert sum(counts.values()) > 0


# --- the installed wheel -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv with only the wheel of this checkout installed (third-party libraries borrowed); its python."""
    repo = repo_root()
    assert repo is not None, "the consumer tests build the wheel from a checkout"
    work = tmp_path_factory.mktemp("consumer")
    dist = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(repo), "--no-deps", "--no-build-isolation", "-q", "-w", str(dist)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    wheels = sorted(dist.glob("kyrgyz_events-*.whl"))
    assert len(wheels) == 1, wheels
    env = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True, timeout=300)
    python = env / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "-q",
            str(wheels[0]),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    purelib = Path(run(python, "import sysconfig; print(sysconfig.get_paths()['purelib'])", work).strip())
    (purelib / "_borrowed_libraries.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    return python


@pytest.fixture(scope="module")
def cwd(venv: Path) -> Path:
    """An empty folder outside the checkout to run consumers in."""
    folder = venv.parent.parent / "cwd"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.mark.consumers
def test_the_package_comes_from_the_wheel(venv: Path, cwd: Path) -> None:
    out = run(
        venv,
        """
        import json, importlib.metadata, kyrgyz_events, kyrgyz_events.paths as paths
        print(json.dumps({"file": kyrgyz_events.__file__, "repo": str(paths.repo_root()),
                          "path": str(kyrgyz_events.path()), "tables": kyrgyz_events.tables(),
                          "version": importlib.metadata.version("kyrgyz-events"),
                          "own": kyrgyz_events.__version__}))
    """,
        cwd,
    )
    seen = json.loads(out)
    env = venv.parent.parent
    assert Path(seen["file"]).is_relative_to(env), seen["file"]
    assert Path(seen["path"]).is_relative_to(env) and seen["path"].endswith("kyrgyz_events/_dataset")
    assert seen["repo"] == "None"
    assert seen["tables"] == TABLES
    assert seen["version"] == seen["own"]


@pytest.mark.consumers
def test_the_wheel_ships_the_viewer_and_the_figures(venv: Path, cwd: Path) -> None:
    """The wheel holds view/ and figures/, and its own write_view (static files from package data) gives
    the same site."""
    out = run(
        venv,
        """
        import json, pathlib, kyrgyz_events
        from kyrgyz_events.view import SITE_FILES, write_view
        root = kyrgyz_events.path()
        site = pathlib.Path.cwd() / "site"
        write_view(root, site)
        print(json.dumps({"same": [(root / "view" / n).read_bytes() == (site / n).read_bytes() for n in SITE_FILES],
                          "figures": sorted(p.name for p in (root / "figures").iterdir())}))
    """,
        cwd,
    )
    seen = json.loads(out)
    assert seen["same"] == [True, True, True]
    assert seen["figures"] == ["casualty_claims.svg", "timeline.svg"]


@pytest.mark.consumers
def test_the_wheel_ships_the_exports_and_they_export_again(venv: Path, cwd: Path) -> None:
    """The export files are in the wheel, byte for byte as described, and the CLI rewrites them identically."""
    out = run(
        venv,
        """
        import hashlib, json, subprocess, sys, kyrgyz_events
        from pathlib import Path
        root = kyrgyz_events.path()
        descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
        shipped = {}
        for r in descriptor["resources"]:
            if r.get("type") != "table":
                data = (root / r["path"]).read_bytes()
                shipped[r["path"]] = r["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        again = {}
        for fmt in ("webanno", "brat"):
            subprocess.run([sys.executable, "-m", "kyrgyz_events.cli", "export", "--format", fmt, "--out", fmt],
                           check=True, capture_output=True)
            for p in (root / "export" / fmt).iterdir():
                again[f"export/{fmt}/{p.name}"] = p.read_bytes() == (Path(fmt) / p.name).read_bytes()
        print(json.dumps({"shipped": shipped, "again": again}))
    """,
        cwd,
    )
    seen = json.loads(out)
    assert set(seen["shipped"]) == set(seen["again"]) and len(seen["shipped"]) == 5
    assert all(seen["shipped"].values()) and all(seen["again"].values()), seen


@pytest.mark.consumers
def test_pandas_polars_and_pyarrow_dataset_load_every_table(venv: Path, cwd: Path) -> None:
    out = run(
        venv,
        """
        import json, pandas as pd, polars as pl, pyarrow.dataset as ds, pyarrow.parquet as pq, kyrgyz_events
        data = kyrgyz_events.path() / "data"
        rows = {}
        for t in kyrgyz_events.tables():
            f = data / f"{t}.parquet"
            n = {pd.read_parquet(f).shape[0], pl.read_parquet(f).height, ds.dataset(f).to_table().num_rows,
                 pq.read_metadata(f).num_rows}
            n |= {len(kyrgyz_events.load(t, backend=b)) for b in ("pandas", "polars", "pyarrow")}
            assert len(n) == 1, (t, n)
            rows[t] = n.pop()
        print(json.dumps(rows))
    """,
        cwd,
    )
    assert json.loads(out) == row_counts(path(), TABLES)


@pytest.mark.consumers
def test_duckdb_joins_the_parquet_files_and_reads_the_schema_version(venv: Path, cwd: Path) -> None:
    out = run(
        venv,
        """
        import json, duckdb, kyrgyz_events
        d = str(kyrgyz_events.path() / "data")
        con = duckdb.connect()
        q = lambda sql: con.execute(sql).fetchall()
        result = {
            "events_with_location": q(f"SELECT count(*) FROM '{d}/events.parquet' WHERE location_id IS NOT NULL")[0][0],
            "events_joined": q(f"SELECT count(*) FROM '{d}/events.parquet' e "
                               f"JOIN '{d}/locations.parquet' l USING (location_id)")[0][0],
            "claims_with_claimant": q(f"SELECT count(*) FROM '{d}/claims.parquet' "
                                      "WHERE claimant_actor_id IS NOT NULL")[0][0],
            "claims_joined": q(f"SELECT count(*) FROM '{d}/claims.parquet' c "
                               f"JOIN '{d}/actors.parquet' a ON a.actor_id = c.claimant_actor_id")[0][0],
            "versions": sorted({r[0] for r in q(
                f"SELECT decode(value) FROM parquet_kv_metadata('{d}/*.parquet') "
                "WHERE decode(key) = 'kyrgyz_events.schema_version'")}),
            "files": q(f"SELECT count(DISTINCT file_name) FROM parquet_kv_metadata('{d}/*.parquet') "
                       "WHERE decode(key) = 'kyrgyz_events.schema_version'")[0][0],
        }
        print(json.dumps(result))
    """,
        cwd,
    )
    result = json.loads(out)
    assert result["events_with_location"] > 0 and result["events_joined"] == result["events_with_location"]
    assert result["claims_with_claimant"] > 0 and result["claims_joined"] == result["claims_with_claimant"]
    assert result["versions"] == [SCHEMA_VERSION]
    assert result["files"] == len(TABLES)


@pytest.mark.consumers
def test_frictionless_validates_the_package(venv: Path, cwd: Path) -> None:
    """Every error frictionless reports is a failure, except those on Parquet resources that are provably its own:
    the byte count (it does not count a Parquet file's bytes), and reading through pandas' default conversion,
    which turns a null integer or float into NaN (a type error, or a range error on NaN) and a list into a numpy
    array (each checked against the file)."""
    out = run(
        venv,
        """
        import json, frictionless, numpy as np, pyarrow as pa, pyarrow.parquet as pq, kyrgyz_events
        root = kyrgyz_events.path()
        report = frictionless.validate(str(root / "datapackage.json"))
        kept, ignored = [], []
        for task in report.tasks:
            parquet = task.name in kyrgyz_events.tables()
            table = pq.read_table(root / "data" / f"{task.name}.parquet") if parquet else None
            for e in task.errors:
                where = f"{task.name} row {getattr(e, 'row_number', '-')} {getattr(e, 'field_name', '-')}"
                false_positive = parquet and e.type == "byte-count"
                if parquet and e.type == "type-error":
                    value = table.column(e.field_name)[e.row_number - 2].as_py()  # row 2 is the first record
                    arrow_type = table.schema.field(e.field_name).type
                    if pa.types.is_integer(arrow_type):
                        false_positive = value is None and e.cell == "nan"
                    elif pa.types.is_list(arrow_type):
                        false_positive = isinstance(value, list) and e.cell == str(np.array(value, dtype=object))
                if parquet and e.type == "constraint-error" and e.cell == "nan":  # a null float, read as NaN
                    false_positive = table.column(e.field_name)[e.row_number - 2].as_py() is None
                (ignored if false_positive else kept).append(f"{where}: {e.type}: {e.message}")
        for e in report.errors:
            kept.append(f"package: {e.type}: {e.message}")
        print(json.dumps({"kept": kept, "ignored": ignored, "tasks": len(report.tasks)}))
    """,
        cwd,
    )
    result = json.loads(out)
    assert result["kept"] == []
    exports = [r for r in DESCRIPTOR["resources"] if r.get("type") != "table"]
    assert exports, "the package describes its export files"
    assert result["tasks"] == 2 * len(TABLES) + len(exports)  # Parquet, JSON Lines and export resources
    assert any("byte-count" in e for e in result["ignored"])


@pytest.mark.consumers
def test_mlcroissant_validates_and_loads_every_record_set(venv: Path, cwd: Path) -> None:
    out = run(
        venv,
        """
        import json, sys, subprocess, mlcroissant as mlc, kyrgyz_events
        jsonld = str(kyrgyz_events.path() / "croissant.json")
        cli = subprocess.run([sys.executable, "-c", "import sys; from mlcroissant.scripts.cli import main; "
                              "sys.argv = ['mlcroissant', 'validate', '--jsonld', sys.argv[1]]; main()", jsonld],
                             capture_output=True, text=True)
        assert cli.returncode == 0, cli.stderr
        print(json.dumps({t: len(list(mlc.Dataset(jsonld=jsonld).records(record_set=t)))
                          for t in kyrgyz_events.tables()}))
    """,
        cwd,
    )
    assert json.loads(out.splitlines()[-1]) == row_counts(path(), TABLES)


@pytest.mark.consumers
def test_datasets_loads_every_config_of_the_card_and_the_files_alone(venv: Path, cwd: Path) -> None:
    out = run(
        venv,
        """
        import json, datasets, kyrgyz_events
        root = kyrgyz_events.path()
        assert (root / "README.md").read_text(encoding="utf-8").startswith("---\\n")
        rows, types = {}, {}
        for t in kyrgyz_events.tables():
            by_card = datasets.load_dataset(str(root), name=t, split="train")
            by_file = datasets.load_dataset("parquet", data_files=str(root / "data" / f"{t}.parquet"), split="train")
            assert by_card.num_rows == by_file.num_rows, t
            rows[t] = by_card.num_rows
        events = datasets.load_dataset(str(root), name="events", split="train")
        actors = datasets.load_dataset(str(root), name="actors", split="train")
        types = {"date_start": str(events.features["date_start"]), "aliases": str(actors.features["aliases"])}
        print(json.dumps({"rows": rows, "types": types}))
    """,
        cwd,
    )
    result = json.loads(out.splitlines()[-1])
    assert result["rows"] == row_counts(path(), TABLES)
    assert "date32" in result["types"]["date_start"]
    assert result["types"]["aliases"].startswith("List(")


# --- a plain install: the wheel and its declared dependencies only, then each extra ----------------------------


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A new venv with the wheel installed the way a user installs it: its own dependencies, from the index
    (pinned by constraints.txt), nothing borrowed. Returns (python, wheel)."""
    repo = repo_root()
    assert repo is not None
    work = tmp_path_factory.mktemp("plain")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(repo), "--no-deps", "--no-build-isolation", "-q", "-w", str(work)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = sorted(work.glob("kyrgyz_events-*.whl"))
    env = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True, timeout=300)
    python = env / "bin" / "python"
    pip_install(python, str(wheel), repo)
    return python, wheel


def pip_install(python: Path, requirement: str, repo: Path) -> None:
    done = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "-c", str(repo / "constraints.txt"), requirement],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]


@pytest.mark.consumers
def test_a_plain_install_loads_every_table_with_pyarrow_alone(plain: tuple[Path, Path], tmp_path: Path) -> None:
    python, _ = plain
    out = run(
        python,
        """
        import importlib.util, json, sys, kyrgyz_events
        from kyrgyz_events.load import MissingBackend
        absent = [m for m in ("pandas", "polars", "pydantic", "jsonschema", "pandera", "yaml", "duckdb")
                  if importlib.util.find_spec(m) is not None]
        rows = {t: kyrgyz_events.load(t).num_rows for t in kyrgyz_events.tables()}
        kinds = sorted({type(kyrgyz_events.load(t)).__name__ for t in kyrgyz_events.tables()})
        messages = []
        for backend in ("pandas", "polars"):
            try:
                kyrgyz_events.load("events", backend=backend)
            except MissingBackend as e:
                messages.append(str(e))
        info = kyrgyz_events.describe()
        print(json.dumps({"installed_extras": absent, "rows": rows, "kinds": kinds, "messages": messages,
                          "described": list(info.tables), "citation": kyrgyz_events.citation()}))
        """,
        tmp_path,
    )
    seen = json.loads(out)
    assert seen["installed_extras"] == []
    assert seen["rows"] == row_counts(path(), TABLES)
    assert seen["kinds"] == ["Table"]
    assert [("kyrgyz-events[pandas]" in seen["messages"][0]), ("kyrgyz-events[polars]" in seen["messages"][1])] == [
        True,
        True,
    ]
    assert seen["described"] == TABLES and "kyrgyz-events" in seen["citation"]
    cli = python.parent / "kyrgyz-events"
    helped = subprocess.run([str(cli), "--help"], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert helped.returncode == 0 and "commands for users" in helped.stdout
    validated = subprocess.run(
        [str(cli), "validate", str(tmp_path)], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert validated.returncode == 2 and "pip install 'kyrgyz-events[validate]'" in validated.stderr
    assert "Traceback" not in validated.stderr


@pytest.mark.consumers
def test_each_extra_adds_what_it_names(plain: tuple[Path, Path], tmp_path: Path) -> None:
    python, wheel = plain
    repo = repo_root()
    assert repo is not None
    pip_install(python, f"{wheel}[polars]", repo)
    assert run(
        python, "import kyrgyz_events; print(type(kyrgyz_events.load('events')).__module__)", tmp_path
    ).strip() == ("polars.dataframe.frame")
    pip_install(python, f"{wheel}[pandas]", repo)
    out = run(
        python,
        "import kyrgyz_events; f = kyrgyz_events.load('events'); print(type(f).__name__, f.attrs['table'])",
        tmp_path,
    )
    assert out.split() == ["DataFrame", "events"]
    pip_install(python, f"{wheel}[duckdb]", repo)
    assert run(
        python,
        "import kyrgyz_events; print(kyrgyz_events.connect().sql('SELECT count(*) FROM events').fetchall()[0][0])",
        tmp_path,
    ).strip() == str(row_counts(path(), ["events"])["events"])
    pip_install(python, f"{wheel}[validate]", repo)
    cli = python.parent / "kyrgyz-events"
    shipped = run(python, "import kyrgyz_events; print(kyrgyz_events.path())", tmp_path).strip()
    done = subprocess.run([str(cli), "validate", shipped], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    out = run(
        python,
        "from kyrgyz_events.schemas import pandera_schema; import kyrgyz_events; "
        "pandera_schema('events').validate(kyrgyz_events.load('events', backend='polars')); print('ok')",
        tmp_path,
    )
    assert out.strip() == "ok"
