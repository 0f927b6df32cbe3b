from iop_core.rules.catalogue import questions_for
from iop_core.screening.model import fact_value
from iop_core.text import plain
from tests.support.apptest import SECTION, alerts, app, each_tab, gen, model, show_question, shown


def live(at):
    return " ".join(alerts(at))


def test_every_question_of_the_framework_is_asked_with_why():
    at = app(page="initiative")
    labels, whys = set(), 0
    for _ in each_tab(at):
        labels |= {w.label for w in [*at.radio, *at.number_input]}
        whys += sum(1 for e in at.expander if e.label == "Varför frågar vi?")
    assert {q.label for q in questions_for("skr") if q.group != "statutes" and q.ask_if is None} <= labels
    assert whys >= len(labels)


def test_a_follow_up_question_is_asked_only_when_it_applies():
    """"Are the accounts kept apart?" follows "Does the organisation sell elsewhere?" = yes."""
    follow_up = "Hålls räkenskaperna för den delen isär från insatsens?"
    at = app(page="initiative")
    show_question(at, "initiative.org_sells_elsewhere")
    assert follow_up not in {w.label for w in at.radio}
    at.radio(key=f"initiative.org_sells_elsewhere@{gen(at)}").set_value(True).run()
    assert follow_up in {w.label for w in at.radio}
    at.radio(key=f"initiative.separate_accounts@{gen(at)}").set_value(True).run()
    assert model(at).initiative.separate_accounts is True


def test_each_answer_changes_the_model():
    at = app(page="initiative")
    for q in questions_for("skr"):
        if q.group == "statutes":
            continue
        key = f"{q.id}@{gen(at)}"
        show_question(at, q.id)
        if q.kind == "number":
            at.number_input(key=key).set_value(3.0).run()
            expected = 3.0
        else:
            options = at.radio(key=key).options
            # one "Vet inte" per question (issue #13 point 10): the question's own, or the app's
            assert sum(o.startswith("Vet inte") for o in options) == 1, (q.id, options)
            assert options[-1] == ("Vet inte" if "unknown" in q.choices else "Vet inte / inte besvarad")
            at.radio(key=key).set_value(at.radio(key=key).options and _first_value(q)).run()
            expected = _first_value(q)
        assert fact_value(model(at), q.id) == expected, q.id


def _first_value(q):
    return True if q.kind == "bool" else next(iter(q.choices))


def test_live_findings_appear_and_disappear():
    at = app(page="initiative")
    key = f"initiative.sanctions@{gen(at)}"
    show_question(at, "initiative.sanctions")
    assert "Det planeras sanktioner" not in live(at)
    at.radio(key=key).set_value(True).run()
    assert "Det planeras sanktioner" in live(at)
    assert "SKR 4.4.5" in live(at)
    at.radio(key=key).set_value(False).run()
    assert "Det planeras sanktioner" not in live(at)
    at.radio(key=key).set_value("__unknown__").run()
    assert model(at).initiative.sanctions is None


def test_fully_answered_sections_do_not_say_answer_first_and_the_page_leads_on():
    """Issue #13 points 8 and 10: no "De visas här när du svarar" under answered questions; a "Nästa" link."""
    from tests.support.screenings import demo

    at = app(demo("genuine_iop"), "initiative")
    captions = [c.value for _ in each_tab(at) for c in at.caption]
    assert not any("De visas här när du svarar" in c for c in captions)
    assert any("De här svaren ger inga iakttagelser" in c for c in captions)
    links = [el for el in at.get("page_link")]
    assert any("Nästa: Dokument" in el.proto.label for el in links)


def test_framework_changes_the_questions():
    question = "Har organisationen ett färdigt förslag som den vill få pengar för?"
    at = app(page="initiative")
    assert question not in {r.label for _ in each_tab(at) for r in at.radio}
    # AppTest only shows the entrypoint's sidebar before the first page switch: pick VGR on Start.
    at = app()
    at.selectbox(key=f"framework@{gen(at)}").set_value("vgr").run()
    at.switch_page("pages/1_initiative.py").run()
    assert question in {r.label for _ in each_tab(at) for r in at.radio}


def test_free_text_runs_the_word_check():
    at = show_question(app(page="initiative"), "initiative.activities")
    at.text_area(key=f"initiative.activities@{gen(at)}").input("Uppdraget ersätts mot fakturering.").run()
    assert model(at).initiative.activities == "Uppdraget ersätts mot fakturering."
    text = live(at)
    assert "välj hellre ”projekt”" in text and "SKR kap. 3" in text
    assert "Skriv om meningen: ”Uppdraget ersätts mot fakturering.”" in shown(text)


