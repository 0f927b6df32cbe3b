"""The budget page (AppTest): totals, editor deltas through the real on_change, rows with
problems, CSV import, the volunteer rate, the period, the terms, charts and findings.

AppTest cannot type into the data editor, so `edit` sends the same JSON delta the browser sends
(Streamlit's private widget-state API); the browser test covers real typing.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal as D

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from iop_core.budget.rows import COLUMNS
from iop_core.clock import today as swedish_today
from iop_core.screening.model import Screening
from tests.support.apptest import alerts, app, gen, model
from tests.support.screenings import demo

NB = "\u00a0"
HEADER = "Part;Kategori;Beskrivning (vid annat);Sort;Antal;Enhet;Värde per enhet (kr);År;Anteckning\n"


def shown(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).replace(NB, " ")


def texts(at) -> str:
    parts = [*alerts(at), *(e.value for kind in ("title", "subheader", "markdown", "caption") for e in getattr(at, kind))]
    return shown(" ".join(parts))


def metrics(at) -> dict[str, str]:
    return {m.label: m.value.replace(NB, " ") for m in at.metric}


def editor(at):
    return next(e for e in at.data_editor if e.key.startswith(f"budget.editor@{gen(at)}."))


def grid_state(at, delta: dict) -> dict:
    """`delta` as the browser's grid of fixed rows sends it. The grid drops each edit that its new
    data holds, so after a run a state holds the next edit only, by position over the rows drawn:
    `added_rows` are typed into the first empty rows, `deleted_rows` have every cell emptied."""
    rows = at.session_state["budget_editor_base"][1]
    edited = {str(k): dict(v) for k, v in delta.get("edited_rows", {}).items()}
    for i in delta.get("deleted_rows", []):
        edited[str(i)] = dict.fromkeys(COLUMNS)
    empty = (i for i, row in enumerate(rows) if row is None)
    for row in delta.get("added_rows", []):
        edited[str(next(empty))] = dict(row)
    return {"edited_rows": edited}


def edit(at, delta: dict):
    """Send a grid edit like the browser does; on_change fires, then the script reruns."""
    states = at._tree.get_widget_states()
    el = editor(at)
    kept = [w for w in states.widgets if w.id != el.proto.id]
    del states.widgets[:]
    states.widgets.extend(kept)
    w = WidgetState()
    w.id = el.proto.id
    w.string_value = json.dumps(grid_state(at, delta))
    states.widgets.append(w)
    at._run(states)
    assert not at.exception, at.exception
    return at


def row_values(at) -> dict[str, str]:
    """The "Värde per rad" table: row label -> value or "Räknas inte ännu" (its box opened first)."""
    at.session_state["budget_row_values"] = True
    frame = next(d for d in at.run().dataframe if "Rad" in d.value.columns).value
    return {r["Rad"]: r["Värde"].replace(NB, " ") for _, r in frame.iterrows()}


def upload(at, name: str, data: bytes):
    uploader = next(u for u in at.file_uploader if u.key.startswith("budget.csv@"))
    uploader.set_value((name, data, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def charts(at) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("vega_lite_chart")]


def test_demo_budget_shows_totals_in_swedish_format_rows_charts_and_findings():
    at = app(demo("genuine_iop"), "budget")
    assert metrics(at)["Totalt"] == "6 050 000 kr"
    assert metrics(at)["Organisationen"] == "3 100 000 kr"
    assert len(editor(at).value) == 35  # the 30 rows, then 5 empty rows to write new ones in
    specs = charts(at)
    titles = [spec["title"]["text"] for spec in specs]
    assert titles == ["Insatser per part", "Insatser per år"]
    assert all(spec.get("description") for spec in specs)  # read out by screen readers
    page = texts(at)
    assert "Budgeten visar samfinansiering" in page and "SKR 2.5; SKR kap. 3; Helsingborg 2.7" in page
    assert "Förvalet 300 kr per timme är appens eget antagande" in page and "Källa: SKR 2.5" in page


def test_each_edit_in_a_row_reaches_the_model_and_the_totals():
    at = app(demo("genuine_iop"), "budget")
    first_id = editor(at).proto.id
    edit(at, {"edited_rows": {"0": {"unit_value": "500000"}}, "added_rows": [], "deleted_rows": []})
    assert metrics(at)["Totalt"] == "6 100 000 kr"
    edit(at, {"edited_rows": {"1": {"quantity": "6"}}, "added_rows": [], "deleted_rows": []})
    assert metrics(at)["Totalt"] == "6 052 000 kr"
    edit(at, {"edited_rows": {"3": {"quantity": "2 000"}}, "added_rows": [], "deleted_rows": []})
    assert metrics(at)["Totalt"] == "6 112 000 kr"
    assert model(at).budget.lines[3].quantity == D(2000)
    assert row_values(at)["4"] == "600 000 kr"
    assert editor(at).proto.id == first_id  # one editor all along: no remount, focus and dropdowns stay


def test_a_bad_cell_is_kept_explained_and_everything_else_stays():
    at = app(demo("genuine_iop"), "budget")
    edit(at, {"edited_rows": {"1": {"quantity": "tolv"}}, "added_rows": [], "deleted_rows": []})
    b = model(at).budget
    assert len(b.lines) == 29 and b.drafts[0].quantity == "tolv" and b.drafts[0].category == "lokaler"
    assert metrics(at)["Totalt"] == "5 954 000 kr"  # 96 000 no longer counts
    page = texts(at)
    assert "Rad 2" in page and "Antal: ”tolv” är inte ett tal" in page  # the row where it was typed
    assert "Det du har skrivit finns kvar" in page
    assert row_values(at)["2"] == "Räknas inte ännu"
    edit(at, {"edited_rows": {"1": {"quantity": "12"}}, "added_rows": [], "deleted_rows": []})
    assert metrics(at)["Totalt"] == "6 050 000 kr" and model(at).budget.drafts == []
    assert "Rad 2" not in texts(at)


def test_adding_and_deleting_rows():
    at = app(Screening(), "budget")
    assert "Budgeten är tom" in texts(at)
    assert charts(at) == []
    edit(at, {"edited_rows": {}, "deleted_rows": [],
              "added_rows": [{"party": "public", "category": "pengar", "unit_value": "100 000"}]})
    edit(at, {"edited_rows": {}, "deleted_rows": [],
              "added_rows": [{"party": "organisation", "category": "ideellt arbete", "quantity": "200"}]})
    assert metrics(at)["Totalt"] == "160 000 kr"
    assert model(at).budget.lines[1].unit_value == D(300)  # the volunteer rate
    assert len(charts(at)) == 2
    edit(at, {"edited_rows": {}, "deleted_rows": [0], "added_rows": []})
    assert metrics(at)["Totalt"] == "60 000 kr"
    assert "Organisationen bidrar inte" not in texts(at)


def test_an_unfinished_new_row_is_one_calm_line_not_a_list_of_errors():
    at = app(Screening(), "budget")
    edit(at, {"edited_rows": {}, "deleted_rows": [], "added_rows": [{"party": "other"}]})
    page = texts(at)
    assert "**Rad 1** – fyll i Kategori, Sort, Enhet, Antal, Kr per enhet" in page
    assert "Rader att rätta" not in page and not at.error  # nothing is wrong yet, only unfinished
    assert model(at).budget.drafts[0].party == "other"
    edit(at, {"edited_rows": {"0": {"category": "pengar", "quantity": "tolv"}}, "deleted_rows": [], "added_rows": []})
    assert "Rader att rätta" in texts(at) and "Antal: ”tolv” är inte ett tal" in texts(at)


def test_new_rows_take_the_first_year_of_the_period():
    at = app(Screening(), "budget")
    at.date_input(key=f"budget.terms.period_start@{gen(at)}").set_value(date(2028, 3, 1)).run()
    at.date_input(key=f"budget.terms.period_end@{gen(at)}").set_value(date(2030, 2, 28)).run()
    assert model(at).budget.terms.period_start == date(2028, 3, 1)
    edit(at, {"edited_rows": {}, "deleted_rows": [], "added_rows": [{"party": "public", "category": "pengar",
                                                                    "unit_value": "5"}]})
    assert model(at).budget.lines[0].year == 2028
    edit(at, {"edited_rows": {"0": {"year": "2031"}}, "deleted_rows": [], "added_rows": []})
    assert "Året 2031 ligger utanför avtalsperioden 2028–2030" in texts(at)


def test_a_period_that_ends_before_it_starts_is_flagged():
    at = app(Screening(), "budget")
    at.date_input(key=f"budget.terms.period_start@{gen(at)}").set_value(date(2029, 1, 1)).run()
    at.date_input(key=f"budget.terms.period_end@{gen(at)}").set_value(date(2028, 1, 1)).run()
    assert "Avtalet slutar innan det börjar" in texts(at)


def test_changing_the_volunteer_rate_revalues_the_volunteer_hours():
    at = app(demo("genuine_iop"), "budget")
    at.number_input(key=f"budget.volunteer_hourly_rate@{gen(at)}").set_value(250.0).run()
    assert model(at).budget.volunteer_hourly_rate == D(250)
    assert {ln.unit_value for ln in model(at).budget.lines if ln.category == "ideellt arbete"} == {D(250)}
    assert metrics(at)["Totalt"] == "5 600 000 kr"  # 5 × 1 800 h × 50 kr less


def test_csv_import_in_windows_1252_adds_rows():
    at = app(demo("genuine_iop"), "budget")
    data = (HEADER + "Annan finansiär;Pengar;;Pengar;1;kr;100 000;2027;Stiftelsen Ängen\n").encode("cp1252")
    upload(at, "budget.csv", data)
    assert len(model(at).budget.lines) == 31 and model(at).budget.lines[-1].note == "Stiftelsen Ängen"
    assert "Rader som lästes in och räknas med: 1." in texts(at)
    assert metrics(at)["Annan finansiär"] == "100 000 kr"


def test_csv_rows_with_problems_are_kept_and_named_by_line():
    at = app(Screening(), "budget")
    data = (HEADER + "Offentlig part;Pengar;;Pengar;1;kr;450000;2027;\n"
                     "Grannen;Pengar;;Pengar;1;kr;5000;2027;\n"
                     "Organisationen;Ideellt arbete;;;;timmar;300;2027;\n").encode("utf-8-sig")
    upload(at, "budget.csv", data)
    b = model(at).budget
    assert len(b.lines) == 1 and [d.party for d in b.drafts] == ["Grannen", "organisation"]
    page = texts(at)
    assert "Rad 3 i filen: Part: ”Grannen” är ingen part" in page
    assert "Rad 4 i filen: Antal: Skriv hur många" in page
    party = json.loads(editor(at).proto.columns)["party"]["type_config"]
    assert {"value": "Grannen", "label": "Grannen (okänt)"} in party["options"]  # the typed text stays visible


def test_csv_with_wrong_columns_or_encoding_changes_nothing():
    at = app(demo("genuine_iop"), "budget")
    before = model(at).budget
    upload(at, "budget.csv", b"Namn;Summa\nKommunen;450000\n")
    assert "Filen lästes inte in. Budgeten är oförändrad." in texts(at)
    assert "saknar kolumnerna Part, Kategori, Antal, Värde per enhet (kr)" in texts(at)
    upload(at, "budget.csv", (HEADER + "Offentlig part;Pengar;;Pengar;1;kr;5;2027;\n").encode("utf-16"))
    assert "Kan inte läsa filen" in texts(at)
    assert model(at).budget == before


def test_csv_export_offers_the_rows():
    at = app(demo("genuine_iop"), "budget")
    labels = [b.label for b in at.get("download_button")]
    assert "Ladda ner budgeten som CSV" in labels


def test_terms_are_bound_to_the_model_and_word_checked():
    at = app(Screening(), "budget")
    assert "Det här saknas ännu i villkoren" in texts(at)
    at.text_input(key=f"budget.terms.payment_to@{gen(at)}").input("Föreningen Gränsbyn").run()
    at.radio(key=f"budget.terms.other_grants_allowed@{gen(at)}").set_value(False).run()
    at.text_area(key=f"budget.terms.payment_how@{gen(at)}").input("Ersättning mot fakturering.").run()
    terms = model(at).budget.terms
    assert terms.payment_to == "Föreningen Gränsbyn" and terms.other_grants_allowed is False
    page = texts(at)
    assert "välj hellre ”utbetalning”" in page and "SKR kap. 3" in page


def test_public_pays_all_demo_shows_the_findings_with_citations():
    at = app(demo("public_pays_all"), "budget")
    page = texts(at)
    assert "Budgeten visar inget eller nästan inget eget bidrag" in page
    assert "Organisationen bidrar inte med något i budgeten" in page
    assert "Budgeten visar att den offentliga parten står för nästan allt" in page
    assert "SKR 4.4.4; C-532/03 punkt 35–37" in page
    assert "Den offentliga parten bidrar bara med pengar" in page


def test_budget_survives_a_page_round_trip():
    at = app(demo("genuine_iop"), "budget")
    edit(at, {"edited_rows": {"0": {"quantity": "x"}}, "added_rows": [], "deleted_rows": []})
    at.switch_page("pages/0_start.py").run()
    at.switch_page("pages/4_budget.py").run()
    assert not at.exception
    assert model(at).budget.drafts[0].quantity == "x"
    assert "”x” är inte ett tal" in texts(at)


def test_the_grid_offers_empty_rows_up_to_the_limit_and_no_further():
    from iop_core.screening.model import MAX_BUDGET_ROWS, BudgetDraft

    s = Screening()
    s.budget.drafts = [BudgetDraft(party="public", category="pengar", quantity="x")] * (MAX_BUDGET_ROWS - 1)
    at = app(s, "budget")
    assert len(editor(at).value) == MAX_BUDGET_ROWS  # one empty row left
    assert next(b for b in at.button if b.label.startswith("Fler tomma rader")).disabled
    edit(at, {"added_rows": [{"party": "public", "category": "pengar", "unit_value": "1"}]})
    assert len(model(at).budget.drafts) + len(model(at).budget.lines) == MAX_BUDGET_ROWS
    assert any("Alla tomma rader är använda" in c.value for c in at.caption)
    edit(at, {"edited_rows": {"5000": {"party": "public"}}})  # outside the grid: no browser sends it
    assert not at.exception
    assert len(model(at).budget.drafts) + len(model(at).budget.lines) == MAX_BUDGET_ROWS


def test_legends_are_never_cut_and_the_table_toolbar_has_room_above_the_table():
    """Issue #13 point 14: "Annan finansi…" in the legend; the toolbar over "andra resurser…"."""
    at = app(demo("genuine_iop"), "budget")
    edit(at, {"edited_rows": {}, "deleted_rows": [], "added_rows": [
        {"party": "other", "category": "pengar", "unit_value": "10 000", "year": "2027"}]})
    for spec in charts(at):
        legends = [enc["legend"] for enc in spec.get("encoding", {}).values() if isinstance(enc, dict) and enc.get("legend")]
        for layer in spec.get("layer", []):
            legends += [enc["legend"] for enc in layer.get("encoding", {}).values()
                        if isinstance(enc, dict) and enc.get("legend")]
        assert legends and all(lg.get("labelLimit") == 0 for lg in legends), spec["title"]
    captions = [c.value for c in at.caption]
    assert any("Skriv nya rader i de tomma raderna längst ner" in c for c in captions)


