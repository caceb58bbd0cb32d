"""``kyrgyz-events synth``: write a valid synthetic package of the current schema, of any size."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXAMPLE = (
    "example:\n"
    "  kyrgyz-events synth --events 100000 --out /tmp/synth-1e5      # 10^5 events, seed 0\n"
    "  kyrgyz-events validate /tmp/synth-1e5                          # validates clean\n"
    "  kyrgyz-events synth --events 100000 --parts 8 --out /tmp/p     # each Parquet table in 8 parts"
)


def _at_least(minimum: int, what: str) -> Callable[[str], int]:
    """An argparse type: an integer of at least ``minimum`` (``what`` names the bound in the message)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be {what}: {value}")
        return value

    return parse


_positive = _at_least(1, "at least 1")
_seed = _at_least(0, "non-negative")


QUIET = "draw no progress bar (none is drawn in CI or when standard error is not a terminal)"


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "synth",
        help="write a synthetic package (for benchmarks and scale tests)",
        description=(__doc__ or "")
        + "\n\nSame layout as the published package (Parquet + JSON Lines + datapackage.json); the same "
        "--events and --seed give byte-identical files.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--events", type=_positive, required=True, metavar="N", help="number of events")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write the package into")
    p.add_argument("--seed", type=_seed, default=0, metavar="S", help="random seed (default 0)")
    p.add_argument(
        "--parts",
        type=_positive,
        default=1,
        metavar="N",
        help="write each table's Parquet file as N parts, data/<table>/part-NNNNN.parquet, described as one "
        "multipart resource (a partitioned package; the JSON Lines twins stay one file); default 1",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="replace --out even if it is not empty (everything in it is replaced by the new package)",
    )
    p.add_argument("--quiet", action="store_true", help=QUIET)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from kyrgyz_events.progress import shown, wanted
    from kyrgyz_events.synth import synthesize

    out: Path = args.out
    if out.exists() and not args.force and (not out.is_dir() or any(out.iterdir())):
        print(
            f"error: {out} exists and is not an empty folder; synth would replace it. "
            "Choose another --out, or pass --force to replace it.",
            file=sys.stderr,
        )
        return 2
    try:
        with shown(wanted(args.quiet)):
            result = synthesize(out, args.events, args.seed, args.parts)
    except OSError as exc:
        print(f"error: cannot write {args.out}: {exc}", file=sys.stderr)
        return 2
    counts = ", ".join(f"{t} {n}" for t, n in result["rows"].items())
    print(f"wrote {args.out}: {result['total_rows']} rows ({counts})")
    return 0
