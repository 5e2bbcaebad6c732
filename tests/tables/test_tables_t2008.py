"""The 2008-2018 form with rows added or dropped (issue 15, class 5): each
printed row keeps its own value; a row on no form records nothing and shifts
nothing; a dropped row leaves its neighbours alone."""
from __future__ import annotations

import pytest

from tests.tables import seed_tables, synth
from tests.tables.helpers import assert_spans, cell_records

#: a row some agencies add to the 2008 form; it names no indicator of the form
ADDED = ["依申请公开信息目录编制数", "条", "77"]


def _baseline(text: str, read_text):  # noqa: ANN001, ANN202
    title, rows = seed_tables.seed003_table(text)
    return title, rows, cell_records(read_text(synth.text_document(synth.FLATTENERS["bar_joined"]([rows], [title])).text))


@pytest.mark.parametrize("layout", list(synth.FLATTENERS))
def test_tables_t2008_rows_added_and_dropped(layout, seed_texts, read_document, read_text):
    """Seed 003's table re-rendered without 网络申请数 and 按时办结数 and with
    a row of its own after 主动公开政府信息数: every other record stays."""
    title, rows, baseline = _baseline(seed_texts["seed-003"], read_text)
    dropped = {"request.new.online", "request.completed.on_time"}
    kept = [r for r in rows if not any(word in r[0] for word in ("网络申请数", "按时办结数"))]
    assert len(kept) == len(rows) - 2
    at = next(i for i, r in enumerate(kept) if "主动公开政府信息数" in r[0]) + 1
    kept.insert(at, ADDED)
    document = synth.text_document(synth.FLATTENERS[layout]([kept], [title]))
    result = read_document(document)
    assert_spans(document.text, result)
    assert dropped <= {indicator for indicator, _ in baseline}
    assert cell_records(result) == {k: v for k, v in baseline.items() if k[0] not in dropped}
    assert not any(m.text == ADDED[2] for m in result.mentions)
