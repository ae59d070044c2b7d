"""House style of a report: logos, colours, font, footer, "prepared by" and page size.

Three layers, later ones winning: the built-in defaults, the workbook's Report sheet
(Logo, Primary color, Accent color, Prepared by) and a brand file (`--brand FILE`, TOML)
holding an agency's house style. Every logo path is checked here, before rendering: a logo
is a file inside the folder of the workbook (or of the brand file) that names it — never a
URL, never a path that leaves that folder, directly, through `..` or through a symlink.
"""

from __future__ import annotations

import base64
import functools
import io
import os
import re
import warnings
from dataclasses import dataclass, fields
from pathlib import Path

from roi_report.config import read_toml
from roi_report.errors import RoiReportError
from roi_report.language import N_, active_language, messages_for
from roi_report.workbook.values import BadValue, to_color

DEFAULT_PRIMARY = "#1F3A5F"
DEFAULT_ACCENT = "#E07A1F"
DEFAULT_FONT = "Inter"  # shipped in templates/fonts
PAGE_SIZES = ("A4", "Letter")
LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp")
MAX_LOGO_BYTES = 10 * 1024 * 1024
MAX_FOOTER_CHARS = 200
# What a logo may cost to draw, checked before anything decodes it: a 1.4 MB PNG can decode
# to 1.7 GB, and a 1.7 KB SVG of nested <use> expands to billions of shapes.
MAX_LOGO_PIXELS = 25_000_000
MAX_SVG_ELEMENTS = 20_000
MAX_SVG_DEPTH = 100
MAX_SVG_DRAWN = 100_000  # elements once every <use> is expanded
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
FONT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _-]{0,63}$")
# A URL scheme has two letters at least, so a Windows drive ("C:\logo.png") is not one.
URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")
WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")

_ = messages_for(__name__).gettext
ngettext = messages_for(__name__).ngettext


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
    "logo": N_("a path to the client's logo, relative to the brand file's folder"),
    "agency_logo": N_("a path to the agency's logo, relative to the brand file's folder"),
    "primary_color": N_("#RRGGBB (or #RGB)"),
    "accent_color": N_("#RRGGBB (or #RGB)"),
    "font": N_('a font family name, e.g. "Inter"'),
    "footer": N_("the footer text of every page"),
    "prepared_by": N_("the agency or team name"),
    "page_size": N_('"A4" or "Letter"'),
}
_FIELD_OF_KEY = {"primary_color": "primary", "accent_color": "accent"}


def check_color(value: object, where: str) -> str:
    """The colour as #RRGGBB; BrandError naming `where` if it is none."""
    try:
        return to_color(value.strip(" ") if isinstance(value, str) else repr(value))
    except BadValue as error:
        raise BrandError(f"{where}: {error}") from None


def check_logo(value: str, base_dir: Path, where: str, folder_name: str) -> Path | None:
    """The logo file `value` names, relative to `base_dir`; BrandError if it may not be used.

    `where` names the setting for the message, `folder_name` the folder it must stay in.
    """
    text = (value or "").strip()
    if not text:
        return None
    hint = _(
        "save the logo file in {folder} (or a folder inside it) and write its "
        "path relative to that folder, e.g. logo.png"
    ).format(folder=folder_name)
    named = {"where": where, "file": repr(text), "folder": folder_name, "hint": hint}
    if URL_SCHEME.match(text) or text.startswith(("//", "\\\\")):
        raise BrandError(
            _("{where}: {file} is a URL — the report never downloads anything; {hint}").format(
                **named
            )
        )
    if WINDOWS_DRIVE.match(text):
        raise BrandError(_("{where}: {file} is a path outside {folder}; {hint}").format(**named))
    base = Path(base_dir).resolve()
    path = Path(text)
    candidate = path if path.is_absolute() else base / path
    try:
        resolved = candidate.resolve()
    except (OSError, RuntimeError) as error:  # a symlink loop, an unreadable folder
        raise BrandError(
            _("{where}: {file} cannot be opened ({error}); {hint}").format(**named, error=error)
        ) from error
    if not resolved.is_relative_to(base):
        lexical = Path(os.path.normpath(candidate))
        if lexical.is_relative_to(base):
            message = _(
                "{where}: {file} points outside {folder} through a symbolic link — a logo "
                "must be a file inside that folder; {hint}"
            )
        else:
            message = _(
                "{where}: {file} points outside {folder} — a logo must be a file inside "
                "that folder; {hint}"
            )
        raise BrandError(message.format(**named))
    if resolved.is_dir():
        raise BrandError(
            _(
                "{where}: {file} is a folder, not an image file — write the path of the logo "
                "file itself, e.g. img/logo.png"
            ).format(**named)
        )
    if not resolved.is_file():
        raise BrandError(
            _(
                "{where}: {file} does not exist in {folder} (looked for {path}) — check the "
                "file name"
            ).format(**named, path=resolved)
        )
    if resolved.suffix.lower() not in LOGO_SUFFIXES:
        raise BrandError(
            _(
                "{where}: {file} is not an image the report can use — use an SVG, PNG, JPEG, "
                "GIF or WebP file"
            ).format(**named)
        )
    stat = resolved.stat()
    if stat.st_size > MAX_LOGO_BYTES:
        raise BrandError(
            _("{where}: {file} is larger than 10 MB — use a smaller image").format(**named)
        )
    problem = _logo_problem(str(resolved), stat.st_size, stat.st_mtime_ns, active_language())
    if problem:
        # Translators: {problem} is one of the logo problems below ("is not a well-formed
        # SVG …"), said of the file.
        raise BrandError(_("{where}: {file} {problem}").format(**named, problem=problem))
    return resolved


