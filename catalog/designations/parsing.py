"""Entry points: read any supported designation, or say precisely why a text is not one."""

from __future__ import annotations

from .chinese import parse_chinese
from .international import international_parser
from .model import Designation, DesignationError, designation_error
from .normalize import MAX_INPUT_LENGTH, prepare_for_parsing


def parse(text: str) -> Designation:
    """Read a standard designation in any common spelling; raise DesignationError if not one.

    Accepts full-width characters, dash look-alikes, missing or extra spaces, lower case and
    surrounding 《》 or brackets. A bare number ("19001") is not a designation.
    """
    if not isinstance(text, str):
        raise designation_error(repr(text), "not_text", kind=type(text).__name__)
    if len(text) > MAX_INPUT_LENGTH:
        raise designation_error(text, "too_long", length=len(text), limit=MAX_INPUT_LENGTH)
    prepared = prepare_for_parsing(text)
    if not prepared:
        raise designation_error(text, "empty")
    if not prepared[0].isascii() or not prepared[0].isalpha():
        raise designation_error(text, "unknown_prefix")
    parser = international_parser(prepared)
    if parser is not None:
        return parser(prepared, text)
    return parse_chinese(prepared, text)


def try_parse(text: str) -> Designation | None:
    """Like parse, but None instead of an error."""
    try:
        return parse(text)
    except DesignationError:
        return None
