"""The HTML view as markup: every visible mention is a coloured <mark> with its label on hover, cells
sit in their grid, failed checks link to the marks, and the page loads nothing from outside."""
import re
from html import unescape

import pytest

from gikp_nlp.document import Block, Cell, Document
from gikp_nlp.pipeline import load
from gikp_nlp.report import CheckResult, Mention, Record, Report
from gikp_nlp.view import GROUP_COLOURS, render_html
from gikp_nlp.view.html import OTHER_COLOUR, colour_of
from tests.conftest import EXAMPLES, SEED_IDS

MARK = re.compile(r'<mark id="m-(\d+)-(\d+)"[^>]*style="background:(#[0-9a-f]{6})" title="([^"]*)"[^>]*>([^<]*)</mark>')


@pytest.fixture(scope="module")
def extractor():
    return load(overrides={"narrative.engine": "rules"})


@pytest.mark.parametrize("seed", SEED_IDS)
def test_view_marks_every_mention_with_its_group_colour_and_label(extractor, seed):
    report = extractor.extract(EXAMPLES / f"{seed}.txt")
    page = render_html(report)
    marks = MARK.findall(page)
    visible = [m for m in report.mentions if m.end > m.start]
    assert marks and len(marks) <= len(visible)
    spans: dict = {}
    for m in visible:
        spans.setdefault((m.start, m.end), []).append(m)
    for start, end, colour, title, text in marks:
        # two indicators may claim one span (the first is shown): the mark is one of them, in its colour
        (mention,) = [m for m in spans[(int(start), int(end))] if m.indicator in unescape(title)][:1]
        assert unescape(text) == report.text[mention.start:mention.end] == mention.text
        assert colour == colour_of(mention.indicator)
    assert not re.search(r'(src|href)="(https?:)?//', page), "the page must be self-contained"


def test_view_draws_cells_in_their_grid_and_links_failed_checks():
    text = "申请 | 5\n新收 | 7\n"
    cells = (Cell(0, 0, 0, 2, "申请"), Cell(0, 1, 5, 6, "5"), Cell(1, 0, 7, 9, "新收"), Cell(1, 1, 12, 13, "7"))
    mention = Mention(12, 13, "7", "request.new", 7, source="table")
    other = Mention(5, 6, "5", "request.new", 5, source="table")
    record = Record("request.new", "本年新收政府信息公开申请数量", "total", 7, "件", False, False, (other, mention))
    check = CheckResult("conflict:request.new", "conflict", False, "request.new", "total", 5, 7, "two values")
    report = Report(text=text, records=(record,), checks=(check,), source="t.html",
                    document=Document(text=text, blocks=(Block("table", 0, len(text), cells),), format="html"))
    page = render_html(report)
    assert re.search(r"<table class=\"grid\"><tr><td[^>]*>申请</td><td[^>]*><mark[^>]*>5</mark></td></tr>"
                     r"<tr><td[^>]*>新收</td><td[^>]*><mark[^>]*>7</mark></td></tr></table>", page)
    assert 'href="#m-5-6"' in page and 'href="#m-12-13"' in page  # both spans of the failed check
    assert page.count('class="failed"') == 2


def test_view_colours_are_distinct_per_group():
    assert len(set(GROUP_COLOURS.values())) == len(GROUP_COLOURS) and OTHER_COLOUR not in GROUP_COLOURS.values()
    assert colour_of("request.new") == GROUP_COLOURS["request"] and colour_of("x.y") == OTHER_COLOUR
