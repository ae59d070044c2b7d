"""Wall time and peak memory of `check` and `build`, beside what a user would use instead.

    pip install -e '.[bench]'     # pandas, for the do-it-yourself baseline
    python benchmarks/bench_build.py [--leads 10000 100000 [1000000]] [--no-samples]
        [--repeat N] [--cache DIR] [--pregenerated DIR] [--source DIR]
        [--no-libreoffice] [--libreoffice-timeout S]
    python benchmarks/bench_build.py --interleaved N [--workbook WB]

For each sample workbook and each generated workbook (N leads; 400 cost, 100 staff and
400 result rows), every step below runs in a fresh process, so its peak memory is its own
(the largest resident set of the process tree, from wait4):

    check, build --no-pdf, build       the roi-report CLI
    roi_report read                    `roi_report.workbook.reading.read_workbook` alone
    calamine raw read                  python-calamine, every sheet `to_python()`: the floor
    pandas read+groupby                `pandas.read_excel(path, sheet_name=None)` (default
                                       engine) plus investment per channel and leads per
                                       source and score band: what a user would script
    LibreOffice print                  `soffice --headless --convert-to pdf`, fresh profile

then the ratios and targets, and for each sample the PDF render alone against the whole
build. `--interleaved N` instead runs `build` and the LibreOffice print of one small workbook
(default: the acme sample) alternately N times each, so both see the same machine load, and
prints their medians (wall and CPU seconds) and the ratio. With --repeat N every figure is
the median of N runs. Figures are printed, never asserted: speed is tracked here, not in
the tests. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_workbooks"
PREGENERATED = Path("/tmp/big")  # leads-N.xlsx written earlier by this same generator
LIBREOFFICE_MAX_LEADS = 100_000
SEED = 7

# Run in a fresh interpreter: `python -c RUNNER MODE ARGS...`. Each mode imports what it
# needs first, then times only the work; it reports "BENCH key seconds" lines on stderr.
RUNNER = r"""
import sys, time
from pathlib import Path

def report(key, seconds):
    print(f"BENCH {key} {seconds:.6f}", file=sys.stderr, flush=True)

mode, args = sys.argv[1], sys.argv[2:]
if mode == "cli":
    from roi_report.cli import main
    start = time.perf_counter()
    main(args, standalone_mode=False)
    report("work", time.perf_counter() - start)
elif mode == "read":
    from roi_report.workbook.reading import read_workbook
    start = time.perf_counter()
    read_workbook(Path(args[0]))
    report("work", time.perf_counter() - start)
elif mode == "calamine":
    from python_calamine import CalamineWorkbook
    start = time.perf_counter()
    book = CalamineWorkbook.from_path(args[0])
    sheets = {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}
    report("work", time.perf_counter() - start)
elif mode == "pandas":
    import pandas as pd
    start = time.perf_counter()
    frames = pd.read_excel(args[0], sheet_name=None)
    read = time.perf_counter()
    settings = dict(zip(frames["Report"]["Setting"], frames["Report"]["Value"]))
    first = pd.Timestamp(settings["Period start"])
    last = pd.Timestamp(settings["Period end"])

    def in_period(frame, column):
        days = pd.to_datetime(frame[column], errors="coerce")
        return frame[(days >= first) & (days <= last)]

    costs = in_period(frames["Costs"], "Date")
    staff = in_period(frames["Staff"], "Date")
    share = pd.to_numeric(costs["Social share"], errors="coerce").fillna(1.0)
    investment = pd.concat([
        (costs["Amount"] * share).groupby(costs["Channel"]).sum(),
        (staff["Hourly rate"] * staff["Hours"]).groupby(staff["Channel"]).sum(),
    ]).groupby(level=0).sum()
    leads = in_period(frames["Leads"], "Created")
    band = pd.cut(
        pd.to_numeric(leads["Score"], errors="coerce"),
        [float("-inf"), float(settings["Slow band below"]),
         float(settings["Fast band from"]), float("inf")],
        right=False, labels=["Slow", "Medium", "Fast"],
    )
    per_band = leads.groupby([leads["Source"], band], observed=True).size()
    end = time.perf_counter()
    report("work", end - start)
    report("read", read - start)
    report("groupby", end - read)
