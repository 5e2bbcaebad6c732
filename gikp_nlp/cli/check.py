"""``gikp check``: one report's records and failed checks, human readable."""
from __future__ import annotations

import argparse

from gikp_nlp.cli._common import (
    STDIN,
    add_config_options,
    check_report_path,
    load_extractor,
    pipeline_overrides,
    read_stdin,
)
from gikp_nlp.cli.extract import FORMATS


def run(args: argparse.Namespace) -> int:
    overrides = pipeline_overrides(args)
    # the input is checked before the extractor (and its model) loads: a bad path fails in well under a second
    source = read_stdin() if args.path == STDIN else check_report_path(args.path, forced_format=args.format)
    report = load_extractor(args, overrides).extract(source, format=args.format)
    print(f"{args.path}: {len(report.records)} records, {len(report.checks)} checks, "
          f"{len(report.failed_checks)} failed")
    for r in report.records:
        m = r.mentions[0]
        flags = "".join(f for f, on in (("~", r.approx), ("0", r.implicit), ("_", r.blank)) if on)
        print(f"  {r.indicator:<45} {r.applicant:<15} {r.value!s:>10} {r.unit:<3} {flags:<2}"
              f" [{m.start}:{m.end}] {'+'.join(r.sources)}")
    for c in report.failed_checks:
        print(f"  FAILED {c.rule} ({c.applicant}): {c.detail}")
    for note in report.notes:
        print(f"  note: {note}")
    return 2 if report.failed_checks and args.strict else 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("check", help="records and failed consistency checks of one report, human readable")
    p.add_argument("path", help="one report file, or - to read its text from stdin")
    p.add_argument("--format", choices=FORMATS, help="force the input format")
    add_config_options(p)
    p.add_argument("--strict", action="store_true", help="exit 2 when a check fails")
    p.set_defaults(func=run)