def test_the_word_hint_reads_negation_and_the_screenings_framework():
    """Issue 21: one hint per sentence to rewrite; a negated word and a framework's own word
    (Helsingborg 2.7 "ersättningen") give none."""
    from iop_core.screening.model import Screening

    at = show_question(app(Screening(framework="helsingborg"), page="initiative"), "initiative.activities")
    text = "Ersättningen betalas kvartalsvis. Ingen part kan kräva vite. Vid försening utgår vite."
    at.text_area(key=f"initiative.activities@{gen(at)}").input(text).run()
    hints = [shown(w.value) for w in at.warning if "Skriv om meningen" in shown(w.value)]
    assert hints == ["Skriv om meningen: ”Vid försening utgår vite.” (”vite” – välj hellre ”återbetalning”). "
                     "(SKR 4.4.5; SKR kap. 3)"]


def test_only_the_open_tab_is_drawn_and_the_line_above_counts_every_tab():
    from tests.support.screenings import demo

    at = app(page="initiative")
    assert [t.label for t in at.tabs] == ["Initiativ och behov", "Styrning", "Pengar", "Marknad", "Tid och beslut",
                                          "Organisationen", "Beskrivning"]
    first = {r.label for r in at.radio}
    assert "Vem tog initiativet till samarbetet?" in first and not at.text_area  # the texts tab is not drawn
    counts = _answered_line(at)
    assert "Initiativ och behov 0 av" in counts and "Beskrivning 0 av 5" in counts
    counts = _answered_line(app(demo("genuine_iop"), "initiative"))
    assert "Beskrivning 5 av 5" in counts and " 0 av" not in counts, counts


def _answered_line(at) -> str:
    return next(m.value for m in at.main.markdown if m.value.startswith("**Besvarat:**"))


def test_next_section_opens_the_next_tab_and_answers_stay():
    at = app(page="initiative")
    at.radio(key=f"initiative.initiative_by@{gen(at)}").set_value("public").run()
    at.button(key="initiative_next_section").click().run()
    assert at.session_state[SECTION] == "Styrning"
    assert "Vem tog initiativet till samarbetet?" not in {r.label for r in at.radio}
    assert model(at).initiative.initiative_by == "public"
    at = show_question(at, "initiative.initiative_by")
    assert at.radio(key=f"initiative.initiative_by@{gen(at)}").value == "public"
    at.session_state[SECTION] = "Beskrivning"
    at.run()
    assert not [b for b in at.button if b.key == "initiative_next_section"]  # the last tab leads to Dokument
    assert any("Nästa: Dokument" in el.proto.label for el in at.get("page_link"))


def test_plain_neutralises_markdown_links_images_and_autolinks():
    from iop_shell.ui import plain

    out = plain("**fet** ![x](http://evil.example/p.png) <b>hej</b> www.example.com")
    assert "**" not in out.replace("\\*", "")
    assert "](" not in out and "<b>" not in out and "http://" not in out and "www." not in out


def test_an_older_files_changed_question_is_named_until_it_is_answered():
    """A version 3 file's "fixed amount or fixed price" answer is asked again, and Initiativet says so."""
    import json

    from iop_core.screening.persistence import load_screening

    old = load_screening(json.dumps({"schema_version": 3, "initiative": {"payment_model": "fixed_price"}}))
    at = app(old, "initiative")
    assert any("Frågan om hur pengarna betalas ut har ändrats" in i.value for i in at.info)
    show_question(at, "initiative.payment_model")
    at.radio(key=f"initiative.payment_model@{gen(at)}").set_value("contribution").run()
    assert not any("Frågan om hur pengarna betalas ut har ändrats" in i.value for i in at.info)


def test_why_we_ask_is_drawn_when_opened_with_the_rules_and_their_sources():
    """A closed "Varför frågar vi?" sends nothing on a rerun (docs/performance.md); opened, it
    explains the question with the rules that read its answer, each with its source."""
    q = next(q for q in questions_for("skr") if q.group != "statutes" and q.ask_if is None)
    help_text = plain(q.help)  # as drawn: markdown marks escaped
    at = app(page="initiative")
    show_question(at, q.id)
    assert not any(help_text in m.value for m in at.markdown)  # closed: not drawn
    at.session_state[f"why_asked.{q.id}"] = True  # the user opens the box (a rerun)
    at.run()
    text = next(m.value for m in at.markdown if help_text in m.value)
    assert "*Källa: " in text and "*Källor: " in text
