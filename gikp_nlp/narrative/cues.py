"""The rules' view of the lexicon: cue phrases, units and applicant words compiled
with the rule grammar (rules.yaml), checked against the taxonomy.

Rules are data so that a reviewer can read every phrasing the baseline knows;
the words live in the lexicon (gikp_nlp/lexicon/data), the grammar knobs in
rules.yaml. This module only turns them into compiled patterns and refuses a
table that names an id the taxonomy does not have.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from gikp_nlp.errors import TaxonomyError
from gikp_nlp.lexicon import get_lexicon
from gikp_nlp.lexicon.data import read_yaml
from gikp_nlp.schema import Taxonomy


@dataclass(frozen=True, slots=True)
class Cue:
    """One way of naming an indicator.

    ``ids`` are the candidates (one, or several resolved by section context);
    ``old``/``new`` pick by form era when set. ``kind`` is ``name`` (a
    taxonomy label or alias) or ``cue`` (a phrase of the rule table).
    """

    pattern: re.Pattern[str]
    ids: tuple[str, ...]
    kind: str
    old: str | None = None
    new: str | None = None
    requires: re.Pattern[str] | None = None
    requires_before: re.Pattern[str] | None = None
    requires_sentence: bool = False  # look for ``requires`` in the whole sentence, not a window before
    publication: bool = False  # a phrase of the publication entry: its count's unit and channel are checked
    needs_channel: bool = False  # a publication phrase that counts only through a named channel


@dataclass(frozen=True, slots=True)
class Publication:
    """How a count of published information picks proactive.total or one channel
    (guidelines, "One named channel"): the channels named before it decide.

    ``family``: the ids a publication count may take (the total and every
    channel); ``channels``: each channel id and the regex of the words naming
    it; ``several``: words that mean more than one channel (``等平台``,
    ``各类平台``); ``separators``: characters between two channel names that
    make them two channels (``网站和微信``), not one name (``门户网站专栏``);
    ``list_marks``: after a channel name, a list of channels goes on (``政府网站、
    信用信息系统``: several);
    ``combined``: (id, parts) where channels that are all among the parts or
    the id are that one id (``微博、微信`` is new media); ``collective``:
    channels that stay themselves when several of their names are listed
    (``报刊、电视`` are other ways; two websites are the total); ``units``: the
    units of a publication phrase's count. The entry's ``channel_only`` phrases
    (发布文章, a bare 发布信息) count only through a named channel."""

    total: str
    family: frozenset[str]
    channels: tuple[tuple[str, re.Pattern[str]], ...]
    several: re.Pattern[str]
    separators: str
    list_marks: str
    combined: tuple[tuple[str, frozenset[str]], ...]
    collective: frozenset[str]
    units: frozenset[str]


@dataclass(frozen=True)
class RuleTable:
    raw: dict[str, Any]
    pre: tuple[Cue, ...]
    post: tuple[Cue, ...]
    units: dict[str, tuple[str, ...]]
    unit_pattern: re.Pattern[str]
    applicants: tuple[tuple[str, re.Pattern[str]], ...]
    inherit_post: re.Pattern[str]
    contexts: tuple[tuple[str, re.Pattern[str]], ...]
    heading: re.Pattern[str]
    other_year: re.Pattern[str]
    before_reject: re.Pattern[str]
    change_after: re.Pattern[str]
    publication: Publication | None = None

    def ids(self) -> set[str]:
        """Every indicator id the table names (for the taxonomy check)."""
        out: set[str] = set()
        for cue in (*self.pre, *self.post):
            out.update(cue.ids)
            out.update(i for i in (cue.old, cue.new) if i)
        if self.publication is not None:
            out.update(self.publication.family)
        return out


def _name_pattern(name: str) -> str:
    """A taxonomy name as a regex: punctuation optional, the rest literal."""
    parts = []
    for ch in name:
        if unicodedata.category(ch).startswith("P") or ch.isspace():
            parts.append(f"{re.escape(ch)}?")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


def _name_cues(taxonomy: Taxonomy, raw: dict[str, Any]) -> list[Cue]:
    """Labels and aliases of the taxonomy, plus their stems without 数/数量."""
    skip = set(raw["skip_names"])
    min_chars = int(raw["min_name_chars"])
    by_name: dict[str, list[str]] = {}
    for ind in taxonomy.indicators:
        for name in ind.names:
            if " " in name.strip():  # "规章 本年新制作数量": a table row × column, not narrative wording
                continue
            name = unicodedata.normalize("NFKC", name).strip()
            stems = {name}
            for suffix in ("数量", "次数", "件数", "数"):
                if name.endswith(suffix) and len(name) - len(suffix) >= min_chars:
                    stems.add(name[: -len(suffix)])
            for stem in stems:
                if len(stem) >= min_chars and stem not in skip:
                    ids = by_name.setdefault(stem, [])
                    if ind.id not in ids:
                        ids.append(ind.id)
    return [Cue(re.compile(_name_pattern(n)), tuple(ids), "name") for n, ids in sorted(by_name.items())]


def _anchored(pattern: str) -> str:
    """Drop a leading ``^``: post patterns are used with ``match(text, pos)``,
    where ``^`` would only match at the real start of the string."""
    return pattern[1:] if pattern.startswith("^") else pattern


def _compile_cues(raw: dict[str, Any]) -> tuple[list[Cue], list[Cue]]:
    pre: list[Cue] = []
    post: list[Cue] = []
    for entry in raw["cues"]:
        old = new = None
        if "id" in entry:
            ids: tuple[str, ...] = (entry["id"],)
        elif "ids" in entry:
            old, new = entry["ids"]["old"], entry["ids"]["new"]
            ids = (old, new)
        else:
            ids = tuple(entry["any"])
        requires = re.compile(entry["requires"]) if entry.get("requires") else None
        before = re.compile(entry["requires_before"]) if entry.get("requires_before") else None
        sentence = entry.get("requires_scope", "window") == "sentence"
        publication = bool(entry.get("publication"))
        for pattern in entry.get("pre") or ():
            pre.append(Cue(re.compile(pattern), ids, "cue", old, new, requires, None, sentence, publication))
        if publication:
            for pattern in entry["publication"].get("channel_only") or ():
                pre.append(Cue(re.compile(pattern), ids, "cue", old, new, requires, None, sentence, True, True))
        for pattern in entry.get("post") or ():
            post.append(Cue(re.compile(_anchored(pattern)), ids, "post", old, new, requires, before, sentence))
    return pre, post


def _publication(raw: dict[str, Any]) -> Publication | None:
    """The publication entry's channel table (the one cue entry with ``publication``), if any."""
    entries = [e for e in raw["cues"] if e.get("publication")]
    if not entries:
        return None
    if len(entries) > 1 or "id" not in entries[0]:
        raise TaxonomyError("narrative cue table needs at most one publication entry, with one id",
                            hint="merge the publication patterns into one entry of indicators.yaml")
    entry, spec = entries[0], entries[0]["publication"]
    channels = tuple((ind, re.compile(pattern)) for ind, pattern in spec["channels"].items())
    combined = tuple((c["id"], frozenset(c["parts"]) | {c["id"]}) for c in raw["combined"])
    return Publication(entry["id"], frozenset({entry["id"], *spec["channels"]}), channels,
                       re.compile(spec["several"]), spec["separators"], spec["list_marks"],
                       combined,
                       frozenset(spec["collective"]), frozenset(spec["units"]))


