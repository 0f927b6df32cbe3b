"""Drafts in a real browser: the link is in the address from the first answer; three steps filled
in survive a reload, the resume link opens them in a new browser context (which asks before it
saves: the draft was made in another browser), and after "Radera mitt utkast" the link says the
draft is gone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import fill, goto_page, new_page, open_page, open_tab, rerun, screenshot, wait_idle

pytestmark = pytest.mark.browser

ORG = "Föreningen Utkast i Webbläsaren"
GOAL = "Fler barn klarar skolan i Gränsbyn."
SIGNER = "Anna Lind"
INITIATIVE = "Vem tog initiativet till samarbetet?"
LINK = re.compile(r"http://127\.0\.0\.1:\d+/#utkast=[A-Za-z0-9_-]{32}")
ELSEWHERE = "skapades på en annan enhet"


def fill_three_steps(page) -> None:
    fill(page.get_by_label("Organisationens namn"), ORG)
    goto_page(page, "Initiativet")
    with rerun(page):
        page.get_by_role("radiogroup", name=INITIATIVE).get_by_text("Organisationen", exact=True).click()
    open_tab(page, "Beskrivning")
    fill(page.get_by_role("textbox", name="Vad vill ni uppnå tillsammans?"), GOAL)
    goto_page(page, "Värdegrund")
    fill(page.get_by_label("Namn", exact=True), SIGNER)


def assert_three_steps(page) -> None:
    """The three steps hold what was typed."""
    goto_page(page, "Start")
    expect(page.get_by_label("Organisationens namn")).to_have_value(ORG)
    goto_page(page, "Initiativet")
    expect(page.get_by_role("radiogroup", name=INITIATIVE).get_by_role("radio", checked=True)) \
        .to_have_accessible_name("Organisationen")
    open_tab(page, "Beskrivning")
    expect(page.get_by_role("textbox", name="Vad vill ni uppnå tillsammans?")).to_have_value(GOAL)
    goto_page(page, "Värdegrund")
    expect(page.get_by_label("Namn", exact=True)).to_have_value(SIGNER)


def resume_link(page) -> str:
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Fortsätt senare: kopiera länken").click()
    code = sidebar.get_by_test_id("stCode")
    expect(code).to_have_text(LINK)
    return code.inner_text().strip()


def test_draft_survives_reload_resumes_by_link_and_can_be_deleted(browser, page):
    fill_three_steps(page)
    expect(page.get_by_test_id("stSidebar").get_by_text(re.compile(r"Sparat \d\d:\d\d"))).to_be_visible()
    expect(page).to_have_url(re.compile("utkast="))

    page.reload()  # a new session on the server: the draft comes back from the database
    wait_idle(page)
    expect(page.get_by_text("Ditt utkast är öppnat").first).to_be_visible()
    assert_three_steps(page)
    link = resume_link(page)
    page.context.close()  # "close the browser"

    tab = new_page(browser, link)
    expect(tab.get_by_text("Ditt utkast är öppnat").first).to_be_visible()
    expect(tab.get_by_text(ELSEWHERE)).to_be_visible()  # another browser's draft: asks first
    assert_three_steps(tab)
    screenshot(tab, "drafts_resumed")

    resume_link(tab)
    sidebar = tab.get_by_test_id("stSidebar")
    with rerun(tab):
        sidebar.get_by_role("button", name="Radera mitt utkast").click()
    expect(sidebar.get_by_text("Radera utkastet från servern?")).to_be_visible()  # asked first
    expect(tab).to_have_url(re.compile("utkast="))
    sidebar.get_by_role("button", name="Avbryt").scroll_into_view_if_needed()
    screenshot(tab, "drafts_delete_confirm")
    with rerun(tab):
        sidebar.get_by_role("button", name="Ja, radera utkastet").click()
    expect(tab.get_by_text("Ditt utkast är raderat").first).to_be_visible()  # until the next action
    expect(tab).not_to_have_url(re.compile("utkast="))
    expect(sidebar.get_by_text("inget sparas längre automatiskt")).to_be_visible()  # said once
    expect(sidebar.get_by_text("sparas automatiskt som ett krypterat utkast")).to_have_count(0)
    screenshot(tab, "drafts_deleted_sidebar")
    tab.context.close()

    gone = new_page(browser, link)
    expect(gone.get_by_text("Utkastet för den här länken är raderat").first).to_be_visible()
    expect(gone.get_by_label("Organisationens namn")).to_have_value("")
    screenshot(gone, "drafts_deleted")
    gone.context.close()


def test_the_link_is_in_the_address_from_the_first_answer(browser, page):
    """Issue #24: one answer and Tab, and the address already holds the link (from the same run
    that saved the draft), so a reload or the link in a fresh browser brings the answer back."""
    fill(page.get_by_label("Organisationens namn"), ORG)
    expect(page).to_have_url(LINK)
    link = page.url
    assert link == resume_link(page)

    page.reload()
    wait_idle(page)
    expect(page.get_by_label("Organisationens namn")).to_have_value(ORG)
    expect(page).to_have_url(link)
    expect(page.get_by_text(ELSEWHERE)).to_have_count(0)  # this browser made the draft

    fresh = new_page(browser, link)
    expect(fresh.get_by_label("Organisationens namn")).to_have_value(ORG)
    expect(fresh.get_by_text(ELSEWHERE)).to_be_visible()
    screenshot(fresh, "drafts_link_from_elsewhere")
    fresh.context.close()


def test_a_conflict_with_another_tab_is_said_at_the_top_of_the_page(browser, page):
    """Issue #24 point 3: the two-tab notice where the user looks, not below the fold in the sidebar."""
    fill(page.get_by_label("Organisationens namn"), ORG)
    fill(page.get_by_label("Organisationsnummer"), "802000-1234")  # the link is in the address bar by now
    expect(page).to_have_url(re.compile("utkast="))
    other = open_page(page.context, page.url)  # another tab of the same browser (it made the draft)
    expect(other.get_by_label("Organisationens namn")).to_have_value(ORG)
    fill(other.get_by_label("Organisationens namn"), ORG + " (flik två)")
    fill(page.get_by_label("Organisationens namn"), ORG + " (flik ett)")
    main = page.get_by_test_id("stMain")
    notice = main.get_by_test_id("stAlert").filter(has_text="ändrats i en annan flik").first
    expect(notice).to_be_visible()
    title = main.get_by_role("heading", level=1).first
    assert notice.bounding_box()["y"] < title.bounding_box()["y"]  # above the page's own content
    expect(main.get_by_role("button", name="Öppna det nyare utkastet")).to_be_visible()
    page.evaluate("window.scrollTo(0, 0)")
    notice.scroll_into_view_if_needed()
    screenshot(page, "drafts_conflict_top")
    with rerun(page):
        main.get_by_role("button", name="Öppna det nyare utkastet").click()
    expect(page.get_by_label("Organisationens namn")).to_have_value(ORG + " (flik två)")
    expect(main.get_by_text("ändrats i en annan flik")).to_have_count(0)
    other.close()
