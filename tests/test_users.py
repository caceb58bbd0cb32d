"""What a user of the package meets: a light start, commands that say what they need, a self-describing
API, a writer for their own tables, and a validator that keeps going when their files lack metadata."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from pandera.errors import SchemaErrors

import kyrgyz_events
from kyrgyz_events import DATASET_VERSION, SCHEMA_VERSION, load
from kyrgyz_events.about import citation_cff
from kyrgyz_events.cli import COMMANDS, MAINTAINER_COMMANDS, USER_COMMANDS, main, missing_extra, parser
from kyrgyz_events.paths import find_checkout, repo_root
from kyrgyz_events.schemas import arrow_schema, json_schema, pandera_schema
from kyrgyz_events.validators import validate

load_module = sys.modules["kyrgyz_events.load"]  # the module; kyrgyz_events.load is the function
ROOT = repo_root()
assert ROOT is not None
HEAVY = ("polars", "pyarrow", "pydantic", "jsonschema", "pandera", "pandas", "yaml", "numpy")


def python(code: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120, cwd=cwd
    )


# --- commands --------------------------------------------------------------------------------------------


def test_help_and_version_import_no_heavy_library() -> None:
    done = python(
        f"""
        import sys
        from kyrgyz_events.cli import main
        for argv in (["--help"], ["--version"], ["validate", "--help"], ["schema", "--help"], ["build", "--help"]):
            try:
                main(argv)
            except SystemExit:
                pass
        heavy = sorted({{m.split(".")[0] for m in sys.modules}} & set({HEAVY!r}))
        print("HEAVY", heavy, file=sys.stderr)
        """
    )
    assert "HEAVY []" in done.stderr, done.stderr[-2000:]


def test_help_tells_user_commands_from_maintainer_commands() -> None:
    text = parser().format_help()
    users, _, maintainers = text.partition("commands for maintainers")
    assert "commands for users" in users
    for name in USER_COMMANDS:
        assert f"\n  {name} " in users
    for name in MAINTAINER_COMMANDS:
        assert f"\n  {name} " in maintainers and f"\n  {name} " not in users
    assert set(COMMANDS) == set(USER_COMMANDS) | set(MAINTAINER_COMMANDS)
    assert "COMMAND ..." in text.splitlines()[0]


def test_each_command_names_itself_in_its_usage() -> None:
    """``kyrgyz-events validate --help`` says ``usage: kyrgyz-events validate ...``, not the top usage first."""
    import argparse

    sub = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in sub.choices.items():
        assert command.format_usage().startswith(f"usage: kyrgyz-events {name} "), command.format_usage()


@pytest.mark.parametrize("module", ["polars", "pydantic", "jsonschema"])
def test_a_command_whose_extra_is_missing_names_the_extra(module: str) -> None:
    done = python(
        f"""
        import sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] == {module!r}:
                    raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        sys.meta_path.insert(0, Block())
        from kyrgyz_events.cli import main
        sys.exit(main(["validate", {str(kyrgyz_events.path())!r}]))
        """
    )
    assert done.returncode == 2, done.stderr[-2000:]
    assert "pip install 'kyrgyz-events[validate]'" in done.stderr
    assert "Traceback" not in done.stderr


def test_missing_extra_leaves_other_import_errors_alone() -> None:
    assert missing_extra(ModuleNotFoundError("x", name="kyrgyz_events.nothing")) is None
    assert "kyrgyz-events[duckdb]" in (missing_extra(ModuleNotFoundError("x", name="duckdb")) or "")


def _fake_checkout(root: Path) -> Path:
    (root / "schema").mkdir(parents=True)
    (root / "dataset" / "annotations").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[project]\nname = "kyrgyz-events"\n', encoding="utf-8")
    return root


def test_maintainer_commands_find_the_checkout_from_the_current_folder(tmp_path: Path) -> None:
    checkout = _fake_checkout(tmp_path / "clone")
    inner = checkout / "dataset" / "annotations"
    assert find_checkout(inner) == checkout.resolve()
    assert find_checkout(checkout) == checkout.resolve()
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "pyproject.toml").write_text('[project]\nname = "something-else"\n', encoding="utf-8")
    assert find_checkout(other) == repo_root()  # not a checkout: the one this package runs from


def test_build_outside_any_checkout_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    import kyrgyz_events.cli.build as build_cli

    monkeypatch.setattr(build_cli, "find_checkout", lambda: None)
    assert main(["build"]) == 2
    err = capsys.readouterr().err
    assert "maintainer command" in err and "--dataset" in err


# --- loading and describing --------------------------------------------------------------------------------


def test_auto_backend_prefers_pandas_then_polars_then_pyarrow(monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(load("events"), pd.DataFrame)
    monkeypatch.setattr(load_module, "installed", lambda b: b != "pandas")
    assert isinstance(load("events"), pl.DataFrame)
    monkeypatch.setattr(load_module, "installed", lambda b: b == "pyarrow")
    assert isinstance(load("events"), pa.Table)


@pytest.mark.parametrize("backend", ["pandas", "polars"])
def test_a_missing_backend_names_its_extra(backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load_module, "installed", lambda b: b != backend)
    with pytest.raises(ImportError, match=rf"pip install 'kyrgyz-events\[{backend}\]'"):
        load("events", backend=backend)  # type: ignore[call-overload]


def test_pandas_frames_carry_the_descriptions() -> None:
    frame = load("claims", backend="pandas")
    described = kyrgyz_events.describe("claims")
    assert frame.attrs["table"] == "claims" and frame.attrs["schema_version"] == SCHEMA_VERSION
    assert frame.attrs["description"] == described.description
    assert frame.attrs["columns"]["cue"] == described.columns["cue"].description
    assert list(frame.attrs["columns"]) == list(frame.columns)


def test_arrow_fields_carry_column_descriptions() -> None:
    table = load("events", backend="pyarrow")
    for f in table.schema:
        assert f.metadata and f.metadata[b"description"], f.name


def test_describe_the_dataset_and_each_table() -> None:
    info = kyrgyz_events.describe()
    descriptor = json.loads((kyrgyz_events.path() / "datapackage.json").read_text(encoding="utf-8"))
    assert list(info.tables) == kyrgyz_events.tables()
    assert info.license == "CC-BY-4.0" and info.dataset_version == DATASET_VERSION
    for resource in descriptor["resources"]:
        if resource["format"] != "parquet":
            continue
        table = kyrgyz_events.describe(resource["name"])
        assert table.rows == pq.read_metadata(kyrgyz_events.path() / resource["path"]).num_rows
        assert table.rows == len(load(resource["name"], backend="pyarrow"))
        assert [c.name for c in table.columns.values()] == [f["name"] for f in resource["schema"]["fields"]]
        assert all(c.description for c in table.columns.values())
        assert Path(table.files["jsonl"]).is_file() and Path(table.files["parquet"]).is_file()
    text = str(info)
    assert all(f"\n  {t} " in text for t in kyrgyz_events.tables())
    with pytest.raises(ValueError, match="unknown table 'nope'"):
        kyrgyz_events.describe("nope")


def test_citation_in_every_style_and_the_committed_cff() -> None:
    assert DATASET_VERSION in kyrgyz_events.citation() and "kyrgyz-events" in kyrgyz_events.citation()
    bib = kyrgyz_events.citation("bibtex")
    assert bib.startswith("@misc{") and bib.rstrip().endswith("}") and f"version = {{{DATASET_VERSION}}}" in bib
    assert (ROOT / "CITATION.cff").read_text(encoding="utf-8") == citation_cff() == kyrgyz_events.citation("cff")
    import yaml

    cff = yaml.safe_load(citation_cff())
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset" and cff["version"] == DATASET_VERSION
    assert cff["authors"] and cff["license"] == "CC-BY-4.0" and cff["title"]
    with pytest.raises(ValueError):
        kyrgyz_events.citation("apa")


def test_duckdb_connection_has_every_table_as_a_view() -> None:
    con = kyrgyz_events.connect()
    for table in kyrgyz_events.tables():
        assert con.sql(f'SELECT count(*) FROM "{table}"').fetchall()[0][0] == len(load(table, backend="pyarrow"))
    joined = con.sql("SELECT count(*) FROM claims c JOIN actors a ON a.actor_id = c.claimant_actor_id").fetchall()[0]
    assert joined[0] > 0


def test_the_card_links_only_to_pages_the_package_carries() -> None:
    import re

    card = (kyrgyz_events.path() / "README.md").read_text(encoding="utf-8")
    links = [t for t in re.findall(r"\]\(([^)#]+)\)", card) if "://" not in t]
    assert "reference.md" in links
    for target in links:
        assert (kyrgyz_events.path() / target).is_file(), target
    assert (kyrgyz_events.path() / "reference.md").read_text(encoding="utf-8") == (
        ROOT / "docs" / "reference.md"
    ).read_text(encoding="utf-8")


# --- the writer and the validator on users' own files ---------------------------------------------------------


@pytest.mark.parametrize("table", ["events", "actors", "event_actors", "claims"])
@pytest.mark.parametrize("backend", ["pandas", "polars", "pyarrow"])
@pytest.mark.parametrize("suffix", [".parquet", ".jsonl"])
def test_write_table_writes_what_the_build_writes(table: str, backend: str, suffix: str, tmp_path: Path) -> None:
    frame = load(table, backend=backend)  # type: ignore[call-overload]
    out = kyrgyz_events.write_table(frame, tmp_path / f"{table}{suffix}", table, dataset_version=DATASET_VERSION)
    assert out.read_bytes() == (kyrgyz_events.path() / "data" / f"{table}{suffix}").read_bytes()


def test_write_table_refuses_what_does_not_fit_naming_table_and_column(tmp_path: Path) -> None:
    events = load("events", backend="polars")
    with pytest.raises(ValueError, match=r"table events .*missing column\(s\) summary"):
        kyrgyz_events.write_table(events.drop("summary"), tmp_path / "e.parquet", "events")
    with pytest.raises(ValueError, match=r"unknown column\(s\) extra"):
        kyrgyz_events.write_table(events.with_columns(extra=pl.lit(1)), tmp_path / "e.parquet", "events")
    with pytest.raises(ValueError, match="column date_start"):
        kyrgyz_events.write_table(events.with_columns(date_start=pl.lit("soon")), tmp_path / "e.parquet", "events")
    with pytest.raises(ValueError, match="not a table of schema"):
        kyrgyz_events.write_table(events, tmp_path / "e.parquet", "happenings")
    with pytest.raises(ValueError, match=r"\.parquet or \.jsonl"):
        kyrgyz_events.write_table(events, tmp_path / "e.csv", "events")
    assert not list(tmp_path.iterdir())


@pytest.fixture
def edited_by_polars(tmp_path: Path) -> Path:
    """A copy of the package whose events file was edited and written back by Polars alone: a duplicate
    row and a reference to a location that does not exist, and no kyrgyz-events metadata."""
    import shutil

    package = tmp_path / "package"
    shutil.copytree(kyrgyz_events.path() / "data", package / "data")
    shutil.copy(kyrgyz_events.path() / "datapackage.json", package)
    events = pl.read_parquet(package / "data" / "events.parquet")
    first = events.row(0, named=True)["event_id"]
    events = pl.concat([events, events.head(1)]).with_columns(
        location_id=pl.when(pl.col("event_id") == "evt-akayev-accused")
        .then(pl.lit("loc-nowhere"))
        .otherwise(pl.col("location_id"))
    )
    events.write_parquet(package / "data" / "events.parquet")
    (package / "first").write_text(first, encoding="utf-8")
    return package


@pytest.mark.parametrize("formats", [("parquet", "jsonl"), ("parquet",)])
def test_missing_metadata_is_a_finding_and_the_data_rules_still_run(
    edited_by_polars: Path, formats: tuple[str, ...]
) -> None:
    report = validate(edited_by_polars, formats=formats)
    assert report.exit_code == 1
    found = {(f.rule, f.table, f.record_id, f.field) for f in report.findings}
    first = (edited_by_polars / "first").read_text(encoding="utf-8")
    assert ("table.unique_id", "events", first, "event_id") in found
    assert ("cross.reference", "events", "evt-akayev-accused", "location_id") in found
    assert ("package.schema_version", "events", None, "kyrgyz_events.schema_version") in found


def test_schema_version_option_for_a_file_that_declares_none(edited_by_polars: Path, tmp_path: Path) -> None:
    file = edited_by_polars / "data" / "events.parquet"
    current = validate(file)
    assert current.schema_version == SCHEMA_VERSION and current.exit_code == 1
    assert any(f.rule == "package.schema_version" and "--schema-version" in f.message for f in current.findings)
    older = validate(file, schema_version="1.0.0")
    assert older.schema_version == "1.0.0"
    assert any("as given by --schema-version" in f.message for f in older.findings)
    sentences = tmp_path / "sentences.parquet"
    pl.read_parquet(kyrgyz_events.path() / "data" / "sentences.parquet").write_parquet(sentences)
    unknown_then = validate(sentences, schema_version="1.0.0")  # the table came in 1.1.0
    assert unknown_then.exit_code == 2 and "not a table of schema 1.0.0" in unknown_then.findings[0].message
    assert validate(file, schema_version="9.9.9").exit_code == 2


def test_schema_version_option_on_the_command_line(edited_by_polars: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    file = edited_by_polars / "data" / "events.parquet"
    code = main(["validate", str(file), "--schema-version", SCHEMA_VERSION, "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1 and report["schema_version"] == SCHEMA_VERSION
    assert {f["rule"] for f in report["findings"]} >= {"table.unique_id", "package.schema_version"}


def test_a_declared_version_that_contradicts_the_option_is_reported(tmp_path: Path) -> None:
    report = validate(kyrgyz_events.path() / "data" / "events.parquet", schema_version="1.0.0")
    assert report.schema_version == "1.0.0"
    assert any(f.rule == "package.schema_version" and f.value == SCHEMA_VERSION for f in report.findings)


def test_written_back_with_write_table_the_file_declares_its_version_again(edited_by_polars: Path) -> None:
    file = edited_by_polars / "data" / "events.parquet"
    kyrgyz_events.write_table(pl.read_parquet(file).unique("event_id", keep="first"), file, "events")
    report = validate(file)
    assert not [f for f in report.findings if f.rule == "package.schema_version"]
    assert pq.read_metadata(file).metadata[b"kyrgyz_events.schema_version"] == SCHEMA_VERSION.encode()


# --- pandera schemas for users' dataframes ---------------------------------------------------------------


@pytest.mark.parametrize("table", kyrgyz_events.tables())
def test_pandera_schemas_pass_the_published_tables(table: str) -> None:
    pandera_schema(table).validate(load(table, backend="polars"), lazy=True)
    pandera_schema(table, flavour="pandas").validate(load(table, backend="pandas"), lazy=True)


def test_pandera_pandas_schema_checks_a_frame_built_by_hand() -> None:
    rows = load("actors", backend="pyarrow").to_pylist()
    by_hand = pd.DataFrame(rows)  # object columns, Python lists: what a user builds
    assert not isinstance(by_hand["actor_id"].dtype, pd.ArrowDtype)  # pandas 3 default strings
    pandera_schema("actors", flavour="pandas").validate(by_hand, lazy=True)
    bad = by_hand.copy()
    bad.loc[0, "actor_type"] = "alien"
    bad.loc[1, "actor_id"] = "Actor 1"
    bad.at[2, "aliases"] = [""]
    with pytest.raises(SchemaErrors) as caught:
        pandera_schema("actors", flavour="pandas").validate(bad, lazy=True)
    cases = caught.value.failure_cases
    failed = {(str(c), str(v)) for c, v in zip(cases["column"], cases["failure_case"], strict=True)}
    assert ("actor_type", "alien") in failed and ("actor_id", "Actor 1") in failed
    assert any(c == "aliases" for c, _ in failed)


def test_pandera_polars_schema_names_the_failing_column() -> None:
    bad = load("events", backend="polars").with_columns(factuality=pl.lit("rumoured"))
    with pytest.raises(SchemaErrors) as caught:
        pandera_schema("events").validate(bad, lazy=True)
    assert "factuality" in str(caught.value)


def test_arrow_and_json_schemas_are_the_published_ones() -> None:
    assert arrow_schema("events").names == load("events", backend="pyarrow").schema.names
    published = json.loads((ROOT / "schema" / SCHEMA_VERSION / "claims.schema.json").read_text(encoding="utf-8"))
    assert json_schema("claims") == published
    with pytest.raises(ValueError, match="not a table of schema"):
        pandera_schema("nope")
    with pytest.raises(ValueError, match="unknown flavour"):
        pandera_schema("events", flavour="spark")  # type: ignore[arg-type]


# --- CI helpers ----------------------------------------------------------------------------------------------


def test_the_pre_commit_hook_runs_the_validator_on_the_named_package(tmp_path: Path) -> None:
    import shlex

    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "kyrgyz-events-validate" and hook["language"] == "python"
    assert hook["pass_filenames"] is False and ".[validate]" in hook["additional_dependencies"]
    argv = shlex.split(hook["entry"])
    assert argv[0] == "kyrgyz-events"
    bin_dir = Path(sys.executable).parent
    good = subprocess.run([str(bin_dir / argv[0]), *argv[1:], *hook["args"]], cwd=kyrgyz_events.path(), timeout=300)
    assert good.returncode == 0
    import shutil

    broken = tmp_path / "pkg"
    shutil.copytree(kyrgyz_events.path() / "data", broken / "data")
    shutil.copy(kyrgyz_events.path() / "datapackage.json", broken)
    (broken / "data" / "events.jsonl").write_text("{}\n", encoding="utf-8")
    bad = subprocess.run([str(bin_dir / argv[0]), *argv[1:], *hook["args"]], cwd=broken, timeout=300)
    assert bad.returncode != 0
    import re

    assert re.search(hook["files"], "data/events.parquet") and not re.search(hook["files"], "README.md")
