"""The model card (README.md beside the weights), written from meta.json."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

_CARD = """# {name}

A from-scratch character-level transformer tagger (`BertForTokenClassification`,
{layers} layers, hidden {hidden}, {params:,} parameters) for the numbers in the narrative
of Chinese government information-disclosure annual reports. Part of gikp-nlp;
load with `NerTagger.from_pretrained(<this dir>)`, or in the pipeline with
`gikp_nlp.load(narrative__model="<this dir>")` (a packaged model by its name,
e.g. `"{name}"`, any other by its path): engine `hybrid` (the default `auto`
when the model is found) runs this model and lets the rules tag only the
numbers it leaves; engine `model` runs it alone.

Retrain: `gikp train --config configs/<config>.toml --output <dir>` (needs
`gikp-nlp[train]`; seeds fixed; the step budget `train.max_steps` ends the run,
`train.max_minutes` is a safety stop; real data from `--gold <annotations dir>`).
Measure a recipe by cross-validation over every gold document, never on a split:
`bash training/train_recipe.sh configs/<config>.toml <dir>` trains its fold models
(`<dir>/fold-K`, each without fold K) and its all-gold model (`<dir>/all`) in parallel,
then `gikp evaluate --cv 5 --fold-models <dir>` scores the folds and
`gikp combiner --model <dir>/all --fold-models <dir> --cv <cv.json>` fits the hybrid's
combiner on the fold models' out-of-fold proposals (see training/README.md).
{pretraining}

## What it does
- One character = one token (vocab.json; full-width digits share the ASCII
  embeddings, traditional characters the simplified ones via OpenCC's character
  table; unseen characters → [UNK]). No word segmentation (spacy-pkuseg has no
  model offline). The model reads the text as the rules fold it (no spaces
  inside lines, no pinyin ruby such as 主動(dòng)); every folded character keeps
  the index of its original, so offsets are into the caller's text.
- Form era: ids that name one concept on two forms (主动公开规范性文件数 on the
  2008 form, 规范性文件 本年新公开数量 on the 2019 form) are chosen by the
  report's year (its most frequent 20xx年), which a 128-character window cannot see.
- Labels: BIO over the {n_ids} indicator ids of indicators.yaml (`config.json` id2label
  equals `Taxonomy.bio_labels()`, checked at load).
- Long texts: windows of {window} characters every {stride}, probabilities averaged,
  decoded once (a span crossing a window boundary comes out once).