# --- One number style per language (issue #13 point 11) ------------------------------------------
# English mixed "832,000" (figures), "250 000" (table cells) and "SEK 250,000" (everything else).

MONEY_EN = re.compile(r"SEK\u00a0\d{1,3}(,\d{3})*(\.\d\d)?")


def _english(case: str = "genuine_iop"):
    s = demo(case)
    s.language = "en"
    return app(s, "budget")


def test_english_budget_writes_every_amount_the_english_way():
    at = _english()
    assert {m.label: m.value for m in at.metric} == {
        "Total": "SEK\u00a06,050,000", "Public party": "SEK\u00a02,950,000",
        "The organisation": "SEK\u00a03,100,000", "Of which money": "SEK\u00a02,550,000"}
    assert [m.proto.delta for m in at.metric][1:] == [
        "48.8% of everything", "51.2% of everything", "other resources SEK\u00a03,500,000"]
    frame = editor(at).value
    assert list(frame["quantity"][:4]) == ["1", "12", "80", "1,800"]
    assert list(frame["unit_value"][:3]) == ["450,000", "8,000", "550"]
    at.session_state["budget_row_values"] = at.session_state["budget_chart_table"] = True  # drawn when opened
    per_row = next(d.value for d in at.run().dataframe if "Row" in d.value.columns)
    figures = next(d.value for d in at.dataframe if "Year" in d.value.columns)
    assert all(MONEY_EN.fullmatch(v) for v in per_row["Value"])
    assert all(MONEY_EN.fullmatch(v) for column in figures.columns[1:] for v in figures[column])
    axes = re.findall(r'"labelExpr": "([^"]*)"', json.dumps(charts(at), ensure_ascii=False))
    assert axes and set(axes) == {"'SEK\u00a0' + format(datum.value, ',.0f')"}


