"""The typed JSON Lines read (``package_io.jsonl_typed``): taken for every plainly well-formed file, giving
the frame the screened path gives; refused (None, so that the screened path names what is wrong) for
every file that path would not read as it does."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from conftest import published_package
from polars.testing import assert_frame_equal

from kyrgyz_events._version import SCHEMA_VERSION
from kyrgyz_events.contracts.spec import load_specs
from kyrgyz_events.package_io import limits
from kyrgyz_events.package_io.jsonl_typed import read_typed
from kyrgyz_events.validators.records import coerce, structure

SPECS = load_specs(SCHEMA_VERSION)


def jsonl_files(package: Path) -> list[Path]:
    files = sorted(p for p in (package / "data").glob("*.jsonl") if p.stat().st_size)
    assert len(files) >= 10, files
    return files


def typed_as_the_screened_path_types(frame: pl.DataFrame, path: Path) -> pl.DataFrame:
    spec = SPECS[path.name.removesuffix(".jsonl")]
    found, skip = structure(spec, dict(frame.schema), path.name, typed=False)
    assert found == [] and skip == set()
    typed, _ = coerce(frame, spec, skip)
    return typed.select(spec.column_names)


@pytest.mark.parametrize("which", ["sample", "published"])
def test_every_file_of_a_valid_package_is_read_typed_as_the_screened_path_reads_it(
    which: str, sample_package: Path
) -> None:
    package = sample_package if which == "sample" else published_package()
    assert package is not None, "dataset/ has not been built"
    for path in jsonl_files(package):
        fast = read_typed(path, SPECS[path.name.removesuffix(".jsonl")])
        assert fast is not None, f"{path.name}: the typed read refused a valid file"
        limits.scan_jsonl(path)
        screened = pl.read_ndjson(path, infer_schema_length=None)
        assert_frame_equal(
            typed_as_the_screened_path_types(fast, path), typed_as_the_screened_path_types(screened, path)
        )


def first_record(sample_package: Path) -> tuple[str, dict[str, object]]:
    line = (sample_package / "data" / "locations.jsonl").read_text(encoding="utf-8").splitlines()[0]
    return line, json.loads(line)


def _with(record: dict[str, object], **changes: object) -> str:
    return json.dumps({**record, **changes})


#: Files the screened path reads otherwise (or not at all): each must be refused by the typed read.
REFUSED = {
    "NaN in a number column": lambda line, r: _with(r).replace(json.dumps(r["latitude"]), "NaN", 1),
    "Infinity in a number column": lambda line, r: _with(r).replace(json.dumps(r["latitude"]), "-Infinity", 1),
    "a number too large for a double": lambda line, r: _with(r).replace(json.dumps(r["latitude"]), "1e999", 1),
    "a byte order mark": lambda line, r: "\ufeff" + line,
    "two objects on one line": lambda line, r: line + " " + line,
    "an object over two lines": lambda line, r: line.replace(",", ",\n", 1),
    "white space before the object": lambda line, r: "  " + line,
    "a key the schema lacks": lambda line, r: _with(r, population=5),
    "a repeated key": lambda line, r: line[:-1] + ', "name": "again"}',
    "a number in a string column": lambda line, r: _with(r, name=5),
    "a string in an integer column": lambda line, r: _with(r, geonames_id="1149361"),
    "a fraction in an integer column": lambda line, r: _with(r, geonames_id=1.5),
    "a column absent from every line": lambda line, r: json.dumps({k: v for k, v in r.items() if k != "note"}),
    "nesting deeper than the limit": lambda line, r: _with(r, note=[[[[[[[["deep"]]]]]]]]),
    "an object inside a string column": lambda line, r: _with(r, name={"a": 1}),
    "a bare value": lambda line, r: "5",
    "a line over the length limit": None,  # below: the limit is lowered
}

EVERY_LINE = {"a column absent from every line"}
FIRST_LINE = {"a byte order mark"}  # the reader skips one at the start of the file


@pytest.mark.parametrize("case", sorted(REFUSED), ids=sorted(REFUSED))
def test_a_file_the_screened_path_reads_otherwise_is_refused(
    case: str, sample_package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    line, record = first_record(sample_package)
    path = tmp_path / "locations.jsonl"
    spec = SPECS["locations"]
    path.write_text(line + "\n" + line + "\n", encoding="utf-8")
    assert read_typed(path, spec) is not None  # the file before the change is read typed
    edit = REFUSED[case]
    if edit is None:
        monkeypatch.setattr(limits, "MAX_LINE_BYTES", len(line.encode()))
    else:
        first = edit(line, record) if case in EVERY_LINE | FIRST_LINE else line
        second = line if case in FIRST_LINE else edit(line, record)
        path.write_text(first + "\n" + second + "\n", encoding="utf-8")
    assert read_typed(path, spec) is None


def test_blank_lines_and_crlf_are_read_typed_as_the_screened_path_reads_them(
    sample_package: Path, tmp_path: Path
) -> None:
    line, _ = first_record(sample_package)
    path = tmp_path / "locations.jsonl"
    path.write_bytes(f"{line}\r\n\n{line}\r\n".encode())
    fast = read_typed(path, SPECS["locations"])
    assert fast is not None and fast.height == 2
    assert_frame_equal(
        typed_as_the_screened_path_types(fast, path),
        typed_as_the_screened_path_types(pl.read_ndjson(path, infer_schema_length=None), path),
    )
