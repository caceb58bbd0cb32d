"""The viewer without a browser: span layout, escaping, determinism, caps, old packages, the command."""

from __future__ import annotations

import hashlib
import html.parser
import re
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from view_packages import HOSTILE, SCRIPT_NAME, SCRIPT_SUMMARY, write_hostile

from kyrgyz_events.cli import main
from kyrgyz_events.paths import dataset_root
from kyrgyz_events.view import SITE_FILES, write_view
from kyrgyz_events.view.data import MAX_DOCUMENTS
from kyrgyz_events.view.layout import Span, assign_layers, assign_levels, render_layer

RELEASE_1_0_0 = dataset_root().parent / "releases" / "1.0.0"  # dataset/releases/, beside dataset/package/


class _Elements(html.parser.HTMLParser):
    """Collects every ``<span>``'s text content, and the document's text, as an HTML parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.open: list[tuple[str, int]] = []
        self.spans: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.append((dict(attrs).get("data-k") or "", len("".join(self.text))))

    def handle_endtag(self, tag: str) -> None:
        key, start = self.open.pop()
        self.spans[key] = "".join(self.text)[start:]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(fragment: str) -> _Elements:
    p = _Elements()
    p.feed(fragment)
    p.close()
    return p


TEXT = "President flees as gangs go on the rampage 🙂 in 𝔘 <b>&amp;\r\nKyrgyzstan"
CASES = {
    "nested": [(0, 24), (0, 9), (19, 24)],
    "crossing": [(0, 24), (19, 42), (10, 30)],
    "identical": [(0, 9), (0, 9), (0, 9)],
    "astral, markup and CR LF": [(40, 50), (43, 60), (49, len(TEXT))],
}


@pytest.mark.parametrize("ranges", CASES.values(), ids=CASES.keys())
def test_layers_render_every_span_as_one_element_with_its_text(ranges: list[tuple[int, int]]) -> None:
    spans = [Span(a, b, f' data-k="s{n}"') for n, (a, b) in enumerate(ranges)]
    layers = assign_layers(spans)
    levels = assign_levels(spans)
    for i, a in enumerate(spans):
        for j, b in enumerate(spans):
            crossing = a.start < b.start < a.end < b.end
            assert not (crossing and layers[i] == layers[j]), "crossing spans share a layer"
            if i != j and max(a.start, b.start) < min(a.end, b.end):
                assert levels[i] != levels[j], "overlapping spans share an underline row"
    seen: dict[str, str] = {}
    for n in set(layers):
        parsed = parse(render_layer(TEXT, 0, len(TEXT), [s for s, lay in zip(spans, layers, strict=True) if lay == n]))
        assert "".join(parsed.text) == TEXT  # the parsed text is the text, CR and markup included
        seen.update(parsed.spans)
    assert seen == {f"s{n}": TEXT[a:b] for n, (a, b) in enumerate(ranges)}


def test_crossing_spans_in_one_layer_are_refused() -> None:
    with pytest.raises(ValueError, match="crosses"):
        render_layer(TEXT, 0, len(TEXT), [Span(0, 10, ""), Span(5, 15, "")])


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "package"
    assert main(["synth", "--events", "50", "--out", str(out)]) == 0
    return out


def _digest(folder: Path) -> dict[str, str]:
    return {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in SITE_FILES}


@pytest.mark.parametrize("which", ["published", "synthetic"])
def test_the_site_is_self_contained_and_byte_identical_on_rewrite(which: str, synthetic: Path, tmp_path: Path) -> None:
    package = dataset_root() if which == "published" else synthetic
    write_view(package, tmp_path / "a")
    write_view(package, tmp_path / "b")
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == sorted(SITE_FILES)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    page = (tmp_path / "a" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page), "the page loads something from the network"
    assert "default-src 'none'" in page
    rows = pq.read_table(package / "data" / "evidence.parquet", columns=["evidence_id"]).num_rows
    assert page.count('class="ev ') == rows


def test_published_view_matches_the_committed_one(tmp_path: Path) -> None:
    committed = dataset_root() / "view"
    write_view(dataset_root(), tmp_path / "view")
    assert _digest(committed) == _digest(tmp_path / "view"), "dataset/package/view is stale: run `kyrgyz-events build`"


def test_package_text_is_escaped(tmp_path: Path) -> None:
    write_view(write_hostile(tmp_path / "hostile"), tmp_path / "site")
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert page.count("<script") == 1  # view.js
    for raw in (SCRIPT_NAME, SCRIPT_SUMMARY, "<b>bold</b>", "<b>not bold</b>"):
        assert raw not in page
    assert "&lt;script&gt;window.pwned = 3&lt;/script&gt;" in page
    assert "&#13;" in page and "\r" not in page  # a CR survives HTML parsing only as a reference
    assert "&amp;amp;" in page  # "&amp;" in the text is shown as written
    assert HOSTILE.split()[0] in page  # the astral character is written as itself (UTF-8)


def test_large_package_is_capped_and_says_so(tmp_path: Path) -> None:
    package = tmp_path / "big"
    events = (MAX_DOCUMENTS + 2) * 100  # synth puts 100 events in each document
    assert main(["synth", "--events", str(events), "--out", str(package)]) == 0
    shown = write_view(package, tmp_path / "site")
    assert shown["documents"] == MAX_DOCUMENTS and shown["documents_total"] == MAX_DOCUMENTS + 2
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert f"This package has {MAX_DOCUMENTS + 2:,} documents; the viewer shows the first {MAX_DOCUMENTS}" in page
    assert page.count('<section class="doc"') == MAX_DOCUMENTS
    evidence = pq.read_table(package / "data" / "evidence.parquet", columns=["document_id"]).to_pylist()
    first = sorted({str(e["document_id"]) for e in evidence})[:MAX_DOCUMENTS]
    assert page.count('class="ev ') == sum(1 for e in evidence if e["document_id"] in first)


def test_a_1_0_0_package_without_sentences(tmp_path: Path) -> None:
    package = tmp_path / "old"
    shutil.copytree(RELEASE_1_0_0 / "data", package / "data")
    assert not (package / "data" / "sentences.parquet").exists()
    write_view(package, tmp_path / "site")
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "This package has no <code>sentences</code> table" in page
    assert "Tables this package does not have: sentences." in page
    rows = pq.read_table(package / "data" / "evidence.parquet", columns=["evidence_id"]).num_rows
    assert page.count('class="ev ') == rows


def test_view_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["view", str(dataset_root()), "--out", str(tmp_path / "site")]) == 0
    assert (tmp_path / "site" / "index.html").is_file()
    rows = pq.read_table(dataset_root() / "data" / "evidence.parquet", columns=["evidence_id"]).num_rows
    assert f"1 document(s), {rows} evidence spans" in capsys.readouterr().out
    assert main(["view", str(tmp_path / "nowhere"), "--out", str(tmp_path / "x")]) == 2
    assert "not a package" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_by_default_the_site_goes_to_the_current_folder_not_into_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib

    from kyrgyz_events.cli import main

    def tree(folder: Path) -> dict[str, str]:
        return {
            p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }

    before = tree(dataset_root())
    monkeypatch.chdir(tmp_path)
    assert main(["view"]) == 0
    assert (tmp_path / "kyrgyz-events-view" / "index.html").is_file()
    assert tree(dataset_root()) == before
