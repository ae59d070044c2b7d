"""Wall time and peak memory of `roi-report import` for large exports.

    python benchmarks/bench_import.py [--rows 100000] [--leads 100000] [--repeat 1]

Writes a Google Ads campaign report of --rows daily rows (365 days × campaigns, grouped
thousands, Total rows at the foot) and a HubSpot contacts export of --leads contacts, then
imports each into a fresh blank template in a child process (so the memory is the import's
own), and imports it a second time (every row replaced). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path


def google_ads(path: Path, rows: int) -> None:
    days = 365
    campaigns = max(1, rows // days)
    start = date(2026, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write('Campaign report\r\n"January 1, 2026 - December 31, 2026"\r\n')
        out.write("Day,Campaign,Campaign type,Currency code,Cost,Impr.,Clicks,Conversions\r\n")
        for day in range(days):
            stamp = (start + timedelta(days=day)).isoformat()
            for campaign in range(campaigns):
                out.write(
                    f'{stamp},Campaign {campaign},Search,USD,"1,{campaign % 1000:03d}.25",'
                    f'"12,{day % 1000:03d}",{campaign % 90},--\r\n'
                )
        out.write('Total: Account,--,--,USD,"1,234.00","1,000",1,--\r\n')


def hubspot(path: Path, leads: int) -> None:
    stages = ("Lead", "Marketing Qualified Lead", "Sales Qualified Lead", "Customer")
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(
            "Record ID,Create Date,Lifecycle Stage,Original Source,"
            "Original Source Drill-Down 1,HubSpot Score,Became a Customer Date,Total Revenue\n"
        )
        for number in range(leads):
            stage = stages[number % 4]
            won = stage == "Customer"
            out.write(
                f"{100000 + number},2026-0{1 + number % 9}-1{number % 9} 10:00,{stage},"
                f"Paid Social,LinkedIn,{number % 100},"
                f"{'2026-10-01 09:00' if won else ''},{'1200' if won else ''}\n"
            )


def run(args: list[str]) -> tuple[float, float]:
    """Seconds and peak resident MB of one roi-report command in a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "roi_report", *args], capture_output=True)
    seconds = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(done.stdout.decode() + done.stderr.decode())
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        exports = {"Google Ads": root / "google.csv", "HubSpot": root / "contacts.csv"}
        google_ads(exports["Google Ads"], options.rows)
        hubspot(exports["HubSpot"], options.leads)
        for name, export in exports.items():
            for attempt in range(options.repeat):
                workbook = root / f"client-{attempt}.xlsx"
                run(["init", str(workbook), "--client", "Bench", "--force"])
                first = run(["import", str(workbook), str(export)])
                again = run(["import", str(workbook), str(export)])
                size = export.stat().st_size / 1024**2
                print(
                    f"{name:10} {size:7.1f} MB export: import {first[0]:6.1f} s, "
                    f"again (replacing) {again[0]:6.1f} s, peak {max(first[1], again[1]):6.0f} MB"
                )


if __name__ == "__main__":
    main()
