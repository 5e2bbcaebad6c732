"""``gikp extract``: records of many reports.

``-o FILE`` writes one file by its suffix (JSON Lines and CSV streamed, Parquet and
Excel at the end); ``-o FOLDER`` (no suffix, or a trailing /) is a resumable batch
(:func:`gikp_nlp.corpus.run_batch`): reports.jsonl, errors.jsonl and manifest.jsonl
flushed as files finish, a rerun skips what is done, ``--backend ray`` scales out,
``--tables parquet,xlsx,csv`` adds whole-corpus tables when the run completes.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gikp_nlp.cli._common import (
    REPORT_SUFFIXES,
    STDIN,
    add_config_options,
    expand_paths,
    load_extractor,
    pipeline_overrides,
    read_stdin,
)
from gikp_nlp.errors import InputError, UnsupportedFormatError
from gikp_nlp.outputs import OUTPUT_FORMATS

#: how the output names the report read from standard input
STDIN_NAME = "<stdin>"
FORMATS = ("text", "html", "pdf", "docx")
#: ``-o`` file suffixes (anything without a suffix is a batch folder)
OUTPUT_SUFFIXES = tuple(OUTPUT_FORMATS)  # what -o FILE may end in (the writers say)
#: ``--tables`` choices → the file a batch folder gets
TABLE_FILES = {"parquet": "records.parquet", "xlsx": "records.xlsx", "csv": "records.csv"}
BACKENDS = ("local", "ray")
#: exit code of a run stopped by Ctrl-C or SIGTERM (the shell's 128 + SIGINT)
EXIT_INTERRUPTED = 130


def _output(raw: str | None) -> tuple[str, Path | None]:
    """(``stdout`` | ``file`` | ``folder``, path): a missing parent folder is created."""
    if raw is None:
        return "stdout", None
    path = Path(raw)
    if raw.endswith(("/", "\\")) or path.is_dir() or not path.suffix:
        return "folder", path
    if path.suffix.lower() not in OUTPUT_SUFFIXES:
        raise UnsupportedFormatError(
            f"cannot write {raw}: output format {path.suffix!r} is not supported",
            hint=f"name a file ending in {' '.join(OUTPUT_SUFFIXES)}, a folder for a resumable run, "
                 "or omit -o for JSON Lines on stdout")
    path.parent.mkdir(parents=True, exist_ok=True)
    return "file", path


def run(args: argparse.Namespace) -> int:
    overrides = pipeline_overrides(args)
    kind, output = _output(args.output)
    tables = [t.strip() for t in (args.tables or "").split(",") if t.strip()]
    if bad := [t for t in tables if t not in TABLE_FILES]:
        raise UnsupportedFormatError(f"--tables {','.join(bad)}: unknown", hint=f"choose from {','.join(TABLE_FILES)}")
    if kind != "folder" and (args.backend != "local" or tables):
        raise InputError("--backend ray and --tables need -o FOLDER (a resumable batch)",
                         hint="e.g. gikp extract reports/ -o out/ --backend ray")
    paths, skipped = expand_paths(args.paths, forced_format=args.format)
    for item in skipped:
        print(f"gikp: skipped {item.path}: {item.reason}", file=sys.stderr)
    if not paths:
        left_out = f" ({len(skipped)} file(s) skipped, listed above)" if skipped else ""
        print(f"gikp: error: nothing to extract: no readable report files ({' '.join(REPORT_SUFFIXES)}) in the "
              f"given paths{left_out}", file=sys.stderr)
        return 1
    if kind == "folder":
        return _batch(args, overrides, paths, output, tables, n_skipped=len(skipped))
    return _stream(args, overrides, paths, kind, output, n_skipped=len(skipped))


def _batch(args, overrides, paths, output: Path, tables: list[str], *, n_skipped: int) -> int:
    from gikp_nlp.corpus.batch import progress_bar, read_reports, run_batch

    if STDIN in paths:
        raise InputError("a batch folder reads files, not standard input", hint="drop - or write -o out.jsonl")
    if args.format is not None:
        raise InputError("--format is not supported for a batch folder (each file's format is sniffed)",
                         hint="write -o out.jsonl to force one format on every file")
    result = run_batch(paths, output, config=args.config, overrides=overrides, n_process=args.n_process,
                       backend=args.backend, ray_address=args.address, progress=progress_bar(not args.quiet))
    print(f"gikp: {result.done} file(s) extracted ({result.failed} failed, see {output / 'errors.jsonl'}), "
          f"{result.skipped} already done, {len(result.redone)} redone after a change", file=sys.stderr)
    if result.interrupted:
        print(f"gikp: interrupted: {output} holds the finished files; run the same command to continue",
              file=sys.stderr)
        return EXIT_INTERRUPTED
    if tables:
        from gikp_nlp.outputs import write_table_output

        reports = read_reports(output)
        for table in tables:
            write_table_output(reports, output / TABLE_FILES[table], per_report=args.sheet_per_report)
    return 1 if result.done and result.failed == result.done and not result.skipped else 0


def _stream(args, overrides, paths, kind: str, output: Path | None, *, n_skipped: int) -> int:
    from gikp_nlp.errors import GikpError
    from gikp_nlp.outputs import CsvWriter, JsonlWriter, write_table_output

    sources = [read_stdin() if p == STDIN else p for p in paths]
    names = [STDIN_NAME if p == STDIN else str(p) for p in paths]
    extractor = load_extractor(args, overrides)
    suffix = output.suffix.lower() if output else ".jsonl"
    whole = suffix in (".parquet", ".xlsx")
    handle = output.open("w", encoding="utf-8", newline="") if output and not whole else None
    collected: list[dict] = []
    failures = 0
    try:
        out = handle or sys.stdout
        writer = None if whole else CsvWriter(out) if suffix == ".csv" else JsonlWriter(out, with_text=args.with_text)
        progress = _progress(len(sources), enabled=len(sources) > 1 and not args.quiet)
        outcomes = (extractor.pipe(sources, on_error="return", n_process=args.n_process) if args.format is None
                    else (_extract_one(extractor, s, args.format) for s in sources))
        for name, outcome in zip(names, outcomes):
            progress.update(1)
            if isinstance(outcome, GikpError):
                failures += 1
                print(f"gikp: skipped {name}: {outcome}", file=sys.stderr)
                continue
            data = outcome.to_dict()
            data["file"] = name
            if writer:
                writer.write(data)
            else:
                collected.append(data)
        progress.close()
    finally:
        if handle:
            handle.close()
    if whole and collected:
        write_table_output(collected, output, per_report=args.sheet_per_report)
    failed = failures + n_skipped
    if failed:
        print(f"gikp: {failed} of {len(sources) + n_skipped} file(s) skipped or failed", file=sys.stderr)
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

    return tqdm(total=total, unit="file", file=sys.stderr)


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("extract", help="extract records from reports (files or folders)")
    p.add_argument("paths", nargs="+",
                   help=f"report files ({' '.join(REPORT_SUFFIXES)}), folders, or - for text on stdin")
    p.add_argument("-o", "--output",
                   help=f"a file ({' '.join(OUTPUT_SUFFIXES)}; missing folders are created), or a FOLDER (no "
                        "suffix or a trailing /) for a resumable batch; default: JSON Lines on stdout")
    p.add_argument("--format", choices=FORMATS, help="force the input format")
    add_config_options(p)
    p.add_argument("--n-process", type=int, default=1, help="worker processes (Ray actors with --backend ray)")
    p.add_argument("--backend", choices=BACKENDS, default="local",
                   help="ray: a Ray Data pipeline (pip install 'gikp-nlp[ray]'); needs -o FOLDER")
    p.add_argument("--address", help="with --backend ray: a cluster to join (ray://host:10001 or auto); "
                                     "default: a local Ray instance")
    p.add_argument("--tables", help="with -o FOLDER: also write whole-corpus tables when the run completes, "
                                    f"comma-separated: {','.join(TABLE_FILES)}")
    p.add_argument("--sheet-per-report", action="store_true", help="Excel output: one sheet of records per report")
    p.add_argument("--with-text", action="store_true", help="include the report text in JSON output to a file or "
                                                            "stdout (a batch folder always keeps it)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)
