"""``render_html(report)``: the report text with every mention highlighted in its indicator
group's colour (the label on hover), structural tables drawn as their cell grid, and the
failed checks listed with links to the spans they are about.

One self-contained page: inline CSS, no script, no external resource, so it opens from
a mail attachment or a file share. Each mention is ``<mark id="m-START-END">``, which the
check links (``#m-START-END``) jump to.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from gikp_nlp.document import Block
from gikp_nlp.report import CheckResult, Mention, Report

#: indicator group (the id's first part) → highlight colour; one hue per group, light enough to read on
GROUP_COLOURS: dict[str, str] = {
    "request": "#ffd166",
    "response": "#f4a261",
    "proactive": "#8ecae6",
    "review": "#cdb4db",
    "litigation": "#ffafcc",
    "complaints": "#b5e48c",
    "fees": "#e9c46a",
    "org": "#a8dadc",
    "proposals": "#d4a373",
    "training": "#bde0fe",
}
#: a group not listed above
OTHER_COLOUR = "#dddddd"
#: the outline of a failed check's spans
FAILED_OUTLINE = "#d00000"

_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:2em;line-height:1.7}
.text{white-space:pre-wrap}
mark{border-radius:3px;padding:0 1px;color:#000}
mark.failed{outline:2px solid %(failed)s}
mark:target{outline:3px solid #000}
table.grid{border-collapse:collapse;margin:.5em 0;white-space:normal}
table.grid td{border:1px solid #999;padding:2px 6px;vertical-align:top}
.legend span{display:inline-block;margin-right:1em;padding:0 4px;border-radius:3px}
.checks li{margin:.3em 0}
"""


def group_of(indicator: str) -> str:
    return indicator.split(".", 1)[0]


def colour_of(indicator: str) -> str:
    return GROUP_COLOURS.get(group_of(indicator), OTHER_COLOUR)


def mention_id(m: Mention) -> str:
    return f"m-{m.start}-{m.end}"


def _visible(mentions: Iterable[Mention]) -> list[Mention]:
    """Non-empty, non-overlapping mentions in text order (the first of two overlapping wins)."""
    out: list[Mention] = []
    end = -1
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if m.end > m.start and m.start >= end:
            out.append(m)
            end = m.end
    return out


class _Marker:
    """Escaped text with ``<mark>`` around the mentions that fall in a span."""

    def __init__(self, report: Report, labels: dict[str, str], failed: set[tuple[str, str]]) -> None:
        self.text = report.text
        self.mentions = _visible(report.mentions)
        self.labels = labels
        self.failed = failed

    def span(self, start: int, end: int) -> str:
        parts, pos = [], start
        for m in self.mentions:
            if m.start < start or m.end > end:
                continue
            parts.append(escape(self.text[pos:m.start]))
            label = self.labels.get(m.indicator, m.indicator)
            applicant = "" if m.applicant == "total" else f" · {m.applicant}"
            title = f"{label}{applicant} = {m.value:g} ({m.indicator}, {m.source})"
            cls = ' class="failed"' if (m.indicator, m.applicant) in self.failed else ""
            parts.append(f'<mark id="{mention_id(m)}"{cls} style="background:{colour_of(m.indicator)}" '
                         f'title="{escape(title)}" data-indicator="{escape(m.indicator)}">'
                         f"{escape(self.text[m.start:m.end])}</mark>")
            pos = m.end
        parts.append(escape(self.text[pos:end]))
        return "".join(parts)


def _grid(block: Block, marker: _Marker) -> str:
    rows = []
    for r in range(block.n_rows):
        cells = sorted((c for c in block.cells if c.row == r), key=lambda c: c.col)
        tds = "".join(f'<td rowspan="{c.rowspan}" colspan="{c.colspan}">{marker.span(c.start, c.end)}</td>'
                      for c in cells)
        rows.append(f"<tr>{tds}</tr>")
    return f'<table class="grid">{"".join(rows)}</table>'


def _body(report: Report, marker: _Marker) -> str:
    blocks = [b for b in (report.document.blocks if report.document else ()) if b.kind == "table" and b.cells]
    parts, pos = [], 0
    for block in sorted(blocks, key=lambda b: b.start):
        if block.start < pos:
            continue
        parts.append(marker.span(pos, block.start))
        parts.append(_grid(block, marker))
        pos = block.end
    parts.append(marker.span(pos, len(report.text)))
    return "".join(parts)


def _check_item(check: CheckResult, report: Report, labels: dict[str, str]) -> str:
    targets = [m for m in _visible(report.mentions) if (m.indicator, m.applicant) == (check.indicator, check.applicant)]
    links = " ".join(f'<a href="#{mention_id(m)}">{escape(report.text[m.start:m.end])}</a>' for m in targets)
    label = labels.get(check.indicator, check.indicator)
    return (f"<li><b>{escape(check.rule)}</b> ({escape(check.kind)}) {escape(label)}: expected "
            f"{check.expected if check.expected is not None else '—'}, found "
            f"{check.actual if check.actual is not None else '—'} {escape(check.detail)} {links}</li>")


def _cross_item(check: Any) -> str:
    def ref(side) -> str:
        where = f"{side.file} [{side.start}:{side.end}]" if side.start is not None else side.file
        return escape(where) + (f" «{escape(side.text)}»" if side.text else "")

    return (f"<li><b>{escape(check.rule)}</b> {escape(check.detail)}: {ref(check.left)} ↔ {ref(check.right)}</li>")


def render_html(report: Report, *, title: str | None = None, labels: dict[str, str] | None = None,
                cross_checks: Sequence[Any] = ()) -> str:
    """The page for ``report``; ``labels`` maps indicator ids to their names (the taxonomy's),
    ``cross_checks`` adds failed :class:`~gikp_nlp.corpus.crosscheck.CrossCheck`-like results."""
    labels = dict(labels or {})
    for record in report.records:
        labels.setdefault(record.indicator, record.label)
    failed = report.failed_checks
    marker = _Marker(report, labels, {(c.indicator, c.applicant) for c in failed})
    groups = sorted({group_of(m.indicator) for m in marker.mentions})
    legend = "".join(f'<span style="background:{GROUP_COLOURS.get(g, OTHER_COLOUR)}">{escape(g)}</span>'
                     for g in groups)
    name = title or report.source or "report"
    items = "".join(_check_item(c, report, labels) for c in failed)
    items += "".join(_cross_item(c) for c in cross_checks if not c.passed)
    checks = f'<ol class="checks">{items}</ol>' if items else "<p>No failed checks.</p>"
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(name)}</title><style>{_CSS % {'failed': FAILED_OUTLINE}}</style></head><body>"
        f"<h1>{escape(name)}</h1>"
        f"<p>{len(report.records)} records, {len(report.mentions)} mentions, "
        f"{len(failed)} failed check(s); engine {escape(report.engine.narrative)}.</p>"
        f'<p class="legend">{legend}</p>'
        f"<h2>Failed checks</h2>{checks}"
        f'<h2>Text</h2><div class="text">{_body(report, marker)}</div>'
        "</body></html>\n"
    )
