"""Edit a copied package in place: change a table's rows and rewrite its Parquet and JSON Lines files, or
edit the raw files, then refresh the descriptor's bytes and hashes so that only the intended rule fires."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from kyrgyz_events.contracts import load_specs
from kyrgyz_events.contracts.arrow import arrow_schema
from kyrgyz_events.contracts.spec import TableSpec
from kyrgyz_events.package_io.files import file_digest
from kyrgyz_events.package_io.json_text import dump_json
from kyrgyz_events.package_io.parts import HIVE_NULL, PartError, is_partitioned, part_path, parts, parts_digest
from kyrgyz_events.publish.files import jsonl_lines, write_jsonl, write_parquet


class PackageEditor:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.descriptor: dict[str, Any] = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
        self.specs: dict[str, TableSpec] = load_specs(self.descriptor["x-schemaVersion"])

    def path(self, table: str, fmt: str) -> Path:
        return self.root / "data" / f"{table}.{fmt}"

    def frame(self, table: str) -> pl.DataFrame:
        return pl.read_parquet(self.path(table, "parquet"))

    def _arrow(self, table: str, frame: pl.DataFrame, raw: bool = False) -> pa.Table:
        spec = self.specs[table]
        wanted = arrow_schema(spec, self.descriptor.get("version"))
        data = frame.to_arrow()
        if raw:
            return data.replace_schema_metadata(wanted.metadata)
        try:
            return data.select(wanted.names).cast(wanted)
        except (KeyError, ValueError, pa.ArrowInvalid, pa.ArrowNotImplementedError):
            # A deliberately broken structure: keep the frame's own columns, with the file metadata.
            return data.replace_schema_metadata(wanted.metadata)

    def write(
        self, table: str, frame: pl.DataFrame, *, parquet: bool = True, jsonl: bool = True, raw: bool = False
    ) -> None:
        """Rewrite one table's files from ``frame`` (rows kept in the given order); ``raw``: keep the
        frame's column types instead of the schema's."""
        data = self._arrow(table, frame, raw)
        if parquet:
            write_parquet(data, self.path(table, "parquet"))
        if jsonl:
            write_jsonl(data, self.path(table, "jsonl"))
        self.refresh()

    def update(self, table: str, edit: Callable[[pl.DataFrame], pl.DataFrame], **kw: bool) -> None:
        self.write(table, edit(self.frame(table)), **kw)

    def jsonl_lines(self, table: str) -> list[str]:
        return self.path(table, "jsonl").read_text(encoding="utf-8").splitlines()

    def write_lines(self, table: str, lines: list[str]) -> None:
        self.path(table, "jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        self.refresh()

    def edit_json_rows(self, table: str, edit: Callable[[list[dict[str, Any]]], None]) -> None:
        rows = [json.loads(line) for line in self.jsonl_lines(table)]
        edit(rows)
        self.write_lines(table, [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in rows])

    def split(self, table: str, parts: int = 2, by: str | None = None) -> list[str]:
        """Rewrite a table's Parquet file as parts, rows kept in order: ``parts`` slices of equal size,
        listed (a multipart resource), or with ``by`` one part per value of that column (which stays in the
        files) in hive folders ``data/<table>/<by>=<value>/``, the resource path the folder. A built
        package's croissant.json (one file per table) is dropped. Returns the parts' paths."""
        arrow = pq.read_table(self.path(table, "parquet"))
        (self.root / "data" / table).mkdir()
        rels: list[str] = []
        if by is None:
            per = -(-arrow.num_rows // parts)
            for i in range(parts):
                rels.append(part_path(table, i))
                write_parquet(arrow.slice(i * per, per), self.root / rels[-1])
        else:
            column = arrow[by].to_pylist()
            for value in sorted(set(column), key=lambda v: (v is None, str(v))):
                name = HIVE_NULL if value is None else quote(str(value), safe="")
                rels.append(f"data/{table}/{by}={name}/part-00000.parquet")
                (self.root / rels[-1]).parent.mkdir()
                write_parquet(arrow.filter(pa.array([v == value for v in column])), self.root / rels[-1])
        self.path(table, "parquet").unlink()
        self.resource(table)["path"] = rels if by is None else f"data/{table}/"
        if (self.root / "croissant.json").is_file():
            (self.root / "croissant.json").unlink()
            self.descriptor["x-files"] = [f for f in self.descriptor["x-files"] if f["path"] != "croissant.json"]
        self.refresh()
        return rels

    def refresh(self) -> None:
        """Recompute bytes and sha256 of every resource (a partitioned table's over its parts) and, in a
        built package, croissant.json (which records the Parquet hashes) and the x-files entries; write
        the descriptor."""
        for res in self.descriptor["resources"]:
            if is_partitioned(res["path"]):
                with contextlib.suppress(PartError):  # a hostile part, left as the test made it
                    res["bytes"], res["hash"] = parts_digest(p.path for p in parts(self.root, res["path"]))
                continue
            path = self.root / res["path"]
            if path.is_file():
                res["bytes"], res["hash"] = file_digest(path)
        if (self.root / "croissant.json").is_file():
            from kyrgyz_events.package_io.croissant import croissant

            text = dump_json(croissant(self.descriptor, self.root))
            (self.root / "croissant.json").write_text(text, encoding="utf-8", newline="\n")
        for entry in self.descriptor.get("x-files", []):
            path = self.root / entry["path"]
            if path.is_file():
                entry["bytes"], entry["hash"] = file_digest(path)
        self.save()

    def save(self) -> None:
        (self.root / "datapackage.json").write_text(dump_json(self.descriptor), encoding="utf-8", newline="\n")

    def resource(self, name: str) -> dict[str, Any]:
        return next(r for r in self.descriptor["resources"] if r["name"] == name)

    def rid(self, table: str, row: dict[str, Any]) -> str:
        return "|".join(str(row[k]) for k in self.specs[table].primary_key)


__all__ = ["PackageEditor", "jsonl_lines"]
