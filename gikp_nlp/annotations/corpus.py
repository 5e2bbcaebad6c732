"""An annotations directory: one Label Studio task file per document, a manifest,
reproducible train/dev/test splits and CV folds; loading them as GoldDocuments.

Layout (see annotations/README.md)::

    <ann_dir>/tasks/<doc_id>.json   # [task] in Label Studio JSON export format
    <ann_dir>/manifest.json         # per document: file, split, fold, site, form, year, counts, text sha256
    <ann_dir>/splits.json           # seed, method and the document ids of train/dev/test (kept for history)
    <ann_dir>/folds.json            # k, seed, method and the document ids of each CV fold

Every directory is an argument: the package knows no checkout and no
``../shared`` (the command line defaults to ``annotations/`` in the working
directory).
"""
from __future__ import annotations

import hashlib
import json
import logging
import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gikp_nlp.annotations.errors import MalformedTaskError
from gikp_nlp.annotations.folds import FOLDS_FILE, Folds, extend_folds, make_folds, read_fold_file, site_of
from gikp_nlp.annotations.gold import GoldDocument
from gikp_nlp.annotations.tasks import gold_to_task, load_tasks, task_to_gold
from gikp_nlp.errors import AnnotationError
from gikp_nlp.schema.taxonomy import Taxonomy

logger = logging.getLogger(__name__)

TASKS_SUBDIR = "tasks"
MANIFEST_FILE = "manifest.json"
SPLITS_FILE = "splits.json"
SPLITS: tuple[str, ...] = ("train", "dev", "test")
SEED_PREFIX = "seed-"
#: how stats name a CV fold (``fold-0`` …)
FOLD_PREFIX = "fold-"

#: split defaults, used only when no splits.json records them yet.
DEFAULT_SPLIT_SEED = 20261123
DEFAULT_DEV_SHARE = 0.15
DEFAULT_TEST_SHARE = 0.15
SPLIT_METHOD = (
    "seeds (seed-*) go to train; the other documents are stratified by has_table (form mixed/old_table/new_table) "
    "and, within each stratum, sorted by id, shuffled with random.Random(seed) and cut into dev, test, train: "
    "round(share * n) documents each, at least one per stratum for dev and test"
)


