"""Table-cell precision and recall on every shared gold document with a table.

    python benchmarks/table_cells.py [--gold-dir DIR] [--ids r069,xe007] [--json] [--quiet]

Documents: every gold document whose ``form`` is ``mixed``, ``new_table`` or
``old_table`` (the seeds carry ``mixed`` where they hold a table).

Gold table cells (the rule, exactly): a gold mention is a table cell when the
line it starts on (text between the line breaks around ``start``), stripped of
whitespace, is

* a bare number: the line is the mention's text, optionally followed by a unit
  word of the taxonomy (``12``, ``3.5万元``);
* a pipe row: the line holds ``|`` or ``｜``;
* a line of numbers: at least two whitespace-separated tokens, each a number or
  a blank mark (``0 0 0 … 0``, ``3 — 5``).

Predicted cells: the Mentions of the report with ``source == "table"`` that are
not blank (a blank cell is an implicit zero with no span to score).

Matching is on (start, end, indicator, applicant, value) exactly (value
rounded to 6 decimals). Recall = gold table cells matched / gold table cells.
Precision = predicted cells that equal *some* gold mention (a table read from a
space-flattened line is right even when that line is not a cell line by the
rule above) / predicted cells. "wrong" lists the predicted cells that equal no
gold mention, "missed" the gold table cells not predicted.

Runs the rules narrative engine: the table path does not depend on it.

Figures on ../shared (91 documents, 1 904 gold table cells, 2026-11-27):
before issue 15: precision 0.9968 (5 wrong), recall 0.7957 (389 missed);
after: precision 1.0000 (0 wrong), recall 0.9963 (7 missed: an ad-hoc table
and a list on no national form, a narrative line, and two zero cells of a pipe
row closed at the end of an excerpt that cannot be told from a whole row).
After the layout variants, Chinese numerals and the general aligner (h-tables2):
unchanged, precision 1.0000, recall 0.9963 (no shared gold cell needs them; their
tests re-render synthetic and seed tables in tests/tables).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # this checkout's gikp_nlp, not an installed one
DEFAULT_GOLD = REPO.parent / "shared" / "corpus" / "gold"
TABLE_FORMS = ("mixed", "new_table", "old_table")
_NUMBER = re.compile(r"[+\-－＋−]?[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?")
_CONTEXT = 30  # characters either side of a listed cell


def _line(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start:len(text) if end < 0 else end].strip()


def is_cell_line(line: str, mention_text: str, units: frozenset[str], blanks: frozenset[str]) -> bool:
    """The rule of the docstring: bare number, pipe row or line of numbers."""
    if "|" in line or "｜" in line:
        return True
    if line.startswith(mention_text) and (line == mention_text or line[len(mention_text):].strip() in units):
        return True
    tokens = line.split()
    return len(tokens) >= 2 and all(_NUMBER.fullmatch(t) or t in blanks for t in tokens)


def _key(start: int, end: int, indicator: str, applicant: str, value: float) -> tuple:
    return (start, end, indicator, applicant, round(float(value), 6))


def _context(text: str, start: int, end: int) -> str:
    left = text[max(0, start - _CONTEXT):start].replace("\n", "⏎")
    right = text[end:end + _CONTEXT].replace("\n", "⏎")
    return f"{left}[{text[start:end]}]{right}"


def score(gold_dir: Path, ids: set[str] | None = None) -> dict:
    import gikp_nlp
    from gikp_nlp.schema.taxonomy import UNITS
    from gikp_nlp.tables.forms import BLANK_MARKS

    units, blanks = frozenset(UNITS), frozenset(BLANK_MARKS)
    extractor = gikp_nlp.load(overrides={"narrative.engine": "rules"})
    docs, wrong, missed = [], [], []
    n_gold = n_pred = n_hit = n_pred_ok = 0
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if gold["form"] not in TABLE_FORMS or (ids and gold["id"] not in ids):
            continue
        text = gold["text"]
        every = {_key(m["start"], m["end"], m["indicator"], m["applicant"], m["value"]): m for m in gold["mentions"]}
        cells = {k: m for k, m in every.items() if is_cell_line(_line(text, m["start"]), m["text"], units, blanks)}
        report = extractor(text)
        pred = {_key(m.start, m.end, m.indicator, m.applicant, m.value): m
                for m in report.mentions if m.source == "table" and not m.blank}
        hit = set(cells) & set(pred)
        ok = set(pred) & set(every)
        n_gold, n_pred, n_hit, n_pred_ok = n_gold + len(cells), n_pred + len(pred), n_hit + len(hit), n_pred_ok + len(ok)
        for k in sorted(set(pred) - ok):
            wrong.append({"doc": gold["id"], "cell": list(k), "context": _context(text, k[0], k[1])})
        for k in sorted(set(cells) - hit):
            missed.append({"doc": gold["id"], "cell": list(k), "context": _context(text, k[0], k[1])})
        docs.append({"doc": gold["id"], "gold_cells": len(cells), "predicted": len(pred), "hit": len(hit),
                     "wrong": len(set(pred) - ok), "notes": list(report.notes)})
    return {
        "documents": len(docs),
        "gold_cells": n_gold,
        "predicted_cells": n_pred,
        "hit": n_hit,
        "precision": n_pred_ok / n_pred if n_pred else 1.0,
        "recall": n_hit / n_gold if n_gold else 1.0,
        "wrong": wrong,
        "missed": missed,
        "per_document": docs,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold-dir", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--ids", help="comma-separated document ids (default: every document with a table)")
    parser.add_argument("--json", action="store_true", help="print the whole result as JSON")
    parser.add_argument("--quiet", action="store_true", help="figures only, no cell lists")
    args = parser.parse_args(argv)
    if not args.gold_dir.is_dir():
        print(f"no gold directory at {args.gold_dir}", file=sys.stderr)
        return 2
    result = score(args.gold_dir, set(args.ids.split(",")) if args.ids else None)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(f"documents with a table: {result['documents']}")
    print(f"gold table cells: {result['gold_cells']}  predicted cells: {result['predicted_cells']}  "
          f"hit: {result['hit']}")
    print(f"precision {result['precision']:.4f}  recall {result['recall']:.4f}  "
          f"wrong {len(result['wrong'])}  missed {len(result['missed'])}")
    if not args.quiet:
        for title, rows in (("WRONG", result["wrong"]), ("MISSED", result["missed"])):
            print(f"\n{title} ({len(rows)})")
            for row in rows:
                start, end, indicator, applicant, value = row["cell"]
                print(f"  {row['doc']:<9} {start}-{end} {indicator}/{applicant}={value}  {row['context']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