def _save_again() -> str:
    return _("open it in an image editor and save it again as PNG or SVG")


@functools.lru_cache(maxsize=16)
def _logo_problem(path: str, size: int, modified: int, language: str) -> str | None:
    """What makes the logo file unusable, or None; each file read once (at `check` time
    too), its size and modification time telling a changed file apart, and said in the
    `language` in effect (which the cache keys on)."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        return _("cannot be read ({error})").format(error=error.strerror or error)
    if path.lower().endswith(".svg"):
        return _svg_problem(data)
    return _raster_problem(data)


def _raster_problem(data: bytes) -> str | None:
    """A PNG, JPEG, GIF or WebP that decodes, to no more than MAX_LOGO_PIXELS pixels."""
    from PIL import Image  # Pillow comes with matplotlib and WeasyPrint

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow's own bomb warning: told below
            image = Image.open(io.BytesIO(data))
        with image:
            width, height = image.size  # from the header: nothing decoded yet
            if width * height > MAX_LOGO_PIXELS:
                return _(
                    "is an image of {width} × {height} pixels, more than the {limit} "
                    "megapixels a logo may have — save it smaller (a logo needs about "
                    "1,000 pixels across at most)"
                ).format(
                    width=f"{width:,}", height=f"{height:,}", limit=MAX_LOGO_PIXELS // 1_000_000
                )
            image.load()
    except Image.DecompressionBombError:  # Pillow's own cap, far above ours
        return _("is an image of far more than {limit} megapixels — shrink it").format(
            limit=MAX_LOGO_PIXELS // 1_000_000
        )
    except Exception:  # Pillow raises many kinds for a damaged file
        return _(
            "is not an image that can be read (damaged, cut short or not one) — {save_again}"
        ).format(save_again=_save_again())
    return None


def _svg_problem(data: bytes) -> str | None:
    """An SVG that parses without a DTD and stays small once every <use> is expanded."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, iterparse

    nodes: list[list] = []  # per element: [the id its <use> refers to, child indexes]
    by_id: dict[str, int] = {}
    open_elements: list[int] = []
    try:
        for event, element in iterparse(io.BytesIO(data), events=("start", "end"), forbid_dtd=True):
            if event == "end":
                open_elements.pop()
                element.clear()  # keep the tree from growing: only `nodes` is needed
                continue
            if len(nodes) >= MAX_SVG_ELEMENTS:
                return _("holds more than {limit} elements — simplify it or use a PNG").format(
                    limit=f"{MAX_SVG_ELEMENTS:,}"
                )
            if len(open_elements) >= MAX_SVG_DEPTH:
                return _("nests elements more than {limit} deep — simplify it or use a PNG").format(
                    limit=MAX_SVG_DEPTH
                )
            href = element.get("href") or element.get(XLINK_HREF) or ""
            if element.tag.rpartition("}")[2] == "image" and href.startswith("data:"):
                problem = _embedded_image_problem(href)
                if problem:
                    return problem
            target = href[1:] if element.tag.rpartition("}")[2] == "use" else ""
            index = len(nodes)
            nodes.append([target.strip() if href.startswith("#") else "", []])
            if element.get("id"):
                by_id.setdefault(element.get("id"), index)
            if open_elements:
                nodes[open_elements[-1]][1].append(index)
            open_elements.append(index)
    except DefusedXmlException:
        return _(
            "declares a DTD (<!DOCTYPE ...>), which a logo never needs and an XML bomb "
            "does — {save_again}"
        ).format(save_again=_save_again())
    except ParseError:
        return _("is not a well-formed SVG (damaged or cut short) — {save_again}").format(
            save_again=_save_again()
        )
    return _svg_expansion_problem(nodes, by_id)