def test_swedish_budget_keeps_the_swedish_way():
    at = app(demo("genuine_iop"), "budget")
    assert {m.label: m.value for m in at.metric}["Totalt"] == "6\u00a0050\u00a0000\u00a0kr"
    assert list(editor(at).value["quantity"][:4]) == ["1", "12", "80", "1\u00a0800"]


def test_english_numbers_typed_with_thousands_commas_are_read_as_thousands():
    at = _english()
    edit(at, {"edited_rows": {"0": {"unit_value": "500,000"}}, "added_rows": [], "deleted_rows": []})
    assert model(at).budget.lines[0].unit_value == D(500000)
    assert {m.label: m.value for m in at.metric}["Total"] == "SEK\u00a06,100,000"
    edit(at, {"edited_rows": {"3": {"quantity": "2,000.5"}}, "added_rows": [], "deleted_rows": []})
    assert model(at).budget.lines[3].quantity == D("2000.5")
    edit(at, {"edited_rows": {"1": {"quantity": "1.5"}}, "added_rows": [], "deleted_rows": []})
    assert model(at).budget.lines[1].quantity == D("1.5")


def test_a_swedish_decimal_comma_stays_a_decimal_comma():
    at = app(demo("genuine_iop"), "budget")
    edit(at, {"edited_rows": {"1": {"quantity": "1,500"}}, "added_rows": [], "deleted_rows": []})
    assert model(at).budget.lines[1].quantity == D("1.5")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_column_headers_are_not_cut(lang):
    """Issue #13 point 11: "Quant", "Yea". Measured in Chromium in the app's font (Source Sans,
    14 px): "Quantity" 51 px, "Year" 25 px, "SEK per unit" 72 px, "Beskrivning (vid annat)"
    134 px; an editable column's icon and padding take up to 45 px. 6.5 px a character plus 40 px
    covers every header; the row number has no icon. The columns before the free texts still fit
    the 820 px a 1280 px screen leaves next to the sidebar, less the grid's 34 px row markers."""
    s = demo("genuine_iop")
    s.language = lang
    at = app(s, "budget")
    columns = json.loads(editor(at).proto.columns)
    for cid, col in columns.items():
        icon = 0 if cid == "_index" else 40
        assert col["width"] >= 6.5 * len(col["label"]) + icon, (col["label"], col["width"])
    order = list(editor(at).proto.column_order)
    shown = order[:order.index("other_text")]
    assert columns["_index"]["width"] + sum(columns[c]["width"] for c in shown) <= 820 - 34


