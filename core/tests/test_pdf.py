"""The PDF report base: page frame, verification QR, CJK font, and no English mid-word breaks."""

from __future__ import annotations

import os
import re

import pytest

from catalog.extraction.readers import read_pdf_pages
from core.pdf import Paragraph, Report, Section, Table, Verification, fonts, render_pdf
from core.pdf.text import wrap_text

URL = "https://stdbase.example/checks/verify/7K3Q9-AB12C/"
ENGLISH = (
    "Quality management systems — Requirements for organizations that need to demonstrate "
    "their ability to consistently provide products and services"
)


def width_in_chars(text: str) -> float:
    return float(len(text))


def test_english_words_are_never_broken_but_chinese_breaks_anywhere():
    lines = wrap_text(ENGLISH, 14, width_in_chars)
    assert " ".join(lines).split() == ENGLISH.split()
    assert all(len(line) <= 14 for line in lines)
    chinese = wrap_text("中华人民共和国国家标准质量管理体系要求", 6, width_in_chars)
    assert chinese == ["中华人民共和", "国国家标准质", "量管理体系要", "求"]


def test_designations_stay_whole_and_punctuation_never_starts_a_line():
    lines = wrap_text("被 GB/T 5606.1-2023、GB/T 5606.2-2023 代替", 18, width_in_chars)
    assert "GB/T 5606.1-2023、" in lines and not any(line.startswith("、") for line in lines)
    assert any("GB/T 5606.2-2023" in line for line in lines)


def test_a_token_longer_than_the_line_is_cut_and_newlines_are_kept():
    assert wrap_text("x" * 25, 10, width_in_chars) == ["x" * 10, "x" * 10, "x" * 5]
    assert wrap_text("first\nsecond", 40, width_in_chars) == ["first", "second"]


def report(rows: int = 120, *, frame: bool = True) -> Report:
    return Report(
        title="Standards report 标准报告",
        metadata=[("编号", "R-2026-0001"), ("单位", "郑州机械研究所")],
        sections=[
            Section(
                "Results",
                [
                    Paragraph("说明：" + ENGLISH),
                    Table(
                        ["No.", "Title", "Note"],
                        [[str(i), ENGLISH, "质量管理体系 要求"] for i in range(rows)],
                        widths=(10, 34, 30),
                    ),
                ],
            )
        ],
        verification=Verification("7K3Q9-AB12C", URL) if frame else None,
        footer="StdBase" if frame else "",
    )


@pytest.fixture(params=["embedded", "builtin"])
def renderer(request, monkeypatch):
    """Both renderers: the system CJK font embedded, and the built-in CID fallback."""
    if request.param == "builtin":
        monkeypatch.setattr(fonts, "find_cjk_font", lambda: None)
    elif fonts.find_cjk_font() is None:
        pytest.skip("no CJK font installed")
    return request.param


def test_every_page_has_its_number_and_the_verification_code(renderer):
    pages = read_pdf_pages(render_pdf(report()))
    assert len(pages) > 2
    for number, text in enumerate(pages, start=1):
        assert f"第 {number} 页，共 {len(pages)} 页" in text
        assert "7K3Q9-AB12C" in text
    assert "Standards report 标准报告" in pages[0] and URL in "".join(pages[0].split())


def test_english_in_narrow_columns_is_never_broken_mid_word(renderer):
    # Issue 9: English titles in the PDF broke mid-word ("Requir ements").
    text = "\n".join(read_pdf_pages(render_pdf(report(rows=5, frame=False))))
    expected = set(re.findall(r"[A-Za-z]+", ENGLISH + " Standards report Results No Title Note R"))
    found = set(re.findall(r"[A-Za-z]+", text))
    assert found == expected


def test_the_qr_code_links_to_the_verification_url(renderer):
    pdfium = pytest.importorskip("pypdfium2")
    zxingcpp = pytest.importorskip("zxingcpp")
    document = pdfium.PdfDocument(render_pdf(report(rows=1)))
    image = document[0].render(scale=3).to_pil()
    found = [code.text for code in zxingcpp.read_barcodes(image)]
    assert found == [URL]


def test_the_embedded_renderer_embeds_the_font():
    if fonts.find_cjk_font() is None:
        pytest.skip("no CJK font installed")
    assert b"/FontFile" in render_pdf(report(rows=1))


@pytest.fixture
def embedded_font():
    font = fonts.find_cjk_font()
    if font is None:
        pytest.skip("no CJK font installed")
    return font


def test_the_font_is_parsed_once_per_process_and_every_document_keeps_its_text(
    embedded_font, monkeypatch
):
    from fpdf.fonts import TTFFont

    from core.pdf import fontcache

    fontcache._cache.clear()
    parses = []
    original = TTFFont.__init__

    def counting(self, *args, **kwargs):
        parses.append(args[1])
        original(self, *args, **kwargs)

    monkeypatch.setattr(TTFFont, "__init__", counting)
    first = render_pdf(report(rows=1))
    body = [Section("", [Paragraph("不低于 30 MPa，合格")])]
    second = Report(title="验证报告 第二份", sections=body)
    texts = ["\n".join(read_pdf_pages(pdf)) for pdf in (first, render_pdf(second))]
    assert len(parses) == 1
    assert "Standards report 标准报告" in texts[0] and "郑州机械研究所" in texts[0]
    assert "验证报告 第二份" in texts[1] and "不低于 30 MPa，合格" in texts[1]
    assert "郑州" not in texts[1]  # the second document's subset is its own


def test_a_changed_font_file_is_parsed_again(embedded_font, monkeypatch):
    from core.pdf import fontcache

    path, index = embedded_font
    fontcache._cache.clear()
    render_pdf(report(rows=1))
    (key,) = fontcache._cache
    real_stat = os.stat

    def touched(name, *args, **kwargs):
        result = real_stat(name, *args, **kwargs)
        if str(name) != path:
            return result
        return os.stat_result((*result[:8], result.st_mtime + 60, result.st_ctime))

    monkeypatch.setattr(fontcache.os, "stat", touched)
    render_pdf(report(rows=1))
    assert list(fontcache._cache) != [key] and len(fontcache._cache) == 1


def test_documents_rendered_in_parallel_threads_each_keep_their_text(embedded_font):
    from concurrent.futures import ThreadPoolExecutor

    from core.pdf import fontcache

    fontcache._cache.clear()
    titles = [f"并行报告 {n} 号" for n in range(6)]
    with ThreadPoolExecutor(max_workers=3) as pool:
        pdfs = list(pool.map(lambda t: render_pdf(Report(title=t, metadata=[("编号", t)])), titles))
    for title, pdf in zip(titles, pdfs, strict=True):
        assert title in read_pdf_pages(pdf)[0]
