"""The annotated article as a static web page: ``write_view(package_dir, out_dir)``.

The site is one folder, ``index.html`` + ``view.css`` + ``view.js``, with every record rendered into the
page: it opens from the file system, needs no server and makes no network request (its Content Security
Policy forbids any). It is a pure function of the package's tables, so a rebuild is byte-identical.

    >>> from kyrgyz_events.view import write_view
    >>> write_view(kyrgyz_events.path(), Path("/tmp/view"))    # then open /tmp/view/index.html
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

from kyrgyz_events.package_io.descriptor import DescriptorError, read_descriptor

#: The files of the site, in the order they are written.
SITE_FILES = ("index.html", "view.css", "view.js")


def package_title(package_dir: Path) -> str:
    """The package's title from ``datapackage.json``, else the folder name."""
    try:
        descriptor = read_descriptor(package_dir)
    except DescriptorError:
        return package_dir.name
    return str(descriptor.get("title") or descriptor.get("name") or package_dir.name)


def write_view(package_dir: Path, out_dir: Path) -> dict[str, Any]:
    """Write the viewer of the package in ``package_dir`` into ``out_dir``; return what it shows."""
    from kyrgyz_events.view.data import gather
    from kyrgyz_events.view.html import render

    data = gather(package_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    page = render(data, package_title(package_dir))
    (out_dir / "index.html").write_text(page, encoding="utf-8", newline="\n")
    static = files("kyrgyz_events.view") / "static"
    for name in SITE_FILES[1:]:
        (out_dir / name).write_bytes(static.joinpath(name).read_bytes())
    return {
        "documents": len(data.documents),
        "documents_total": data.documents_total,
        "evidence": len(data.evidence),
        "records": {t: len(r) for t, r in data.records.items()},
    }
