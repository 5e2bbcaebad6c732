"""``NerTagger``: the trained char-level tagger behind ``narrative.engine = "model"``.

A ``BertForTokenClassification`` built from scratch over a character vocabulary
(one character = one token, so offsets are the identity), BIO over indicator ids
(labels = ``Taxonomy.bio_labels()``), sliding windows stitched by averaging,
spans snapped to the numbers :mod:`gikp_nlp.numbers` reads.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import numpy as np

from gikp_nlp.config import NarrativeConfig, load_config
from gikp_nlp.errors import ModelLoadError
from gikp_nlp.model.bio import tags_to_spans
from gikp_nlp.model.context import applicant_cue, find_evidence, is_list_marker, is_percentage, read_unit
from gikp_nlp.model.cues import APPLICANT_INDICATORS
from gikp_nlp.model.vocab import CharVocab
from gikp_nlp.model.windows import stitch, window_starts
from gikp_nlp.numbers import NumberSpan, find_numbers
from gikp_nlp.report import Mention
from gikp_nlp.schema import Taxonomy, get_taxonomy

logger = logging.getLogger(__name__)

META_FILE = "meta.json"
CARD_FILE = "README.md"
#: a narrative breakdown by applicant (``其中公民申请8件``) follows its total
#: within this many characters; further away an applicant word names the whole count.
BREAKDOWN_REACH = 300
#: a model mention must have evidence (words naming its indicator in the clause):
#: the relation step doubles as a precision filter against from-scratch guesses
REQUIRE_EVIDENCE = True
#: 元 printed where the indicator counts 万元
YUAN_PER_WAN = 10_000


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
        type_vocab_size=1,
        pad_token_id=0,
        num_labels=n_labels,
        id2label=dict(enumerate(labels)),
        label2id={label: i for i, label in enumerate(labels)},
    )
    return BertForTokenClassification(config)


class NerTagger:
    """Tag the numbers of narrative text with indicator ids."""

    engine = "model"

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
        meta = {}
        if (path / META_FILE).is_file():
            meta = json.loads((path / META_FILE).read_text(encoding="utf-8"))
            if meta.get("taxonomy_sha256") not in (None, taxonomy.sha256):
                logger.warning("model %s was trained on another taxonomy version (labels still match)", path)
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
    def predict_probs(self, text: str) -> np.ndarray:
        """(len(text), n_labels) label probabilities, windows stitched.

        The model reads the folded view of the text (:func:`model_view`: no
        spaces inside lines, no pinyin ruby, one script); characters the view
        drops get probability 1 for ``O``, so offsets stay those of ``text``.
        """
        folded, index = model_view(text)
        out = np.zeros((len(text), len(self.labels)), dtype=np.float32)
        out[:, 0] = 1.0
        if folded:
            out[np.asarray(index)] = self._window_probs(folded)
        return out

    def _window_probs(self, text: str) -> np.ndarray:
        import torch

        window, stride = self.config.window, self.config.stride
        starts = window_starts(len(text), window, stride)
        ids = self.vocab.encode(text)
        outputs: list[np.ndarray] = []
        for b in range(0, len(starts), self.config.batch_size):
            batch = starts[b : b + self.config.batch_size]
            width = max(min(window, len(text) - s) for s in batch)
            input_ids = torch.zeros((len(batch), width), dtype=torch.long)
            mask = torch.zeros((len(batch), width), dtype=torch.long)
            for row, s in enumerate(batch):
                chunk = ids[s : s + window]
                input_ids[row, : len(chunk)] = torch.tensor(chunk)
                mask[row, : len(chunk)] = 1
            with torch.inference_mode():
                logits = self.model(input_ids=input_ids, attention_mask=mask).logits
            probs = torch.softmax(logits.float(), dim=-1).numpy()
            for row, s in enumerate(batch):
                outputs.append(probs[row, : min(window, len(text) - s)])
        return stitch(len(text), starts, outputs)

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

    def tag(self, text: str, spans: list[tuple[int, int]] | None = None) -> list[Mention]:
        """Mentions (``source="model"``) for the numbers in ``text[s:e]`` for each span."""
        spans = [(0, len(text))] if spans is None else spans
        era_id = era_chooser(text, self.taxonomy)
        mentions: list[Mention] = []
        for lo, hi in spans:
            if hi <= lo:
                continue
            chunk = text[lo:hi]
            numbers = find_numbers(chunk)
            probs = self.predict_probs(chunk)
            # every number the text writes is a candidate span (the guidelines'
            # span is the number); the model's per-character probabilities say
            # whether, and as which indicator, it is a mention
            for number in numbers:
                for indicator, conf in self._candidates(probs[number.start:number.end]):
                    # the relation step: the first candidate whose name the clause holds
                    mention = build_mention(text, lo, number, era_id(indicator), conf, self.taxonomy, self.config)
                    if mention is not None:
                        mentions.append(mention)
                        break
        return assign_applicants(text, _dedupe(mentions), self.config.max_label_distance, self.taxonomy)

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


def model_view(text: str) -> tuple[str, tuple[int, ...]]:
    """What the model reads: the folded text the rules match on
    (:class:`gikp_nlp.narrative.text.FoldedText`) and, per folded character, the
    index of the original character; training and inference use the same view."""
    from gikp_nlp.narrative.text import FoldedText

    folded = FoldedText.build(text)
    return folded.folded, folded.index


def era_chooser(text: str, taxonomy: Taxonomy) -> Callable[[str], str]:
    """``id -> id`` for this report: an id whose concept the other form era
    prints under its own id (:func:`gikp_nlp.narrative.cues.era_pairs`) becomes
    the id of the report's era. A window of 128 characters cannot see the year;
    the whole report can (its most frequent 20xx年, as the rules read it)."""
    from gikp_nlp.narrative.cues import era_pairs
    from gikp_nlp.narrative.text import report_year

    twins, new_from = era_pairs()
    year = report_year(text)
    if year is None:
        return lambda indicator: indicator
    era = "t2008" if year < new_from else "t2019"

    def choose(indicator: str) -> str:
        twin = twins.get(indicator)
        return twin if twin is not None and era_form(taxonomy[indicator].forms) != era else indicator

    return choose


def era_form(forms: tuple[str, ...]) -> str:
    """``t2008`` for a 2008-form id, ``t2019`` for an id of the 2019/2021 forms."""
    return "t2008" if "t2008" in forms else "t2019"


def assign_applicants(text: str, mentions: list[Mention], max_distance: int, taxonomy: Taxonomy) -> list[Mention]:
    """Applicant by rule: an applicant word in the clause makes a *breakdown*
    mention (one that follows a total of the same indicator) carry that applicant;
    alone, the count is the whole total (guidelines: ``共受理公民申请4件`` → total)."""
    out: list[Mention] = []
    for m in mentions:
        if m.indicator in APPLICANT_INDICATORS:
            cue = applicant_cue(text, m.start, max_distance, taxonomy)
            has_total = any(p.indicator == m.indicator and p.applicant == "total"
                            and 0 < m.start - p.end <= BREAKDOWN_REACH for p in out)
            if cue and has_total:
                m = replace(m, applicant=cue)
        out.append(m)
    return out


def build_mention(text: str, offset: int, number: NumberSpan, indicator: str, conf: float,
                  taxonomy: Taxonomy, config: NarrativeConfig) -> Mention | None:
    """A model mention for ``number`` (offsets relative to ``offset``), or None when
    the context rules reject it: a Chinese numeral without a unit (五公开, 一是),
    a percentage (guidelines: rates are never counts), the number of a list item (1、), or no words naming the
    indicator in the clause (``REQUIRE_EVIDENCE``)."""
    start, end = offset + number.start, offset + number.end
    if is_percentage(text, end) or is_list_marker(text, start, end):
        return None
    unit = read_unit(text, end)
    if number.chinese and unit is None:
        return None
    evidence = find_evidence(text, start, end, indicator, taxonomy, config.max_label_distance)
    if evidence is None and REQUIRE_EVIDENCE:
        logger.debug("dropped %s=%s at %d: no words name it in its clause", indicator, number.text, start)
        return None
    value = number.value
    if taxonomy[indicator].unit == "万元" and unit == "元":
        value = round(value / YUAN_PER_WAN, 6)
    return Mention(
        start=start, end=end, text=text[start:end], indicator=indicator, value=value,
        source="model", confidence=round(conf, 4), approx=number.approx,
        evidence=evidence, evidence_text=text[evidence[0]:evidence[1]] if evidence else None, unit=unit,
    )


def _snap(numbers: list[NumberSpan], start: int, end: int) -> NumberSpan | None:
    """The number the predicted span overlaps most (None: the span is not on a number)."""
    best, best_overlap = None, 0
    for n in numbers:
        overlap = min(end, n.end) - max(start, n.start)
        if overlap > best_overlap:
            best, best_overlap = n, overlap
    return best


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    """One mention per number span: the most confident prediction."""
    by_span: dict[tuple[int, int], Mention] = {}
    for m in mentions:
        kept = by_span.get((m.start, m.end))
        if kept is None or m.confidence > kept.confidence:
            by_span[(m.start, m.end)] = m
    return sorted(by_span.values(), key=lambda m: (m.start, m.end))
