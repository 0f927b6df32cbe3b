"""The agreement outline per framework: the data (iop_core.rules.outlines) and its prefill from a
screening (iop_core.report.outline)."""

from __future__ import annotations

from datetime import date

import pytest

from iop_core.format import swedish_date, swedish_period
from iop_core.report.outline import PREFILL, build_outline
from iop_core.rules import outlines as outline_mod
from iop_core.rules.catalogue import CatalogueError, frameworks
from iop_core.rules.outlines import PREFILL_NAMES, all_outlines, notice, outline_for, process_for
from iop_core.screening.model import Screening
from tests.support.screenings import demo

DEMOS = ("genuine_iop", "disguised_procurement", "grant_fits_better", "unsigned_declaration",
         "public_pays_all", "commercial_competition", "initiative_by_municipality")


def test_every_framework_has_an_outline_with_cited_sections():
    outlines = all_outlines()
    assert set(outlines) == set(frameworks())
    for fid, o in outlines.items():
        assert o.framework == fid
        assert o.sections and o.citations
        for sec in o.sections:
            assert sec.heading and sec.guidance and sec.citations, (fid, sec.id)


def test_the_outlines_follow_the_frameworks_own_numbering():
    hbg = [s.number for s in outline_for("helsingborg").sections]
    assert hbg[0] == "2.1" and hbg[-1] == "2.12"
    assert {"2.2.1", "2.3.1", "2.3.2", "2.3.3", "2.4.1", "2.4.2", "2.5.1", "2.5.2", "2.10", "2.11"} <= set(hbg)
    mora = outline_for("mora").sections
    assert [s.number for s in mora] == [str(n) for n in range(1, 15)]
    assert mora[11].heading == "Ekonomi, fakturaadress"
    vgr = [s for s in outline_for("vgr").sections if not s.added]
    assert [s.number for s in vgr] == [str(n) for n in range(1, 11)]
    assert [s.id for s in outline_for("vgr").sections if s.added] == ["parties", "contacts"]


def test_botkyrka_uses_skr_riktmarken_and_says_so():
    bot, skr = outline_for("botkyrka"), outline_for("skr")
    assert bot.source == "skr" and bot.sections == skr.sections
    assert "ingen egen mall" in bot.note
    assert any(c.document == "botkyrka" for c in bot.note_citations)


def test_the_notice_says_it_is_not_an_application():
    n = notice()
    assert "inte en ansökan" in n.text
    assert any(c.document == "vgr" and c.section == "Ett IOP" for c in n.citations)


@pytest.mark.parametrize("fid", list(frameworks()))
def test_who_decides_is_cited_per_framework(fid):
    p = process_for(fid)
    assert p.text and p.citations


def test_mora_process_is_the_officer_flow_and_skr_the_political_decision():
    assert "Kommunstyrelseförvaltningen" in process_for("mora").text
    assert any(c.section == "2.1" for c in process_for("skr").citations)


def test_an_outline_for_an_unknown_framework_fails_at_load_time(tmp_path, monkeypatch):
    text = (outline_mod.DATA / "outlines.toml").read_text(encoding="utf-8")
    (tmp_path / "outlines.toml").write_text(text + '\n[process.nowhere]\ntext = "X"\n', encoding="utf-8")
    monkeypatch.setattr(outline_mod, "DATA", tmp_path)
    outline_mod._data.cache_clear()
    try:
        with pytest.raises(CatalogueError, match=r"\[process\]: unknown frameworks \['nowhere'\]"):
            outline_mod._data()
    finally:
        monkeypatch.undo()
        outline_mod._data.cache_clear()


def test_every_prefill_name_the_data_may_use_has_its_text():
    assert tuple(PREFILL) == PREFILL_NAMES


def test_an_unknown_prefill_name_fails_at_load_time():
    raw = {"section": [{"id": "x", "heading": "X", "guidance": "g", "prefill": ["nonsense"],
                        "citations": [{"document": "skr", "section": "kap. 3"}]}]}
    with pytest.raises(CatalogueError, match="unknown prefill"):
        outline_mod._sections("skr", raw)


