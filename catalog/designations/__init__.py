"""Standard designations (标准编号): parse, normalise, print and tokenise them.

Pure Python, no Django: used by importers, search and validity checking alike.
"""

from .model import Designation, DesignationError
from .normalize import designation_tokens, normalize_text
from .parsing import parse, try_parse

__all__ = [
    "Designation",
    "DesignationError",
    "designation_tokens",
    "normalize_text",
    "parse",
    "try_parse",
]
