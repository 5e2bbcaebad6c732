"""``gikp``: a thin command line over the library.

Each subcommand parses its arguments and calls one library function; errors
from the library (GikpError) are printed on one line and give exit code 1.
"""
from __future__ import annotations

import argparse
import csv
import importlib
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from gikp_nlp.errors import GikpError

logger = logging.getLogger("gikp_nlp")

#: what `gikp extract` reads when given a folder
REPORT_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")
#: modules that add their own subcommands through ``register(subparsers)``
PLUGIN_MODULES = ("gikp_nlp.annotations.cli", "gikp_nlp.training.cli")
CSV_FIELDS = ("file", "indicator", "label", "applicant", "value", "unit", "approx", "implicit", "blank",
              "confidence", "sources", "start", "end", "text", "n_mentions")


def expand_paths(paths: Sequence[str]) -> list[Path]:
    """Files as given, folders expanded (recursively, sorted) to report files."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES)
        else:
            out.append(path)
    return out


def _extractor(args: argparse.Namespace):
    from gikp_nlp.pipeline import load

    overrides = {}
    if getattr(args, "engine", None):
        overrides["narrative.engine"] = args.engine
    return load(args.config, overrides=overrides)


def cmd_extract(args: argparse.Namespace) -> int:
    paths = expand_paths(args.paths)
    if not paths:
        print("gikp: no report files found in the given paths", file=sys.stderr)
        return 1
    extractor = _extractor(args)
    output = Path(args.output) if args.output else None
    as_csv = output is not None and output.suffix.lower() == ".csv"
    handle = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    failures = 0
    try:
        writer = csv.DictWriter(handle, fieldnames=CSV_FIELDS) if as_csv else None
        if writer:
            writer.writeheader()
        progress = _progress(paths, enabled=len(paths) > 1 and not args.quiet)
        for path, outcome in zip(paths, extractor.pipe(paths, on_error="return", n_process=args.n_process)):
            progress.update(1)
            if isinstance(outcome, GikpError):
                failures += 1
                print(f"gikp: skipped {path}: {outcome}", file=sys.stderr)
                continue
            if writer:
                for row in outcome.to_frame().to_dict("records"):
                    row.pop("source", None)
                    writer.writerow({"file": str(path), **row})
            else:
                data = outcome.to_dict()
                data["file"] = str(path)
                if not args.with_text:
                    data.pop("text")
                handle.write(json.dumps(data, ensure_ascii=False) + "\n")
        progress.close()
    finally:
        if output:
            handle.close()
    if failures:
        print(f"gikp: {failures} of {len(paths)} file(s) failed", file=sys.stderr)
    return 1 if failures == len(paths) else 0


class _NoProgress:
    def update(self, n: int) -> None:  # noqa: D401
        pass

    def close(self) -> None:
        pass


def _progress(paths: list[Path], *, enabled: bool):
    if not enabled:
        return _NoProgress()
    from tqdm import tqdm

    return tqdm(total=len(paths), unit="report", file=sys.stderr)


def cmd_labels(args: argparse.Namespace) -> int:
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


def cmd_check(args: argparse.Namespace) -> int:
    extractor = _extractor(args)
    report = extractor.extract(args.path, format=args.format)
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gikp", description="Every count in a Chinese government information-disclosure annual report, checked.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract records from reports (files or folders)")
    p.add_argument("paths", nargs="+", help="report files (.txt .html .htm .pdf .docx) or folders")
    p.add_argument("-o", "--output", help="write JSON lines (.jsonl) or CSV (.csv) here instead of stdout")
    p.add_argument("--format", choices=("text", "html", "pdf", "docx"), help="force the input format")
    p.add_argument("--config", help="a TOML file overriding gikp_nlp/default_config.toml")
    p.add_argument("--engine", choices=("auto", "hybrid", "model", "rules"), help="narrative engine")
    p.add_argument("--n-process", type=int, default=1, help="worker processes")
    p.add_argument("--with-text", action="store_true", help="include the report text in JSON output")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("labels", help="list the indicator taxonomy")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_labels)

    p = sub.add_parser("check", help="records and failed consistency checks of one report, human readable")
    p.add_argument("path")
    p.add_argument("--format", choices=("text", "html", "pdf", "docx"))
    p.add_argument("--config")
    p.add_argument("--engine", choices=("auto", "hybrid", "model", "rules"))
    p.add_argument("--strict", action="store_true", help="exit 2 when a check fails")
    p.set_defaults(func=cmd_check)

    for module_name in PLUGIN_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except GikpError as err:
        print(f"gikp: error: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
