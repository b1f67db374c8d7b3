"""The shared download response: in-memory bytes or a stream, and the file's name."""

from __future__ import annotations

from urllib.parse import unquote

from django.http import StreamingHttpResponse

from core.downloads import attachment, disposition
from core.writers import CONTENT_TYPES


def test_bytes_are_one_response_and_an_iterator_is_streamed():
    whole = attachment(b"PK\x03\x04", "a.xlsx", CONTENT_TYPES["xlsx"])
    assert not isinstance(whole, StreamingHttpResponse) and whole.content == b"PK\x03\x04"
    assert whole["Content-Type"] == CONTENT_TYPES["xlsx"]
    streamed = attachment(iter(["a,b\r\n", "1,2\r\n"]), "a.csv", CONTENT_TYPES["csv"])
    assert isinstance(streamed, StreamingHttpResponse)
    assert b"".join(streamed.streaming_content) == b"a,b\r\n1,2\r\n"


def test_names_are_plain_when_ascii_and_rfc_5987_otherwise():
    assert disposition("round-3.csv") == 'attachment; filename="round-3.csv"'
    assert disposition('a"b\\c.csv') == 'attachment; filename="abc.csv"'
    chinese = disposition("动态监测-zlx 1/2.xlsx")
    prefix = "attachment; filename*=UTF-8''"
    assert chinese.startswith(prefix) and chinese.isascii()
    assert unquote(chinese[len(prefix) :]) == "动态监测-zlx 1/2.xlsx"
    assert disposition("报告.pdf", kind="inline").startswith("inline; filename*=")
