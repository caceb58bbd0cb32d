"""Read the annotation YAML files; a file that cannot be read becomes an ``unusable`` finding."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import yaml

from kyrgyz_events.findings import Finding
from kyrgyz_events.package_io.limits import MAX_YAML_BYTES, human
from kyrgyz_events.rules import unusable


class StrictLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that refuses aliases (``*name``: an alias bomb of < 1 KB expands to gigabytes,
    and the annotations need none) and duplicate mapping keys (which PyYAML would silently overwrite)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.constructor.ConstructorError(
                None, None, "YAML aliases (*name) are not allowed in annotations", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    duplicate = key in seen
                    seen.add(key)
                except TypeError:  # an unhashable key: the constructor reports it
                    continue
                if duplicate:
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping", node.start_mark, f"duplicate key {key!r}", key_node.start_mark
                    )
        return super().construct_mapping(node, deep=deep)


def load_strict(text: str) -> Any:
    """Parse YAML text with :class:`StrictLoader`."""
    return yaml.load(text, Loader=StrictLoader)  # a SafeLoader subclass


def read_yaml(path: Path, expect: type) -> tuple[Any, list[Finding]]:
    """Parse one file; return (content, findings). Content is None when the file is unusable."""
    rel = f"{path.parent.name}/{path.name}"
    try:
        info = path.stat()
        size = info.st_size
        if not stat.S_ISREG(info.st_mode):
            return None, [unusable("annotations.readable", "is not a regular file", file=rel)]
        if size > MAX_YAML_BYTES:
            msg = f"file is {size} bytes, over the limit of {human(MAX_YAML_BYTES)}"
            return None, [unusable("annotations.readable", msg, file=rel)]
        content = load_strict(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, [unusable("annotations.readable", "file is missing", file=rel)]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [unusable("annotations.readable", f"cannot read file: {exc}", file=rel)]
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" at line {where.line + 1}, column {where.column + 1}" if where is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [unusable("annotations.readable", f"malformed YAML{at}: {problem}", file=rel)]
    if not isinstance(content, expect):
        msg = f"expected a YAML {'list' if expect is list else 'mapping'} at the top level"
        return None, [unusable("annotations.readable", msg, file=rel)]
    return content, []
