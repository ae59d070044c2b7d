"""House style of a report: logos, colours, font, footer, "prepared by" and page size.

Three layers, later ones winning: the built-in defaults, the workbook's Report sheet
(Logo, Primary color, Accent color, Prepared by) and a brand file (`--brand FILE`, TOML)
holding an agency's house style. Every logo path is checked here, before rendering: a logo
is a file inside the folder of the workbook (or of the brand file) that names it — never a
URL, never a path that leaves that folder, directly, through `..` or through a symlink.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, fields
from pathlib import Path

from roi_report.config_file import read_toml
from roi_report.errors import RoiReportError

DEFAULT_PRIMARY = "#1F3A5F"
DEFAULT_ACCENT = "#E07A1F"
DEFAULT_FONT = "Inter"  # shipped in templates/fonts
PAGE_SIZES = ("A4", "Letter")
LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp")
MAX_LOGO_BYTES = 10 * 1024 * 1024
MAX_FOOTER_CHARS = 200

COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
FONT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _-]{0,63}$")
# A URL scheme has two letters at least, so a Windows drive ("C:\logo.png") is not one.
URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")
WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")

REPORT_LOGO = "the Report sheet's setting 'Logo'"


class BrandError(RoiReportError):
    """A brand file or a branding setting that cannot be used."""


@dataclass(frozen=True)
class Brand:
    """The resolved house style. Logo paths are absolute and already checked."""

    primary: str = DEFAULT_PRIMARY
    accent: str = DEFAULT_ACCENT
    font: str = DEFAULT_FONT
    footer: str = ""
    prepared_by: str = ""
    page_size: str | None = None  # "A4" or "Letter"; None: Letter for en + USD, else A4
    logo: Path | None = None  # the client's logo (Report sheet, or the brand file's `logo`)
    agency_logo: Path | None = None  # the agency's logo (brand file only)

    @property
    def logo_files(self) -> tuple[Path, ...]:
        return tuple(p for p in (self.logo, self.agency_logo) if p is not None)

    def page_size_for(self, language: str, currency: str) -> str:
        if self.page_size:
            return self.page_size
        return "Letter" if language == "en" and currency.upper() == "USD" else "A4"


# Keys a brand file may hold, and what each must be.
BRAND_KEYS = {
    "logo": "a path to the client's logo, relative to the brand file's folder",
    "agency_logo": "a path to the agency's logo, relative to the brand file's folder",
    "primary_color": "#RRGGBB",
    "accent_color": "#RRGGBB",
    "font": 'a font family name, e.g. "Inter"',
    "footer": "the footer text of every page",
    "prepared_by": "the agency or team name",
    "page_size": '"A4" or "Letter"',
}
_FIELD_OF_KEY = {"primary_color": "primary", "accent_color": "accent"}


def check_color(value: object, where: str) -> str:
    if not isinstance(value, str) or not COLOR.match(value.strip()):
        raise BrandError(f"{where}: {value!r} is not a colour — write it as #RRGGBB, e.g. #1F3A5F")
    return value.strip().upper()


def check_logo(value: str, base_dir: Path, where: str, folder_name: str) -> Path | None:
    """The logo file `value` names, relative to `base_dir`; BrandError if it may not be used.

    `where` names the setting for the message, `folder_name` the folder it must stay in.
    """
    text = (value or "").strip()
    if not text:
        return None
    hint = (
        f"save the logo file in {folder_name} (or a folder inside it) and write its "
        "path relative to that folder, e.g. logo.png"
    )
    if URL_SCHEME.match(text) or text.startswith(("//", "\\\\")):
        raise BrandError(
            f"{where}: {text!r} is a URL — the report never downloads anything; " + hint
        )
    if WINDOWS_DRIVE.match(text):
        raise BrandError(f"{where}: {text!r} is a path outside {folder_name}; {hint}")
    base = Path(base_dir).resolve()
    path = Path(text)
    candidate = path if path.is_absolute() else base / path
    try:
        resolved = candidate.resolve()
    except (OSError, RuntimeError) as error:  # a symlink loop, an unreadable folder
        raise BrandError(f"{where}: {text!r} cannot be opened ({error}); {hint}") from error
    if not resolved.is_relative_to(base):
        lexical = Path(os.path.normpath(candidate))
        how = " through a symbolic link" if lexical.is_relative_to(base) else ""
        raise BrandError(
            f"{where}: {text!r} points outside {folder_name}{how} — a logo "
            f"must be a file inside that folder; {hint}"
        )
    if not resolved.is_file():
        raise BrandError(
            f"{where}: {text!r} does not exist in {folder_name} (looked for "
            f"{resolved}) — check the file name"
        )
    if resolved.suffix.lower() not in LOGO_SUFFIXES:
        raise BrandError(
            f"{where}: {text!r} is not an image the report can use — use an SVG, "
            "PNG, JPEG, GIF or WebP file"
        )
    if resolved.stat().st_size > MAX_LOGO_BYTES:
        raise BrandError(f"{where}: {text!r} is larger than 10 MB — use a smaller image")
    return resolved


def _read_brand_file(path: Path) -> dict:
    """The brand file's keys, checked, as Brand field values (only the keys it sets)."""
    path = Path(path)
    data = read_toml(path, f"brand file {path}", BrandError, 'key = "value"')
    unknown = sorted(set(data) - set(BRAND_KEYS))
    if unknown:
        allowed = "; ".join(f"{key} ({meaning})" for key, meaning in BRAND_KEYS.items())
        raise BrandError(
            f"brand file {path}: unknown key{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(repr(k) for k in unknown)} — the keys are: {allowed}"
        )
    values: dict = {}
    for key, value in data.items():
        where = f"brand file {path}, key '{key}'"
        if not isinstance(value, str):
            raise BrandError(f"{where}: expected text in quotes, got {value!r}")
        if key in ("primary_color", "accent_color"):
            values[_FIELD_OF_KEY[key]] = check_color(value, where)
        elif key == "font":
            if not FONT_NAME.match(value.strip()):
                raise BrandError(
                    f"{where}: {value!r} is not a font family name — use letters, "
                    'digits, spaces and hyphens, e.g. "Source Sans 3"'
                )
            values["font"] = value.strip()
        elif key == "page_size":
            size = next((s for s in PAGE_SIZES if s.lower() == value.strip().lower()), None)
            if size is None:
                raise BrandError(f'{where}: {value!r} is not a page size — use "A4" or "Letter"')
            values["page_size"] = size
        elif key in ("logo", "agency_logo"):
            values[key] = check_logo(
                value, path.parent, where, f"the brand file's folder ({path.parent.resolve()})"
            )
        elif key == "footer":
            if len(value) > MAX_FOOTER_CHARS:
                raise BrandError(f"{where}: longer than {MAX_FOOTER_CHARS} characters — shorten it")
            values["footer"] = " ".join(value.split())
        else:  # prepared_by
            values[key] = " ".join(value.split())
    return values