def test_an_unknown_citation_fails_at_load_time():
    raw = {"section": [{"id": "x", "heading": "X", "guidance": "g",
                        "citations": [{"document": "skr", "section": "9.9"}]}]}
    with pytest.raises(CatalogueError):
        outline_mod._sections("skr", raw)


def _text(filled, section_id: str) -> str:
    return next(s.text for s in filled.sections if s.id == section_id)


def test_sections_are_prefilled_from_the_screening():
    s = demo("genuine_iop")
    filled = build_outline(s, "skr")
    assert "Föreningen Läxhjälp i Gränsbyn (fiktiv), organisationsnummer 802000-0000" in _text(filled, "parties")
    assert "Gränsby kommun, barn- och utbildningsnämnden (fiktiv)" in _text(filled, "parties")
    assert _text(filled, "background") == s.initiative.challenge
    assert _text(filled, "goal") == s.initiative.goal
    assert _text(filled, "target_group") == s.initiative.target_group
    assert s.initiative.not_included in _text(filled, "activities")
    assert "Organisationen: ideellt arbete 2\u00a0700\u00a0000\u00a0kr" in _text(filled, "commitments")
    economy = _text(filled, "economy")
    assert "6\u00a0050\u00a0000\u00a0kr" in economy and "51,2\u00a0%" in economy
    assert "Organisationen får söka andra bidrag för samma verksamhet." in economy
    assert "Partnerskapet bedrivs utan vinstsyfte." in economy
    assert _text(filled, "period").startswith("Partnerskapet gäller 1 januari 2027 – 31 december 2031.")
    assert "Anna Lind, anna@example.org" in _text(filled, "contacts")
    assert not any(sec.edited for sec in filled.sections)


def test_helsingborg_name_and_values_and_mora_purpose_left_for_the_parties():
    s = demo("genuine_iop")
    hbg = build_outline(s, "helsingborg")
    assert _text(hbg, "name").endswith("Idéburet offentligt partnerskap (IOP)")
    assert "skrev under den 2 mars 2026" in _text(hbg, "values")
    assert _text(build_outline(s, "mora"), "purpose") == ""  # nothing in the answers says it


def test_prefill_states_only_what_the_answers_support():
    filled = build_outline(Screening(), "helsingborg")
    texts = {sec.id: sec.text for sec in filled.sections}
    # suggested partnership wordings from the sources are always offered ...
    assert texts["renegotiation"].startswith("Alla parter kan påkalla omförhandling.")
    assert texts["signature"]
    # ... but nothing is claimed about the case without an answer
    assert {k for k, v in texts.items() if v} == {"renegotiation", "signature"}
    skr = build_outline(demo("disguised_procurement"), "skr")
    assert _text(skr, "independence") == ""  # the municipality took the initiative
    assert _text(skr, "governance") == ""  # no joint governance


def test_the_users_edit_wins_and_follows_a_framework_switch():
    s = demo("genuine_iop")
    s.agreement.sections = {"goal": "Vårt eget mål."}
    for fid in ("skr", "mora", "helsingborg", "vgr"):
        sec = next(x for x in build_outline(s, fid).sections if x.id == "goal")
        assert sec.edited and sec.text == "Vårt eget mål."
        assert sec.suggested.startswith("Fler barn i Gränsbyn")


def test_an_emptied_section_stays_empty():
    s = demo("genuine_iop")
    s.agreement.sections = {"parties": ""}
    sec = next(x for x in build_outline(s, "skr").sections if x.id == "parties")
    assert sec.edited and sec.text == ""


@pytest.mark.parametrize("case", DEMOS)
def test_the_apps_own_suggestions_pass_the_word_check(case):
    """Word hits in an outline can only come from text the user wrote, never from the app."""
    s = demo(case)
    user_texts = " ".join([s.initiative.challenge, s.initiative.goal, s.initiative.target_group,
                           s.initiative.activities, s.initiative.not_included, s.budget.terms.payment_how,
                           s.budget.terms.payment_when, s.budget.terms.payment_to,
                           s.budget.terms.surplus_handling, s.budget.terms.extension]).lower()
    for fid in frameworks():
        for sec in build_outline(s, fid).sections:
            for hit in sec.word_hits:
                assert hit.word.lower() in user_texts, (case, fid, sec.id, hit.word)


