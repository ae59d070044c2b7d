"""Write output files so that a reader never sees half a file and a failure leaves none."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from roi_report.errors import OutputError


def move_into_place(temp: Path | str, target: Path) -> None:
    """Rename a finished temporary file onto its target, with the permissions a newly
    created file gets (mkstemp makes it private to its owner; a shared folder's readers
    must open the report too)."""
    umask = os.umask(0o022)
    os.umask(umask)
    os.chmod(temp, 0o666 & ~umask)
    os.replace(temp, target)


@contextlib.contextmanager
def staged(targets: list[Path]) -> Iterator[list[Path]]:
    """Temporary paths beside each target; renamed into place together only on success."""
    temps = []
    try:
        for target in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(
                prefix=f".{target.stem}.", suffix=target.suffix, dir=target.parent
            )
            os.close(handle)
            temps.append(Path(name))
        yield temps
        for temp, target in zip(temps, targets):
            move_into_place(temp, target)
    except OSError as error:
        raise OutputError(
            f"could not write {error.filename or 'the output'}: "
            f"{error.strerror or error} — check the output folder"
        ) from error
    finally:
        for temp in temps:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
