"""Golden text of every framework's rule set (tests/golden/<id>.txt): any change to a rule, its
condition, severity, citations or a parameter shows as a readable diff in review.

After a deliberate change: UPDATE_GOLDEN=1 python -m pytest tests/core/test_golden.py
"""

import os
from decimal import Decimal
from pathlib import Path

import pytest

from iop_core.rules import rule_sentences
from iop_core.rules.catalogue import frameworks
from iop_core.rules.rulebook import render, rulebook

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


@pytest.mark.parametrize("fid", list(frameworks()))
def test_rule_set_matches_its_golden_text(fid):
    path = GOLDEN / f"{fid}.txt"
    text = render(frameworks()[fid])
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden text for {fid}; run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{fid}'s rules changed: review the diff, then UPDATE_GOLDEN=1"


def test_every_framework_has_a_golden_text_and_no_more():
    assert {p.stem for p in GOLDEN.glob("*.txt")} == set(frameworks())


# --- The text reads as rule text, not code -------------------------------------------------------


def _items(book):
    return [item for section in book.sections for part in section.parts for item in part.items]


@pytest.mark.parametrize("fid", list(frameworks()))
def test_the_text_names_questions_not_field_paths_or_rule_ids(fid):
    fw = frameworks()[fid]
    text = render(fw)
    assert "initiative." not in text and "statutes." not in text
    assert not [r.id for r in fw.rules if r.id in text], "a rule id is shown instead of its title"
    assert "Vem tog initiativet till samarbetet?" in text  # the question's text
    for word in (" when:", " then:", " cites:", "True", "False"):
        assert word not in text


@pytest.mark.parametrize("fid", list(frameworks()))
def test_every_rule_is_written_out_once_with_its_title(fid):
    fw = frameworks()[fid]
    text = " ".join(render(fw).split())
    items = [item.text for item in _items(rulebook(fw))]
    for rule in fw.rules:
        assert rule.title.rstrip(".") in text, rule.id
        sentence = rule_sentences.sentence(rule, fw)
        assert items.count(sentence) == 1, f"{rule.id} written out {items.count(sentence)} times"


@pytest.mark.parametrize("fid", list(frameworks()))
def test_the_steps_come_in_the_order_of_the_legal_test(fid):
    text = render(frameworks()[fid])
    heads = ["Steg 1. Kan offentliga pengar gå hit?", "Steg 2. Köper den offentliga parten en tjänst?",
             "Steg 3. Bidrag eller partnerskap?", "Vid sidan av: Statsstöd", "Vid sidan av: Den offentliga partens process",
             "Parametrar\n"]
    places = [text.index(h) for h in heads]
    assert places == sorted(places)
    assert "Måste vara uppfyllda" in text and "Vägs samman" in text
    assert "Pris för tjänsten" in text and "Tecken som visas men inte avgör steget" in text


def _item_for(book, title):
    return next(i for i in _items(book) if f": {title} (" in i.text)


def test_a_framework_change_is_marked_against_the_national_test():
    mora = rulebook(frameworks()["mora"])
    public = _item_for(mora, "Initiativet ska komma från organisationen")
    assert public.text.startswith("Om frågan ”Vem tog initiativet till samarbetet?” besvaras ”Kommunen eller regionen”")
    assert len(public.marks) == 1 and public.marks[0].startswith("[Ändrat i Mora: ")
    assert "allvarlighetsgrad stor risk i stället för varning" in public.marks[0]
    assert "Mora Checklista för inkomna IOP-initiativ punkt 1" in public.marks[0]
    text = render(frameworks()["mora"])
    assert "[Tillagt i Mora]" in text  # statutes.not_democratic, off nationally
    assert "Kriterium: Samarbetet är långsiktigt [Skärpt i Mora: måste vara uppfyllt]" in text
    assert "[Tillagt i Mora: måste vara uppfyllt]" in text  # market_competition, not a national criterion
    skr = render(frameworks()["skr"])
    assert "Ändrat i" not in skr and "Tillagt i" not in skr and "Skärpt i" not in skr
    assert "Kommunen eller regionen tog initiativet (tecken på upphandling, varning). Källa: SKR 4.4.4; SKR 4.5." in " ".join(skr.split())


def test_a_rule_switched_off_and_an_own_parameter_are_marked():
    fw = frameworks()["botkyrka"]
    off = fw.model_copy(update={"rules": tuple(r for r in fw.rules if r.id != "time.short"),
                                "parameters": {**fw.parameters, "org_share_minimum": Decimal("0.1")}})
    text = " ".join(render(off).split())
    assert "Samarbetet är kortsiktigt (tecken på att ett bidrag passar bättre, varning). [Avstängt i Botkyrka]" in text
    assert "[Eget värde i Botkyrka; nationellt 5 %]" in text
    assert "står för mindre än 10 % av alla insatser" in text  # the check's sentence reads the framework's value
    assert "står för mindre än 5 % av alla insatser" in " ".join(render(fw).split())


def test_a_parameter_in_a_comparison_is_its_value_and_unit():
    text = " ".join(render(frameworks()["skr"]).split())
    assert "”Hur många år är samarbetet tänkt att pågå?” är kortare än 2 år (en parameter, se Parametrar)" in text
