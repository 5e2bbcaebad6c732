"""Statistics tables flattened to text the way readers of real pages leave them:
``label 单位 value`` runs (2008 form), one cell a line with pipes (2019/2021
table 三), so that the model also copes when the table rules miss a table."""
from __future__ import annotations

import random

from gikp_nlp.schema import Taxonomy
from gikp_nlp.schema.taxonomy import APPLICANT_LABELS, APPLICANTS
from gikp_nlp.training.synth.builder import Builder

_COLUMN_ORDER = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")


def flat_2008(b: Builder, taxonomy: Taxonomy, stats: dict, rng: random.Random) -> None:
    """Rows of the 2008 form as ``label 单位 value`` separated by spaces or newlines."""
    rows = [ind for ind in taxonomy.indicators if "t2008" in ind.forms]
    start = rng.randrange(0, max(1, len(rows) - 12))
    sep = rng.choice((" ", "\n", " | "))
    b.add(rng.choice(("政府信息公开情况统计表", "附表：政府信息公开情况统计表", "统计指标 单位 统计数")) + "\n")
    for i, ind in enumerate(rows[start:start + rng.randint(6, 16)], 1):
        value = stats.get(ind.id, rng.randint(0, 20))
        if ind.unit == "万元":
            value = round(float(value), 2)
        b.add(f"{rng.choice((f'{i}.', f'（{i}）', ''))}{ind.label.split(' (')[0].split(' ')[-1]}{sep}{ind.unit}{sep}")
        text = str(value)
        b.mention(text, ind.id, "total", value, False)
        b.add(sep if rng.random() < 0.7 else "\n")
    b.add("\n")


def flat_table3(b: Builder, taxonomy: Taxonomy, stats: dict, rng: random.Random) -> None:
    """Some rows of table 三 (applicant columns), one cell per line ending in `` |``."""
    rows = [ind for ind in taxonomy.indicators if "t2021" in ind.forms and ind.id.startswith("request")]
    b.add("三、收到和处理政府信息公开申请情况\n")
    b.add(" |\n".join(APPLICANT_LABELS[a] for a in _COLUMN_ORDER) + " |\n")
    for ind in rows[: rng.randint(3, len(rows))]:
        b.add(f"{ind.label.split(' (')[0]} |\n")
        parts = [rng.randint(0, 5) if rng.random() < 0.5 else 0 for _ in _COLUMN_ORDER[:-1]]
        for applicant, value in zip(_COLUMN_ORDER, [*parts, sum(parts)]):
            if applicant not in APPLICANTS:
                continue
            b.mention(str(value), ind.id, applicant, value, False)
            b.add(" |\n")
    b.add("\n")