def build_table(taxonomy: Taxonomy, raw: dict[str, Any]) -> RuleTable:
    """Compile ``raw`` (the parsed YAML); raise TaxonomyError for an unknown id."""
    try:
        pre, post = _compile_cues(raw)
        publication = _publication(raw)
    except re.error as exc:
        raise TaxonomyError(f"narrative cue table has a bad regex: {exc}",
                            hint="fix the pattern in gikp_nlp/lexicon/data/indicators.yaml") from None
    except KeyError as exc:
        raise TaxonomyError(f"narrative cue table entry lacks {exc}",
                            hint="each cue needs id, ids: {old, new} or any: [...]") from None
    pre = _name_cues(taxonomy, raw) + pre
    units = {u: tuple(v) for u, v in raw["units"].items()}
    unit_alt = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    approx_alt = "|".join(re.escape(w) for w in raw["approx_around_unit"])
    applicant_alt = "|".join(raw["applicants"].values())
    table = RuleTable(
        raw=raw,
        pre=tuple(pre),
        post=tuple(post),
        units=units,
        unit_pattern=re.compile(rf"(?:{approx_alt})?({unit_alt})(?:{approx_alt})?"),
        applicants=tuple((k, re.compile(v)) for k, v in raw["applicants"].items()),
        inherit_post=re.compile(_anchored(raw["inherit_post"]).replace("{applicant}", applicant_alt)),
        contexts=tuple((k, re.compile(v)) for k, v in raw["contexts"].items()),
        heading=re.compile(raw["heading"]),
        other_year=re.compile(raw["other_year"]),
        before_reject=re.compile(raw["before_reject_pattern"]),
        change_after=re.compile(_anchored(raw["change_after"])),
        publication=publication,
    )
    unknown = sorted(i for i in table.ids() if i not in taxonomy)
    if unknown:
        raise TaxonomyError(f"narrative cue table names unknown indicator id(s) {unknown}",
                            hint="use ids from gikp_nlp/schema/indicators.yaml (`gikp labels`)")
    return table


def read_data(name: str) -> dict[str, Any]:
    """A YAML data file shipped in gikp_nlp/narrative (rules.yaml)."""
    return read_yaml("gikp_nlp.narrative", name)


def load_raw() -> dict[str, Any]:
    """The rule table as one dict: the rule grammar (rules.yaml) and the lexicon's
    cue phrases, units, applicant words (as regex alternations) and breaks."""
    raw = read_data("rules.yaml")
    lex = get_lexicon()
    raw.update(
        cues=[dict(entry) for entry in lex.cues],
        units={u: list(v) for u, v in lex.units.items()},
        applicants={a: lex.applicant_pattern(a) for a, _ in lex.applicants},
        sentence_breaks=lex.sentence_breaks,
        clause_breaks=lex.clause_breaks,
        new_form_from_year=lex.new_form_from_year,
        approx_around_unit=list(lex.approx_around_unit),
    )
    return raw


@lru_cache(maxsize=4)
def get_table(taxonomy: Taxonomy) -> RuleTable:
    """The packaged rule table compiled for ``taxonomy`` (cached per taxonomy)."""
    return build_table(taxonomy, load_raw())
