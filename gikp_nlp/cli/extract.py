"""``gikp extract``: records of many reports as JSON Lines or CSV (thin over ``Extractor.pipe``)."""
from __future__ import annotations

import argparse
import csv
import json
import sys

from gikp_nlp.cli._common import (
    OUTPUT_SUFFIXES,
    REPORT_SUFFIXES,
    STDIN,
    add_config_options,
    expand_paths,
    load_extractor,
    output_path,
    pipeline_overrides,
    read_stdin,
)

CSV_FIELDS = ("file", "indicator", "label", "applicant", "value", "unit", "approx", "implicit", "blank",
              "confidence", "sources", "start", "end", "text", "n_mentions")
#: how the output names the report read from standard input
STDIN_NAME = "<stdin>"
FORMATS = ("text", "html", "pdf", "docx")


def run(args: argparse.Namespace) -> int:
    overrides = pipeline_overrides(args)
    output = output_path(args.output)
    paths, skipped = expand_paths(args.paths, forced_format=args.format)
    for item in skipped:
        print(f"gikp: skipped {item.path}: {item.reason}", file=sys.stderr)
    if not paths:
        left_out = f" ({len(skipped)} file(s) skipped, listed above)" if skipped else ""
        print(f"gikp: error: nothing to extract: no readable report files ({' '.join(REPORT_SUFFIXES)}) in the "
              f"given paths{left_out}", file=sys.stderr)
        return 1
    sources = [read_stdin() if p == STDIN else p for p in paths]
    names = [STDIN_NAME if p == STDIN else str(p) for p in paths]
    extractor = load_extractor(args, overrides)
    as_csv = output is not None and output.suffix.lower() == ".csv"
    handle = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    failures = 0
    try:
        writer = csv.DictWriter(handle, fieldnames=CSV_FIELDS) if as_csv else None
        if writer:
            writer.writeheader()
        progress = _progress(len(sources), enabled=len(sources) > 1 and not args.quiet)
        outcomes = (extractor.pipe(sources, on_error="return", n_process=args.n_process) if args.format is None
                    else (_extract_one(extractor, s, args.format) for s in sources))
        from gikp_nlp.errors import GikpError

        for name, outcome in zip(names, outcomes):
            progress.update(1)
            if isinstance(outcome, GikpError):
                failures += 1
                print(f"gikp: skipped {name}: {outcome}", file=sys.stderr)
                continue
            if writer:
                for row in outcome.to_frame().to_dict("records"):
                    row.pop("source", None)
                    writer.writerow({"file": name, **row})
            else:
                data = outcome.to_dict()
                data["file"] = name
                if not args.with_text:
                    data.pop("text")
                handle.write(json.dumps(data, ensure_ascii=False) + "\n")
        progress.close()
    finally:
        if output:
            handle.close()
    failed = failures + len(skipped)
    if failed:
        print(f"gikp: {failed} of {len(sources) + len(skipped)} file(s) skipped or failed", file=sys.stderr)
    return 1 if failures == len(sources) else 0


def _extract_one(extractor, source, format: str):
    """One report with ``--format`` forced (``pipe`` sniffs the format itself)."""
    from gikp_nlp.errors import GikpError

    try:
        return extractor.extract(source, format=format)
    except GikpError as err:
        return err


class _NoProgress:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int, *, enabled: bool):
    if not enabled:
        return _NoProgress()
    from tqdm import tqdm

    return tqdm(total=total, unit="report", file=sys.stderr)


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("extract", help="extract records from reports (files or folders)")
    p.add_argument("paths", nargs="+",
                   help=f"report files ({' '.join(REPORT_SUFFIXES)}), folders, or - for text on stdin")
    p.add_argument("-o", "--output",
                   help=f"write {' or '.join(OUTPUT_SUFFIXES)} here (missing folders are created) instead of "
                        "JSON Lines on stdout; other formats are not supported yet")
    p.add_argument("--format", choices=FORMATS, help="force the input format")
    add_config_options(p)
    p.add_argument("--n-process", type=int, default=1, help="worker processes")
    p.add_argument("--with-text", action="store_true", help="include the report text in JSON output")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)