elif mode == "render":
    from roi_report.pdf.brand import resolve_brand
    from roi_report.metrics.compute import compute
    from roi_report.pipeline import load
    from roi_report.pdf.render import render_pdf
    path = Path(args[0])
    start = time.perf_counter()
    book = load(path)
    loaded = time.perf_counter()
    metrics = compute(book)
    computed = time.perf_counter()
    import weasyprint  # render_pdf imports it lazily; timed apart from the render
    imported = time.perf_counter()
    brand = resolve_brand(book.settings, path.parent, None)
    render_pdf(metrics, book, Path(args[1]), workbook_dir=path.parent, brand=brand,
               warnings=book.warnings)
    end = time.perf_counter()
    report("load", loaded - start)
    report("compute", computed - loaded)
    report("import", imported - computed)
    report("render", end - imported)
else:
    raise SystemExit(f"unknown mode {mode}")
"""

# Every step runs under this small launcher (python -I -S, about 8 MB): it forks the step and
# reads the step's rusage with wait4. A process's peak RSS counts the memory of the process
# it was forked from, so forking the step straight from this (larger) script would inflate
# small peaks; the launcher's own 8 MB is the floor instead. wait4's figure includes the
# step's reaped descendants (LibreOffice's soffice.bin).
LAUNCHER = r"""
import os, signal, sys, time
limit, cmd = float(sys.argv[1]), sys.argv[2:]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.setpgid(0, 0)  # its own group, so a timeout ends soffice.bin too
    try:
        os.execvp(cmd[0], cmd)
    finally:
        os._exit(127)

def expire(*_):
    sys.stderr.write(f"BENCH timeout {limit}\n")
    os.killpg(pid, signal.SIGKILL)

if limit:
    signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, limit)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
sys.stderr.write(f"BENCH wall {wall:.6f}\nBENCH peak_kb {usage.ru_maxrss}\n")
sys.stderr.write(f"BENCH cpu {usage.ru_utime + usage.ru_stime:.6f}\n")
sys.exit(os.waitstatus_to_exitcode(status) & 255)
"""

STEPS = (
    "check",
    "build --no-pdf",
    "build",
    "roi_report read",
    "calamine raw read",
    "pandas read+groupby",
    "LibreOffice print",
)


class StepFailed(Exception):
    """A step that failed: `reason` for the table, the exception text for stderr."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(detail or reason)
        self.reason = reason


STEP_ENV: dict[str, str] | None = None  # the environment of every step (see --source)
# Steps run outside the checkout: `python -c` puts the working folder first on sys.path,
# which would shadow --source.
STEP_CWD = tempfile.gettempdir()


def run_measured(cmd: list[str], timeout: float = 0) -> dict[str, float]:
    """Run cmd to its end: wall seconds, peak MB of its process tree, BENCH figures."""
    with tempfile.TemporaryFile() as err:
        launch = [sys.executable, "-I", "-S", "-c", LAUNCHER, str(timeout), *cmd]
        done = subprocess.run(
            launch, stdout=subprocess.DEVNULL, stderr=err, env=STEP_ENV, cwd=STEP_CWD
        )
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    if "BENCH timeout" in text:
        raise StepFailed(f"timed out after {timeout:.0f} s")
    if done.returncode != 0:
        lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("BENCH ")]
        reason = lines[-1].strip() if lines else f"exit status {done.returncode}"
        shown = cmd[3:] if cmd[1:2] == ["-c"] else cmd  # not the whole RUNNER source
        raise StepFailed(
            reason if len(reason) <= 100 else reason[:97] + "...",
            f"{' '.join(shown)} exited {done.returncode}:\n{text[-2000:]}",
        )
    figures = {}
    for line in text.splitlines():
        if line.startswith("BENCH "):
            _, key, value = line.split()
            figures[key] = float(value)
    figures["peak"] = figures.pop("peak_kb") / 1024
    return figures


