"""Wall time and peak memory of `check` and `build` for the samples and a large CRM export.

    python benchmarks/bench_build.py [--leads 100000] [--no-pdf-only]

Each measurement runs in a fresh Python process, so peak memory is that run's own.
Figures are printed, never asserted: speed is tracked here, not in the tests.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNNER = """
import resource, sys
from roi_report.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"PEAK_KB {peak}", file=sys.stderr)
"""


def measure(args: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", RUNNER, *args], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr[-2000:]}")
    peak = next(int(line.split()[1]) for line in done.stderr.splitlines()
                if line.startswith("PEAK_KB"))
    return wall, peak / 1024


def large_workbook(folder: Path, leads: int) -> Path:
    from roi_report.sample_data import Profile, write_workbook

    profile = Profile(
        client="Benchmark Corp", currency="USD", language="en",
        period_start=date(2025, 7, 1), period_end=date(2025, 9, 30), months_of_history=12,
        channels=(("LinkedIn", "Social"), ("X", "Social"), ("YouTube", "Social"),
                  ("Email", "Other")),
        cost_rows=400, staff_rows=100, result_rows=400, leads=leads,
    )
    return write_workbook(folder / f"leads-{leads}.xlsx", profile, seed=7)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leads", type=int, nargs="*", default=[100_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        books = sorted((ROOT / "sample_workbooks").glob("*.xlsx"))
        for count in args.leads:
            start = time.perf_counter()
            books.append(large_workbook(folder, count))
            print(f"generated {count:,} leads in {time.perf_counter() - start:.1f} s")
        print(f"\n{'workbook':<36} {'step':<16} {'wall s':>8} {'peak MB':>9}")
        for book in books:
            out = folder / "out" / book.stem
            steps = {
                "check": ["check", str(book)],
                "build --no-pdf": ["build", str(book), "-o", str(out), "--no-pdf"],
                "build": ["build", str(book), "-o", str(out)],
            }
            for step, cli_args in steps.items():
                wall, peak = measure(cli_args)
                print(f"{book.name:<36} {step:<16} {wall:>8.2f} {peak:>9.0f}", flush=True)


if __name__ == "__main__":
    main()
