"""``gikp annotations …``: the gold corpus directory (convert, check, stats, export-gold).

Directories are arguments: ``--dir`` defaults to ``annotations/`` in the
working directory and ``--gold-dir`` must be given (the package knows no checkout).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gikp_nlp.cli._common import json_out, load_taxonomy

#: the annotations directory when --dir is not given (relative to the working directory)
DEFAULT_DIR = "annotations"


def cmd_convert(args: argparse.Namespace) -> int:
    from gikp_nlp.annotations.corpus import read_gold_dir, write_corpus
    from gikp_nlp.annotations.folds import read_fold_file

    taxonomy = load_taxonomy()
    docs = read_gold_dir(args.gold_dir, taxonomy)
    splits = write_corpus(docs, taxonomy, args.dir)
    folds = read_fold_file(args.dir)
    print(f"wrote {len(docs)} task file(s) to {Path(args.dir) / 'tasks'}; "
          f"train/dev/test = {len(splits.train)}/{len(splits.dev)}/{len(splits.test)}; "
          f"{folds.k} CV folds of {'/'.join(str(len(f)) for f in folds.folds)}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from gikp_nlp.annotations.corpus import load_documents
    from gikp_nlp.errors import GikpError

    taxonomy = load_taxonomy()
    paths = sorted((Path(args.dir) / "tasks").glob("*.json"))
    failures = 0
    for path in paths:
        try:
            load_documents(taxonomy, args.dir, [path.stem])
        except GikpError as err:
            failures += 1
            print(f"{path}: {err}", file=sys.stderr)
    print(f"{len(paths) - failures} of {len(paths)} task file(s) convert cleanly")
    if not paths:
        print(f"gikp: error: no task files in {Path(args.dir) / 'tasks'}", file=sys.stderr)
    return 1 if failures or not paths else 0


def cmd_stats(args: argparse.Namespace) -> int:
    from gikp_nlp.annotations.corpus import format_stats, stats

    taxonomy = load_taxonomy()
    data = stats(taxonomy, args.dir)
    if args.json:
        json_out(data, None)
    else:
        print(format_stats(data, taxonomy))
    return 0


def cmd_export_gold(args: argparse.Namespace) -> int:
    from gikp_nlp.annotations.corpus import load_documents, write_gold

    docs = load_documents(load_taxonomy(), args.dir)
    for doc in docs:
        write_gold(doc, Path(args.output) / f"{doc.id}.json")
    print(f"wrote {len(docs)} gold document(s) to {args.output}")
    return 0


def add_dir_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dir", default=DEFAULT_DIR,
                   help="annotations directory (default: %(default)s/ in the working directory)")


def register(subparsers: argparse._SubParsersAction) -> None:
    ann = subparsers.add_parser("annotations", help="the gold corpus in annotations/ (Label Studio format)")
    asub = ann.add_subparsers(dest="annotations_command", required=True)

    p = asub.add_parser("convert", help="gold JSON documents → task files, manifest, splits, CV folds")
    p.add_argument("--gold-dir", required=True, help="gold JSON folder, e.g. ../shared/corpus/gold")
    add_dir_option(p)
    p.set_defaults(func=cmd_convert)

    p = asub.add_parser("check", help="read every task file back through the converter")
    add_dir_option(p)
    p.set_defaults(func=cmd_check)

    p = asub.add_parser("stats", help="label counts per split and per CV fold")
    add_dir_option(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)

    p = asub.add_parser("export-gold", help="task files → gold JSON files (the ../shared/corpus/gold shape)")
    add_dir_option(p)
    p.add_argument("-o", "--output", required=True, help="folder for <id>.json files")
    p.set_defaults(func=cmd_export_gold)
