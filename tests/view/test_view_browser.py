"""The view in a real browser: headless Chromium (Debian's ``chromium``; .ci/run installs it)
screenshots each example's page and a control copy whose marks have no background; the pixels of
each group's colour that the highlights add must grow with the group's marks.
Skipped, with the reason, where no chromium is installed."""
import re
import shutil
import subprocess

import pytest

from gikp_nlp.cli import main
from gikp_nlp.pipeline import load
from gikp_nlp.view import GROUP_COLOURS
from gikp_nlp.view.html import _visible, group_of
from tests.conftest import EXAMPLES, SEED_IDS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH: `apt-get install -y chromium` (.ci/run does)"),
]
#: the screenshot's size: wide enough for the tables, tall enough for the longest example's highlights
WINDOW = "1200,16000"
#: a highlight covers at least this many pixels of its colour (a one-digit number is about 10 x 20)
MIN_PIXELS = 50
MARK_BACKGROUND = re.compile(r'(<mark id="[^"]+"(?: class="failed")?) style="background:#[0-9a-f]{6}"')
BROWSER_SECONDS = 60


def screenshot(page, png) -> None:
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--window-size={WINDOW}", f"--screenshot={png}", page.as_uri()],
                   check=True, capture_output=True, timeout=BROWSER_SECONDS)


def colour_counts(png) -> dict[str, int]:
    from PIL import Image

    wanted = {tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)): g for g, c in GROUP_COLOURS.items()}
    counts = dict.fromkeys(GROUP_COLOURS, 0)
    for n, rgb in Image.open(png).convert("RGB").getcolors(maxcolors=1 << 24):
        if rgb in wanted:
            counts[wanted[rgb]] += n
    return counts


#: the default run screenshots the richest example; ``-m slow`` (run by .ci/run) all five
DEFAULT_SEED = "seed-003"


@pytest.mark.parametrize("seed", [pytest.param(s, marks=() if s == DEFAULT_SEED else pytest.mark.slow)
                                  for s in SEED_IDS])
def test_view_browser_renders_the_highlights_of_each_example(tmp_path, seed):
    page, png = tmp_path / f"{seed}.html", tmp_path / f"{seed}.png"
    assert main(["view", str(EXAMPLES / f"{seed}.txt"), "-o", str(page), "--set", "narrative.engine=rules"]) == 0
    html = page.read_text(encoding="utf-8")
    control = tmp_path / f"{seed}-plain.html"
    control.write_text(MARK_BACKGROUND.sub(r"\1", html), encoding="utf-8")
    assert control.read_text(encoding="utf-8") != html
    screenshot(page, png)
    screenshot(control, tmp_path / "plain.png")
    shown, plain = colour_counts(png), colour_counts(tmp_path / "plain.png")
    report = load(overrides={"narrative.engine": "rules"}).extract(EXAMPLES / f"{seed}.txt")
    marks: dict[str, int] = {}
    for m in _visible(report.mentions):
        marks[group_of(m.indicator)] = marks.get(group_of(m.indicator), 0) + 1
    assert marks, f"{seed}: no visible mention to highlight"
    for group, n in marks.items():  # the legend is in both pictures: the difference is the highlights
        added = shown[group] - plain[group]
        assert added >= MIN_PIXELS * n, f"{seed}: {n} {group} highlight(s) added {added} pixels"


def test_view_browser_a_page_without_mentions_shows_no_highlight(tmp_path):
    page, png = tmp_path / "plain.html", tmp_path / "plain.png"
    text = tmp_path / "plain.txt"
    text.write_text("本报告没有任何统计数字，只是一段说明文字。" * 5, encoding="utf-8")
    assert main(["view", str(text), "-o", str(page), "--set", "narrative.engine=rules"]) == 0
    screenshot(page, png)
    assert sum(colour_counts(png).values()) == 0
