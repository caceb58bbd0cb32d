"""Small hostile inputs cost bounded time and memory: each documented limit is checked before the
expensive work and reported as a finding; a duplicate key is a finding on every path."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from faults.editor import PackageEditor
from test_build import copy_dataset

from kyrgyz_events.annotations import compile_annotations
from kyrgyz_events.build import build
from kyrgyz_events.package_io import limits
from kyrgyz_events.validators import validate


@pytest.fixture
def package(sample_package: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "package"
    shutil.copytree(sample_package, copy)
    return copy


def _cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kyrgyz_events.cli", *args], capture_output=True, text=True, timeout=timeout
    )


@pytest.mark.parametrize("reference", [False, True], ids=["default", "reference"])
def test_three_lines_nested_a_thousand_deep_are_refused_quickly(package: Path, reference: bool) -> None:
    """The 48 KB file of the issue: three lines nested 1,000 deep (it ran 5 minutes and segfaulted)."""
    deep = '{"x": ' + "[" * 1000 + "]" * 1000 + "}"
    (package / "data" / "events.jsonl").write_text("\n".join([deep] * 3) + "\n", encoding="utf-8")
    PackageEditor(package).refresh()
    done = _cli("validate", str(package), "--format", "json", *(["--reference"] if reference else []), timeout=60)
    assert done.returncode == 2, done.stderr[-2000:]
    found = json.loads(done.stdout)["findings"]
    assert [(f["rule"], f["table"], f["record_id"]) for f in found] == [("package.limits", "events", "#1")]
    assert "nested deeper than the limit of 32" in found[0]["message"]


def test_brackets_inside_strings_do_not_count_as_nesting(package: Path) -> None:
    editor = PackageEditor(package)
    editor.edit_json_rows("actors", lambda rows: rows[0].update(description="[" * 100 + "{" * 100))
    report = validate(package, formats=("jsonl",))
    assert not any(f.rule == "package.limits" for f in report.findings), report.to_text()
    assert limits.json_depth(b'{"a": "' + b"[" * 100 + b'"}') == 1
    deep = b'{"a": "' + b"[" * 100 + b'", "b": ' + b"[" * 33 + b"]" * 33 + b"}"
    assert limits.json_depth(deep) > limits.MAX_JSON_DEPTH
    assert limits._exact_depth(b'{"a": [[1], {"b": "]]]\\"["}]}') == 3


def test_a_line_over_the_length_limit_is_refused(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_LINE_BYTES", 200)
    report = validate(package, formats=("jsonl",))
    hits = [f for f in report.findings if f.rule == "package.limits"]
    assert hits and report.exit_code == 2 and "longer than the limit of 200 bytes" in hits[0].message


def test_a_descriptor_over_the_size_limit_is_refused(package: Path) -> None:
    path = package / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    desc["description"] = "x" * (limits.MAX_DESCRIPTOR_BYTES + 1)
    path.write_text(json.dumps(desc), encoding="utf-8")
    report = validate(package)
    assert [(f.rule, f.file) for f in report.findings] == [("package.limits", "datapackage.json")]
    assert "over the limit of 16 MiB" in report.findings[0].message


def test_a_deeply_nested_descriptor_is_refused(package: Path) -> None:
    (package / "datapackage.json").write_text('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    report = validate(package)
    assert [f.rule for f in report.findings] == ["package.limits"] and report.exit_code == 2


@pytest.mark.parametrize(("limit", "value"), [("MAX_PARQUET_UNCOMPRESSED", 100), ("MAX_PARQUET_RATIO", 0)])
def test_a_parquet_footer_declaring_too_much_is_refused(
    package: Path, monkeypatch: pytest.MonkeyPatch, limit: str, value: int
) -> None:
    monkeypatch.setattr(limits, limit, value)
    if limit == "MAX_PARQUET_RATIO":
        monkeypatch.setattr(limits, "_RATIO_FLOOR", 0)
    report = validate(package)
    hits = {(f.rule, f.table) for f in report.findings}
    assert ("package.limits", "events") in hits and report.exit_code == 2, report.to_text()


# --- duplicate keys ----------------------------------------------------------------------------------


#: Lines the screen of ``scan_jsonl`` must not wave through: repeated keys hidden behind white space, escapes,
#: colons in values or nesting, non-JSON constants, non-objects, invalid UTF-8; and lines it must accept.
TRICKY_LINES = [
    b'{"a":1,"a":2}',
    b'{"a": 1, "a" : 2}',
    b'{"a":1,\t"a"\t:2}',
    b'{"a":1,\r"a"\r:2}',
    b'{"a":"x:y","a":1}',
    b'{"a":"\\":","a":1}',
    b'{"a":1,"\\u0061":2}',
    b'{"o":{"k":1,"k":2}}',
    b'{"l":[{"k":1,"k":2}]}',
    b'{"a":"{","a":1}',
    b'{"a":NaN}',
    b'{"a":-Infinity}',
    b"[1,2]",
    b'"x"',
    b'{"a":"\xff"}',
    b'\xef\xbb\xbf{"a":1}',
    b'{"a":"\\ud800"}',
    b'{"a":1}   ',
    b'{"a":"10:30","b":"x : y","c":["p:q"]}',
    b'{"a":' + b"[" * 31 + b"]" * 31 + b"}",
    b'{"a":' + b"[" * 33 + b"]" * 33 + b"}",
    b'{"a":1} {"b":2}',
    b"",
    b"   ",
]


def _outcome(call: object) -> tuple[str, str] | None:
    try:
        call()  # type: ignore[operator]
    except (limits.LimitExceeded, ValueError) as e:
        return type(e).__name__, str(e)
    return None


@pytest.mark.parametrize("line", TRICKY_LINES, ids=range(len(TRICKY_LINES)))
def test_the_fast_json_lines_scan_agrees_with_the_exact_check(line: bytes, tmp_path: Path) -> None:
    """scan_jsonl's orjson screen lets a line pass only where the exact check (stdlib json with a
    duplicate-key hook) passes it too, and otherwise raises exactly what the exact check raises."""
    path = tmp_path / "t.jsonl"
    path.write_bytes(b'{"ok":1}\n' + line + b"\n")
    expected = _outcome(lambda: limits._check_line(line + b"\n", 2))
    assert _outcome(lambda: limits.scan_jsonl(path)) == expected


def test_the_fast_scan_refuses_a_long_line_that_parses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A line over the limit whose first MAX_LINE_BYTES bytes happen to be a whole object is still refused."""
    monkeypatch.setattr(limits, "MAX_LINE_BYTES", 20)
    path = tmp_path / "t.jsonl"
    path.write_bytes(b'{"a":1}' + b" " * 40 + b"\n")
    with pytest.raises(limits.LimitExceeded, match="line 1 is longer than the limit of 20 bytes"):
        limits.scan_jsonl(path)


