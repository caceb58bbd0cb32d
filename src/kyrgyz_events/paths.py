"""Where the schema files and the published package live: in the checkout the code runs from (an
editable install), else inside the installed wheel (``importlib.resources`` layout: ``_schema``, ``_dataset``)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def is_checkout(folder: Path) -> bool:
    """Whether ``folder`` is a kyrgyz-events source checkout (its pyproject, schemas and annotations)."""
    pyproject = folder / "pyproject.toml"
    if not (pyproject.is_file() and (folder / "schema").is_dir() and (folder / "dataset" / "annotations").is_dir()):
        return False
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return 'name = "kyrgyz-events"' in text


def repo_root() -> Path | None:
    """The repository checkout this package runs from (editable install), or None in a wheel."""
    root = _PACKAGE.parent.parent
    return root if is_checkout(root) else None


def find_checkout(start: Path | None = None) -> Path | None:
    """The checkout holding ``start`` (default: the current folder) or one of its parents; else the checkout
    this package runs from (editable install); else None. Maintainer commands (``build``, ``schema``) use it,
    so they work from anywhere inside a checkout, whichever way the package was installed."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_checkout(folder):
            return folder
    return repo_root()


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
