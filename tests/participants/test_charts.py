"""SVG charts are pure: numbers in, accessible SVG out."""

from xml.etree import ElementTree

from participants import charts

NS = "{http://www.w3.org/2000/svg}"


def test_a_bar_chart_names_itself_and_draws_one_bar_per_item():
    svg = charts.bar_chart(
        [("Valmieras novads", 12), ("Jelgava <b>", 3)], chart_id="c1", title="Gaida vietu", description="Cilvēki"
    )
    root = ElementTree.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{NS}title").text == "Gaida vietu"
    bars = root.findall(f"{NS}rect")
    assert len(bars) == 2
    assert float(bars[0].get("width")) > float(bars[1].get("width")) > 0
    texts = [t.text for t in root.findall(f"{NS}text")]
    assert "Jelgava <b>" in texts and "12" in texts  # escaped, parsed back as text


def test_a_bar_chart_with_a_maximum_keeps_percentages_on_one_scale():
    svg = charts.bar_chart([("A", 50), ("B", 100)], chart_id="c2", title="t", description="d", unit="%", maximum=100)
    widths = [float(r.get("width")) for r in ElementTree.fromstring(svg).findall(f"{NS}rect")]
    assert widths[1] == 2 * widths[0]


def test_a_column_chart_has_a_column_per_series_and_month_and_a_legend():
    series = [("Iestājās", [1, 4, 0]), ("Pabeidza", [0, 2, 9])]
    svg = charts.column_chart(["01", "02", "03"], series, chart_id="c3", title="t", description="d")
    root = ElementTree.fromstring(svg)
    assert len(root.findall(f"{NS}rect")) == 3 * 2 + 2  # columns + legend swatches
    assert {"Iestājās", "Pabeidza", "01", "03"} <= {t.text for t in root.findall(f"{NS}text")}


def test_empty_charts_are_still_valid_svg():
    for svg in (
        charts.bar_chart([], chart_id="e1", title="t", description="d"),
        charts.column_chart([], [], chart_id="e2", title="t", description="d"),
    ):
        assert ElementTree.fromstring(svg).get("role") == "img"
