"""Generated files as HTTP downloads: one response for a file in memory or streamed, one naming.

The writers (`core.writers`) make the bytes or the row stream; `attachment()` answers with
them: bytes in one response, an iterator (CSV rows) streamed. An ASCII name goes in
`filename="…"`, any other (a Chinese name) UTF-8 encoded as RFC 5987 says (`filename*=`),
which every current browser reads.
"""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse, StreamingHttpResponse


def disposition(filename: str, kind: str = "attachment") -> str:
    """The Content-Disposition value naming the file."""
    if filename.isascii():
        return f'{kind}; filename="{filename.replace(chr(34), "").replace(chr(92), "")}"'
    return f"{kind}; filename*=UTF-8''{quote(filename, safe='')}"


def attachment(content, filename: str, content_type: str) -> HttpResponse:
    """`content` (bytes, or an iterator of chunks to stream) as a download named `filename`."""
    if isinstance(content, bytes | bytearray | str):
        response: HttpResponse = HttpResponse(content, content_type=content_type)
    else:
        response = StreamingHttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = disposition(filename)
    return response
