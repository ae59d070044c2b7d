"""File and folder names made from client names, safe on every operating system.

A client name is whatever someone typed on the Report sheet: `O'Neill & Partners`,
`../../etc`, `CON`, `Żółć & Co. (Łódź)`, or two clients both called `Acme`. `safe_name`
turns it into one path component: letters and digits of any script, `-`, `_` and single
inner dots; never a separator, never `.` or `..`, never a Windows reserved device name,
never longer than a cap (in characters and in UTF-8 bytes). `NameAllocator` resolves
collisions (compared case-insensitively, as Windows and macOS do) with a `-2`, `-3` suffix,
and `child_path` checks with `resolve()` that the result stays inside its folder.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from roi_report.errors import OutputError
from roi_report.language import messages_for

_ = messages_for(__name__).gettext

MAX_CHARS = 60
MAX_BYTES = 120  # leaves room for "-NN", "-roi.xlsx" and the like under the 255-byte limit
FALLBACK = "client"
KEEP = "-_."
# Device names Windows reserves in any folder, with any extension (CON.txt is CON too).
WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{dev}{n}" for dev in ("COM", "LPT") for n in "0123456789\u00b9\u00b2\u00b3"}
)
_DASHES = re.compile(r"-{2,}")
_DOTS = re.compile(r"\.{2,}")


def _cap(text: str, max_chars: int, max_bytes: int) -> str:
    text = text[:max_chars]
    while len(text.encode("utf-8")) > max_bytes:
        text = text[:-1]
    return text


def _tidy(text: str) -> str:
    text = _DOTS.sub(".", _DASHES.sub("-", text))
    return text.strip("-._ ")


def is_reserved(name: str) -> bool:
    """True for a Windows device name, with or without an extension: CON, nul.txt, COM1."""
    return name.split(".")[0].strip().upper() in WINDOWS_RESERVED


def safe_name(
    name: object, *, max_chars: int = MAX_CHARS, max_bytes: int = MAX_BYTES, fallback=FALLBACK
) -> str:
    """One safe path component made from `name`; `fallback` when nothing usable is left."""
    text = unicodedata.normalize("NFKC", str(name or ""))
    out = []
    for ch in text:
        if ch.isalnum() or ch in KEEP:
            out.append(ch)
        elif unicodedata.category(ch).startswith("M") and out:
            out.append(ch)  # a combining accent left over after NFKC stays on its letter
        else:
            out.append("-")  # spaces, separators, quotes, controls, symbols
    result = _tidy(_cap(_tidy("".join(out)), max_chars, max_bytes))
    if not result:
        result = fallback
    if is_reserved(result):
        stem, _, rest = result.partition(".")  # CON.txt -> CON_.txt
        room = len(stem.encode("utf-8")) + 2
        rest = _tidy(_cap(rest, max_chars - room, max_bytes - room))
        result = f"{stem}_" + (f".{rest}" if rest else "")
    return result


class NameAllocator:
    """Hands out unique safe names in one folder: `Acme`, `Acme-2`, `Acme-3`…"""

    def __init__(self, reserved=()):
        self._taken: set[str] = {str(name).casefold() for name in reserved}

    def allocate(self, name: object) -> str:
        base = safe_name(name)
        candidate, number = base, 1
        while candidate.casefold() in self._taken:
            number += 1
            suffix = f"-{number}"
            head = _tidy(_cap(base, MAX_CHARS - len(suffix), MAX_BYTES - len(suffix)))
            candidate = (head or FALLBACK) + suffix
        self._taken.add(candidate.casefold())
        return candidate


def child_path(folder: Path, name: str) -> Path:
    """`folder/name`, refused unless it resolves to a direct child of `folder`."""
    base = Path(folder).resolve()
    target = (base / name).resolve()
    if target.parent != base or target.name in ("", ".", ".."):
        raise OutputError(
            _("refusing to write {name!r}: it would leave the folder {folder}").format(
                name=name, folder=base
            )
        )
    return target
