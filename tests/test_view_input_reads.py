"""cross.scheme_derivation reads only the rows the scheme views are derived from
(``host_rules.view_input_reads``), and what it reads derives the views exactly as the whole tables do."""

from __future__ import annotations

import polars as pl
from conftest import published_package

from kyrgyz_events.scheme_views import derive_view
from kyrgyz_events.validators.engines.polars_sql import PolarsSQL
from kyrgyz_events.validators.host_rules import DERIVED_VIEWS, VIEW_INPUTS, view_input_reads


def _tables() -> dict[str, pl.LazyFrame]:
    package = published_package()
    assert package is not None, "the published package is committed under dataset/package"
    return {name: pl.scan_parquet(package / "data" / f"{name}.parquet") for name in (*VIEW_INPUTS, *DERIVED_VIEWS)}


def _read(tables: dict[str, pl.LazyFrame]) -> dict[str, pl.DataFrame]:
    reads = view_input_reads(DERIVED_VIEWS, tables)
    return dict(zip(reads, PolarsSQL(tables).collect(list(reads.values())), strict=True))


def test_the_views_derive_from_what_is_read_as_from_the_whole_tables() -> None:
    tables = _tables()
    read = {t: frame.to_dicts() for t, frame in _read(tables).items()}
    assert set(read) == set(VIEW_INPUTS)
    whole = {t: tables[t].select(VIEW_INPUTS[t]).collect().to_dicts() for t in VIEW_INPUTS}
    for view in DERIVED_VIEWS:
        rows = tables[view].collect().to_dicts()
        assert rows, f"the published {view} holds rows"
        from_whole = derive_view(view, rows, whole)
        assert all(problem is None for _, problem in from_whole)
        assert derive_view(view, rows, read) == from_whole, view


def test_only_the_rows_the_views_need_are_read() -> None:
    tables = _tables()
    read = _read(tables)
    heights = {t: tables[t].select(pl.len()).collect().item() for t in read}
    # the published views code a part of the events: the rest of them, and what hangs on them, is not read
    for table in ("events", "event_actors", "actors", "evidence", "locations"):
        assert 0 < read[table].height < heights[table], table
    assert set(read["evidence"].get_column("record_id")) <= set(read["events"].get_column("event_id"))


def test_actors_and_locations_are_read_only_beside_what_leads_to_them() -> None:
    reads = view_input_reads(["acled_events"], ["acled_events", "actors", "locations", "documents"])
    assert set(reads) == {"documents"}


def test_a_place_is_read_with_its_whole_chain_of_parents_and_nothing_else() -> None:
    def frame(table: str, **columns: list[object]) -> pl.LazyFrame:
        height = len(next(iter(columns.values())))
        return pl.DataFrame({c: columns.get(c, [None] * height) for c in VIEW_INPUTS[table]}).lazy()

    tables = {
        "acled_events": pl.DataFrame({"document_id": ["doc-1"], "event_ids": [["evt-1"]]}).lazy(),
        "events": frame("events", event_id=["evt-1", "evt-2"], location_id=["loc-hall", "loc-farm"]),
        # a building in a city in a country, where no event is in the city or the country; a farm elsewhere
        "locations": frame(
            "locations",
            location_id=["loc-hall", "loc-city", "loc-land", "loc-farm"],
            parent_location_id=["loc-city", "loc-land", None, None],
        ),
    }
    locations = PolarsSQL(tables).collect([view_input_reads(["acled_events"], tables)["locations"]])[0]
    assert sorted(locations.get_column("location_id")) == ["loc-city", "loc-hall", "loc-land"]