def _json_dump(obj: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AnnotationError(f"file not found: {path}",
                              hint="run `gikp annotations convert` to build annotations/ from the gold corpus") from None
    except json.JSONDecodeError as exc:
        raise MalformedTaskError(f"{path} is not valid JSON: {exc}") from None


# -- gold JSON files ------------------------------------------------------------
def read_gold_dir(gold_dir: str | Path, taxonomy: Taxonomy) -> list[GoldDocument]:
    """Every ``*.json`` gold document of ``gold_dir`` (the ../shared/corpus/gold shape), sorted by id."""
    gold_dir = Path(gold_dir)
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise AnnotationError(f"no gold documents (*.json) in {gold_dir}",
                              hint="pass --gold-dir pointing at shared/corpus/gold")
    docs = [GoldDocument.from_dict(_read_json(f), taxonomy) for f in files]
    return sorted(docs, key=lambda d: d.id)


def write_gold(doc: GoldDocument, path: str | Path) -> Path:
    path = Path(path)
    _json_dump(doc.to_dict(), path)
    return path


# -- task files -----------------------------------------------------------------
def task_path(ann_dir: str | Path, doc_id: str) -> Path:
    return Path(ann_dir) / TASKS_SUBDIR / f"{doc_id}.json"


def write_task(doc: GoldDocument, ann_dir: str | Path) -> Path:
    """Write ``doc`` as ``tasks/<id>.json`` (a one-task list, importable into Label Studio as is)."""
    path = task_path(ann_dir, doc.id)
    _json_dump([gold_to_task(doc)], path)
    return path


def read_task_file(path: str | Path, taxonomy: Taxonomy) -> list[GoldDocument]:
    """The gold documents of a Label Studio JSON file (one task or a list)."""
    path = Path(path)
    return [task_to_gold(task, taxonomy) for task in load_tasks(_read_json(path), str(path))]


def load_documents(taxonomy: Taxonomy, ann_dir: str | Path,
                   ids: Iterable[str] | None = None) -> list[GoldDocument]:
    """Documents of ``ann_dir`` (all, or the given ids in that order)."""
    ann_dir = Path(ann_dir)
    if ids is None:
        ids = sorted(p.stem for p in (ann_dir / TASKS_SUBDIR).glob("*.json"))
    out = []
    for doc_id in ids:
        docs = read_task_file(task_path(ann_dir, doc_id), taxonomy)
        if len(docs) != 1 or docs[0].id != doc_id:
            raise MalformedTaskError(f"{task_path(ann_dir, doc_id)}: expected one task for document {doc_id!r}")
        out.append(docs[0])
    return out


# -- splits and manifest --------------------------------------------------------
@dataclass(frozen=True)
class Splits:
    """Document ids per split, with how they were drawn."""

    seed: int
    dev_share: float
    test_share: float
    train: tuple[str, ...]
    dev: tuple[str, ...]
    test: tuple[str, ...]

    def of(self, split: str) -> tuple[str, ...]:
        if split not in SPLITS:
            raise AnnotationError(f"unknown split {split!r}", hint=f"use one of {list(SPLITS)}")
        return getattr(self, split)

    def split_of(self, doc_id: str) -> str | None:
        return next((s for s in SPLITS if doc_id in self.of(s)), None)

    def to_dict(self) -> dict[str, Any]:
        return {"seed": self.seed, "dev_share": self.dev_share, "test_share": self.test_share,
                "method": SPLIT_METHOD, "train": list(self.train), "dev": list(self.dev), "test": list(self.test)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Splits:
        try:
            return cls(int(data["seed"]), float(data["dev_share"]), float(data["test_share"]),
                       tuple(data["train"]), tuple(data["dev"]), tuple(data["test"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise MalformedTaskError(f"splits file is malformed: {exc!r}",
                                     hint="regenerate it with `gikp annotations convert`") from None


def make_splits(docs: Sequence[GoldDocument], seed: int = DEFAULT_SPLIT_SEED, dev_share: float = DEFAULT_DEV_SHARE,
                test_share: float = DEFAULT_TEST_SHARE) -> Splits:
    """Reproducible document-level splits (see ``SPLIT_METHOD``).

    Seeds stay in train: they are the project's worked examples (rules and
    tests were written looking at them) and hold most table mentions, so
    dev/test are real excerpts nobody tuned on.
    """
    rng = random.Random(seed)
    split_ids: dict[str, list[str]] = {s: [] for s in SPLITS}
    split_ids["train"] += sorted(d.id for d in docs if d.id.startswith(SEED_PREFIX))
    rest = [d for d in docs if not d.id.startswith(SEED_PREFIX)]
    for has_table in (False, True):
        stratum = sorted(d.id for d in rest if d.has_table == has_table)
        rng.shuffle(stratum)
        n_dev = max(1, round(dev_share * len(stratum))) if len(stratum) >= len(SPLITS) else 0
        n_test = max(1, round(test_share * len(stratum))) if len(stratum) >= len(SPLITS) else 0
        split_ids["dev"] += stratum[:n_dev]
        split_ids["test"] += stratum[n_dev:n_dev + n_test]
        split_ids["train"] += stratum[n_dev + n_test:]
    return Splits(seed, dev_share, test_share, *(tuple(sorted(split_ids[s])) for s in SPLITS))


def read_splits(ann_dir: str | Path) -> Splits:
    return Splits.from_dict(_read_json(Path(ann_dir) / SPLITS_FILE))


def manifest(docs: Sequence[GoldDocument], splits: Splits, folds: Folds) -> dict[str, Any]:
    return {
        "format": "Label Studio JSON export, one task per file; see README.md",
        "documents": [
            {"id": d.id, "file": f"{TASKS_SUBDIR}/{d.id}.json", "split": splits.split_of(d.id),
             "fold": folds.fold_of(d.id), "site": site_of(d), "form": d.form, "year": d.year, "agency": d.agency, "source": d.source,
             "n_chars": len(d.text), "n_mentions": len(d.mentions), "n_implicit": len(d.implicit),
             "text_sha256": hashlib.sha256(d.text.encode("utf-8")).hexdigest()}
            for d in docs
        ],
    }


def write_corpus(docs: Sequence[GoldDocument], taxonomy: Taxonomy, ann_dir: str | Path,
                 splits: Splits | None = None) -> Splits:
    """Write every task file, then the splits and folds (kept if given or already on disk) and the manifest.

    Documents new since the splits were drawn go to train, logged, so that
    existing dev/test documents never move; likewise recorded folds keep their
    documents and new ones join the fold of their site (see
    :func:`~gikp_nlp.annotations.folds.extend_folds`); with no folds on disk
    they are drawn over every task file. The manifest lists every task file in
    ``ann_dir``, read back through the converter.
    """
    ann_dir = Path(ann_dir)
    for doc in docs:
        write_task(doc, ann_dir)
    if splits is None and (ann_dir / SPLITS_FILE).is_file():
        splits = read_splits(ann_dir)
    if splits is None:
        splits = make_splits(docs)
    known = set(splits.train) | set(splits.dev) | set(splits.test)
    new = sorted(d.id for d in docs if d.id not in known)
    if new:
        logger.info("documents not in the recorded splits go to train: %s", ", ".join(new))
        splits = Splits(splits.seed, splits.dev_share, splits.test_share,
                        tuple(sorted((*splits.train, *new))), splits.dev, splits.test)
    _json_dump(splits.to_dict(), ann_dir / SPLITS_FILE)
    on_disk = load_documents(taxonomy, ann_dir)  # reads back (and so checks) every task file
    folds = (extend_folds(read_fold_file(ann_dir), on_disk) if (ann_dir / FOLDS_FILE).is_file()
             else make_folds(on_disk))
    _json_dump(folds.to_dict(), ann_dir / FOLDS_FILE)
    _json_dump(manifest(on_disk, splits, folds), ann_dir / MANIFEST_FILE)
    return splits


def load_split(split: str, ann_dir: str | Path, taxonomy: Taxonomy | None = None) -> list[GoldDocument]:
    """The gold documents of ``train``, ``dev`` or ``test`` (checked on load).

    >>> train = load_split("train", "annotations")         # doctest: +SKIP
    """
    if taxonomy is None:
        from gikp_nlp.schema import get_taxonomy

        taxonomy = get_taxonomy()
    return load_documents(taxonomy, ann_dir, read_splits(ann_dir).of(split))


# -- stats ------------------------------------------------------------------------
def stats(taxonomy: Taxonomy, ann_dir: str | Path) -> dict[str, Any]:
    """Per split and per CV fold (``fold-0`` …, when folds are recorded): documents, mentions,
    implicit zeros, and counts per indicator id (mentions + implicit)."""
    splits = read_splits(ann_dir)
    groups: dict[str, Sequence[str]] = {split: splits.of(split) for split in SPLITS}
    if (Path(ann_dir) / FOLDS_FILE).is_file():
        groups.update({f"{FOLD_PREFIX}{i}": ids for i, ids in enumerate(read_fold_file(ann_dir).folds)})
    out: dict[str, Any] = {}
    for split, ids in groups.items():
        docs = load_documents(taxonomy, ann_dir, ids)
        labels: Counter[str] = Counter()
        for d in docs:
            labels.update(m.indicator for m in d.mentions)
            labels.update(z.indicator for z in d.implicit)
        out[split] = {
            "documents": len(docs),
            "table_documents": sum(d.has_table for d in docs),
            "mentions": sum(len(d.mentions) for d in docs),
            "implicit": sum(len(d.implicit) for d in docs),
            "labels": dict(sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))),
        }
    return out


def format_stats(data: Mapping[str, Any], taxonomy: Taxonomy) -> str:
    """A plain-text table: one row per indicator with a count in any split."""
    lines = ["split   docs  table  mentions  implicit"]
    for split, s in data.items():
        lines.append(f"{split:<7} {s['documents']:>4}  {s['table_documents']:>5}  {s['mentions']:>8}  {s['implicit']:>8}")
    lines.append("")
    lines.append(f"{'indicator':<44} " + " ".join(f"{s:>6}" for s in SPLITS))
    for ind in taxonomy.ids:
        counts = [data[s]["labels"].get(ind, 0) for s in SPLITS]
        if any(counts):
            lines.append(f"{ind:<44} " + " ".join(f"{c:>6}" for c in counts))
    return "\n".join(lines)
