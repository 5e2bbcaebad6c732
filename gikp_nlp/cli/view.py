"""``gikp view REPORT -o report.html``: one report as a page a person reads (mentions
highlighted by indicator group, tables in their grid, failed checks linked to their spans)."""
from __future__ import annotations

import argparse
from pathlib import Path

from gikp_nlp.cli._common import (
    STDIN,
    add_config_options,
    check_report_path,
    load_extractor,
    pipeline_overrides,
    read_stdin,
)
from gikp_nlp.errors import UnsupportedFormatError

HTML_SUFFIXES = (".html", ".htm")


def run(args: argparse.Namespace) -> int:
    output = Path(args.output)
    if output.suffix.lower() not in HTML_SUFFIXES:
        raise UnsupportedFormatError(f"cannot write {args.output}: the view is HTML",
                                     hint="name the output report.html")
    overrides = pipeline_overrides(args)
    source = read_stdin() if args.path == STDIN else check_report_path(args.path, forced_format=args.format)
    report = load_extractor(args, overrides).extract(source, format=args.format)
    from gikp_nlp.schema import get_taxonomy
    from gikp_nlp.view import render_html

    labels = {ind.id: ind.label for ind in get_taxonomy().indicators}
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_html(report, title=args.path, labels=labels), encoding="utf-8")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("view", help="one report as a self-contained HTML page (highlights, tables, checks)")
    p.add_argument("path", help="one report file, or - to read its text from stdin")
    p.add_argument("-o", "--output", required=True, help="the HTML file to write")
    p.add_argument("--format", choices=("text", "html", "pdf", "docx"), help="force the input format")
    add_config_options(p)
    p.set_defaults(func=run)
