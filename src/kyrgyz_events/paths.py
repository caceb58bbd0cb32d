"""Where the schema files and the published package live: in the checkout the code runs from (an
editable install), else inside the installed wheel (``importlib.resources`` layout: ``_schema``, ``_dataset``)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def repo_root() -> Path | None:
    """The repository checkout this package runs from (editable install), or None in a wheel."""
    root = _PACKAGE.parent.parent
    return root if (root / "pyproject.toml").is_file() and (root / "schema").is_dir() else None


def schema_root() -> Path:
    """Folder holding ``<version>/<table>.schema.json`` for every released schema version."""
    root = repo_root()
    return root / "schema" if root is not None else _shipped("_schema")


def dataset_root() -> Path:
    """Folder holding the published package (``datapackage.json``, ``data/``, ``croissant.json``, the card):
    ``dataset/package/`` in a checkout, ``_dataset`` in the wheel."""
    root = repo_root()
    return root / "dataset" / "package" if root is not None else _shipped("_dataset")


def dataset_folder() -> Path | None:
    """The checkout's ``dataset/`` folder (sources, annotations, the package folder), or None in a wheel."""
    root = repo_root()
    return root / "dataset" if root is not None else None


def _shipped(name: str) -> Path:
    """A folder the wheel ships next to the code (``_schema``, ``_dataset``)."""
    folder = _PACKAGE / name
    if not folder.is_dir():  # pragma: no cover - a broken installation
        raise FileNotFoundError(f"kyrgyz_events: {folder} is missing from this installation")
    return folder