def _embedded_image_problem(url: str) -> str | None:
    """A picture embedded in the SVG as a data: URL, held to the same pixel cap."""
    head, _comma, payload = url.partition(",")
    if ";base64" not in head:
        return None
    try:
        picture = base64.b64decode(payload, validate=False)
    except ValueError:
        return None
    problem = _raster_problem(picture)
    # Translators: {problem} is a picture problem ("is not an image that can be read …").
    return _("embeds a picture that {problem}").format(problem=problem) if problem else None


def _svg_expansion_problem(nodes: list[list], by_id: dict[str, int]) -> str | None:
    """How many elements drawing the SVG takes, each <use> standing for what it refers to:
    nested uses multiply. Counted without recursion, refusing a reference cycle."""
    drawn: dict[int, int] = {}
    for root in range(len(nodes)):
        stack, visiting = [(root, False)], set()
        while stack:
            index, done = stack.pop()
            if index in drawn:
                continue
            target, children = nodes[index]
            refs = [*children] + ([by_id[target]] if target in by_id else [])
            if done:
                visiting.discard(index)
                total = 1 + sum(drawn[ref] for ref in refs)
                drawn[index] = min(total, MAX_SVG_DRAWN + 1)
                continue
            if index in visiting:
                return _("has a <use> that refers to itself — remove it or save the logo as PNG")
            visiting.add(index)
            stack.append((index, True))
            stack.extend((ref, False) for ref in refs if ref not in drawn)
    if nodes and drawn[0] > MAX_SVG_DRAWN:
        return _(
            "draws more than {limit} shapes once its <use> references are expanded — "
            "simplify it or save it as a PNG"
        ).format(limit=f"{MAX_SVG_DRAWN:,}")
    return None


def _read_brand_file(path: Path) -> dict:
    """The brand file's keys, checked, as Brand field values (only the keys it sets)."""
    path = Path(path)
    data = read_toml(path, _("brand file {path}").format(path=path), BrandError, 'key = "value"')
    unknown = sorted(set(data) - set(BRAND_KEYS))
    if unknown:
        allowed = "; ".join(f"{key} ({_(meaning)})" for key, meaning in BRAND_KEYS.items())
        raise BrandError(
            ngettext(
                "brand file {path}: unknown key {keys} — the keys are: {allowed}",
                "brand file {path}: unknown keys {keys} — the keys are: {allowed}",
                len(unknown),
            ).format(path=path, keys=", ".join(repr(k) for k in unknown), allowed=allowed)
        )
    values: dict = {}
    for key, value in data.items():
        where = _("brand file {path}, key '{key}'").format(path=path, key=key)
        if not isinstance(value, str):
            raise BrandError(
                _("{where}: expected text in quotes, got {value}").format(
                    where=where, value=repr(value)
                )
            )
        if key in ("primary_color", "accent_color"):
            values[_FIELD_OF_KEY[key]] = check_color(value, where)
        elif key == "font":
            if not FONT_NAME.match(value.strip()):
                raise BrandError(
                    _(
                        "{where}: {value} is not a font family name — use letters, "
                        'digits, spaces and hyphens, e.g. "Source Sans 3"'
                    ).format(where=where, value=repr(value))
                )
            values["font"] = value.strip()
        elif key == "page_size":
            size = next((s for s in PAGE_SIZES if s.lower() == value.strip().lower()), None)
            if size is None:
                raise BrandError(
                    _('{where}: {value} is not a page size — use "A4" or "Letter"').format(
                        where=where, value=repr(value)
                    )
                )
            values["page_size"] = size
        elif key in ("logo", "agency_logo"):
            values[key] = check_logo(
                value,
                path.parent,
                where,
                _("the brand file's folder ({path})").format(path=path.parent.resolve()),
            )
        elif key == "footer":
            if len(value) > MAX_FOOTER_CHARS:
                raise BrandError(
                    _("{where}: longer than {limit} characters — shorten it").format(
                        where=where, limit=MAX_FOOTER_CHARS
                    )
                )
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
            settings.primary_color or DEFAULT_PRIMARY,
            _("the Report sheet's setting 'Primary color'"),
        ),
        "accent": check_color(
            settings.accent_color or DEFAULT_ACCENT,
            _("the Report sheet's setting 'Accent color'"),
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
            _("the Report sheet's setting 'Logo'"),
            _("the workbook's folder ({path})").format(path=Path(workbook_dir).resolve()),
        )
    values.update(brand_values)
    known = {f.name for f in fields(Brand)}
    return Brand(**{k: v for k, v in values.items() if k in known})
