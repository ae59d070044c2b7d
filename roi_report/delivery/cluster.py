"""`batch --scheduler ADDRESS`: the builds on a Dask distributed cluster, through its
`concurrent.futures` executor, with the progress, summary and failure handling of local
workers.

The parent hands out as many builds as the cluster has worker threads, so `--timeout`
counts from when a build starts, as it does locally; a build past it is cancelled and
reported. A worker lost mid-build (killed, out of memory, its machine gone) has its build
retried on another worker by the scheduler; a build that keeps losing its workers is
reported as failed, never silently dropped. Every worker must reach the output folder (shared
storage): the builds are staged inside it, then moved into place by the parent.

Dask is an optional extra: `pip install 'roi-report[dask]'`.
"""

from __future__ import annotations

import concurrent.futures as cf
import time
from collections import deque
from collections.abc import Callable, Sequence

from roi_report.errors import RoiReportError
from roi_report.language import N_, messages_for

_ = messages_for(__name__).gettext

CONNECT_TIMEOUT_S = 30
WORKERS_WAIT_S = 60
# The scheduler moves a build whose worker is lost to another worker (up to Dask's
# distributed.scheduler.allowed-failures, 3 by default, then KilledWorker); one more round.
RETRIES = 1
LOST = N_(
    "the Dask workers building this workbook were lost several times (killed, out of memory "
    "or their machine gone) — build it alone with `roi-report build`, or check the "
    "cluster's workers"
)


class ClusterError(RoiReportError):
    """No Dask, no scheduler at the address, or a cluster without workers."""


def check_dask() -> None:
    """Dask distributed is importable, or a message saying how to install it."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise ClusterError(
            _(
                "--scheduler builds on a Dask cluster, and Dask is not installed — install it "
                "with: pip install 'roi-report[dask]'"
            )
        ) from None


def _connect(address: str):
    from distributed import Client

    try:
        client = Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterError(
            _(
                "cannot reach the Dask scheduler at {address} ({problem}) — check the address "
                "(tcp://host:8786) and that `dask scheduler` runs there"
            ).format(address=address, problem=" ".join(str(error).split()) or type(error).__name__)
        ) from None
    try:
        client.wait_for_workers(1, timeout=WORKERS_WAIT_S)
    except (TimeoutError, OSError):
        client.close()
        raise ClusterError(
            _(
                "the Dask scheduler at {address} has no workers — start some with "
                "`dask worker {address}`"
            ).format(address=address)
        ) from None
    return client


def _outcome(future: cf.Future, task, fail: Callable):
    from distributed import KilledWorker

    try:
        return future.result()
    except KilledWorker:
        return fail(task, _(LOST))
    except Exception as error:  # the task could not even run there (a missing package…)
        problem = _(
            "the Dask worker could not build it ({kind}: {error}) — check that roi-report is "
            "installed on every worker"
        ).format(kind=type(error).__name__, error=error)
        return fail(task, problem)


def run_on_cluster(
    tasks: Sequence,
    address: str,
    on_done: Callable,
    timeout: float | None,
    build: Callable,
    fail: Callable,
) -> None:
    """As batch.run_tasks, on the cluster at `address`: `build(task)` runs on a worker and
    never raises; `fail(task, problem)` is the result of a task that could not finish
    (`problem` None: it ran past `timeout` seconds)."""
    check_dask()
    client = _connect(address)
    queue = deque(tasks)
    running: dict[cf.Future, tuple[object, float]] = {}
    try:
        executor = client.get_executor(pure=False, retries=RETRIES)
        while queue or running:
            capacity = max(1, sum(client.nthreads().values()))
            while queue and len(running) < capacity:
                task = queue.popleft()
                running[executor.submit(build, task)] = (task, time.monotonic())
            left = None
            if timeout is not None:
                first = min(started for _task, started in running.values())
                left = max(0.0, first + timeout - time.monotonic())
            done, _pending = cf.wait(list(running), timeout=left, return_when=cf.FIRST_COMPLETED)
            for future in done:
                task, _started = running.pop(future)
                on_done(_outcome(future, task, fail))
            if timeout is None:
                continue
            now = time.monotonic()
            for future, (task, started) in list(running.items()):
                if now - started >= timeout and not future.done():
                    future.cancel()
                    del running[future]
                    on_done(fail(task, None))
    finally:
        for future in running:
            future.cancel()
        client.close()