def test_word_hits_are_reported_per_section():
    s = demo("genuine_iop")
    s.agreement.sections = {"renegotiation": "Vid försening utgår vite och rätt att häva avtalet."}
    filled = build_outline(s, "skr")
    sec = next(x for x in filled.sections if x.id == "renegotiation")
    assert [h.avoid for h in sec.word_hits] == ["vite", "rätt att häva"]
    assert len(filled.word_hits) == 2


def test_swedish_dates():
    assert swedish_date(date(2026, 11, 24)) == "24 november 2026"
    assert swedish_date(date(2027, 1, 1)) == "1 januari 2027"
    assert swedish_period(date(2027, 1, 1), date(2031, 12, 31)) == "1 januari 2027 – 31 december 2031"
    assert swedish_period(None, date(2031, 5, 31)) == "till 31 maj 2031"
    assert swedish_period(None, None) == ""


def test_dates_in_the_interface_language():
    from iop_core.format import format_date

    assert format_date(date(2026, 11, 24)) == "24 november 2026"
    assert format_date(date(2026, 11, 24), "en") == "24 November 2026"


# --------------------------------------------------------------------------- English


def test_every_outline_section_has_an_english_entry_and_vice_versa():
    from iop_core.rules.catalogue import translation

    raw = outline_mod._data()["outline"]
    english = translation("en")["outlines"]["outline"]
    own = {fid for fid, body in raw.items() if "same_as" not in body}
    assert set(english) == set(raw)
    for fid in own:
        ids = {sec["id"] for sec in raw[fid]["section"]}
        assert set(english[fid]["sections"]) == ids, fid
        assert english[fid]["title"] and english[fid]["intro"], fid
    assert english["botkyrka"]["note"]
    assert set(translation("en")["outlines"]["process"]) == set(outline_mod._data()["process"])
    assert set(translation("en")["outlines"]["prefill"]) == set(outline_mod._data()["prefill"])


def test_the_english_outline_translates_headings_and_keeps_numbers_and_citations():
    for fid in frameworks():
        sv, en = outline_for(fid), outline_for(fid, "en")
        assert [s.id for s in en.sections] == [s.id for s in sv.sections]
        assert [s.number for s in en.sections] == [s.number for s in sv.sections]
        assert [s.citations for s in en.sections] == [s.citations for s in sv.sections]
        assert en.citations == sv.citations and en.note_citations == sv.note_citations
        for a, b in zip(sv.sections, en.sections, strict=True):
            assert a.guidance != b.guidance, (fid, a.id)
            assert a.heading != b.heading or a.heading == "Budget", (fid, a.id)
        assert en.title != sv.title and process_for(fid, "en").text != process_for(fid).text
    assert outline_for("mora", "en").section("background").heading == "Background (Bakgrund)"
    assert outline_for("helsingborg", "en").section("parties").label == "2.3.1 Contracting partners (Avtalspartner)"
    assert "not an application" in notice("en").text and notice("en").citations == notice().citations


def test_the_english_prefill_uses_english_words_and_formats():
    s = demo("genuine_iop")
    s.language = "en"
    filled = build_outline(s, "skr")
    text = {sec.id: sec.text.replace("\u00a0", " ") for sec in filled.sections}
    assert "Public party: " in text["parties"] and "Non-profit organisation: " in text["parties"]
    assert "The organisation: volunteer work SEK 2,700,000" in text["commitments"]
    assert "The total budget is SEK 6,050,000 (2027–2031)." in text["economy"]
    assert "(48.8%)" in text["economy"]
    assert text["period"].startswith("The partnership applies 1 January 2027 – 31 December 2031.")
    # the screening's language is the default, and lang= overrides it
    assert build_outline(s, "skr", "sv").sections[0].text.startswith("Idéburen organisation:")
    assert filled.outline.sections[0].heading == "Parties"
