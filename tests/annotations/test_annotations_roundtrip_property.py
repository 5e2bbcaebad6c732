"""Property: any valid gold document survives gold → task → JSON → gold unchanged."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gikp_nlp.annotations import GoldDocument, gold_to_task, task_to_gold
from gikp_nlp.schema import get_taxonomy
from gikp_nlp.schema.taxonomy import APPLICANTS

TAXONOMY = get_taxonomy()
CHARS = st.sampled_from(list("年度共收到申请件条万余零一二三四五六七八九十0123456789１２３,.，。 \n") + ["😀", "𠀀"])


@st.composite
def documents(draw):
    text = draw(st.text(CHARS, min_size=1, max_size=60))
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=8))))
    mentions = []
    for a, b in zip(cuts[::2], cuts[1::2]):
        if a < b:
            mentions.append({
                "start": a, "end": b, "text": text[a:b],
                "indicator": draw(st.sampled_from(TAXONOMY.ids)),
                "applicant": draw(st.sampled_from(APPLICANTS)),
                "value": draw(st.one_of(st.integers(-10**9, 10**9), st.floats(-1e6, 1e6, allow_nan=False))),
                "approx": draw(st.booleans()),
                **({"note": draw(st.text(max_size=10))} if draw(st.booleans()) else {}),
            })
    implicit = []
    for _ in range(draw(st.integers(0, 2))):
        a = draw(st.integers(0, len(text) - 1))
        b = draw(st.integers(a + 1, len(text)))
        implicit.append({"indicator": draw(st.sampled_from(TAXONOMY.ids)), "applicant": "total", "value": 0,
                         "evidence": [a, b], "evidence_text": text[a:b]})
    return {"id": "p-1", "source": draw(st.none() | st.text(max_size=5)), "year": draw(st.none() | st.integers(2008, 2030)),
            "agency": None, "form": draw(st.sampled_from(["narrative", "mixed", "new_table"])), "text": text,
            "mentions": mentions, "implicit": implicit, "left_out": draw(st.lists(st.text(max_size=5), max_size=2))}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_annotations_roundtrip_property_gold_task_gold(raw):
    doc = GoldDocument.from_dict(raw, TAXONOMY)
    task = json.loads(json.dumps(gold_to_task(doc), ensure_ascii=False))
    back = task_to_gold(task, TAXONOMY)
    assert back == doc
    assert json.dumps(back.to_dict(), ensure_ascii=False) == json.dumps(raw, ensure_ascii=False)
