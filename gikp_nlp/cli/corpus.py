"""``gikp corpus check OUT/``: checks across the reports of a batch folder (year over year,
summary vs departments, copies), given a bodies manifest (CSV: file, body, year, parent, summary)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from gikp_nlp.errors import MissingInputError

#: the bodies manifest a batch folder may hold (``--bodies`` names another)
BODIES_FILE = "bodies.csv"
#: exit code when a check fails and ``--strict`` is given
EXIT_FAILED = 2


def run_check(args: argparse.Namespace) -> int:
    from gikp_nlp.corpus import check_corpus, read_bodies, read_reports
    from gikp_nlp.corpus.batch import MANIFEST_FILE

    folder = Path(args.folder)
    if not (folder / MANIFEST_FILE).is_file():
        raise MissingInputError(f"{folder} holds no {MANIFEST_FILE}", hint="run `gikp extract FILES -o FOLDER` first")
    bodies_path = Path(args.bodies) if args.bodies else folder / BODIES_FILE
    if not bodies_path.is_file():
        raise MissingInputError(f"no bodies manifest at {bodies_path}",
                                hint="write a CSV with columns file,body,year,parent,summary, or pass --bodies")
    results = check_corpus(read_reports(folder), read_bodies(bodies_path))
    shown = results if args.all else [c for c in results if not c.passed]
    lines = "".join(json.dumps(c.to_dict(), ensure_ascii=False) + "\n" for c in shown)
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(lines, encoding="utf-8")
    else:
        sys.stdout.write(lines)
    failed = sum(not c.passed for c in results)
    print(f"gikp: {len(results)} cross-report check(s), {failed} failed", file=sys.stderr)
    return EXIT_FAILED if failed and args.strict else 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("corpus", help="checks across the reports of a batch folder")
    sub = p.add_subparsers(dest="corpus_command", required=True)
    c = sub.add_parser("check", help="year over year, summary vs departments, copied reports (JSON Lines)")
    c.add_argument("folder", help="a folder written by `gikp extract ... -o FOLDER`")
    c.add_argument("--bodies", help=f"the bodies manifest CSV (default: FOLDER/{BODIES_FILE})")
    c.add_argument("-o", "--output", help="write the check records here instead of stdout")
    c.add_argument("--all", action="store_true", help="list passed checks too")
    c.add_argument("--strict", action="store_true", help=f"exit {EXIT_FAILED} when a check fails")
    c.set_defaults(func=run_check)
