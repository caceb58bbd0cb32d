"""How light is ``import kyrgyz_events; kyrgyz_events.load("events")``? Import time, load time, peak RSS per backend.

Each measurement is a fresh interpreter (``python -X importtime -c ...``), so nothing is cached in memory;
the figures are medians over ``--runs`` runs. Columns:

- ``import kyrgyz_events``: wall time of the import statement alone;
- ``load``: wall time of the first ``load("events", backend=...)`` (imports pyarrow / pandas / polars);
- ``importtime``: the sum of the top-level cumulative times ``-X importtime`` reports (all imports of the run);
- ``modules``: modules imported in the run; ``wall``: the whole process, interpreter start-up included;
- ``peak RSS``: ``ru_maxrss`` of the process; ``heavy``: whether pandera, jsonschema or pydantic were imported.

    python scripts/bench_load.py [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from typing import Any

CASES: dict[str, str] = {
    "import only": "",
    "pyarrow": 'kyrgyz_events.load("events", backend="pyarrow")',
    "polars": 'kyrgyz_events.load("events", backend="polars")',
    "pandas": 'kyrgyz_events.load("events", backend="pandas")',
}

PROBE = """
import json, resource, sys, time
t0 = time.perf_counter()
import kyrgyz_events
t1 = time.perf_counter()
{call}
t2 = time.perf_counter()
heavy = sorted({{m.split(".")[0] for m in sys.modules}} & {{"pandera", "jsonschema", "pydantic"}})
print(json.dumps({{"import_s": t1 - t0, "load_s": t2 - t1, "modules": len(sys.modules),
                  "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "heavy": heavy}}))
"""

LINE = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|( *)(\S+)")


def importtime(stderr: str) -> tuple[float, Counter[str]]:
    """Sum of top-level cumulative import times (seconds), and cumulative seconds per top-level package."""
    total = 0.0
    per_package: Counter[str] = Counter()
    for line in stderr.splitlines():
        match = LINE.match(line)
        if match and len(match.group(3)) == 1:  # top level: one space before the name
            seconds = int(match.group(2)) / 1e6
            total += seconds
            per_package[match.group(4).split(".")[0]] += seconds
    return total, per_package


def measure(call: str) -> dict[str, Any]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", PROBE.format(call=call)],
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - start
    result: dict[str, Any] = json.loads(done.stdout)
    result["importtime_s"], result["packages"] = importtime(done.stderr)
    result["wall_s"] = wall
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per case; medians are reported (default 7)")
    args = parser.parse_args()

    print(f"python {sys.version.split()[0]}, {args.runs} runs per case, medians")
    header = (
        f"{'case':<12} {'import kyrgyz_events':>21} {'load':>8} {'importtime':>11} {'modules':>8} "
        f"{'wall':>8} {'peak RSS':>10}  heavy"
    )
    print(header)
    print("-" * len(header))
    for name, call in CASES.items():
        runs = [measure(call) for _ in range(args.runs)]
        med = {
            k: statistics.median(r[k] for r in runs)
            for k in ("import_s", "load_s", "importtime_s", "modules", "wall_s", "rss_mib")
        }
        heavy = sorted({m for r in runs for m in r["heavy"]})
        print(
            f"{name:<12} {med['import_s'] * 1000:>18.1f} ms {med['load_s'] * 1000:>5.0f} ms "
            f"{med['importtime_s'] * 1000:>8.0f} ms {med['modules']:>8.0f} {med['wall_s'] * 1000:>5.0f} ms "
            f"{med['rss_mib']:>6.0f} MiB  {', '.join(heavy) or 'none'}"
        )
        top = runs[-1]["packages"].most_common(4)
        print(f"{'':<12} heaviest imports: " + ", ".join(f"{p} {s * 1000:.0f} ms" for p, s in top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
