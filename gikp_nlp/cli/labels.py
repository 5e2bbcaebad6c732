"""``gikp labels``: the indicator taxonomy (reads the schema only: no pipeline, no torch)."""
from __future__ import annotations

import argparse
import json


def run(args: argparse.Namespace) -> int:
    from gikp_nlp.schema import get_taxonomy

    taxonomy = get_taxonomy()
    rows = [(ind.id, ind.unit, ",".join(ind.forms) or "-", ind.label) for ind in taxonomy.indicators]
    if args.json:
        print(json.dumps([{"id": i, "unit": u, "forms": f.split(",") if f != "-" else [], "label": lab}
                          for i, u, f, lab in rows], ensure_ascii=False, indent=1))
        return 0
    width = max(len(r[0]) for r in rows)
    print(f"{'id':<{width}}  unit  {'forms':<17}  label")
    for ind_id, unit, forms, label in rows:
        print(f"{ind_id:<{width}}  {unit:<4}  {forms:<17}  {label}")
    print(f"{len(rows)} indicators")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("labels", help="list the indicator taxonomy")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)
