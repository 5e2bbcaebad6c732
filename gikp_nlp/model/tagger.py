"""``NerTagger``: the trained char-level tagger behind ``narrative.engine = "model"``.

A ``BertForTokenClassification`` built from scratch over a character vocabulary
(one character = one token, so offsets are the identity), BIO over indicator ids
(labels = ``Taxonomy.bio_labels()``), sliding windows stitched by averaging.
It only predicts: every number :mod:`gikp_nlp.numbers` reads becomes a
:class:`~gikp_nlp.candidates.Candidate` with the indicators it may state; the
relation step (:mod:`gikp_nlp.narrative.relate`, joined by the pipeline) makes
mentions of them.
"""
from __future__ import annotations

import json
import logging
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import numpy as np

from gikp_nlp.candidates import Candidate
from gikp_nlp.config import NarrativeConfig, load_config
from gikp_nlp.errors import ModelLoadError
from gikp_nlp.lexicon import FoldedText
from gikp_nlp.model.bio import tags_to_spans
from gikp_nlp.model.context import context_ids, context_size
from gikp_nlp.model.vocab import CharVocab
from gikp_nlp.model.windows import RowStitcher, line_windows, padded_groups
from gikp_nlp.numbers import NumberSpan, find_numbers
from gikp_nlp.schema import Taxonomy, get_taxonomy

logger = logging.getLogger(__name__)

META_FILE = "meta.json"
ENCODER_KIND = "gikp-encoder"  # meta.json's "kind" of a `gikp pretrain` output (training/pretrain.py)
CARD_FILE = "README.md"


def build_model(n_labels: int, vocab_size: int, model_cfg: dict[str, Any], labels: list[str]) -> Any:
    """A freshly initialised BertForTokenClassification (no download, ever)."""
    from transformers import BertConfig, BertForTokenClassification

    config = BertConfig(
        vocab_size=vocab_size,
        hidden_size=model_cfg["hidden_size"],
        num_hidden_layers=model_cfg["num_layers"],
        num_attention_heads=model_cfg["num_heads"],
        intermediate_size=model_cfg["intermediate_size"],
        hidden_dropout_prob=model_cfg["dropout"],
        attention_probs_dropout_prob=model_cfg["attention_dropout"],
        max_position_embeddings=model_cfg["max_position"],
        # the document context (section class × form era, model/context.py) as token types, or none
        type_vocab_size=context_size() if model_cfg.get("context") else 1,
        pad_token_id=0,
        num_labels=n_labels,
        id2label=dict(enumerate(labels)),
        label2id={label: i for i, label in enumerate(labels)},
    )
    return BertForTokenClassification(config)


