"""Write output files so that a reader never sees half a file and a failure leaves none."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from roi_report.errors import OutputError
from roi_report.language import messages_for

_ = messages_for(__name__).gettext

NAME_MAX = 255  # bytes in one file name (Linux, macOS and Windows file systems)
RANDOM_CHARS = 8  # what mkstemp puts between its prefix and its suffix


def temp_beside(target: Path, suffix: str | None = None) -> Path:
    """A new empty hidden file beside `target`: `.`, as much of the target's stem as fits,
    random characters and `suffix` — within NAME_MAX bytes, so a legal long output name
    never fails for its temporary's sake."""
    target = Path(target)
    suffix = target.suffix if suffix is None else suffix
    room = NAME_MAX - len(suffix.encode()) - RANDOM_CHARS - 2  # the two dots
    stem = target.stem
    while len(stem.encode()) > room:
        stem = stem[:-1]
    handle, name = tempfile.mkstemp(prefix=f".{stem}.", suffix=suffix, dir=target.parent)
    os.close(handle)
    return Path(name)


def move_into_place(temp: Path | str, target: Path) -> None:
    """Rename a finished temporary file onto its target, with the permissions a newly
    created file gets (mkstemp makes it private to its owner; a shared folder's readers
    must open the report too)."""
    umask = os.umask(0o022)
    os.umask(umask)
    os.chmod(temp, 0o666 & ~umask)
    os.replace(temp, target)


def _keep_copy(target: Path) -> Path | None:
    """A hard link to what `target` is now (None: nothing there), to put it back."""
    if not os.path.lexists(target):
        return None
    backup = temp_beside(target, ".bak")
    backup.unlink()
    try:
        os.link(target, backup, follow_symlinks=False)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            backup.unlink()
        raise
    return backup


def _commit(temps: list[Path], targets: list[Path]) -> None:
    """Every temporary onto its target, or none: when one rename fails, the targets
    already replaced get their earlier content back (a failed PDF keeps the old xlsx)."""
    done: list[tuple[Path, Path | None]] = []
    try:
        for temp, target in zip(temps, targets):
            backup = None
            try:
                backup = _keep_copy(target) if len(targets) > 1 else None
                move_into_place(temp, target)
            except OSError as error:
                error.filename, error.filename2 = str(target), None  # not the hidden temp
                if backup is not None:
                    backup.unlink()
                raise
            done.append((target, backup))
    except BaseException:
        for target, backup in reversed(done):
            with contextlib.suppress(OSError):
                if backup is None:
                    target.unlink()
                else:
                    os.replace(backup, target)
        raise
    finally:
        for _temp, backup in done:
            if backup is not None:
                with contextlib.suppress(FileNotFoundError):
                    backup.unlink()


@contextlib.contextmanager
def staged(targets: list[Path]) -> Iterator[list[Path]]:
    """Temporary paths beside each target; renamed into place together only on success."""
    temps: list[Path] = []
    targets = [Path(t) for t in targets]
    try:
        for target in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
            temps.append(temp_beside(target))
        yield temps
        _commit(temps, targets)
    except OSError as error:
        # An error while writing names the temporary: say which output it was for.
        shown = {str(t): g for t, g in zip(temps, targets)}.get(str(error.filename))
        raise OutputError(
            _("could not write {path}: {reason} — check the output folder").format(
                path=shown or error.filename or _("the output"), reason=error.strerror or error
            )
        ) from error
    finally:
        for temp in temps:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
