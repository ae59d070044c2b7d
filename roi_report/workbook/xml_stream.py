"""XML read as a stream of events: linear time and bounded memory whatever the markup.

Regular expressions over markup backtrack: a comment full of `<c ` made a 53 KB workbook
take minutes. expat reads any document in one pass, however it nests, whatever its
comments hold; the parser is defused as defusedxml defuses it — a DTD, and with it every
entity declaration, is refused (`check_file_kind` refuses them up front already).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from xml.parsers import expat

from roi_report.language import messages_for

_ = messages_for(__name__).gettext

CHUNK_BYTES = 1024**2


class XmlRefused(ValueError):
    """The part is not well-formed XML, or declares a DTD."""


def _refuse_dtd(*_args) -> None:
    raise XmlRefused(_("it declares a DTD (<!DOCTYPE ...>)"))


def make_parser(
    start: Callable[[str, dict], None] | None = None,
    end: Callable[[str], None] | None = None,
    text: Callable[[str], None] | None = None,
) -> expat.XMLParserType:
    """An expat parser calling `start(name, attributes)`, `end(name)` and `text(data)`;
    names keep their prefix as written ("x:c"), attributes are unescaped."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.ExternalEntityRefHandler = _refuse_dtd
    if start is not None:
        parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    return parser


def feed(parser: expat.XMLParserType, chunks: Iterable[bytes], *, final: bool = True) -> None:
    """Parse `chunks` in order; XmlRefused where the XML is not well-formed."""
    try:
        for chunk in chunks:
            for start in range(0, len(chunk), CHUNK_BYTES):
                parser.Parse(chunk[start : start + CHUNK_BYTES], False)
        if final:
            parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise XmlRefused(
            # expat's own words stay English: they name XML, not the user's data.
            _("{error} at line {line}, column {column}").format(
                error=expat.errors.messages[error.code], line=error.lineno, column=error.offset + 1
            )
        ) from None


def local_name(name: str) -> str:
    """An element or attribute name without its namespace prefix."""
    return name.rpartition(":")[2]


def stream(package, part: str) -> Iterable[bytes]:
    """A zip part in pieces, never whole in memory."""
    with package.open(part) as handle:
        while chunk := handle.read(CHUNK_BYTES):
            yield chunk