def test_english_notices_write_amounts_the_english_way():
    at = _english()
    edit(at, {"edited_rows": {"3": {"unit_value": "350"}}, "added_rows": [], "deleted_rows": []})  # volunteer hours
    notices = shown(" ".join(alerts(at)))
    assert "hourly value of volunteer work (SEK 300)" in notices and "300 kr" not in notices
    edit(at, {"edited_rows": {"0": {"quantity": "1000000", "unit_value": "99,999,999"}},
              "added_rows": [], "deleted_rows": []})
    assert "The row's value becomes SEK 99,999,999,000,000," in shown(" ".join(alerts(at)))


# --- issue #24 point 2: the grid shows what the app fills in; copy and delete rows ---------------


def _grid_row(at, label: int) -> dict:
    return editor(at).value.loc[label].to_dict()


def test_a_new_row_shows_what_the_app_filled_in_at_once_in_the_same_grid():
    at = app(Screening(), "budget")
    first = editor(at).proto.id
    assert list(editor(at).value.index) == [1, 2, 3, 4, 5]  # row numbers shown before anything is typed
    edit(at, {"added_rows": [{"party": "organisation"}]})
    assert _grid_row(at, 1)["year"] == str(swedish_today().year)
    edit(at, {"edited_rows": {"0": {"category": "ideellt arbete"}}})
    row = _grid_row(at, 1)
    assert (row["kind"], row["unit"], row["unit_value"]) == ("in_kind", "timmar", "300")
    edit(at, {"edited_rows": {"1": {"party": "public", "category": "pengar"}}})
    assert (_grid_row(at, 2)["kind"], _grid_row(at, 2)["quantity"], _grid_row(at, 2)["unit"]) == ("money", "1", "kr")
    assert editor(at).proto.id == first  # the same grid all along: focus and selection stay
    assert "**Rad 2** – fyll i Kr per enhet" in texts(at)


