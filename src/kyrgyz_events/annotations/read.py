"""Read the annotation YAML files; a file that cannot be read becomes an ``unusable`` finding."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kyrgyz_events.validators.report import Finding

#: Annotation files, and the table each one's entries become.
FILES = {
    "document.yaml": "documents",
    "actors.yaml": "actors",
    "actor_relations.yaml": "actor_relations",
    "locations.yaml": "locations",
    "events.yaml": "events",
    "claims.yaml": "claims",
    "claim_relations.yaml": "claim_relations",
    "coverage.yaml": "coverage",
}


def read_yaml(path: Path, expect: type) -> tuple[Any, list[Finding]]:
    """Parse one file; return (content, findings). Content is None when the file is unusable."""
    rel = f"{path.parent.name}/{path.name}"
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, [Finding("annotations.readable", "file is missing", file=rel, unusable=True)]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Finding("annotations.readable", f"cannot read file: {exc}", file=rel, unusable=True)]
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" at line {where.line + 1}, column {where.column + 1}" if where is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [Finding("annotations.readable", f"malformed YAML{at}: {problem}", file=rel, unusable=True)]
    if not isinstance(content, expect):
        msg = f"expected a YAML {'list' if expect is list else 'mapping'} at the top level"
        return None, [Finding("annotations.readable", msg, file=rel, unusable=True)]
    return content, []
