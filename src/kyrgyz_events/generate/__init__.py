"""Files generated from the models and committed: JSON Schemas, the reference page, the crosswalk page.

``kyrgyz-events schema generate`` writes them; ``kyrgyz-events schema generate --check`` (and the test
suite) fails when a committed file differs from a fresh generation.
"""

from __future__ import annotations

from kyrgyz_events.generate.files import (
    REGENERATE_COMMAND,
    check_generated,
    generated_files,
    package_pages,
    write_generated,
)

__all__ = ["REGENERATE_COMMAND", "check_generated", "generated_files", "package_pages", "write_generated"]
