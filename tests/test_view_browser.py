"""The viewer in a real browser: Debian's Chromium driven by Playwright (never a downloaded browser).

Run on three packages: the published one, a synthetic one (``kyrgyz-events synth --events 50``) and a
hostile one (markup, script, astral characters and CR LF in its text and records). Outside CI the module
skips when Chromium or Playwright is missing; in CI (``CI`` set) it fails instead. Screenshots of every
view land in ``tests/artifacts/`` (gitignored).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from view_packages import SCRIPT_NAME, SCRIPT_SUMMARY, write_hostile

from kyrgyz_events.cli import main
from kyrgyz_events.paths import dataset_root
from kyrgyz_events.view import write_view

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
VIEWS = ("article", "conflicts", "timeline", "sentences")


def _need(what: str) -> None:
    message = f"the viewer's browser tests need {what}"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; .ci/run installs it (apt-get install chromium; pip install -e '.[dev]')")
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = shutil.which("chromium")
    if executable is None:
        _need("Debian's chromium package")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need("playwright (the dev extra)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable)
        yield b
        b.close()


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("view-packages")
    assert main(["synth", "--events", "50", "--out", str(root / "synthetic")]) == 0
    return {
        "published": dataset_root(),
        "synthetic": root / "synthetic",
        "hostile": write_hostile(root / "hostile"),
    }


@pytest.fixture(scope="module")
def sites(packages: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("view-sites")
    for name, package in packages.items():
        write_view(package, root / name)
    return {name: root / name for name in packages}


class Page:
    """A page of one site, with every console message, page error and request it produced."""

    def __init__(self, browser: Any, site: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def route(r: Any) -> None:
            self.requests.append(r.request.url)
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                r.abort()

        self.page.route("**/*", route)
        self.page.goto((site / "index.html").as_uri())

    def clean(self) -> None:
        assert self.requests, "the route handler saw no request at all"
        assert all(u.startswith("file://") for u in self.requests), self.requests
        assert not self.errors, self.errors


@pytest.fixture(params=["published", "synthetic", "hostile"])
def page(request: pytest.FixtureRequest, browser: Any, sites: dict[str, Path]) -> Iterator[Page]:
    p = Page(browser, sites[request.param])
    p.name = request.param  # type: ignore[attr-defined]
    yield p
    p.page.close()


def evidence(package: Path) -> dict[str, str]:
    rows = pq.read_table(package / "data" / "evidence.parquet", columns=["evidence_id", "exact"]).to_pylist()
    return {str(r["evidence_id"]): str(r["exact"]) for r in rows}


def test_every_evidence_row_is_one_span_with_its_text(page: Page, packages: dict[str, Path]) -> None:
    rendered = page.page.eval_on_selector_all(".ev", "els => els.map(e => [e.dataset.eid, e.textContent])")
    expected = evidence(packages[page.name])  # type: ignore[attr-defined]
    assert len(rendered) == len(expected) > 0
    assert len({eid for eid, _ in rendered}) == len(rendered), "an evidence row is drawn twice"
    wrong = {eid: text for eid, text in rendered if expected.get(eid) != text}
    assert not wrong, f"span text differs from exact: {list(wrong.items())[:3]}"
    page.clean()


def test_screenshots_of_every_view_without_errors_or_requests(page: Page) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for view in VIEWS:
        page.page.click(f"[data-tab={view}]")
        assert page.page.is_visible(f"#view-{view}")
        path = ARTIFACTS / f"view-{page.name}-{view}.png"  # type: ignore[attr-defined]
        page.page.screenshot(path=str(path))
        assert path.stat().st_size > 10_000
    page.clean()


def _claim(package: Path, claim_id: str | None = None) -> dict[str, Any]:
    claims = pq.read_table(package / "data" / "claims.parquet").to_pylist()
    with_cue = [c for c in claims if c["cue"] and c["claimant_actor_id"] and (claim_id in (None, c["claim_id"]))]
    return with_cue[0]


def _actor_name(package: Path, actor_id: str) -> str:
    actors = pq.read_table(package / "data" / "actors.parquet").to_pylist()
    return next(str(a["name"]) for a in actors if a["actor_id"] == actor_id)


@pytest.mark.parametrize("name", ["published", "synthetic"])
def test_clicking_a_claim_span_shows_claimant_cue_and_factuality(
    name: str, browser: Any, sites: dict[str, Path], packages: dict[str, Path]
) -> None:
    p = Page(browser, sites[name])
    claims = {c["claim_id"]: c for c in pq.read_table(packages[name] / "data" / "claims.parquet").to_pylist()}
    # a claim span not covered by another span at the middle of its first line box, clicked there for real
    found = p.page.evaluate(
        """() => {
          for (const s of document.querySelectorAll('.ev.t-claims')) {
            s.scrollIntoView({block: 'center'});
            const r = s.getClientRects()[0];
            if (!r) continue;
            const x = r.left + r.width / 2, y = r.top + r.height / 2;
            if (document.elementFromPoint(x, y) === s) return [s.dataset.id, x, y];
          }
          return null; }"""
    )
    assert found, "no claim span can be clicked"
    claim = claims[found[0]]
    p.page.mouse.click(found[1], found[2])
    panel = p.page.locator("#panel")
    assert panel.is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    p.page.screenshot(path=str(ARTIFACTS / f"view-{name}-claim-card.png"))
    text = panel.inner_text()
    assert claim["statement"].split()[0] in text
    assert claim["factuality"] in text
    if claim["claimant_actor_id"]:
        assert _actor_name(packages[name], claim["claimant_actor_id"]) in text
    if claim["cue"]:
        assert f"“{claim['cue']}”" in text
    p.page.keyboard.press("Escape")
    assert not panel.is_visible()
    p.clean()
    p.page.close()


def test_keyboard_opens_the_health_ministry_claim_and_moves_between_spans(browser: Any, sites: dict[str, Path]) -> None:
    p = Page(browser, sites["published"])
    span = p.page.locator('.ev[data-id="clm-health-ministry-40-killed"]').first
    span.focus()
    assert "Health Ministry" in p.page.inner_text("#tip")  # focusing a span names its record
    p.page.keyboard.press("Enter")
    card = p.page.inner_text("#panel")
    for words in ("The Kyrgyz Health Ministry", "“said”", "disputed", "contradicts", "40 people had been killed"):
        assert words in card, words
    p.page.keyboard.press("Escape")
    assert not p.page.is_visible("#panel")
    assert p.page.evaluate("document.activeElement.dataset.id") == "clm-health-ministry-40-killed"  # focus returns
    order = p.page.eval_on_selector_all(".ev", "els => els.map(e => Number(e.dataset.e.slice(1))).sort((a,b)=>a-b)")
    here = int(str(p.page.evaluate("document.activeElement.dataset.e"))[1:])
    after = order[order.index(here) + 1]
    p.page.keyboard.press("j")
    assert p.page.evaluate("document.activeElement.dataset.e") == f"e{after}"
    p.page.keyboard.press("k")
    assert p.page.evaluate("document.activeElement.dataset.e") == f"e{here}"
    p.page.keyboard.press("Tab")  # Tab follows the text, across the stacked layers
    assert p.page.evaluate("document.activeElement.dataset.e") == f"e{after}"
    p.clean()
    p.page.close()


@pytest.mark.parametrize("name", ["published", "synthetic"])
def test_conflict_view_shows_every_claim_of_each_casualty_estimate(
    name: str, browser: Any, sites: dict[str, Path], packages: dict[str, Path]
) -> None:
    p = Page(browser, sites[name])
    p.page.click("[data-tab=conflicts]")
    estimates = pq.read_table(packages[name] / "data" / "casualty_estimates.parquet").to_pylist()
    assert estimates
    for est in estimates:
        block = p.page.locator(f'.conflict[data-event="{est["event_id"]}"][data-kind="{est["quantity_kind"]}"]')
        assert block.count() == 1
        drawn = block.locator("svg .row.claim").evaluate_all("els => els.map(e => e.dataset.id)")
        listed = block.locator("table.claims tr[data-id]").evaluate_all("els => els.map(e => e.dataset.id)")
        assert set(est["claim_ids"]) <= set(drawn), (est, drawn)
        assert set(est["claim_ids"]) <= set(listed)
        assert block.locator("svg .row.est").count() == 1
    if name == "published":
        killed = p.page.locator('.conflict[data-kind="killed"]').first.inner_text()
        for who in ("The Kyrgyz Health Ministry", "the Kyrgyz opposition", "40 to over 100", "over 100"):
            assert who in killed
        assert "101" not in killed  # the figures as stated: "over 100" is never shown as its bound 101
        p.page.locator('.conflict[data-kind="killed"] svg .row.claim[data-id="clm-opposition-over-100-dead"]').click()
        assert "spoke of" in p.page.inner_text("#panel")
    p.clean()
    p.page.close()


def test_filters_hide_a_table_and_hover_names_the_record(browser: Any, sites: dict[str, Path]) -> None:
    p = Page(browser, sites["published"])
    total = p.page.locator(".ev").count()
    actors = p.page.locator(".ev.t-actors").count()
    p.page.uncheck("input[name=table][value=actors]")
    assert p.page.locator(".ev.t-actors.off").count() == actors > 0
    assert p.page.inner_text("#shown") == f"{total - actors} of {total} spans shown"
    in_sentences = p.page.locator("#view-sentences button.rec.t-actors")
    assert p.page.locator("#view-sentences button.rec.t-actors.off").count() == in_sentences.count() > 0
    assert p.page.locator("#view-sentences button.rec.t-events.off").count() == 0
    p.page.check("input[name=table][value=actors]")
    p.page.select_option("select[name=factuality]", "denied")
    shown_facts = set(
        p.page.eval_on_selector_all(".ev:not(.off)[data-f]:not([data-f=''])", "els => els.map(e => e.dataset.f)")
    )
    assert shown_facts == {"denied"}
    p.page.select_option("select[name=factuality]", "")
    span = p.page.locator('.ev[data-id="loc-bishkek"]').first
    span.scroll_into_view_if_needed()
    span.hover()
    assert "Bishkek" in p.page.inner_text("#tip")
    p.clean()
    p.page.close()


def test_hostile_text_is_shown_not_run(browser: Any, sites: dict[str, Path]) -> None:
    p = Page(browser, sites["hostile"])
    assert p.page.evaluate("window.pwned === undefined")
    assert p.page.locator("script").count() == 1  # view.js only
    assert p.page.locator("main b, main img, header b").count() == 0
    body = p.page.inner_text("#view-article")
    assert "<script>window.pwned = 1</script>" in body and "🙂" in body and "𝔘" in body
    assert SCRIPT_NAME in p.page.locator("#cards").text_content()
    p.page.click("[data-tab=timeline]")
    assert SCRIPT_SUMMARY in p.page.inner_text("#view-timeline")
    assert p.page.evaluate("window.pwned === undefined")
    p.clean()
    p.page.close()
