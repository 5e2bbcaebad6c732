"""A view a person can read: one self-contained HTML page per report (``render_html``)."""
from gikp_nlp.view.html import GROUP_COLOURS, render_html

__all__ = ["GROUP_COLOURS", "render_html"]
