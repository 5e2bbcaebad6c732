"""``gikp labelstudio …``: labeling config, pre-annotation, push, pull (thin over gikp_nlp.labelstudio)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from gikp_nlp.cli._common import (
    add_config_options,
    expand_paths,
    json_out,
    load_extractor,
    load_taxonomy,
    pipeline_overrides,
)
from gikp_nlp.cli.annotations import add_dir_option


def cmd_config(args: argparse.Namespace) -> int:
    from gikp_nlp.labelstudio.config import labeling_config

    xml = labeling_config(load_taxonomy())
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(xml + "\n", encoding="utf-8")
    else:
        sys.stdout.write(xml + "\n")
    return 0


def cmd_predict(args: argparse.Namespace) -> int:
    from gikp_nlp.labelstudio.predict import predict_tasks

    overrides = pipeline_overrides(args)
    paths, skipped = expand_paths(args.paths)
    for item in skipped:
        print(f"gikp: skipped {item.path}: {item.reason}", file=sys.stderr)
    files = [p for p in paths if isinstance(p, Path)]
    if not files:
        print("gikp: error: no report files found in the given paths", file=sys.stderr)
        return 1
    tasks = predict_tasks(files, load_extractor(args, overrides))
    json_out(tasks, args.output)
    n = sum(len(t["predictions"][0]["result"]) for t in tasks)
    print(f"{len(tasks)} task(s), {n} prediction result(s)", file=sys.stderr)
    return 0


def _creds(args: argparse.Namespace):
    from gikp_nlp.labelstudio.client import credentials

    return credentials(args.url, args.api_key)


def cmd_push(args: argparse.Namespace) -> int:
    from gikp_nlp.annotations.tasks import load_tasks
    from gikp_nlp.labelstudio.client import push

    tasks = []
    for path in args.tasks:
        tasks += load_tasks(json.loads(Path(path).read_text(encoding="utf-8")), path)
    result = push(tasks, load_taxonomy(), project=args.project, creds=_creds(args))
    verb = "created" if result.created else "reused"
    print(f"{verb} project {result.project_id}; imported {result.n_tasks} task(s)")
    return 0


def cmd_pull(args: argparse.Namespace) -> int:
    from gikp_nlp.labelstudio.client import pull

    result = pull(load_taxonomy(), project=args.project, ann_dir=args.dir, creds=_creds(args),
                  utf16_offsets=args.utf16_offsets)
    print(f"project {result.project_id}: wrote {len(result.written)} document(s) to {args.dir}"
          + (f"; {len(result.unannotated)} task(s) not annotated yet" if result.unannotated else ""))
    return 0


def _server_options(p: argparse.ArgumentParser) -> None:
    from gikp_nlp.labelstudio.client import DEFAULT_PROJECT, KEY_ENV, URL_ENV  # imports no SDK

    p.add_argument("--url", help=f"Label Studio URL (default: ${URL_ENV})")
    p.add_argument("--api-key", help=f"API key / personal access token (default: ${KEY_ENV}; prefer the variable: "
                                     "a flag shows in the process list)")
    p.add_argument("--project", default=DEFAULT_PROJECT, help="project id or title (default: %(default)s)")


def register(subparsers: argparse._SubParsersAction) -> None:
    ls = subparsers.add_parser("labelstudio", help="Label Studio: labeling config, pre-annotation, push, pull")
    lsub = ls.add_subparsers(dest="labelstudio_command", required=True)

    p = lsub.add_parser("config", help="print the labeling config XML generated from the taxonomy")
    p.add_argument("-o", "--output", help="write it here instead of stdout")
    p.set_defaults(func=cmd_config)

    p = lsub.add_parser("predict", help="reports → tasks with the extractor's mentions as predictions")
    p.add_argument("paths", nargs="+", help="report files or folders")
    p.add_argument("-o", "--output", help="tasks JSON file (default: stdout)")
    add_config_options(p)
    p.set_defaults(func=cmd_predict)

    p = lsub.add_parser("push", help="create/reuse the project and import task files (with predictions)")
    p.add_argument("tasks", nargs="+", help="task JSON files (from `gikp labelstudio predict` or annotations/tasks)")
    _server_options(p)
    p.set_defaults(func=cmd_push)

    p = lsub.add_parser("pull", help="export the project's annotations into annotations/ through the converter")
    add_dir_option(p)
    p.add_argument("--utf16-offsets", action="store_true",
                   help="read region offsets as UTF-16 code units (texts with emoji / CJK Ext-B) and convert them")
    _server_options(p)
    p.set_defaults(func=cmd_pull)
