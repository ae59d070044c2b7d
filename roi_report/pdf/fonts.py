"""Which fonts can draw a report's text: the shipped Inter, then the machine's own fonts.

WeasyPrint (Pango) falls back through fontconfig for a character the report font lacks,
per character, in the text and in the charts (HTML text too). This module asks fontconfig
the same question, to name the characters no installed font has (one warning, not a box
per character), and to tell whether a brand's font is installed at all. fontconfig is read
through ctypes (it is loaded already, by Pango); without it, every character counts as
drawable.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from roi_report.language import messages_for
from roi_report.resources import templates_dir

_ = messages_for(__name__).gettext
ngettext = messages_for(__name__).ngettext

SHIPPED_FAMILY = "Inter"
SHIPPED_FILE = "Inter-Regular.ttf"
# Pango's last resort in report.css; on every supported machine (fonts-dejavu-core).
LAST_RESORT = "DejaVu Sans"
_MATCH = 0  # FcResultMatch
_MATCH_PATTERN = 0  # FcMatchPattern


@dataclass(frozen=True)
class SystemFont:
    family: str


class _FontSet(ctypes.Structure):
    _fields_ = [
        ("nfont", ctypes.c_int),
        ("sfont", ctypes.c_int),
        ("fonts", ctypes.POINTER(ctypes.c_void_p)),
    ]


@functools.lru_cache(maxsize=1)
def _fontconfig():
    name = ctypes.util.find_library("fontconfig")
    if name is None:
        return None
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return None
    vp, cp, i = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    lib.FcPatternCreate.restype = vp
    lib.FcPatternAddString.argtypes = [vp, cp, cp]
    lib.FcConfigSubstitute.argtypes = [vp, vp, i]
    lib.FcDefaultSubstitute.argtypes = [vp]
    lib.FcFontSort.restype = ctypes.POINTER(_FontSet)
    lib.FcFontSort.argtypes = [vp, vp, i, vp, ctypes.POINTER(i)]
    lib.FcPatternGetString.argtypes = [vp, cp, i, ctypes.POINTER(cp)]
    lib.FcPatternGetCharSet.argtypes = [vp, cp, i, ctypes.POINTER(vp)]
    lib.FcCharSetHasChar.argtypes = [vp, ctypes.c_uint32]
    lib.FcPatternDestroy.argtypes = [vp]
    lib.FcFontSetDestroy.argtypes = [ctypes.POINTER(_FontSet)]
    return lib


def _string(lib, pattern, key: bytes, n: int = 0) -> str | None:
    value = ctypes.c_char_p()
    if lib.FcPatternGetString(pattern, key, n, ctypes.byref(value)) != _MATCH:
        return None
    return value.value.decode("utf-8", "replace")


def _sorted_fonts(family: str):
    """fontconfig's fallback order for `family` (trimmed to fonts adding coverage), as
    (family names, file, charset) — the charsets stay valid: the set is never freed."""
    lib = _fontconfig()
    pattern = lib.FcPatternCreate()
    lib.FcPatternAddString(pattern, b"family", family.encode("utf-8"))
    lib.FcConfigSubstitute(None, pattern, _MATCH_PATTERN)
    lib.FcDefaultSubstitute(pattern)
    result = ctypes.c_int()
    found = lib.FcFontSort(None, pattern, 1, None, ctypes.byref(result))
    lib.FcPatternDestroy(pattern)
    fonts = []
    if not found:
        return fonts
    for k in range(found.contents.nfont):
        font = found.contents.fonts[k]
        names = []
        while (name := _string(lib, font, b"family", len(names))) is not None:
            names.append(name)
        charset = ctypes.c_void_p()
        if lib.FcPatternGetCharSet(font, b"charset", 0, ctypes.byref(charset)) != _MATCH:
            continue
        fonts.append((tuple(names), _string(lib, font, b"file"), charset))
    return fonts


@functools.lru_cache(maxsize=1)
def _fallback_order():
    return _sorted_fonts("sans-serif")


@functools.lru_cache(maxsize=1)
def shipped_characters() -> frozenset[int]:
    """The code points the shipped report font draws."""
    from fontTools.ttLib import TTFont

    with TTFont(templates_dir() / "fonts" / SHIPPED_FILE, lazy=True) as font:
        return frozenset(font.getBestCmap())


def _invisible(ch: str) -> bool:
    """Spaces, controls and format characters: nothing to draw, nothing to miss."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp", "Mn")


def foreign_characters(texts: Iterable[str]) -> list[str]:
    """The distinct characters of `texts` the shipped font lacks, in order of appearance."""
    shipped = shipped_characters()
    seen: dict[str, None] = {}
    for text in texts:
        for ch in str(text):
            if ord(ch) not in shipped and ch not in seen and not _invisible(ch):
                seen[ch] = None
    return list(seen)


@functools.lru_cache(maxsize=4096)
def system_font_for(ch: str) -> SystemFont | None:
    """The first font in fontconfig's fallback order that has `ch` (None: no font has it;
    without fontconfig, DejaVu Sans is assumed)."""
    lib = _fontconfig()
    if lib is None:
        return SystemFont(LAST_RESORT)
    for names, file, charset in _fallback_order():
        if file and lib.FcCharSetHasChar(charset, ord(ch)):
            return SystemFont(names[0] if names else LAST_RESORT)
    return None


def undrawable_warning(characters: Iterable[str]) -> str | None:
    """One sentence naming the characters no installed font has, or None."""
    chars = list(dict.fromkeys(characters))
    if not chars:
        return None
    shown = ", ".join(
        f"{ch} (U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed character')})" for ch in chars[:8]
    )
    if len(chars) > 8:
        more = len(chars) - 8
        shown = ngettext(
            "{characters} and {n} more character", "{characters} and {n} more characters", more
        ).format(characters=shown, n=more)
    return _(
        "no installed font has the character(s) {characters}: the PDF shows a box instead — "
        "install a font that has them (e.g. Debian's fonts-noto-core and fonts-noto-cjk) or "
        "change the text"
    ).format(characters=shown)


@functools.lru_cache(maxsize=32)
def is_installed(family: str) -> bool:
    """Whether `family` is the shipped font or a font fontconfig knows by that name
    (fontconfig always answers with some font: its name must be the one asked for)."""
    if family.strip().lower() == SHIPPED_FAMILY.lower():
        return True
    if _fontconfig() is None:
        return True  # cannot tell: WeasyPrint would not find it either way
    wanted = family.strip().lower()
    sorted_fonts = _sorted_fonts(family)
    return bool(sorted_fonts) and any(n.lower() == wanted for n in sorted_fonts[0][0])
