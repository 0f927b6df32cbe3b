"""iop_shell/charts.py: the shell draws the core's picture data (Vega-Lite specs, no browser needed)."""

from iop_core.report.picture import axis_points
from iop_core.rules.assessment import assess_all
from iop_shell.charts import axis_chart
from tests.support.screenings import demo


def _layers(spec: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for layer in spec["layer"]:
        out.setdefault(layer["mark"]["type"], []).append(layer)
    return out


def test_the_summary_picture_has_a_row_per_framework_shapes_words_and_finding_tooltips():
    results = assess_all(demo("grant_fits_better"))
    spec = axis_chart(axis_points(results, chosen="helsingborg")).to_dict()
    layers = _layers(spec)
    assert spec["description"].startswith("Punktdiagram: en rad per ramverk")  # read out by screen readers
    [dots] = layers["point"]
    assert dots["encoding"]["shape"]["scale"]["range"] == ["circle", "triangle-up", "square"]  # never colour alone
    assert dots["encoding"]["fill"]["legend"] is None  # one scenario: no legend
    assert [t["field"] for t in dots["encoding"]["tooltip"]] == ["name", "label", "points", "findings"]
    texts = layers["text"]
    # On the zones only their names (and "not placed" in a row without a point): a verdict written
    # by its point would reach into the neighbouring zone. It stands beside the axis instead.
    assert {t["encoding"]["text"]["field"] for t in texts} == {"label", "light_label"}
    assert [t["encoding"]["x"]["field"] for t in texts if t["encoding"]["text"]["field"] == "label"] == ["middle"]
    rows = dots["encoding"]["y"]["sort"]
    assert rows[-1] == "Helsingborg (valt)\nGult: Ett bidrag passar bättre"
    assert dots["encoding"]["y"]["axis"]["labelExpr"] == "split(datum.value, '\\n')"
    assert dots["encoding"]["y"]["axis"]["labelLimit"] == 0  # never cut
    assert spec["height"] == 52 * len(results)


def test_the_trainer_picture_draws_now_and_what_if_with_a_legend_and_large_for_a_projector():
    now = axis_points(assess_all(demo("genuine_iop")), scenario="Now", lang="en")
    then = axis_points(assess_all(demo("disguised_procurement")), scenario="What if…", lang="en")
    normal = axis_chart(now + then, lang="en").to_dict()
    large = axis_chart(now + then, large=True, lang="en").to_dict()
    assert normal["description"].startswith("Dot chart: one row per framework")
    [dots] = _layers(normal)["point"]
    assert dots["encoding"]["fill"]["scale"]["domain"] == ["Now", "What if…"]
    assert dots["encoding"]["fill"]["scale"]["range"] == ["#1f3b57", "white"]  # the second scenario hollow
    assert dots["encoding"]["fill"]["legend"]["orient"] == "bottom"
    assert dots["encoding"]["y"]["sort"][0] == "SKR\nNow: Green: An IOP seems possible\nWhat if…: Red: Risk of procurement"
    assert large["height"] > normal["height"]
    assert min(t["mark"]["fontSize"] for t in _layers(large)["text"]) >= 20