def python_step(mode: str, *args: str) -> list[str]:
    return [sys.executable, "-c", RUNNER, mode, *args]


def libreoffice_print(book: Path, scratch: Path, timeout: float) -> dict[str, float]:
    with tempfile.TemporaryDirectory(dir=scratch, prefix="lo-") as tmp:
        profile, out = Path(tmp) / "profile", Path(tmp) / "out"
        cmd = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless"]
        cmd += ["--convert-to", "pdf", "--outdir", str(out), str(book)]
        figures = run_measured(cmd, timeout)
        if not (out / f"{book.stem}.pdf").is_file():
            raise StepFailed("LibreOffice wrote no PDF")
        return figures


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def measure(
    step: str, book: Path, scratch: Path, repeat: int, lo_timeout: float = 0
) -> dict[str, float] | str:
    out = scratch / "out" / book.stem
    commands = {
        "check": python_step("cli", "check", str(book)),
        "build --no-pdf": python_step("cli", "build", str(book), "-o", str(out), "--no-pdf"),
        "build": python_step("cli", "build", str(book), "-o", str(out)),
        "roi_report read": python_step("read", str(book)),
        "calamine raw read": python_step("calamine", str(book)),
        "pandas read+groupby": python_step("pandas", str(book)),
        "render alone": python_step("render", str(book), str(scratch / f"{book.stem}.pdf")),
    }
    runs = []
    for _ in range(repeat):
        try:
            if step == "LibreOffice print":
                runs.append(libreoffice_print(book, scratch, lo_timeout))
            else:
                runs.append(run_measured(commands[step]))
        except StepFailed as error:
            print(f"  ! {book.name}: {step} failed: {error}", file=sys.stderr, flush=True)
            return error.reason
    return median_of(runs)


def interleaved(book: Path, scratch: Path, runs: int, lo_timeout: float) -> None:
    """`build` and the LibreOffice print of `book`, alternately, `runs` times each."""
    build = python_step("cli", "build", str(book), "-o", str(scratch / "out-interleaved"))
    figures: dict[str, list[dict[str, float]]] = {"build": [], "LibreOffice print": []}
    print(f"{'run':>4}  {'step':<18} {'wall s':>7} {'CPU s':>7} {'peak MB':>8}")
    for run in range(1, runs + 1):
        for step in figures:
            got = (
                run_measured(build)
                if step == "build"
                else libreoffice_print(book, scratch, lo_timeout)
            )
            figures[step].append(got)
            print(
                f"{run:>4}  {step:<18} {got['wall']:>7.2f} {got['cpu']:>7.2f} {got['peak']:>8.0f}",
                flush=True,
            )
    mid = {step: median_of(runs_) for step, runs_ in figures.items()}
    print(f"\nmedian of {runs}: {book.name}")
    for step, got in mid.items():
        print(f"  {step:<18} wall {got['wall']:.2f} s, CPU {got['cpu']:.2f} s")
    build_, office = mid["build"], mid["LibreOffice print"]
    print(
        f"  build / LibreOffice print: wall {build_['wall'] / office['wall']:.2f}, "
        f"CPU {build_['cpu'] / office['cpu']:.2f} (target: wall ≤ 1.0)"
    )


def large_workbook(leads: int, cache: Path, pregenerated: Path) -> tuple[Path, str]:
    """The workbook with `leads` leads: cached, pre-generated, or written now."""
    name = f"leads-{leads}.xlsx"
    for folder, origin in ((cache, "cached"), (pregenerated, "pre-generated")):
        if (folder / name).is_file():
            return folder / name, f"{origin} in {folder}"
    from roi_report.template.sample_data import Profile
    from roi_report.template.writer import write_workbook

    profile = Profile(
        client="Benchmark Corp",
        currency="USD",
        language="en",
        period_start=date(2025, 7, 1),
        period_end=date(2025, 9, 30),
        months_of_history=12,
        channels=(
            ("LinkedIn", "Social"),
            ("X", "Social"),
            ("YouTube", "Social"),
            ("Email", "Other"),
        ),
        cost_rows=400,
        staff_rows=100,
        result_rows=400,
        leads=leads,
    )
    start = time.perf_counter()
    cache.mkdir(parents=True, exist_ok=True)
    partial = cache / f"{name}.partial.xlsx"
    write_workbook(partial, profile, seed=SEED)
    partial.replace(cache / name)
    return cache / name, f"generated in {time.perf_counter() - start:.0f} s into {cache}"


