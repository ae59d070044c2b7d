"""Wall and CPU time of `roi-report batch` over many sample-size client workbooks, by
worker count.

    python benchmarks/bench_batch.py [--clients 20] [--workers 1 2 4] [--repeat 2] [--no-pdf]

Generates the workbooks with `roi_report.template.sample_data` into a temporary folder (varied
languages, currencies and periods; the row counts of the bundled samples), then runs the
batch command once per worker count, each in a fresh Python process. Default worker counts:
1, 2 and the number of cores; with --repeat, the best of several runs. Figures are printed,
never asserted; other load on the machine shows in them (the load average is printed).

CPU seconds are those of the batch process and every worker it started (user + system, from
getrusage of the reaped children). `CPU s/report` divides them by the clients; `after
imports` is the cost of one more report once the interpreter, imports, font and template
set-up of each worker are paid: (CPU of the N-client batch - CPU of a batch of as many
clients as workers) / (N - workers).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
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


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_batch(folder: Path, out: Path, workers: int, pdf: bool) -> tuple[float, float]:
    """Wall and CPU seconds of one batch run."""
    args = [sys.executable, "-m", "roi_report", "batch", str(folder), "-o", str(out)]
    args += ["--workers", str(workers), "--quiet"] + ([] if pdf else ["--no-pdf"])
    cpu = children_cpu()
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True)
    wall = time.perf_counter() - start
    cpu = children_cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"batch with {workers} worker(s) failed:\n{done.stderr[-3000:]}")
    return wall, cpu


def best(folder: Path, out: Path, workers: int, pdf: bool, runs: int) -> tuple[float, float]:
    """The quickest of `runs` batch runs: (wall, CPU)."""
    return min(run_batch(folder, out, workers, pdf) for _ in range(max(1, runs)))


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
        heads = ("workers", "batch s", "s/report", "speed-up", "CPU s", "CPU s/report")
        print("\n" + " ".join(f"{h:>12}" for h in heads) + f" {'after imports':>14}")
        first = None
        for workers in counts:
            pdf, runs = not args.no_pdf, args.repeat
            wall, cpu = best(folder, Path(tmp) / f"out-{workers}", workers, pdf, runs)
            marginal = "-"
            if args.clients > workers:
                few = Path(tmp) / f"few-{workers}"
                few.mkdir(exist_ok=True)
                for path in sorted(folder.glob("*.xlsx"))[:workers]:
                    shutil.copy(path, few / path.name)
                _, fixed = best(few, Path(tmp) / f"out-few-{workers}", workers, pdf, runs)
                marginal = f"{(cpu - fixed) / (args.clients - workers):.2f}"
            first = first or wall
            cells = (workers, f"{wall:.1f}", f"{wall / args.clients:.2f}", f"{first / wall:.2f}x")
            cells += (f"{cpu:.1f}", f"{cpu / args.clients:.2f}")
            print(" ".join(f"{c:>12}" for c in cells) + f" {marginal:>14}", flush=True)
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
