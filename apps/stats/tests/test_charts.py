"""The SVG chart helper: well-formed, accessible, escaped, to scale."""

import xml.etree.ElementTree as ET

import pytest

from apps.stats import charts
from apps.stats.charts import Series, bar_chart, line_chart

SVG = "{http://www.w3.org/2000/svg}"
EVIL = '<script>alert("x")</script> & "quotes"'


def parse(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))


def test_a_bar_chart_has_a_title_axes_and_one_bar_per_value():
    svg = bar_chart(
        ident="sales",
        title="Applications per week",
        labels=["3 Mar", "10 Mar", "17 Mar"],
        series=[Series("Applications", [2, 0, 5])],
    )
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "sales-title sales-desc"
    assert root.find(f"{SVG}title").text == "Applications per week"
    assert root.find(f"{SVG}desc").text == "Applications: 3 Mar 2, 10 Mar 0, 17 Mar 5."
    bars = root.findall(f".//{SVG}g[@class='chart-bars']/{SVG}rect")
    assert [bar.find(f"{SVG}title").text for bar in bars] == [
        "3 Mar · Applications: 2",
        "10 Mar · Applications: 0",
        "17 Mar · Applications: 5",
    ]
    heights = [float(bar.get("height")) for bar in bars]
    # The scale tops at 5: the highest bar fills the plot, the empty one is flat.
    assert heights[1] == 0
    assert heights[2] == pytest.approx(charts.HEIGHT - charts.TOP - charts.BOTTOM)
    assert heights[0] == pytest.approx(heights[2] * 2 / 5, abs=0.1)
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert {"0", "5", "3 Mar", "17 Mar"} <= set(texts)


def test_every_chart_shows_its_title_and_a_legend_even_for_one_series():
    root = parse(
        bar_chart(
            ident="one",
            title="Applications per week",
            labels=["3 Mar"],
            series=[Series("Applications", [2])],
        )
    )
    title = root.find(f"{SVG}text[@class='chart-title']")
    assert title.text == "Applications per week"
    legend = root.find(f"{SVG}g[@class='chart-legend']")
    assert [text.text for text in legend.iter(f"{SVG}text")] == ["Applications"]
    assert len(legend.findall(f"{SVG}rect")) == 1


def test_a_line_chart_draws_a_polyline_per_series_and_a_legend():
    svg = line_chart(
        ident="growth",
        title="Growth",
        labels=["Jan", "Feb"],
        series=[Series("Users", [1, 3]), Series("Organizations", [0, 1])],
    )
    root = parse(svg)
    lines = root.findall(f".//{SVG}polyline")
    assert len(lines) == 2
    assert all(len(line.get("points").split()) == 2 for line in lines)
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert "Users" in texts and "Organizations" in texts
    assert len(root.findall(f".//{SVG}circle")) == 4


def test_every_label_is_escaped():
    svg = str(
        bar_chart(
            ident='x" onload="alert(1)',
            title=EVIL,
            labels=[EVIL, "<b>bold</b>"],
            series=[Series(EVIL, [1, 2]), Series("Other", [0, 1])],
        )
    )
    assert "<script" not in svg
    assert "<b>" not in svg
    assert 'onload="' not in svg
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;" in svg
    root = parse(svg)  # still well-formed XML
    assert root.find(f"{SVG}title").text == EVIL
    assert not list(root.iter("script")) and not list(root.iter(f"{SVG}script"))
    line = str(line_chart(ident="l", title=EVIL, labels=[EVIL], series=[Series(EVIL, [1])]))
    assert "<script" not in line
    parse(line)


def test_long_labels_are_shortened_on_the_axis_but_whole_in_the_titles():
    label = "Knowledge for Growth 2026 in Ghent"
    root = parse(bar_chart(ident="e", title="Events", labels=[label], series=[Series("N", [1])]))
    axis = [t.text for t in root.iter(f"{SVG}text")]
    assert "Knowledge for G…" in axis
    assert root.find(f".//{SVG}rect/{SVG}title").text == f"{label} · N: 1"


def test_all_zero_and_empty_charts_still_draw():
    root = parse(line_chart(ident="z", title="Z", labels=["a", "b"], series=[Series("N", [0, 0])]))
    assert root.find(f".//{SVG}polyline") is not None
    parse(bar_chart(ident="empty", title="Nothing", labels=[], series=[Series("N", [])]))


def test_the_series_must_fit_the_labels():
    with pytest.raises(ValueError):
        bar_chart(ident="bad", title="Bad", labels=["a"], series=[Series("N", [1, 2])])


@pytest.mark.parametrize(
    ("value", "ceiling"),
    [(0, 1), (1, 1), (3, 5), (5, 5), (7, 10), (11, 20), (27, 50), (120, 200), (1000, 1000)],
)
def test_nice_ceiling(value, ceiling):
    assert charts.nice_ceiling(value) == ceiling
