"""iop_core.report.picture: the grant ↔ IOP ↔ procurement picture as data (the shell draws it)."""

from iop_core.report.picture import axis_points, zone_rows
from iop_core.rules.assessment import assess_all
from iop_core.rules.catalogue import frameworks
from tests.support.screenings import demo


def test_each_framework_is_placed_with_its_leaning_in_words_and_the_findings_behind_it():
    points = axis_points(assess_all(demo("disguised_procurement")), chosen="skr")
    assert [p.name for p in points] == ["SKR (valt)", *(fw.short for fw in list(frameworks().values())[1:])]
    assert all(0.5 < p.position <= 1 and p.zone == "procurement" for p in points)  # clearly on the procurement side
    skr = points[0]
    assert skr.leaning == "Risk för upphandling" and skr.label == "Rött: Risk för upphandling" and skr.shape == "■"
    assert skr.findings.startswith("Mot upphandling: ") and "Den offentliga parten styr i detalj vad och hur" in skr.findings
    assert skr.points == f"IOP {skr.iop} · bidrag {skr.grant} · upphandling {skr.procurement}" and skr.procurement > 0


def test_a_case_that_is_not_eligible_is_not_placed_and_says_why_in_english():
    s = demo("unsigned_declaration")
    s.language = "en"
    mora = next(p for p in axis_points(assess_all(s, "en"), scenario="Now", lang="en") if p.framework == "mora")
    assert mora.position is None and mora.zone is None
    assert mora.label == "Red: Not possible yet" and mora.scenario == "Now"


def test_the_zones_run_from_grant_to_procurement():
    zones = zone_rows("en")
    assert [(z["zone"], z["label"]) for z in zones] == [("grant", "Grant"), ("iop", "IOP"), ("procurement", "Procurement")]
    assert zones[0]["start"] == -1 and zones[-1]["end"] == 1
    assert all(a["end"] == b["start"] for a, b in zip(zones, zones[1:], strict=False))
