"""The `roi-report` command and `python -m roi_report`."""

import sys


def run() -> None:
    # Ctrl-C while click and the CLI are still being imported (the first tenth of a second)
    # ends the run as a shell expects, without a Python traceback; nothing is written yet.
    try:
        from roi_report.cli import main
    except KeyboardInterrupt:
        sys.exit(130)
    try:
        main()
    finally:
        # Under `python -m`, CPython ends the process by SIGINT instead of our exit code
        # (130 for an interrupted build) when the last exec of a *string* ended in
        # KeyboardInterrupt, even one handled since: Ctrl-C landing while an import makes a
        # dataclass (its exec'd methods) does that. An exec of a string that succeeds
        # clears that stale mark; a KeyboardInterrupt still escaping is marked again.
        exec("")


if __name__ == "__main__":
    run()
