"""`python -m benchmarks`: every benchmark, its figures and its target."""

from __future__ import annotations

import platform
import time

from benchmarks import case_read, import_throughput, national
from benchmarks.common import reference_loop_seconds

BENCHMARKS = {
    "case read with encryption and audit (issue 3)": case_read.run,
    "import throughput (issue 4)": import_throughput.run,
    "national scale: demo build, funnel, dashboard, case page (issues 4 and 5)": national.run,
}


def main() -> None:
    print(
        f"tipwatch benchmarks on {platform.node()} ({platform.processor() or 'cpu'}), "
        f"Python {platform.python_version()}"
    )
    print("machine speed: a reference loop's time before each benchmark (lower is faster)")
    for title, run in BENCHMARKS.items():
        speed = reference_loop_seconds()
        start = time.perf_counter()
        lines = run()
        print(f"\n== {title} ({time.perf_counter() - start:.1f} s; reference loop {speed:.2f} s)")
        for line in lines:
            print("  " + line)
    print(f"\nmachine speed at the end: reference loop {reference_loop_seconds():.2f} s")


if __name__ == "__main__":
    main()