class NerTagger:
    """Predict, for the numbers of narrative text, the indicator ids they may state."""

    def __init__(self, model: Any, vocab: CharVocab, taxonomy: Taxonomy, config: NarrativeConfig,
                 meta: dict[str, Any] | None = None) -> None:
        labels = [model.config.id2label[i] for i in range(model.config.num_labels)]
        if labels != taxonomy.bio_labels():
            raise ModelLoadError("the model's labels differ from the taxonomy's BIO labels",
                                 hint="retrain the model for this taxonomy (`gikp train`)")
        positions = model.config.max_position_embeddings
        if config.window > positions:  # keep the overlap share, fit the model's positions
            stride = max(1, config.stride * positions // config.window)
            logger.info("narrative.window %d > model positions %d: using window %d, stride %d",
                        config.window, positions, positions, stride)
            config = replace(config, window=positions, stride=stride)
        types = model.config.type_vocab_size
        if types not in (1, context_size()):
            raise ModelLoadError(f"the model reads {types} context ids, the lexicon's sections make {context_size()}",
                                 hint="the lexicon's section_classes changed since training: retrain the model")
        #: the model reads each character's document context (model/context.py) as its token type
        self.reads_context = types > 1
        self._context: tuple[Any, np.ndarray] | None = None  # (the view, its context ids): one per document
        self.model = model.eval()
        self.vocab = vocab
        self.taxonomy = taxonomy
        self.config = config
        self.labels = labels
        self.meta = dict(meta or {})

    # -- load / save ------------------------------------------------------------
    @classmethod
    def from_pretrained(cls, path: str | Path, taxonomy: Taxonomy | None = None,
                        config: NarrativeConfig | None = None) -> "NerTagger":
        """Load a directory written by :meth:`save_pretrained` (local files only)."""
        from transformers import BertForTokenClassification

        path = Path(path)
        taxonomy = taxonomy or get_taxonomy()
        config = config or load_config().narrative
        if not (path / "config.json").is_file():
            raise ModelLoadError(f"no config.json in {path}", hint="pass a directory written by `gikp train`")
        if not (path / "model.safetensors").is_file():
            raise ModelLoadError(f"no model.safetensors in {path}",
                                 hint="models are stored as safetensors only: retrain or copy the whole directory")
        meta = {}
        if (path / META_FILE).is_file():
            meta = json.loads((path / META_FILE).read_text(encoding="utf-8"))
            if meta.get("kind") == ENCODER_KIND:
                raise ModelLoadError(f"{path} is a pretrained encoder (gikp pretrain), not a tagger",
                                     hint="train a tagger from it: gikp train --config ... --set model.encoder=<dir>")
            if meta.get("taxonomy_sha256") not in (None, taxonomy.sha256):
                logger.warning("model %s was trained on another taxonomy version (labels still match)", path)
        vocab = CharVocab.load(path)
        from transformers.utils import logging as hf_logging

        bar_was_on = hf_logging.is_progress_bar_enabled()
        hf_logging.disable_progress_bar()  # a library load must not draw a progress bar on the CLI's stderr
        try:
            model = BertForTokenClassification.from_pretrained(path, local_files_only=True, use_safetensors=True)
        except (OSError, ValueError, RuntimeError) as exc:
            raise ModelLoadError(f"cannot load the model in {path}: {exc}",
                                 hint="retrain with `gikp train` or restore the directory") from None
        finally:
            if bar_was_on:
                hf_logging.enable_progress_bar()
        if model.config.vocab_size != len(vocab):
            raise ModelLoadError(f"vocab.json has {len(vocab)} entries, the model {model.config.vocab_size}",
                                 hint="the directory mixes files of two models: retrain or copy it whole")
        return cls(model, vocab, taxonomy, config, meta)

    def save_pretrained(self, directory: str | Path, card: str | None = None) -> Path:
        """config.json + model.safetensors + vocab.json + meta.json (+ README.md card)."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        self.model.save_pretrained(directory, safe_serialization=True)
        self.vocab.save(directory)
        meta = {**self.meta, "taxonomy_sha256": self.taxonomy.sha256, "labels": len(self.labels),
                "narrative_config": asdict(self.config)}
        (directory / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
        if card is not None:
            (directory / CARD_FILE).write_text(card, encoding="utf-8")
        return directory

    # -- inference ----------------------------------------------------------------
    def predict_probs(self, text: str, view: FoldedText | None = None) -> np.ndarray:
        """(len(text), n_labels) label probabilities, windows stitched: every row of
        :meth:`probs_at` (for callers that want the whole matrix; extraction does not)."""
        return self.probs_at(text, np.arange(len(text)), view)

    def probs_at(self, text: str, positions: np.ndarray, view: FoldedText | None = None,
                 within: tuple[int, int] | None = None) -> np.ndarray:
        """(len(positions), n_labels) label probabilities at the sorted, distinct
        offsets ``positions`` of ``text``, windows stitched; memory is bounded by
        the window, the batch and ``len(positions)``, not by ``len(text)``.

        The model reads the folded view of the text (:func:`model_view`: no
        spaces inside lines, no pinyin ruby, one script; ``view``: that view of
        ``text`` when the caller has it); characters the view drops get
        probability 1 for ``O``, so offsets stay those of ``text``. ``within``:
        the ``[start, end)`` of ``text`` the windows stay in (a narrative span:
        the model does not read across the tables around it).
        """
        view = FoldedText.build(text) if view is None else view
        positions = np.asarray(positions, dtype=np.int64)
        flo, fhi = (0, len(view.folded)) if within is None else view.locate(*within)
        out = np.zeros((len(positions), len(self.labels)), dtype=np.float32)
        out[:, 0] = 1.0
        index = view.index
        if fhi > flo and len(positions):
            fpos = np.searchsorted(index, positions)
            kept = index[np.minimum(fpos, len(index) - 1)] == positions
            out[kept] = self._window_probs(view.folded, fpos[kept], flo, fhi, self._context_of(view))
        return out

    def _context_of(self, view: FoldedText) -> np.ndarray | None:
        """The context ids of ``view``'s folded text (None when the model reads none), computed once per
        document: the blocks of one document's numbers reuse them."""
        if not self.reads_context:
            return None
        cached = self._context  # one read: another thread may replace it meanwhile
        if cached is None or cached[0] is not view:
            from gikp_nlp.lexicon import form_era

            cached = (view, context_ids(view.folded, form_era(view.original)))
            self._context = cached
        return cached[1]

    def _window_probs(self, text: str, rows: np.ndarray, lo: int = 0, hi: int | None = None,
                      context: np.ndarray | None = None) -> np.ndarray:
        """Stitched probabilities at the sorted folded offsets ``rows`` of
        ``text[lo:hi]``: each row's line is read in windows placed by the text
        around it (:func:`~gikp_nlp.model.windows.line_windows`, so the labels do
        not depend on where the line lies), run in batches; each keeps only the
        rows of its line (:class:`~gikp_nlp.model.windows.RowStitcher`)."""
        import torch

        lines: dict[tuple[int, int], list[tuple[int, int]]] = {}  # window → the lines it is read for
        for start, width, line_start, line_end in line_windows(text, rows, self.config.window,
                                                               self.config.stride, lo, hi):
            lines.setdefault((start, width), []).append((line_start, line_end))
        stitcher = RowStitcher(rows, len(self.labels))
        for width, group in padded_groups(list(lines), self.config.window):
            for b in range(0, len(group), self.config.batch_size):
                batch = group[b : b + self.config.batch_size]
                input_ids = torch.zeros((len(batch), width), dtype=torch.long)
                mask = torch.zeros((len(batch), width), dtype=torch.long)
                types = torch.zeros((len(batch), width), dtype=torch.long)
                for row, (s, w) in enumerate(batch):
                    input_ids[row, :w] = torch.tensor(self.vocab.encode(text[s : s + w]))
                    mask[row, :w] = 1
                    if context is not None:
                        types[row, :w] = torch.from_numpy(context[s : s + w].astype(np.int64))
                with torch.inference_mode():
                    logits = self.model(input_ids=input_ids, attention_mask=mask, token_type_ids=types).logits
                probs = torch.softmax(logits.float(), dim=-1).numpy()
                for row, (s, w) in enumerate(batch):
                    for keep in lines[(s, w)]:
                        stitcher.add(s, probs[row, :w], keep)
        return stitcher.result()

    def tag_spans(self, text: str) -> list[tuple[int, int, str, float]]:
        """Raw decoded spans (start, end, indicator, confidence) before snapping to numbers."""
        probs = self.predict_probs(text)
        best = probs.argmax(axis=1)
        tags = [self.labels[i] for i in best]
        out = []
        for start, end, label in tags_to_spans(tags):
            conf = float(np.mean(probs[np.arange(start, end), best[start:end]]))
            out.append((start, end, label, conf))
        return out

    def candidates(self, text: str, spans: list[tuple[int, int]] | None = None, *,
                   folded: FoldedText | None = None) -> list[Candidate]:
        """Every number in ``text[s:e]`` for each span that the model reads as a
        mention, with the indicators it may state (offsets into ``text``).

        ``folded``: the whole document's folded view, when the caller built it
        (each span's view is cut from it, not folded again)."""
        spans = [(0, len(text))] if spans is None else spans
        out: list[Candidate] = []
        for lo, hi in spans:
            if hi <= lo:
                continue
            chunk = text[lo:hi]
            # every number the text writes is a candidate span (the guidelines'
            # span is the number); the model's per-character probabilities say
            # whether, and as which indicator, it is a mention: only the rows of
            # the numbers are kept, so memory does not grow with the text
            numbers = find_numbers(chunk)
            options: list[list[tuple[str, float]]] = [[] for _ in numbers]
            for block in number_blocks(numbers, self.config.batch_size * self.config.window):
                positions = np.unique(np.concatenate([np.arange(numbers[i].start, numbers[i].end) for i in block]))
                if folded is None:
                    probs = self.probs_at(chunk, positions)
                else:  # the document's view, read inside the span: no copy of it
                    probs = self.probs_at(text, positions + lo, folded, within=(lo, hi))
                for i in block:
                    first = int(np.searchsorted(positions, numbers[i].start))
                    options[i] = self._candidates(probs[first:first + numbers[i].end - numbers[i].start])
            for number, opts in zip(numbers, options):
                if opts:
                    out.append(Candidate(replace(number, start=lo + number.start, end=lo + number.end), tuple(opts)))
        return out

    def _candidates(self, probs: np.ndarray) -> list[tuple[str, float]]:
        """The indicators a number may be tagged with, most probable first: none
        when it is no mention (:meth:`_classify`); else the most probable one, then
        those reaching ``narrative.min_alternative``, for when the clause does not
        name the first (a count the model places between two neighbours, such as
        政务微信 read as 政务新媒体, keeps the one its words name)."""
        best, conf = self._classify(probs, self.config.min_confidence)
        if best is None:
            return []
        by_type = probs.mean(axis=0)
        by_type = by_type[1::2] + by_type[2::2]
        order = np.argsort(-by_type, kind="stable")
        others = [(self.labels[1 + 2 * int(i)][2:], float(by_type[i])) for i in order
                  if by_type[i] >= self.config.min_alternative]
        return [(best, conf), *[(ind, p) for ind, p in others if ind != best]]

    def _classify(self, probs: np.ndarray, min_mention: float) -> tuple[str | None, float]:
        """The indicator of a number span and its confidence: per-character
        probability of each indicator (B-x + I-x: where the span starts is fixed by
        the number, not by the model), averaged over the span's characters.

        Whether the number is a mention at all: ``1 - P(O)`` beats ``P(O)`` and
        reaches ``min_mention``. Which indicator: the most probable one, so a
        count the model is sure of but torn between two neighbours (total vs.
        website) is not dropped."""
        mean = probs.mean(axis=0)
        if 1.0 - mean[0] <= mean[0] or 1.0 - mean[0] < min_mention:
            return None, float(mean[0])
        by_type = mean[1::2] + mean[2::2]  # labels: O, then B-/I- per indicator in taxonomy order
        best = int(by_type.argmax())
        return self.labels[1 + 2 * best][2:], float(by_type[best])


def number_blocks(numbers: list[NumberSpan], limit: int) -> list[list[int]]:
    """Indices of ``numbers`` in text order, cut into blocks of about ``limit``
    characters (the tagger: one batch of full windows, ``batch_size * window``):
    a block's (characters, labels) probabilities are all that a long text holds
    at once. Windows are laid per line, so a block reads each line as the whole
    text would."""
    blocks: list[list[int]] = []
    rows = limit
    for i in sorted(range(len(numbers)), key=lambda i: (numbers[i].start, numbers[i].end)):
        if rows >= limit:
            blocks.append([])
            rows = 0
        blocks[-1].append(i)
        rows += numbers[i].end - numbers[i].start
    return blocks


def model_view(text: str) -> tuple[str, np.ndarray]:
    """What the model reads: the lexicon's folded view of ``text``
    (:class:`gikp_nlp.lexicon.FoldedText`) and, per folded character, the index
    of the original character; training and inference use the same view."""
    view = FoldedText.build(text)
    return view.folded, view.index
