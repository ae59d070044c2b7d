"""Wall time of `roi-report batch` over many sample-size client workbooks, by worker count.

    python benchmarks/bench_batch.py [--clients 20] [--workers 1 2 4] [--repeat 2] [--no-pdf]

Generates the workbooks with `roi_report.template.sample_data` into a temporary folder (varied
languages, currencies and periods; the row counts of the bundled samples), then runs the
batch command once per worker count, each in a fresh Python process. Default worker counts:
1, 2 and the number of cores; with --repeat, the best of several runs. Figures are printed,
never asserted; other load on the machine shows in them (the load average is printed).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

SAMPLE_SIZE = {"cost_rows": 60, "staff_rows": 24, "result_rows": 60, "leads": 300}


def make_clients(folder: Path, count: int) -> list[Path]:
    from roi_report.template.sample_data import random_profile
    from roi_report.template.writer import write_workbook

    paths = []
    for seed in range(count):
        profile = replace(random_profile(seed), **SAMPLE_SIZE, zero_investment=False)
        paths.append(write_workbook(folder / f"client-{seed:02d}.xlsx", profile, seed))
    return paths


def run_batch(folder: Path, out: Path, workers: int, pdf: bool) -> float:
    args = [sys.executable, "-m", "roi_report", "batch", str(folder), "-o", str(out)]
    args += ["--workers", str(workers), "--quiet"] + ([] if pdf else ["--no-pdf"])
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"batch with {workers} worker(s) failed:\n{done.stderr[-3000:]}")
    return wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, nargs="*")
    parser.add_argument("--repeat", type=int, default=1, help="best of this many runs")
    parser.add_argument("--no-pdf", action="store_true", help="results workbooks only")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    counts = sorted(set(args.workers or (1, 2, cores)))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "clients"
        folder.mkdir()
        start = time.perf_counter()
        make_clients(folder, args.clients)
        print(
            f"generated {args.clients} sample-size workbooks in {time.perf_counter() - start:.1f} s"
            f" ({cores} cores; {'no PDF' if args.no_pdf else 'workbook and PDF'} per client)"
        )
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"\n{'workers':>7} {'batch s':>9} {'s/report':>9} {'speed-up':>9}")
        first = None
        for workers in counts:
            wall = min(
                run_batch(folder, Path(tmp) / f"out-{workers}", workers, not args.no_pdf)
                for _ in range(max(1, args.repeat))
            )
            first = first or wall
            print(
                f"{workers:>7} {wall:>9.1f} {wall / args.clients:>9.2f} {first / wall:>8.2f}x",
                flush=True,
            )


if __name__ == "__main__":
    main()