def test_a_kind_that_follows_a_new_category_shows_in_the_same_grid():
    at = app(demo("genuine_iop"), "budget")
    first = editor(at).proto.id
    assert _grid_row(at, 2)["category"] == "lokaler"
    edit(at, {"edited_rows": {"1": {"kind": "in_kind"}}})  # picked again as it was
    edit(at, {"edited_rows": {"1": {"category": "pengar"}}})  # the kind follows: "Pengar"
    assert model(at).budget.lines[1].kind == "money" and _grid_row(at, 2)["kind"] == "money"
    assert editor(at).proto.id == first


def test_emptying_every_cell_of_a_row_removes_it():
    at = app(demo("genuine_iop"), "budget")
    edit(at, {"deleted_rows": [0]})
    assert len(model(at).budget.lines) == 29 and metrics(at)["Totalt"] == "5 600 000 kr"


def _choose(at, choice: str):
    at.selectbox(key="budget_copy_what").set_value(choice).run()
    return at


def _press(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def _period(at, start: date, end: date):
    at.date_input(key=f"budget.terms.period_start@{gen(at)}").set_value(start).run()
    at.date_input(key=f"budget.terms.period_end@{gen(at)}").set_value(end).run()


def test_a_row_is_copied_to_the_next_year_and_to_every_year_of_the_period():
    at = app(Screening(), "budget")
    _period(at, date(2027, 1, 1), date(2030, 12, 31))
    edit(at, {"added_rows": [{"party": "public", "category": "pengar", "unit_value": "100 000"}]})
    labels = at.selectbox(key="budget_copy_what").options
    assert "Rad 1: Offentlig part, Pengar, 2027" in labels and "Alla rader för 2027 (1 st)" in labels
    _press(_choose(at, "row:1"), "Kopiera till nästa år")
    assert [ln.year for ln in model(at).budget.lines] == [2027, 2028]
    assert "Rad 1 kopierades till 2028. Nya rader i tabellen: 2." in shown(" ".join(alerts(at)))
    assert _grid_row(at, 2)["year"] == "2028"  # the grid shows the copy at once
    _press(at, "Kopiera till alla år i perioden")
    assert [ln.year for ln in model(at).budget.lines] == [2027, 2028, 2029, 2030]
    page = shown(" ".join(alerts(at)))
    assert "Rad 1 kopierades till 2028–2030. Nya rader i tabellen: 3–4." in page
    assert "1 kopia fanns redan och lades inte till igen." in page
    assert metrics(at)["Totalt"] == "400 000 kr"


def test_a_years_rows_are_copied_and_the_limits_are_said():
    at = app(Screening(), "budget")
    edit(at, {"added_rows": [{"party": "public", "category": "pengar", "unit_value": "5", "year": "2027"},
                             {"party": "organisation", "category": "lokaler", "kind": "in_kind", "quantity": "12",
                              "unit_value": "8 000", "year": "2027"}]})
    _press(_choose(at, "year:2027"), "Kopiera till alla år i perioden")
    assert "Fyll i avtalsperioden överst på sidan först" in shown(" ".join(alerts(at)))
    _press(at, "Kopiera till nästa år")
    assert [(ln.party, ln.year) for ln in model(at).budget.lines][2:] == [("public", 2028), ("organisation", 2028)]
    assert "Raderna för 2027 kopierades till 2028. Nya rader i tabellen: 3–4." in shown(" ".join(alerts(at)))
    _press(at, "Kopiera till nästa år")
    assert "Likadana rader finns redan de åren. Inget nytt kopierades." in shown(" ".join(alerts(at)))
    _period(at, date(2027, 1, 1), date(2028, 12, 31))
    _press(_choose(at, "year:2028"), "Kopiera till nästa år")
    assert "Året 2029 ligger utanför avtalsperioden 2027–2028. Inget kopierades." in shown(" ".join(alerts(at)))


def test_a_copy_past_the_row_limit_copies_nothing_and_says_so():
    from iop_core.screening.model import MAX_BUDGET_ROWS, BudgetDraft, BudgetLine

    s = Screening()
    s.budget.terms.period_start, s.budget.terms.period_end = date(2027, 1, 1), date(2031, 12, 31)
    s.budget.lines = [BudgetLine(party="public", category="pengar", kind="money", quantity=1, unit="kr",
                                 unit_value=n + 1, year=2027) for n in range(3)]
    s.budget.drafts = [BudgetDraft(party="public", category="pengar", quantity="x")] * (MAX_BUDGET_ROWS - 10)
    at = app(s, "budget")
    _press(_choose(at, "year:2027"), "Kopiera till alla år i perioden")
    assert len(model(at).budget.lines) == 3
    assert ("Kopiorna skulle ge budgeten 1005 rader, men den rymmer högst 1000. Inget kopierades."
            in shown(" ".join(alerts(at))))


def test_an_unfinished_row_is_not_copied_and_a_row_can_be_deleted():
    at = app(demo("genuine_iop"), "budget")
    edit(at, {"edited_rows": {"1": {"quantity": "tolv"}}})
    _press(_choose(at, "row:2"), "Kopiera till nästa år")
    assert "Rad 2 räknas inte ännu och kopierades inte." in shown(" ".join(alerts(at)))
    _press(at, "Ta bort raden")
    assert len(model(at).budget.lines) == 29 and model(at).budget.drafts == []
    assert "Rad 2 är borttagen." in shown(" ".join(alerts(at)))
    assert at.selectbox(key="budget_copy_what").value is None


def test_more_empty_rows_on_request():
    at = app(Screening(), "budget")
    assert "5 tomma rader kvar längst ner i tabellen." in texts(at)
    _press(at, "Fler tomma rader (5)")
    assert len(editor(at).value) == 10


def test_english_row_actions():
    s = Screening()
    s.language = "en"
    at = app(s, "budget")
    edit(at, {"added_rows": [{"party": "public", "category": "pengar", "unit_value": "5", "year": "2027"}]})
    assert "Row 1: Public party, Money, 2027" in at.selectbox(key="budget_copy_what").options
    _press(_choose(at, "row:1"), "Copy to the next year")
    assert "Row 1 was copied to 2028. New rows in the table: 2." in shown(" ".join(alerts(at)))