def table(headers: list[str], rows: list[list[str]], left: tuple[int, ...] = (0,)) -> str:
    """Plain aligned text: the columns in `left` flush left, the others right."""
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells):
        return "  ".join(
            str(c).ljust(w) if i in left else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths))
        ).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def seconds(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if value < 1 else f"{value:.2f}" if value < 100 else f"{value:.0f}"


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}" if a is not None and b else "-"


def figure(results: dict, book: str, step: str, key: str) -> float | None:
    found = results.get(book, {}).get(step)
    return found.get(key) if isinstance(found, dict) else None


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(
            int(line.split()[1]) / 1024**2
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        mem = 0.0
    system = f"{platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GB RAM, {system}"


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    found = [f"Python {platform.python_version()}"]
    for package in ("roi-report", "python-calamine", "openpyxl", "pandas", "weasyprint"):
        try:
            found.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            found.append(f"{package} (not installed)")
    office = shutil.which("soffice")
    if office:
        try:
            text = subprocess.run([office, "--version"], capture_output=True, text=True).stdout
            found.append(" ".join(text.split()[:2]))
        except OSError:
            pass
    return ", ".join(found)


def measured_source() -> str:
    """Which roi_report the steps import, and its git state when it is this checkout."""
    found = subprocess.run(
        [sys.executable, "-c", "import roi_report; print(roi_report.__file__)"],
        capture_output=True,
        text=True,
        env=STEP_ENV,
        cwd=STEP_CWD,
    ).stdout.strip()
    package = Path(found).parent if found else None
    if package is None or package.parent != ROOT or not (ROOT / ".git").exists():
        return f"roi_report from {package}"

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(ROOT), *args], capture_output=True, text=True
        ).stdout.rstrip()

    changed = git("status", "--porcelain", "--", "roi_report", "templates").splitlines()
    names = ", ".join(line[3:].removeprefix("roi_report/") for line in changed)
    state = f"{len(changed)} uncommitted file(s): {names}" if changed else "clean"
    return f"roi_report from {package} at {git('rev-parse', '--short', 'HEAD').strip()} ({state})"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--leads", type=int, nargs="*", default=[10_000, 100_000], metavar="N",
        help="generated workbooks by lead count (default: 10000 100000; 1000000 is opt-in)",
    )  # fmt: skip
    parser.add_argument(
        "--samples", action=argparse.BooleanOptionalAction, default=True,
        help="measure the workbooks of sample_workbooks/ too (default: yes)",
    )  # fmt: skip
    parser.add_argument(
        "--repeat", type=int, default=1, metavar="N", help="median of N runs (default 1)"
    )
    parser.add_argument(
        "--cache", type=Path, metavar="DIR",
        help="keep generated workbooks here and reuse them (default: a temporary folder)",
    )  # fmt: skip
    parser.add_argument(
        "--pregenerated", type=Path, default=PREGENERATED, metavar="DIR",
        help=f"reuse leads-N.xlsx found here (default {PREGENERATED})",
    )  # fmt: skip
    parser.add_argument(
        "--source", type=Path, metavar="DIR",
        help="run the roi_report package found in DIR (e.g. a `git archive` of a commit) "
        "instead of the installed one",
    )  # fmt: skip
    parser.add_argument("--no-libreoffice", action="store_true", help="skip LibreOffice print")
    parser.add_argument(
        "--interleaved", type=int, metavar="N",
        help="only: build and LibreOffice print of one workbook, alternately, N times each",
    )  # fmt: skip
    parser.add_argument(
        "--workbook", type=Path, default=SAMPLES / "acme-saas-us.xlsx", metavar="WB",
        help="the workbook of --interleaved (default: the acme sample)",
    )  # fmt: skip
    parser.add_argument(
        "--libreoffice-timeout", type=float, default=1800, metavar="S",
        help="give up on one LibreOffice print after S seconds (default 1800; 0 = never)",
    )  # fmt: skip
    args = parser.parse_args()
    global STEP_ENV
    if args.source:
        path = os.pathsep.join(
            filter(None, [str(args.source.resolve()), os.environ.get("PYTHONPATH")])
        )
        STEP_ENV = {**os.environ, "PYTHONPATH": path}
    repeat = max(1, args.repeat)
    pandas_ok = importlib.util.find_spec("pandas") is not None
    office = shutil.which("soffice") is not None and not args.no_libreoffice
    if args.interleaved:
        print(f"roi-report bench_build --interleaved — {datetime.now():%Y-%m-%d %H:%M}")
        print(f"machine:  {machine()}\nversions: {versions()}\nmeasured: {measured_source()}")
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
        with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
            interleaved(args.workbook.resolve(), Path(tmp), args.interleaved, 600)
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        return

    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        scratch = Path(tmp)
        cache = args.cache.resolve() if args.cache else scratch / "cache"
        books: list[tuple[Path, int | None]] = []
        if args.samples:
            books += [(p, None) for p in sorted(SAMPLES.glob("*.xlsx"))]
        for count in sorted(set(args.leads)):
            path, origin = large_workbook(count, cache, args.pregenerated)
            print(f"{count:>9,} leads: {path.name} {origin}", flush=True)
            books.append((path.resolve(), count))

        print(f"\nroi-report bench_build — {datetime.now():%Y-%m-%d %H:%M}")
        print(f"machine:  {machine()}")
        print(f"versions: {versions()}")
        print(f"measured: {measured_source()}")
        print(f"runs:     median of {repeat}; every step in a fresh process")
        load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"load average before: {load_before}\n", flush=True)

        results: dict[str, dict[str, dict[str, float] | str]] = {}
        rows = []
        headers = ["workbook", "leads", "MB file", "step", "wall s", "work s", "peak MB", "note"]
        print("progress: " + "  ".join(headers), file=sys.stderr, flush=True)
        for book, leads in books:
            mine = results.setdefault(book.name, {})
            steps = list(STEPS) + (["render alone"] if leads is None else [])
            for step in steps:
                if step == "pandas read+groupby" and not pandas_ok:
                    mine[step] = "skipped (pip install -e '.[bench]')"
                elif step == "LibreOffice print" and not office:
                    mine[step] = "skipped"
                elif step == "LibreOffice print" and (leads or 0) > LIBREOFFICE_MAX_LEADS:
                    mine[step] = f"skipped (> {LIBREOFFICE_MAX_LEADS:,} leads)"
                else:
                    mine[step] = measure(step, book, scratch, repeat, args.libreoffice_timeout)
                if step == "render alone":
                    continue
                got = mine[step]
                row = [
                    book.name,
                    f"{leads:,}" if leads else "sample",
                    f"{book.stat().st_size / 1024**2:.1f}",
                    step,
                ]
                if isinstance(got, dict):
                    row += [seconds(got["wall"]), seconds(got.get("work")), f"{got['peak']:.0f}"]
                    row.append(
                        f"read {seconds(got['read'])} + groupby {seconds(got['groupby'])}"
                        if "groupby" in got
                        else ""
                    )
                else:
                    row += ["", "", "", got]
                rows.append(row)
                print("progress: " + "  ".join(row), file=sys.stderr, flush=True)
        load_after = " ".join(f"{x:.2f}" for x in os.getloadavg())

    print("\n1. Steps (wall s = whole process; work s = the timed call, after imports)\n")
    print(table(headers, rows, left=(0, 3, 7)))

    print("\nRatios (targets: build / LibreOffice ≤ 1.0 for samples; read / calamine ≤ 1.5)\n")
    ratio_rows = []
    for book, _ in books:
        name = book.name

        def get(step, key="wall", name=name):
            return figure(results, name, step, key)

        ratio_rows.append(
            [
                name,
                ratio(get("build"), get("LibreOffice print")),
                ratio(get("build --no-pdf"), get("pandas read+groupby")),
                ratio(get("roi_report read", "work"), get("calamine raw read", "work")),
                ratio(get("roi_report read"), get("calamine raw read")),
                ratio(get("build --no-pdf", "peak"), get("calamine raw read", "peak")),
            ]
        )
    print(
        table(
            [
                "workbook",
                "build/LO print",
                "build --no-pdf/pandas",
                "read/calamine (work)",
                "read/calamine (wall)",
                "peak build --no-pdf/calamine",
            ],
            ratio_rows,
        )
    )

    million = next((b.name for b, n in books if n == 1_000_000), None)
    print("\nTargets at 1,000,000 leads (build ≤ 20 s, peak ≤ 1.5 GB = 1536 MB)\n")
    if million is None:
        print("not measured: add --leads 1000000")
    else:
        target_rows = []
        for step in ("check", "build --no-pdf", "build"):
            wall = figure(results, million, step, "wall")
            peak = figure(results, million, step, "peak")
            if wall is None or peak is None:
                target_rows.append([step, "failed", "", "", ""])
                continue
            target_rows.append(
                [
                    step,
                    seconds(wall),
                    "yes" if wall <= 20 else "no",
                    f"{peak:.0f}",
                    "yes" if peak <= 1536 else "no",
                ]
            )
        print(table(["step", "wall s", "≤ 20 s", "peak MB", "≤ 1.5 GB"], target_rows))

    generated = sorted((n, b.name) for b, n in books if n)
    print("\nPeak memory growth with leads (KB per added lead between sizes; flat = linear)\n")
    if len(generated) < 2:
        print("needs two or more --leads sizes")
    else:
        growth_rows = []
        for step in STEPS:
            peaks = [figure(results, name, step, "peak") for _, name in generated]
            row = [step] + [f"{p:.0f}" if p is not None else "-" for p in peaks]
            for (n0, _), (n1, _), p0, p1 in zip(generated, generated[1:], peaks, peaks[1:]):
                row.append(f"{(p1 - p0) * 1024 / (n1 - n0):.2f}" if None not in (p0, p1) else "-")
            largest, top = generated[-1][0], peaks[-1]
            row.append(f"{top * 1024 / largest:.2f}" if top is not None else "-")
            growth_rows.append(row)
        sizes = [f"{n:,}" for n, _ in generated]
        print(
            table(
                ["step"]
                + [f"MB @{s}" for s in sizes]
                + [f"KB/lead {a}→{b}" for a, b in zip(sizes, sizes[1:])]
                + [f"KB/lead @{sizes[-1]}"],
                growth_rows,
            )
        )

    samples = [b.name for b, n in books if n is None]
    if samples:
        print("\n2. Render alone vs whole build (samples; seconds)\n")
        render_rows = []
        for name in samples:
            alone = results[name].get("render alone")
            build = figure(results, name, "build", "wall")
            if not isinstance(alone, dict):
                render_rows.append([name, seconds(build), str(alone)] + [""] * 7)
                continue
            pdf = alone["import"] + alone["render"]
            render_rows.append(
                [
                    name,
                    seconds(build),
                    seconds(figure(results, name, "build --no-pdf", "wall")),
                    seconds(alone["wall"]),
                    seconds(alone["load"]),
                    seconds(alone["compute"]),
                    seconds(alone["import"]),
                    seconds(alone["render"]),
                    f"{100 * pdf / build:.0f} %" if build else "-",
                    f"{alone['peak']:.0f}",
                ]
            )
        print(
            table(
                [
                    "workbook",
                    "build",
                    "build --no-pdf",
                    "render process",
                    "load",
                    "compute",
                    "import weasyprint",
                    "render_pdf",
                    "PDF share of build",
                    "peak MB",
                ],
                render_rows,
            )
        )
    print(f"\nload average before: {load_before}; after: {load_after}")


if __name__ == "__main__":
    main()