def load_brand(toml_path: Path) -> Brand:
    """A brand file on its own, over the defaults."""
    return Brand(**_read_brand_file(toml_path))


def resolve_brand(
    settings, workbook_dir: Path, brand_file: Path | None = None, *, client_first: bool = False
) -> Brand:
    """Defaults, then the Report sheet's settings, then the brand file: each layer wins.

    With `client_first` (a batch applying an agency's house style to many clients), the
    client's own logo and colours on its Report sheet win over the brand file where the
    client set them, i.e. left them neither blank nor at the project defaults.
    """
    values = {
        "primary": check_color(
            settings.primary_color or DEFAULT_PRIMARY, "the Report sheet's setting 'Primary color'"
        ),
        "accent": check_color(
            settings.accent_color or DEFAULT_ACCENT, "the Report sheet's setting 'Accent color'"
        ),
        "prepared_by": " ".join((settings.prepared_by or "").split()),
    }
    brand_values = _read_brand_file(brand_file) if brand_file is not None else {}
    if client_first:
        if (settings.logo or "").strip():
            brand_values.pop("logo", None)
        for field_name, chosen, default in (
            ("primary", settings.primary_color, DEFAULT_PRIMARY),
            ("accent", settings.accent_color, DEFAULT_ACCENT),
        ):
            if chosen and chosen.strip().upper() != default.upper():
                brand_values.pop(field_name, None)
    if "logo" not in brand_values:
        # Checked only when used: a brand file's logo replaces the sheet's.
        values["logo"] = check_logo(
            settings.logo,
            workbook_dir,
            REPORT_LOGO,
            f"the workbook's folder ({Path(workbook_dir).resolve()})",
        )
    values.update(brand_values)
    known = {f.name for f in fields(Brand)}
    return Brand(**{k: v for k, v in values.items() if k in known})
