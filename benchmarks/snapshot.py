"""Output snapshot: a digest of ``Report.to_dict()`` per document, to prove a
refactor changes no output (issue 13) or to name the documents a change moves.

    python benchmarks/snapshot.py write [--gold-dir DIR]     # record tests/data/snapshot.json
    python benchmarks/snapshot.py check [--gold-dir DIR]     # list documents whose output differs
    python benchmarks/snapshot.py dump ENGINE OUT.json       # the full outputs, to diff by hand

Covers every shared gold document and the bundled examples, with the default
engine and the rules engine. Only the extraction results are digested
(``records``, ``checks``, ``notes``), so fields that describe the run (engine,
model version) may be added without a new snapshot.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SNAPSHOT = REPO / "tests" / "data" / "snapshot.json"
DEFAULT_GOLD = REPO.parent / "shared" / "corpus" / "gold"
ENGINES = ("auto", "rules")
DIGESTED = ("records", "checks", "notes")
sys.path.insert(0, str(REPO))  # the checkout's package, not whatever an editable install points at


def inputs(gold_dir: Path) -> list[tuple[str, str]]:
    """(name, text) for every gold document and bundled example, sorted by name."""
    out = [(p.stem, json.loads(p.read_text(encoding="utf-8"))["text"]) for p in sorted(gold_dir.glob("*.json"))]
    out += [(f"example:{p.name}", p.read_text(encoding="utf-8")) for p in sorted((REPO / "examples").glob("*.txt"))]
    return out


def outputs(engine: str, docs: list[tuple[str, str]]) -> dict[str, dict]:
    import gikp_nlp

    extractor = gikp_nlp.load(overrides={"narrative.engine": engine})
    result = {}
    for name, text in docs:
        full = extractor(text).to_dict()
        result[name] = {key: full[key] for key in DIGESTED}
    return result


def digest(output: dict) -> str:
    blob = json.dumps(output, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def digests(gold_dir: Path) -> dict[str, dict[str, str]]:
    docs = inputs(gold_dir)
    return {engine: {name: digest(out) for name, out in outputs(engine, docs).items()} for engine in ENGINES}


def differences(expected: dict[str, dict[str, str]], actual: dict[str, dict[str, str]]) -> list[str]:
    """``engine:name`` of every document whose digest differs, is new, or is gone."""
    diff = []
    for engine in sorted(set(expected) | set(actual)):
        old, new = expected.get(engine, {}), actual.get(engine, {})
        diff += [f"{engine}:{name}" for name in sorted(set(old) | set(new)) if old.get(name) != new.get(name)]
    return diff


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["write", "check", "dump"])
    parser.add_argument("rest", nargs="*")
    parser.add_argument("--gold-dir", type=Path, default=DEFAULT_GOLD)
    args = parser.parse_args(argv)
    if args.action == "dump":
        engine, out = args.rest
        Path(out).write_text(json.dumps(outputs(engine, inputs(args.gold_dir)), ensure_ascii=False,
                                        sort_keys=True, indent=1), encoding="utf-8")
        return 0
    current = digests(args.gold_dir)
    if args.action == "write":
        SNAPSHOT.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {sum(map(len, current.values()))} digests to {SNAPSHOT.relative_to(REPO)}")
        return 0
    diff = differences(json.loads(SNAPSHOT.read_text(encoding="utf-8")), current)
    print("\n".join(diff) if diff else "no output changed")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
