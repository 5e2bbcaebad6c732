"""``python -m training.train --config configs/gikp-ner-zh.toml``: same as ``gikp train``."""
from __future__ import annotations

import sys

from gikp_nlp.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["train", *sys.argv[1:]]))
