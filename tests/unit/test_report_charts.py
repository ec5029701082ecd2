"""SVG charts: well-formed, accessible, escaped, and honest about missing values."""
import xml.etree.ElementTree as ET

import pytest

from localize.reports.charts import PALETTE, bar_chart, heat_map, line_chart, paywall_step, scale_color

SVG = "{http://www.w3.org/2000/svg}"
EVIL = '<script>alert("x")</script>&'


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg"
    assert root.get("role") == "img" and root.get("width") == "100%"
    assert root.get("viewBox").startswith("0 0 ")
    assert root[0].tag == SVG + "title"
    return root


def texts(root: ET.Element) -> list[str]:
    return [el.text for el in root.iter() if el.tag in (SVG + "text", SVG + "title")]


CHARTS = {
    "bar": lambda label, title: bar_chart([(label, 1200), ("fr", 300)], title),
    "line": lambda label, title: line_chart({label: [(1, 1.0), (2, 0.5)]}, title, paywall_at=1),
    "heat": lambda label, title: heat_map({label: {1: 0.8, 2: 0.6}}, [1, 2], title),
    "paywall": lambda label, title: paywall_step([(label, 0.4)], title),
}


@pytest.mark.parametrize("kind", CHARTS)
def test_charts_are_well_formed_and_escape_data(kind):
    svg = CHARTS[kind](EVIL, f"Title {EVIL}")
    assert "<script>" not in svg
    root = parse(svg)
    assert root[0].text == f"Title {EVIL}" and root.get("aria-label") == f"Title {EVIL}"
    assert any(EVIL in (t or "") for t in texts(root))


@pytest.mark.parametrize("kind", CHARTS)
def test_charts_with_no_data_are_still_svg(kind):
    empty = {"bar": lambda: bar_chart([], "Views"), "line": lambda: line_chart({}, "Retention"),
             "heat": lambda: heat_map({}, [], "Continuation"), "paywall": lambda: paywall_step([], "Paywall")}
    parse(empty[kind]())


def test_bar_chart_scales_to_the_largest_value_and_formats():
    root = parse(bar_chart([("es-MX", 1000), ("fr", 250)], "Views per market",
                           value_format=lambda v: f"{v:.0f} views"))
    widths = [float(r.get("width")) for r in root.iter(SVG + "rect")]
    assert widths[0] == pytest.approx(4 * widths[1])
    assert "1000 views" in texts(root) and "es-MX: 1000 views" in texts(root)


def test_line_chart_breaks_at_none_and_marks_the_paywall():
    root = parse(line_chart({"en": [(1, 1.0), (2, 0.8), (3, None), (4, 0.5), (5, 0.4)],
                             "es-MX": [(1, 1.0), (2, None), (3, 0.6), (4, None)]},
                            "Retention", paywall_at=2))
    groups = [g for g in root.iter(SVG + "g")]
    en_path = groups[0].find(SVG + "path").get("d")
    assert en_path.count("M") == 2  # two runs: 1-2 and 4-5
    assert groups[1].find(SVG + "path") is None  # only lone points: drawn as dots
    assert len(groups[1].findall(SVG + "circle")) == 2
    assert "paywall" in texts(root)
    dashed = [line for line in root.iter(SVG + "line") if line.get("stroke-dasharray")]
    assert len(dashed) == 1
    names = [t for t in texts(root) if t in ("en", "es-MX")]
    assert names == ["en", "es-MX", "en", "es-MX"]  # series titles, then the legend
    assert {p.get("stroke") for p in root.iter(SVG + "path")} == {PALETTE[0]}
    assert {c.get("fill") for c in groups[1].iter(SVG + "circle")} == {PALETTE[1]}


def test_line_chart_without_paywall_has_no_marker():
    root = parse(line_chart({"en": [(1, 1.0), (2, 0.8)]}, "Retention"))
    assert "paywall" not in texts(root)


def test_heat_map_colours_tooltips_and_grey_none():
    rows = {"es-MX": {1: 0.5, 12: 0.83, 13: None}, "fr": {1: 1.0}}
    root = parse(heat_map(rows, [1, 12, 13], "Continuation"))
    cells = {r.find(SVG + "title").text: r.get("fill")
             for r in root.iter(SVG + "rect") if r.find(SVG + "title") is not None}
    assert cells["es-MX ep 12: 0.83"] != "#C8C8C8"
    assert cells["es-MX ep 1: 0.50"] == scale_color(0.0) == "#D73027"  # lowest value: red
    assert cells["fr ep 1: 1.00"] == scale_color(1.0) == "#1A9850"  # highest value: green
    assert cells["es-MX ep 13: no data"] == cells["fr ep 12: no data"] == "#C8C8C8"


def test_paywall_step_shows_none_as_not_available():
    root = parse(paywall_step([("es-MX", 0.75), ("fr", None)], "Paywall conversion"))
    assert "75%" in texts(root) and "n/a" in texts(root) and "fr: n/a" in texts(root)


def test_no_inline_styles_so_the_csp_allows_the_charts():
    # style-src 'self' blocks style="" and <style>; presentation attributes (fill=...) are fine.
    for make in CHARTS.values():
        svg = make("es-MX", "Title")
        assert "style=" not in svg and "<style" not in svg


def test_words_and_number_formats_for_other_languages():
    words = {"empty": "Sin datos", "missing": "n/d", "paywall": "muro de pago", "no_data": "sin datos",
             "episode": "ep."}
    spanish = lambda v: f"{v * 100:.0f} %".replace(".", ",")  # noqa: E731
    assert "Sin datos" in texts(parse(bar_chart([], "Vistas", words=words)))
    root = parse(paywall_step([("es-MX", 0.75), ("fr", None)], "Conversión", value_format=spanish, words=words))
    assert "75 %" in texts(root) and "fr: n/d" in texts(root)
    root = parse(line_chart({"en": [(1, 1.0), (2, 0.5)]}, "Retención", paywall_at=1, y_format=spanish, words=words))
    assert "muro de pago" in texts(root) and "50 %" in texts(root) and "paywall" not in texts(root)
    root = parse(heat_map({"fr": {1: 0.5, 2: None}}, [1, 2], "Continuación",
                          value_format=lambda v: f"{v:.2f}".replace(".", ","), words=words))
    assert "fr ep. 1: 0,50" in texts(root) and "fr ep. 2: sin datos" in texts(root) and "0,50" in texts(root)


def test_markets_without_views_read_no_data_in_every_chart():
    from localize.reports import charts
    silent = {"fr"}
    bars = charts.bar_chart([("en", 1000), ("fr", 0)], "Views", no_data=silent)
    assert "fr: no data" in bars and "fr: 0" not in bars
    step = charts.paywall_step([("en", 0.5), ("fr", None), ("de", None)], "Paywall", no_data=silent)
    assert "fr: no data" in step and "de: n/a" in step
    lines = charts.line_chart({"en": [(1, 1.0), (2, 0.5)], "fr": [(1, None), (2, None)]}, "Retention",
                              no_data=silent)
    assert "fr (no data)" in lines and lines.count("<path") == 1
    heat = charts.heat_map({"en": {1: 0.8}, "fr": {1: None}}, [1], "Continuation", no_data=silent,
                           words={"no_data": "sin datos"})
    assert ">sin datos</text>" in heat and heat.count(">sin datos</text>") == 2  # the row, and the legend
