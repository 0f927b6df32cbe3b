"""Officer triage page (AppTest): quick questions, live light and five frameworks, meeting note."""

from iop_core.report.triage import triage_questions
from iop_core.screening.model import Screening
from tests.support.apptest import PAGES, alerts, app, gen, model
from tests.support.screenings import demo


def _key(at, path: str) -> str:
    return f"{path}@{gen(at)}"


def _panel(at) -> str:
    return " ".join([*alerts(at), *(m.value for m in at.markdown), *(c.value for c in at.caption)])


def test_the_quick_dozen_are_asked_compactly_and_the_result_shows_uncertain():
    at = app(page="triage")
    labels = {w.label for w in [*at.radio, *at.selectbox, *at.number_input]}
    assert {q.label for q in triage_questions()} <= labels
    # yes/no as a row: compact enough for a meeting; choices one below the other, each answer whole
    bools = {q.label for q in triage_questions() if q.kind == "bool"}
    assert all(r.horizontal for r in at.radio if r.label in bools)
    assert not [b.label for b in at.selectbox if b.label in {q.label for q in triage_questions()}]
    assert any("Gult – Osäkert (SKR)" in w.value for w in at.warning)
    assert "0 av 12 frågor besvarade" in _panel(at)


def test_answers_move_the_light_and_all_five_frameworks():
    at = app(page="triage")
    at.radio(key=_key(at, "initiative.initiative_by")).set_value("public").run()
    at.radio(key=_key(at, "initiative.need_defined_by")).set_value("public_in_advance").run()
    at.radio(key=_key(at, "initiative.public_regulates_detail")).set_value(True).run()
    at.radio(key=_key(at, "initiative.payment_model")).set_value("per_unit").run()
    at.radio(key=_key(at, "initiative.sanctions")).set_value(True).run()
    at.radio(key=_key(at, "initiative.org_contribution")).set_value("none").run()
    at.radio(key=_key(at, "initiative.private_providers")).set_value(False).run()
    at.number_input(key=_key(at, "initiative.planned_years")).set_value(3.0).run()
    assert not at.exception
    s = model(at).initiative
    assert (s.initiative_by, s.payment_model, s.sanctions, s.planned_years) == ("public", "per_unit", True, 3.0)
    assert any("Rött – Risk för upphandling (SKR)" in e.value for e in at.error)
    text = _panel(at)
    for name in ("SKR", "Mora", "Botkyrka", "VGR", "Helsingborg"):
        assert f"**{name}**: Rött, risk för upphandling" in text
    assert "8 av 12 frågor besvarade" in text
    # back to "Vet inte": stored as None, not as an answer
    at.radio(key=_key(at, "initiative.sanctions")).set_value("__unknown__").run()
    assert model(at).initiative.sanctions is None


def test_risks_are_listed_with_citations():
    at = app(demo("disguised_procurement"), page="triage")
    assert not next(e for e in at.expander if e.label.startswith("Risker och hinder med källor")).markdown
    at.session_state["triage_risks"] = True  # drawn only when opened
    exp = next(e for e in at.run().expander if e.label.startswith("Risker och hinder med källor"))
    text = " ".join(m.value for m in exp.markdown)
    assert "Det planeras sanktioner om något inte levereras" in text and "SKR 4.4.5" in text


def test_value_declaration_is_shown_from_the_model_and_never_confirmed_here():
    s = demo("unsigned_declaration")  # Mora; declaration incomplete
    before = s.value_declaration.model_dump()
    at = app(s, page="triage")
    text = _panel(at)
    assert "inte underskriven" in text and "Mora kräver den före dialogen" in text
    assert any(link.label == "Gå till Värdegrund (punkt för punkt)" for link in at.get("page_link"))
    assert not [w for w in [*at.checkbox, *at.toggle] if "ärdegrund" in (w.label or "")]
    at.radio(key=_key(at, "initiative.sanctions")).set_value(True).run()
    assert model(at).value_declaration.model_dump() == before
    assert any("Inte aktuellt ännu" in e.value for e in at.error)  # Mora's blocker, as on the summary


