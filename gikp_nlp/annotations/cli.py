"""``gikp annotations …`` and ``gikp labelstudio …``: thin wrappers over the library.

gikp_nlp.cli calls :func:`register` with its subparsers; each command's
``func(args)`` returns the exit code (GikpError is printed by gikp_nlp.cli).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from gikp_nlp.annotations.corpus import (
    ANNOTATIONS_DIR,
    SHARED_GOLD_DIR,
    format_stats,
    load_documents,
    read_gold_dir,
    stats,
    write_corpus,
    write_gold,
)
from gikp_nlp.errors import GikpError


def _taxonomy():
    from gikp_nlp.schema import get_taxonomy

    return get_taxonomy()


def _json_out(obj: object, output: str | None) -> None:
    text = json.dumps(obj, ensure_ascii=False, indent=1) + "\n"
    if output:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


# -- annotations ----------------------------------------------------------------
def cmd_convert(args: argparse.Namespace) -> int:
    taxonomy = _taxonomy()
    docs = read_gold_dir(args.gold_dir, taxonomy)
    splits = write_corpus(docs, taxonomy, args.dir)
    print(f"wrote {len(docs)} task file(s) to {Path(args.dir) / 'tasks'}; "
          f"train/dev/test = {len(splits.train)}/{len(splits.dev)}/{len(splits.test)}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    taxonomy = _taxonomy()
    paths = sorted((Path(args.dir) / "tasks").glob("*.json"))
    failures = 0
    for path in paths:
        try:
            load_documents(taxonomy, args.dir, [path.stem])
        except GikpError as err:
            failures += 1
            print(f"{path}: {err}", file=sys.stderr)
    print(f"{len(paths) - failures} of {len(paths)} task file(s) convert cleanly")
    return 1 if failures or not paths else 0


def cmd_stats(args: argparse.Namespace) -> int:
    taxonomy = _taxonomy()
    data = stats(taxonomy, args.dir)
    if args.json:
        _json_out(data, None)
    else:
        print(format_stats(data, taxonomy))
    return 0


def cmd_export_gold(args: argparse.Namespace) -> int:
    docs = load_documents(_taxonomy(), args.dir)
    for doc in docs:
        write_gold(doc, Path(args.output) / f"{doc.id}.json")
    print(f"wrote {len(docs)} gold document(s) to {args.output}")
    return 0


# -- labelstudio ----------------------------------------------------------------
def cmd_ls_config(args: argparse.Namespace) -> int:
    from gikp_nlp.labelstudio.config import labeling_config

    xml = labeling_config(_taxonomy())
    if args.output:
        Path(args.output).write_text(xml + "\n", encoding="utf-8")
    else:
        sys.stdout.write(xml + "\n")
    return 0


def cmd_ls_predict(args: argparse.Namespace) -> int:
    from gikp_nlp.cli import expand_paths
    from gikp_nlp.labelstudio.predict import predict_tasks
    from gikp_nlp.pipeline import load

    paths = expand_paths(args.paths)
    if not paths:
        print("gikp: no report files found in the given paths", file=sys.stderr)
        return 1
    overrides = {"narrative.engine": args.engine} if args.engine else {}
    tasks = predict_tasks(paths, load(args.config, overrides=overrides))
    _json_out(tasks, args.output)
    n = sum(len(t["predictions"][0]["result"]) for t in tasks)
    print(f"{len(tasks)} task(s), {n} prediction result(s)", file=sys.stderr)
    return 0


def _creds(args: argparse.Namespace):
    from gikp_nlp.labelstudio.client import credentials

    return credentials(args.url, args.api_key)


def cmd_ls_push(args: argparse.Namespace) -> int:
    from gikp_nlp.annotations.tasks import load_tasks
    from gikp_nlp.labelstudio.client import push

    tasks = []
    for path in args.tasks:
        tasks += load_tasks(json.loads(Path(path).read_text(encoding="utf-8")), path)
    result = push(tasks, _taxonomy(), project=args.project, creds=_creds(args))
    verb = "created" if result.created else "reused"
    print(f"{verb} project {result.project_id}; imported {result.n_tasks} task(s)")
    return 0


def cmd_ls_pull(args: argparse.Namespace) -> int:
    from gikp_nlp.labelstudio.client import pull

    result = pull(_taxonomy(), project=args.project, ann_dir=args.dir, creds=_creds(args),
                  utf16_offsets=args.utf16_offsets)
    print(f"project {result.project_id}: wrote {len(result.written)} document(s) to {args.dir}"
          + (f"; {len(result.unannotated)} task(s) not annotated yet" if result.unannotated else ""))
    return 0


def _server_options(p: argparse.ArgumentParser) -> None:
    from gikp_nlp.labelstudio.client import DEFAULT_PROJECT, KEY_ENV, URL_ENV

    p.add_argument("--url", help=f"Label Studio URL (default: ${URL_ENV})")
    p.add_argument("--api-key", help=f"API key / personal access token (default: ${KEY_ENV}; prefer the variable)")
    p.add_argument("--project", default=DEFAULT_PROJECT, help="project id or title (default: %(default)s)")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``annotations`` and ``labelstudio`` to the ``gikp`` command line."""
    ann = subparsers.add_parser("annotations", help="the gold corpus in annotations/ (Label Studio format)")
    asub = ann.add_subparsers(dest="annotations_command", required=True)
    dir_help = "annotations directory (default: the repo's annotations/)"

    p = asub.add_parser("convert", help="gold JSON documents → annotations/ task files, manifest, splits")
    p.add_argument("--gold-dir", default=str(SHARED_GOLD_DIR), help="gold JSON folder (default: ../shared/corpus/gold)")
    p.add_argument("--dir", default=str(ANNOTATIONS_DIR), help=dir_help)
    p.set_defaults(func=cmd_convert)

    p = asub.add_parser("check", help="read every task file back through the converter")
    p.add_argument("--dir", default=str(ANNOTATIONS_DIR), help=dir_help)
    p.set_defaults(func=cmd_check)

    p = asub.add_parser("stats", help="label counts per split")
    p.add_argument("--dir", default=str(ANNOTATIONS_DIR), help=dir_help)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)

    p = asub.add_parser("export-gold", help="annotations/ → gold JSON files (the ../shared/corpus/gold shape)")
    p.add_argument("--dir", default=str(ANNOTATIONS_DIR), help=dir_help)
    p.add_argument("-o", "--output", required=True, help="folder for <id>.json files")
    p.set_defaults(func=cmd_export_gold)

    ls = subparsers.add_parser("labelstudio", help="Label Studio: labeling config, pre-annotation, push, pull")
    lsub = ls.add_subparsers(dest="labelstudio_command", required=True)

    p = lsub.add_parser("config", help="print the labeling config XML generated from the taxonomy")
    p.add_argument("-o", "--output", help="write it here instead of stdout")
    p.set_defaults(func=cmd_ls_config)

    p = lsub.add_parser("predict", help="reports → tasks with the extractor's mentions as predictions")
    p.add_argument("paths", nargs="+", help="report files or folders")
    p.add_argument("-o", "--output", help="tasks JSON file (default: stdout)")
    p.add_argument("--config", help="a TOML file overriding gikp_nlp/default_config.toml")
    p.add_argument("--engine", choices=("auto", "hybrid", "model", "rules"), help="narrative engine")
    p.set_defaults(func=cmd_ls_predict)

    p = lsub.add_parser("push", help="create/reuse the project and import task files (with predictions)")
    p.add_argument("tasks", nargs="+", help="task JSON files (from `gikp labelstudio predict` or annotations/tasks)")
    _server_options(p)
    p.set_defaults(func=cmd_ls_push)

    p = lsub.add_parser("pull", help="export the project's annotations into annotations/ through the converter")
    p.add_argument("--dir", default=str(ANNOTATIONS_DIR), help=dir_help)
    p.add_argument("--utf16-offsets", action="store_true",
                   help="read region offsets as UTF-16 code units (texts with emoji / CJK Ext-B) and convert them")
    _server_options(p)
    p.set_defaults(func=cmd_ls_pull)