- Decoding: the BIO tags decode explicitly to spans (`tags_to_spans`, used for the
  seqeval scores); for the mentions, every number `gikp_nlp.numbers` reads is a
  candidate span (the guidelines' span is the number), labelled with the
  indicator whose B+I probability, averaged over the number's characters, is
  highest; confidence = that probability. Kept when its mention probability
  (1 - P(O)) reaches `narrative.min_confidence`, when it is not a percentage nor the number of a list item (1、), when a Chinese numeral has a unit after it (not
  五公开, 一是), and when evidence is found (below). Values: 余/多 approx, 元 → 万元
  for money indicators.
- **Applicant**: a rule, not a head. Applicant types appear in narrative only as
  breakdowns (`其中公民申请8件`), a handful of times in the whole gold corpus, too
  few to learn; 126 ids × 8 applicants as label suffixes would multiply the label
  set for nothing. The rule reads the applicant word in the clause and applies it
  only to a count that follows a total of the same indicator (guidelines:
  `共受理公民申请4件` is the total).
- **Evidence**: the taxonomy label/alias or cue word (gikp_nlp/lexicon/data/indicators.yaml) for
  the predicted indicator nearest to the number in its clause. There are no
  relation annotations to learn from, and these names are what a reviewer checks.
  When the clause does not name the most probable indicator, the next most
  probable ones whose probability reaches `narrative.min_alternative` are tried
  in order, and the first the clause names is taken (政务微信 read as 政务新媒体
  keeps 政务微信's id); if none is named, the number is dropped (`REQUIRE_EVIDENCE`).
  Dropping alone raised dev narrative record precision from 0.47 to 0.75 at
  equal recall on the first model of the project; the alternatives
  (min_alternative 0.02, chosen on dev) are measured in the table below.
- Implicit zeros (未收到申请…) stay with the rules (gikp_nlp/narrative).
{context}
{finetune}## Training data
- Synthetic: {synthetic_docs} reports from gikp_nlp/training/synth (seed {synthetic_seed}), sha256 {synthetic_sha}.
- Real: {real_what}.
- Config: {config_sha} (see meta.json for every hyper-parameter). Training arithmetic
  in {precision} (weights saved as float32); the saved weights are an exponential
  moving average of the training steps' weights (decay {ema_decay}; 0 = none).

## Training run
{training}

## Metrics written at training time (the tagger alone over whole dev texts, table cells included; the pipeline figures are below)
{metrics}

## Measured here
{measured}
{combiner}
## Limits
- Trained mostly on synthetic phrasings: real wording outside them (new channels,
  agency-specific categories) is where it errs; check `confidence` and `evidence`.
- Values of other years and differences are meant to stay untagged; a number
  whose clause names an indicator but states another year's value may still be tagged.
"""


def render_card(meta: dict[str, Any], directory: Path | None = None) -> str:
    cfg = meta.get("config", {})
    data = meta.get("data", {})
    narrative = meta.get("narrative_config", {})
    metrics = meta.get("metrics")
    return _CARD.format(
        name=meta.get("name", "model"),
        layers=cfg.get("model", {}).get("num_layers"), hidden=cfg.get("model", {}).get("hidden_size"),
        params=meta.get("parameters", 0), n_ids=(meta.get("labels", 1) - 1) // 2,
        window=narrative.get("window", cfg.get("data", {}).get("window")),
        stride=narrative.get("stride", cfg.get("data", {}).get("stride")),
        synthetic_docs=data.get("synthetic_docs"), synthetic_seed=data.get("synthetic_seed"),
        synthetic_sha=str(data.get("synthetic_sha256", ""))[:12],
        config_sha=str(meta.get("config_sha256", ""))[:12],
        precision=cfg.get("train", {}).get("precision", "fp32"), ema_decay=cfg.get("train", {}).get("ema_decay", 0.0),
        training="```json\n" + json.dumps(meta.get("training", {}), indent=1) + "\n```",
        metrics="```json\n" + json.dumps(metrics, indent=1) + "\n```" if metrics else "not measured",
        measured=_measured(meta.get("measured") or {}),
        combiner=_combiner(directory),
        finetune=_finetune(meta),
        real_what=_real(meta),
        context=_context(meta),
        pretraining=_pretraining(meta),
    )


def _pretraining(meta: dict[str, Any]) -> str:
    """Whether the encoder started from a masked-LM pretraining (``model.encoder``), and which."""
    enc = meta.get("init_encoder")
    if not enc:
        return ("No pretraining: the encoder is trained from scratch with the tagging loss only "
                "(`gikp pretrain` + `model.encoder` start it from a masked-LM encoder instead).")
    held = enc.get("held_out") or {}
    acc = f"; masked-character accuracy {held['accuracy']} on {held['documents']} left-out documents" if held else ""
    return (f"Pretrained: the encoder started from `{enc.get('name')}` (masked LM, {enc.get('steps')} steps on "
            f"generated reports and the text of {len(enc.get('real_docs', []))} gold documents{acc}; weights "
            f"sha256 {str(enc.get('weights_sha256', ''))[:12]}); reproduce it with `gikp pretrain --config "
            "configs/pretrain.toml` (training/README.md).")


def _context(meta: dict[str, Any]) -> str:
    """The document-context bullet, for a model that reads it (``model.context``)."""
    if not meta.get("config", {}).get("model", {}).get("context"):
        return ""
    return ("- **Document context**: besides its window, the model reads each character's section class (the "
            "lexicon's `section_classes` of the nearest numbered heading above: overview, proactive, request, "
            "review/litigation, fees, problems, other) and the report's form era, as BERT token types "
            "(gikp_nlp/model/context.py): a count's indicator often depends on a heading far above its window.\n")


def _real(meta: dict[str, Any]) -> str:
    """What the real training documents were: the gold train split, or a fine-tune's new documents."""
    ids = meta.get("data", {}).get("real_train_docs", [])
    listed = f"{len(ids)} documents: {', '.join(ids) or 'none'}"
    if meta.get("init_from"):
        return f"the new annotated documents of the fine-tune ({listed})"
    if meta.get("config", {}).get("data", {}).get("real_split") == "all":
        return (f"**every** shared gold document ({len(ids)}, ids in meta.json; sha256 "
                f"{str(meta.get('data', {}).get('real_sha256', ''))[:12]}): nothing is held out, the recipe is measured "
                "by the cross-validation of its fold models (below)")
    return f"the gold **train** split only ({listed}); dev/test never seen"


def _finetune(meta: dict[str, Any]) -> str:
    """The fine-tune section: the starting model, the new documents and the held-out scores before/after."""
    start = meta.get("init_from")
    if not start:
        return ""
    training = meta.get("training", {})
    lines = ["## Fine-tuned",
             f"Started from `{start.get('name')}` ({start.get('path')}, weights sha256 "
             f"{str(start.get('weights_sha256', ''))[:12]}): its vocab ({start.get('vocab_size')} characters, kept "
             "as is: new characters read as [UNK]), weights and architecture. The real training data below are "
             f"the new annotated documents; {training.get('steps')} steps in {training.get('train_seconds')} s. "
             "No combiner was fitted for these weights: the hybrid engine runs as the union of the model and "
             "the rules until `gikp combiner --model <this dir>` refits it.", ""]
    heldout = meta.get("heldout")
    if heldout:
        lines += [f"Narrative record scores on {len(heldout.get('documents', []))} held-out documents "
                  f"({', '.join(heldout.get('documents', []))}):", "",
                  "| engine | model | precision | recall | F1 | F1 95% interval |", "|---|---|---|---|---|---|"]
        for engine in heldout.get("before", {}):
            for when in ("before", "after"):
                s = heldout[when][engine]
                low, high = s.get("record_f1_interval95", [None, None])
                lines.append(f"| {s.get('engine')} | {'starting' if when == 'before' else 'fine-tuned'} | "
                             f"{s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {low:.3f}-{high:.3f} |")
        lines.append("")
    return "\n".join(lines) + "\n"


def _combiner(directory: Path | None) -> str:
    """The hybrid's combiner section, when a combiner.json lies beside the weights."""
    from gikp_nlp.training.combiner import combiner_card

    return combiner_card(directory) if directory is not None else ""


def _measured(measured: dict[str, Any]) -> str:
    """The baselines table (rows of benchmarks/baselines.py) in markdown, the rest as JSON."""
    if not measured:
        return "nothing beyond the training run yet"
    rest = {k: v for k, v in measured.items() if k != "baselines"}
    lines = []
    rows = measured.get("baselines") or []
    splits = [s for s in ("dev", "test") if rows and s in rows[0]]
    if rows:
        head = " | ".join(f"{s} mention F1 | {s} record F1 | {s} overall record F1" for s in splits)
        lines += [f"Narrative mention/record F1 and overall record F1 on the real gold splits "
                  f"(`python benchmarks/baselines.py`):", "",
                  f"| system | {head} | reports/s (5 000 chars) | size MB | training s |",
                  "|---" * (4 + 3 * len(splits)) + "|"]
        for r in rows:
            cells = " | ".join(f"{r[s]['narrative_mention_f1']:.2f} | {r[s]['narrative_record_f1']:.2f} | "
                               f"{r[s]['overall_record_f1']:.2f}" for s in splits)
            lines.append(f"| {r['system']} | {cells} | {r['reports_per_s_5000_chars']} | "
                         f"{r.get('size_mb') or '—'} | {r.get('train_seconds') or '—'} |")
        lines.append("")
    if rest:
        lines.append("```json\n" + json.dumps(rest, ensure_ascii=False, indent=1) + "\n```")
    return "\n".join(lines)


def add_measurements(directory: str | Path, measured: dict[str, Any]) -> None:
    """Merge figures measured after training (speed, baselines, gaps) into
    meta.json under ``measured`` and re-render the card."""
    directory = Path(directory)
    meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    meta["measured"] = {**meta.get("measured", {}), **measured}
    (directory / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    (directory / "README.md").write_text(render_card(meta, directory), encoding="utf-8")