def test_meeting_note_fields_and_downloads():
    at = app(Screening(), page="triage")
    at.text_area(key=_key(at, "meeting.open_questions")).input("Vem äger lokalen?").run()
    at.text_area(key=_key(at, "meeting.next_steps")).input("Kommunen återkommer.").run()
    at.text_area(key=_key(at, "meeting.notes")).input("**inte fetstil** [länk](http://x.example)").run()
    m = model(at).meeting
    assert (m.open_questions, m.next_steps) == ("Vem äger lokalen?", "Kommunen återkommer.")
    assert m.notes.startswith("**inte fetstil**")
    assert "inte fetstil" not in " ".join(x.value for x in at.markdown)  # notes are never rendered as markdown
    labels = {b.label for b in at.get("download_button")}
    assert {"Mötesanteckning (PDF)", "Spara som fil"} <= labels


def test_the_answers_are_the_full_walks_fields():
    at = app(page="triage")
    at.radio(key=_key(at, "initiative.initiative_by")).set_value("organisation").run()
    at.switch_page("pages/1_initiative.py").run()
    assert at.radio(key=_key(at, "initiative.initiative_by")).value == "organisation"
    at.switch_page("pages/7_triage.py").run()
    assert at.radio(key=_key(at, "initiative.initiative_by")).value == "organisation"
    assert not at.exception


def test_choice_labels_are_unique_so_a_choice_never_turns_into_unanswered():
    """A radio's state is its label: the choice "Vet inte" must not collide with "not answered"."""
    at = app(page="triage")
    for box in at.radio:
        assert len(set(box.options)) == len(box.options), box.label  # AppTest lists the shown labels
    at.radio(key=_key(at, "initiative.political_mandate")).set_value("unknown").run()
    for page in ("trainer", "start", "triage", "initiative", "triage"):
        at.switch_page(PAGES[page]).run()
        assert model(at).initiative.political_mandate == "unknown", page


def test_every_choice_shows_its_whole_answer_as_a_radio_button():
    """Issue #23: a drop-down in half a column cut "Per levererad enhet, till exempel per de…"."""
    at = app(page="triage")
    for q in triage_questions():
        if q.kind == "choice":
            radio = at.radio(key=_key(at, q.id))
            assert radio.label == q.label and not radio.horizontal
            assert set(q.choices.values()) <= set(radio.options)
    at.radio(key=_key(at, "initiative.payment_model")).set_value("per_unit").run()
    assert at.radio(key=_key(at, "initiative.payment_model")).value == "per_unit"
    assert "Per levererad enhet, till exempel per deltagare, timme eller plats" in at.radio(
        key=_key(at, "initiative.payment_model")).options


def test_triage_says_dont_know_like_the_walk_and_counts_its_questions():
    """Issue #13 point 10: one wording for "don't know" and no promised "dozen" of 11 questions."""
    from iop_core.report.triage import triage_questions

    n = len(triage_questions())
    at = app(page="triage")
    radios = [r for r in at.radio if r.options and r.options[0] == "Ja"]
    assert radios and all(r.options[-1] == "Vet inte / inte besvarad" for r in radios)
    assert any(f"{n} frågor" in c.value for c in at.caption)
    assert not any("dussin" in c.value for c in at.caption)
    start = app(page="start")
    assert any(el.proto.label == f"Snabbtriage ({n} frågor)" for el in start.get("page_link"))


def test_each_framework_shows_its_deciding_step_and_reason_once():
    """Issue #21: the condensed path per framework, the deciding step and its reason in one line;
    a reason several frameworks share is said once ("som för SKR")."""
    from tests.support.screenings import scenario

    at = app(scenario("08_vgr_without_mandate"), "triage")
    panel = next(m.value for m in at.markdown if "**SKR**" in m.value)
    lines = [x.strip() for x in panel.replace("\\", "").split("\n")]
    skr = lines[lines.index(next(x for x in lines if x.startswith(":material/") and "**SKR**" in x)) + 1]
    assert skr == ":small[✓ Bidrag eller partnerskap? (inget hinder för ett IOP): kriterierna för ett partnerskap är uppfyllda.]"
    assert ":small[✓ Bidrag eller partnerskap? (inget hinder för ett IOP), som för SKR]" in lines  # Mora, Botkyrka, …
    assert (":small[✗ Den offentliga partens process (hinder för ett IOP): inte klart: det finns inget politiskt "
            "uppdrag.]") in lines  # VGR
