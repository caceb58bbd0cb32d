"""``datapackage.json``: read it (bounded, strict, confined to its folder) and its declared schema version,
write it, and the keys of it that describe the package's files rather than the package."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from kyrgyz_events.package_io.confine import Outside, confine
from kyrgyz_events.package_io.json_text import dump_json
from kyrgyz_events.package_io.limits import MAX_DESCRIPTOR_BYTES, LimitExceeded, check_size, loads_strict

#: The descriptor's file name, in the package folder.
DESCRIPTOR = "datapackage.json"
#: The descriptor's list of every published file that is not a resource (croissant.json, the card, …).
FILES_KEY = "x-files"
#: Keys that describe the files rather than the package (the tables, and the other files listed): rewritten
#: whenever the files are written.
FILE_KEYS = frozenset({"$schema", "resources", FILES_KEY, "x-schemaVersion"})

#: Why a descriptor cannot be used: its path leaves the folder, it is missing, it is beyond a documented
#: limit, it holds a duplicate key, or it is not readable as one JSON object.
Reason = Literal["confined", "missing", "limits", "duplicate_key", "unreadable"]


class DescriptorError(Exception):
    """The descriptor cannot be used; ``reason`` says why, ``key`` names a duplicate key."""

    def __init__(self, message: str, reason: Reason, key: str | None = None) -> None:
        super().__init__(message)
        self.reason: Reason = reason
        self.key = key


def read_descriptor(path: Path) -> dict[str, Any]:
    """The descriptor of the package folder ``path`` (its ``datapackage.json``, which must lie inside it),
    or of the descriptor file ``path``: a JSON object within MAX_DESCRIPTOR_BYTES, with no duplicate key
    and no NaN. Raises :class:`DescriptorError`, whose message names the file."""
    name = DESCRIPTOR if path.is_dir() else path.name
    file = path
    if path.is_dir():
        try:
            file = confine(path.resolve(), DESCRIPTOR)
        except Outside as e:
            raise DescriptorError(f"{name} {e}", "confined") from e
    if not file.is_file():
        raise DescriptorError(f"{file} does not exist", "missing")
    try:
        check_size(file, MAX_DESCRIPTOR_BYTES, name)
        data = loads_strict(file.read_text(encoding="utf-8"))
    except LimitExceeded as e:
        raise DescriptorError(f"{name}: {e}", "duplicate_key" if e.key is not None else "limits", e.key) from e
    except RecursionError as e:
        raise DescriptorError(f"{name} is nested too deep to read", "limits") from e
    except (OSError, UnicodeDecodeError, ValueError) as e:
        raise DescriptorError(f"cannot read {name}: {e}", "unreadable") from e
    if not isinstance(data, dict):
        raise DescriptorError(f"{name} is not a JSON object", "unreadable")
    return data


def declared_version(descriptor: dict[str, Any]) -> str | None:
    """The schema version the descriptor declares (``x-schemaVersion``), or None."""
    version = descriptor.get("x-schemaVersion")
    return version if isinstance(version, str) else None


def package_fields(descriptor: dict[str, Any]) -> dict[str, Any]:
    """The descriptor without the keys that describe the table files (:data:`FILE_KEYS`): what a rewrite
    of the files keeps."""
    return {k: v for k, v in descriptor.items() if k not in FILE_KEYS}


def write_descriptor(folder: Path, descriptor: dict[str, Any]) -> None:
    """Write ``descriptor`` as ``folder/datapackage.json`` in the layout of every committed JSON file."""
    (folder / DESCRIPTOR).write_text(dump_json(descriptor), encoding="utf-8", newline="\n")
