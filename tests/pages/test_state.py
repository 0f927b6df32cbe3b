"""Nothing a user entered is lost when moving between pages, in any order."""


import pytest

from iop_core.rules.catalogue import questions_for
from tests.support.apptest import PAGES, app, gen, model, show_question
from tests.support.screenings import full_screening

ORDERS = [
    list(PAGES),
    list(reversed(PAGES)),
    ["budget", "start", "summary", "values", "initiative", "agreement", "documents", "trainer", "triage", "budget"],
]


@pytest.mark.parametrize("order", ORDERS, ids=["forward", "backward", "shuffled"])
def test_full_screening_survives_every_page_visit(order):
    original = full_screening()
    at = app(full_screening())
    for page in order:
        at.switch_page(PAGES[page]).run()
        assert not at.exception, (page, at.exception)
        assert model(at) == original, f"visiting {page} changed the screening"


def test_answers_given_through_widgets_survive_page_changes():
    at = app()
    at.text_input(key=f"organisation.name@{gen(at)}").input("Föreningen Kvar").run()
    at.radio(key=f"role@{gen(at)}").set_value("organisation").run()
    at.switch_page(PAGES["initiative"]).run()
    answers = {}
    opens_follow_up = {q.ask_if.fact for q in questions_for("skr") if q.ask_if is not None}  # answered yes
    for q in questions_for("skr"):
        if q.group == "statutes":
            continue
        key = f"{q.id}@{gen(at)}"
        show_question(at, q.id)  # Initiativet draws only its open tab
        if q.kind == "number":
            at.number_input(key=key).set_value(4.0).run()
            answers[q.id] = 4.0
        else:
            value = (q.id in opens_follow_up) if q.kind == "bool" else list(q.choices)[-1]
            at.radio(key=key).set_value(value).run()
            answers[q.id] = value
    show_question(at, "initiative.goal").text_area(key=f"initiative.goal@{gen(at)}").input("Ett mål som ska finnas kvar.").run()
    snapshot = model(at).model_dump()

    for order in ORDERS:
        for page in order:
            at.switch_page(PAGES[page]).run()
            assert not at.exception
            assert model(at).model_dump() == snapshot, page
    at.switch_page(PAGES["initiative"]).run()
    for qid, value in answers.items():
        show_question(at, qid)
        widget = at.number_input(key=f"{qid}@{gen(at)}") if isinstance(value, float) else at.radio(key=f"{qid}@{gen(at)}")
        assert widget.value == value, qid
    assert show_question(at, "initiative.goal").text_area(key=f"initiative.goal@{gen(at)}").value == "Ett mål som ska finnas kvar."
    at.switch_page(PAGES["start"]).run()
    assert at.text_input(key=f"organisation.name@{gen(at)}").value == "Föreningen Kvar"
