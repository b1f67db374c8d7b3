"""Decompression and parsing bombs, and the rate limit of every upload path (issue 8 item 2).

The bombs are built here: a small docx whose document.xml expands to about 100 MB, a
20,000-page PDF, a docx under the caps whose parsing needs more memory than the reading
process may have. Each is refused with a Chinese message naming the limit, and the memory
of this process (the web process of the test client) does not grow while it happens.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.extraction import readers
from checks.models import Check
from checks.tests.documents import make_docx

pytestmark = pytest.mark.django_db

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Growth of the peak resident memory allowed while a bomb is refused: the upload itself
# and the Python objects of one request, not the hundreds of MB the bomb would take.
ALLOWED_GROWTH = 40 * 1024 * 1024


def docx_bomb(expanded_bytes: int, distinct: int = 20000) -> bytes:
    """A real docx whose document.xml holds ``expanded_bytes`` of short paragraphs."""
    body = "".join(
        f"<w:p><w:r><w:t>依据 GB/T {i}-2020 第{i % 97}条</w:t></w:r></w:p>" for i in range(distinct)
    ).encode()
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(make_docx(["x"]))) as template,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for info in template.infolist():
            if info.filename != "word/document.xml":
                archive.writestr(info.filename, template.read(info))
        with archive.open("word/document.xml", "w") as part:
            part.write(f'<w:document xmlns:w="{W}"><w:body>'.encode())
            for _ in range(expanded_bytes // len(body) + 1):
                part.write(body)
            part.write(b"</w:body></w:document>")
    return buffer.getvalue()


def many_page_pdf(pages: int) -> bytes:
    """A valid PDF of ``pages`` pages sharing one content stream that cites a standard."""
    stream = b"BT /F1 12 Tf 72 720 Td (GB/T 19001-2016) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
        + b"] /Count %d >>" % pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
    page += b"/Resources << /Font << /F1 3 0 R >> >> >>"
    objects += [page] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


class PeakMemory:
    """Measures how far this process's peak resident memory rose above its start."""

    def __enter__(self):
        Path("/proc/self/clear_refs").write_text("5")  # resets the peak (VmHWM) to now
        self.start = self._field("VmRSS")
        return self

    def __exit__(self, *exc):
        self.growth = self._field("VmHWM") - self.start

    @staticmethod
    def _field(name: str) -> int:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(name + ":"):
                return int(line.split()[1]) * 1024
        raise AssertionError(name)


def post_file(client, name: str, data: bytes):
    return client.post("/checks/", {"file": SimpleUploadedFile(name, data)})


def test_docx_bomb_is_refused_while_decompressing_and_memory_stays_flat(client):
    bomb = docx_bomb(100 * 1024 * 1024)
    assert len(bomb) < 10 * 1024 * 1024  # a small upload, far under the 50 MB file limit
    with PeakMemory() as memory:
        page = post_file(client, "报告.docx", bomb)
    html = page.content.decode()
    assert page.status_code == 200
    assert "解压后超过 32 MB" in html and "word/document.xml" in html
    assert not Check.objects.exists()
    assert memory.growth < ALLOWED_GROWTH, memory.growth


def test_many_page_pdf_is_refused_by_the_page_cap_in_the_reading_process(client):
    pdf = many_page_pdf(20000)
    with PeakMemory() as memory:
        response = post_file(client, "清单.pdf", pdf)
    check = Check.objects.get()
    assert response.status_code == 302
    assert check.state == Check.State.FAILED
    assert check.error == "该 PDF 超过 2000 页，上限为 2000 页。"
    assert check.error in client.get(check.get_absolute_url()).content.decode()
    assert memory.growth < ALLOWED_GROWTH, memory.growth


def test_a_pdf_within_the_cap_is_read(client, catalogue):
    post_file(client, "清单.pdf", many_page_pdf(3))
    check = Check.objects.get()
    assert check.state == Check.State.SUCCEEDED and check.total == 3


def test_parsing_beyond_the_memory_limit_fails_in_the_child_not_here(client, monkeypatch):
    # Under the decompression caps, but python-docx builds a tree many times its size.
    monkeypatch.setattr(readers, "LIMITS", readers.ReadLimits(memory_bytes=64 * 1024 * 1024))
    document = docx_bomb(24 * 1024 * 1024)
    with PeakMemory() as memory:
        post_file(client, "条款.docx", document)
    check = Check.objects.get()
    assert check.state == Check.State.FAILED
    assert check.error == "读取该文件所需内存超过上限 64 MB。"
    assert memory.growth < ALLOWED_GROWTH, memory.growth


def test_pdf_time_budget_is_enforced_between_pages():
    with pytest.raises(readers.ExtractionError) as error:
        readers.read_document(many_page_pdf(5), "a.pdf", limits=readers.ReadLimits(pdf_seconds=0))
    assert error.value.code == "timeout" and error.value.params == {"limit": 0}


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("notes.adoc", "= 引用标准\n\n* GB/T 19001-2016\n".encode()),
        ("notes.rst", "引用标准\n========\n\n- GB/T 19001-2016\n".encode()),
        ("notes.tex", "\\cite{x} 依据 GB/T 19001-2016。".encode("gb18030")),
        ("README", b"GB/T 19001-2016\n"),
    ],
)
def test_plain_text_files_by_any_name_are_read_as_text(client, catalogue, name, data):
    response = post_file(client, name, data)
    assert response.status_code == 302, response.content.decode()[:1000]
    check = Check.objects.get()
    assert check.kind == "txt" and check.state == Check.State.SUCCEEDED
    assert check.total == 1


def test_binary_file_without_extension_is_still_refused(client):
    page = post_file(client, "payload", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64)
    assert "不接受此文件类型" in page.content.decode() and not Check.objects.exists()


def test_web_checks_are_rate_limited_at_thirty_an_hour_for_anonymous_visitors(client):
    # Every submission counts, valid or not: the documented promise is 30 per hour.
    codes = [client.post("/checks/", {"text": " "}).status_code for _ in range(31)]
    assert codes[:30] == [200] * 30 and codes[30] == 429
    page = client.post("/checks/", {"text": "GB/T 19001-2016"})
    assert page.status_code == 429 and page["Retry-After"] == "3600"
    assert "每 60 分钟最多 30 次" in page.content.decode()
    assert client.get("/checks/").status_code == 200  # reading the page is not limited


def test_api_checks_are_rate_limited_anonymous_or_signed_in(client, django_user_model, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "upload": "2/600"}
    body = {"text": ""}
    codes = [client.post("/api/v1/checks/", body).status_code for _ in range(3)]
    assert codes == [400, 400, 429]
    refused = client.post("/api/v1/checks/", body)
    assert refused.json()["code"] == "throttled"
    assert "每 10 分钟最多 2 次" in refused.json()["detail"]
    assert refused["Retry-After"] == "600"
    # A signed-in caller from the same address shares the address's budget.
    client.force_login(django_user_model.objects.create_user("bob", password="x"))
    assert client.post("/api/v1/checks/", body).status_code == 429


def test_reruns_count_against_the_same_limit(client, catalogue, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "upload": "2/600"}
    client.post("/checks/", {"text": "GB 50204-2002"})
    check = Check.objects.get()
    assert client.post(f"/checks/{check.pk}/rerun/").status_code == 302
    assert client.post(f"/checks/{check.pk}/rerun/").status_code == 429