def _duplicate_event_id(package: Path) -> None:
    editor = PackageEditor(package)
    lines = editor.jsonl_lines("events")
    lines[0] = lines[0][:-1] + ', "event_id": "evt-other"}'
    editor.write_lines("events", lines)


@pytest.mark.parametrize(
    "how",
    [{}, {"fast": False}, {"formats": ("jsonl",)}, {"formats": ("jsonl",), "fast": False}],
    ids=["default", "reference", "jsonl-only", "jsonl-reference"],
)
def test_a_duplicate_json_key_is_the_same_finding_on_every_path(package: Path, how: dict[str, object]) -> None:
    _duplicate_event_id(package)
    report = validate(package, **how)  # type: ignore[arg-type]
    assert [(f.rule, f.table, f.record_id, f.field) for f in report.findings] == [
        ("package.duplicate_key", "events", "#1", "event_id")
    ], report.to_text()
    assert report.exit_code == 2


def test_a_duplicate_json_key_in_a_single_file(package: Path) -> None:
    _duplicate_event_id(package)
    report = validate(package / "data" / "events.jsonl")
    assert [f.rule for f in report.findings] == ["package.duplicate_key"]


def test_a_duplicate_key_in_the_descriptor(package: Path) -> None:
    path = package / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{", '{"name": "other", ', 1), encoding="utf-8")
    report = validate(package)
    assert [(f.rule, f.field) for f in report.findings] == [("package.duplicate_key", "name")]


# --- annotations: aliases and duplicate keys -----------------------------------------------------------

BOMB = "\n".join(
    ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
)


@pytest.mark.parametrize(
    ("file", "text", "why"),
    [
        ("document.yaml", BOMB, "aliases"),
        ("actors.yaml", "- &x {actor_id: act-a}\n- *x\n", "aliases"),
        ("document.yaml", "base: &b {a: 1}\nother:\n  <<: *b\n", "aliases"),
        ("document.yaml", "document_id: a\ndocument_id: b\n", "duplicate key 'document_id'"),
        ("events.yaml", "- event_id: e1\n  summary: a\n  summary: b\n", "duplicate key 'summary'"),
    ],
    ids=["billion-laughs", "list-alias", "merge-key", "duplicate-top-key", "duplicate-entry-key"],
)
def test_annotation_aliases_and_duplicate_keys_are_refused(tmp_path: Path, file: str, text: str, why: str) -> None:
    assert len(BOMB) < 1024
    root = copy_dataset(tmp_path, with_outputs=False)
    (root / "annotations" / file).write_text(text, encoding="utf-8")
    _, findings = compile_annotations(root)
    hits = [f for f in findings if f.file == f"annotations/{file}"]
    assert len(hits) == 1 and hits[0].rule == "annotations.readable" and hits[0].unusable, findings
    assert why in hits[0].message and "line" in hits[0].message
    report = build(root)
    assert report.exit_code == 2 and not (root / "package").exists()


def test_an_annotation_file_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_dataset(tmp_path, with_outputs=False)
    from kyrgyz_events.annotations import read

    monkeypatch.setattr(read, "MAX_YAML_BYTES", 100)
    _, findings = compile_annotations(root)
    assert any("over the limit of 100 bytes" in f.message for f in findings), findings


@pytest.mark.parametrize(
    ("line", "why"), [("[1, 2]", "is not a JSON object"), ('{"event_id": ', "is not valid JSON")], ids=["array", "cut"]
)
def test_a_line_that_is_not_one_json_object_is_named_by_its_number(package: Path, line: str, why: str) -> None:
    path = package / "data" / "events.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0], line, *lines[2:]]) + "\n", encoding="utf-8")
    report = validate(package, formats=("jsonl",))
    hits = [f for f in report.findings if f.rule == "package.readable"]
    assert report.exit_code == 2 and hits, report.findings
    assert hits[0].message.startswith(f"line 2 {why}") and hits[0].record_id == "#2"
    assert hits[0].file == "data/events.jsonl" and hits[0].value == line
