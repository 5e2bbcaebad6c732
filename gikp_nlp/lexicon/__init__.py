"""ONE place for the words of the report genre and ONE fold.

- :func:`get_lexicon` → :class:`Lexicon`: indicator words and cue phrases per
  indicator, units, applicant words, sentence/clause breaks, numerals, list
  markers and percent signs (``data/words.yaml``, ``data/indicators.yaml``);
- :class:`FoldedText`: the folded view of a report (traditional → simplified,
  variants, gateway words, full-width, spaces, ruby) with an index back to the
  original offsets, built once per document and sliced (``data/fold.yaml``);
- :func:`report_year` / :func:`form_era`: the form era a report is written in.

Imports nothing above the ground floor and the schema.
"""
from __future__ import annotations

from gikp_nlp.lexicon.era import era_of_year, form_era, report_year
from gikp_nlp.lexicon.fold import FoldedText, fold_char, fold_label, fold_words
from gikp_nlp.lexicon.words import Lexicon, build_lexicon, check_ids, get_lexicon

__all__ = ["FoldedText", "Lexicon", "era_of_year", "build_lexicon", "check_ids", "fold_char", "fold_label", "fold_words",
           "form_era", "get_lexicon", "report_year"]
