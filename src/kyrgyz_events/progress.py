"""Progress of long work (synth, validate at scale) on the terminal, drawn by tqdm.

The library never draws by itself: a command turns progress on for its run (``with shown(...)``), and
work deep in the library reports its steps (``with steps("validate", total) as step: step("events")``)
without a keyword passed down every layer. Progress goes to standard error, and only when it is a
terminal: nothing in pipes, in CI (``CI`` set) or with ``--quiet``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_FORMAT = "{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}] {postfix}"
_SHOWN: ContextVar[bool] = ContextVar("kyrgyz_events_progress", default=False)


def wanted(quiet: bool) -> bool:
    """Whether a command should draw progress: not ``--quiet``, not in CI, and standard error a terminal."""
    return not quiet and not os.environ.get("CI") and sys.stderr.isatty()


@contextmanager
def shown(enabled: bool) -> Iterator[None]:
    """Within the block, ``steps`` draws (when ``enabled``)."""
    token = _SHOWN.set(enabled)
    try:
        yield
    finally:
        _SHOWN.reset(token)


def _nothing(label: str) -> None:
    return None


@contextmanager
def steps(description: str, total: int) -> Iterator[Callable[[str], None]]:
    """A bar of ``total`` steps. Call the yielded function as each step starts, with what it works on: the
    step before it is then done (the last one when the block ends)."""
    if not _SHOWN.get():
        yield _nothing
        return
    from tqdm import tqdm

    with tqdm(
        total=total, desc=description, file=sys.stderr, leave=False, dynamic_ncols=True, bar_format=_FORMAT
    ) as bar:
        started = 0

        def step(label: str) -> None:
            nonlocal started
            if started:
                bar.update()
            started += 1
            bar.set_postfix_str(label)

        yield step
        if started:
            bar.update()
