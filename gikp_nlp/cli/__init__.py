"""``gikp``: a thin command line over the library.

``main`` builds one parser from the command modules (imported explicitly, no
plugins); each command parses its arguments and calls one library function.
Errors from the library (GikpError) and from the file system are printed on
one line and give exit code 1. No command module imports torch at import time.
"""
from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from gikp_nlp.cli import (annotations, check, combiner, corpus, evaluate, extract, labels, labelstudio, pretrain,
                          train, view)
from gikp_nlp.errors import GikpError

#: the command modules, in the order ``gikp --help`` lists them
COMMANDS = (extract, check, view, corpus, labels, annotations, labelstudio, pretrain, train, evaluate, combiner)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gikp", description="Every count in a Chinese government information-disclosure annual report, checked.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in COMMANDS:
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
    except OSError as exc:  # e.g. -o under a path that is a file, or no permission
        print(f"gikp: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1


__all__ = ["build_parser", "main"]
