""""Regelverket som text" in Utbildning (iop_shell/rulebook.py, AppTest): folded until opened, then the
screening's framework's rules as Swedish rule text with downloads as PDF and text; another
framework can be chosen; the English UI shows the Swedish model with a note."""

from iop_core.screening.model import Screening
from tests.support.apptest import app, shown

EXPANDER = "trainer_rulebook"


def _section(at):
    return next(e for e in at.expander if e.label.startswith(("Regelverket som text", "The rules as text")))


def _open(at):
    at.session_state[EXPANDER] = True  # drawn only when opened
    at.run()
    assert not at.exception, at.exception
    return _section(at)


def _text(box) -> str:
    return shown(" ".join(m.value for m in box.markdown))


def test_the_rules_are_shown_as_text_for_the_screenings_framework_with_downloads():
    at = app(Screening(framework="mora"), page="trainer")
    assert not _section(at).markdown  # folded: nothing drawn yet
    box = _open(at)
    text = _text(box)
    assert "Regelverket som text: Mora kommun" in text
    for step in ("Steg 1. Kan offentliga pengar gå hit?", "Steg 2. Köper den offentliga parten en tjänst?",
                 "Steg 3. Bidrag eller partnerskap?", "Vid sidan av: Statsstöd"):
        assert step in text
    assert "Om frågan ”Vem tog initiativet till samarbetet?” besvaras ”Kommunen eller regionen”" in text
    assert "[Ändrat i Mora: allvarlighetsgrad stor risk i stället för varning" in text
    assert "initiative." not in text
    assert at.selectbox(key="trainer_rulebook_framework").value == "mora"
    labels = [b.label for b in at.get("download_button")]
    assert "Ladda ner som PDF" in labels and "Ladda ner som text" in labels


def test_another_framework_can_be_chosen_and_the_national_text_has_no_marks():
    at = app(Screening(framework="mora"), page="trainer")
    _open(at)
    at.selectbox(key="trainer_rulebook_framework").set_value("skr").run()
    text = _text(_section(at))
    assert "Regelverket som text: SKR (nationell vägledning)" in text
    assert "Ändrat i" not in text and "Kommunen eller regionen tog initiativet" in text
    assert at.session_state["screening"].framework == "mora"  # the screening is not changed


def test_the_english_ui_shows_the_swedish_model_with_a_note():
    at = app(Screening(framework="vgr", language="en"), page="trainer")
    box = _open(at)
    assert "Regelverket som text: Västra Götalandsregionen" in _text(box)
    assert any("shown in Swedish" in c.value for c in box.caption)
    assert "Download as PDF" in [b.label for b in at.get("download_button")]
