"""A translator's round in a real browser: upload, align, review, fix, undo, filter."""
import re

import pytest
from playwright.sync_api import expect

from alignment.models import Alignment, Bead
from tests.browser.conftest import sign_in
from translations.models import Segment

GERMAN = (
    "Die Studenten fuhren am Abend nach Iguala. Dort wurden sie von der Polizei angehalten.\n\n"
    "Drei Menschen starben in der Nacht. Die Familien suchen bis heute nach Antworten. "
    "Der Fall ist nicht abgeschlossen."
)
ENGLISH = (
    "In the evening the students travelled to Iguala. There the police stopped them.\n\n"
    "Three people died that night. To this day the families are looking for answers. "
    "The case is not closed. Nobody has been convicted."
)


def bead_ranges(alignment):
    return [bead.ranges() for bead in alignment.beads.all()]


def focused(page):
    return page.locator("#editor-main li.bead.focused")


def wait_for_swap(page, text):
    expect(page.locator("#editor-alert")).to_contain_text(text)


@pytest.mark.django_db(transaction=True)
def test_a_translator_aligns_and_reviews_two_versions(
    page, live_server, owner, document_a, engine, screenshot
):
    base = live_server.url
    sign_in(page, base, owner.username)
    page.get_by_role("link", name="Protests in November").first.click()

    # Upload the original as pasted text and the translation as a file.
    page.get_by_label("Language", exact=True).select_option("de")
    page.get_by_label("Or paste the text").fill(GERMAN)
    page.get_by_role("button", name="Add version").click()
    expect(page.locator(".messages")).to_contain_text("German version added: 5 sentences")
    page.get_by_label("Language", exact=True).select_option("en")
    page.get_by_label("File").set_input_files(
        files=[{"name": "english.txt", "mimeType": "text/plain", "buffer": ENGLISH.encode()}]
    )
    page.get_by_role("button", name="Add version").click()
    expect(page.locator(".messages")).to_contain_text("English version added: 6 sentences")

    # Start the alignment and watch it finish.
    page.get_by_role("button", name="Align these two").click()
    expect(page.locator(".job-status")).to_contain_text("Done", timeout=120_000)
    screenshot(page, "document", full_page=True)
    alignment = Alignment.objects.get()
    assert alignment.status == Alignment.Status.DONE and alignment.bead_count >= 4

    page.goto(f"{base}/")
    expect(page.get_by_role("heading", name="Your projects")).to_be_visible()
    screenshot(page, "dashboard", full_page=True)

    page.get_by_role("link", name="German ↔ English").first.click()
    expect(focused(page)).to_have_count(1)
    screenshot(page, "editor", full_page=True)

    # Confirm the first bead with one key.
    page.keyboard.press("c")
    wait_for_swap(page, "Confirm: done")
    assert alignment.beads.first().state == Bead.State.CONFIRMED
    expect(page.locator("#count-confirmed")).to_have_text("1 confirmed")

    # Move down and merge with the next bead.
    before = bead_ranges(alignment)
    page.keyboard.press("j")
    page.keyboard.press("m")
    wait_for_swap(page, "Merge: done")
    after = bead_ranges(alignment)
    assert len(after) == len(before) - 1
    merged = after[1]
    assert merged[0] == before[1][0] and merged[1] == before[2][1]

    # Split it again where the panel suggests.
    expect(focused(page)).to_contain_text("Dort wurden")
    page.keyboard.press("s")
    expect(page.get_by_role("heading", name="Split this bead")).to_be_visible()
    page.locator("#side-panel").get_by_role("button", name="Split", exact=True).click()
    wait_for_swap(page, "Split: done")
    assert len(bead_ranges(alignment)) == len(before)
    expect(page.locator("#side-panel")).to_be_empty()

    # Shift the target boundary of the focused bead down by one sentence, then back up.
    current = bead_ranges(alignment)[1]
    page.keyboard.press("}")
    wait_for_swap(page, "Shift target down: done")
    shifted = alignment.beads.filter(src_start=current[0]).first()
    assert shifted.tgt_end == current[3] + 1
    page.keyboard.press("{")
    wait_for_swap(page, "Shift target up: done")

    # Edit a target sentence in place and save with Ctrl+Enter.
    page.keyboard.press("t")
    editor = page.locator(".sentence-edit textarea")
    expect(editor).to_be_focused()
    original = editor.input_value()
    editor.fill("A sentence fixed by hand <em>with care</em>.")
    page.keyboard.press("Control+Enter")
    wait_for_swap(page, "Sentence saved")
    edited = Segment.objects.get(version=alignment.target, text__contains="fixed by hand")
    expect(page.locator("#editor-main")).to_contain_text("<em>with care</em>")

    # Undo takes the text edit back.
    page.keyboard.press("u")
    wait_for_swap(page, "Undone")
    edited.refresh_from_db()
    assert edited.text == original

    # History of the focused bead names who did what.
    page.keyboard.press("h")
    expect(page.locator("#side-panel")).to_contain_text(owner.username)
    screenshot(page, "editor-history")
    page.keyboard.press("Escape")

    # Shortcuts are listed behind "?".
    page.keyboard.press("?")
    expect(page.get_by_role("heading", name="Keyboard shortcuts")).to_be_visible()
    page.keyboard.press("Escape")

    # Filter to low confidence, lowest first.
    page.get_by_label("Show").select_option("unconfirmed")
    page.get_by_label("Confidence below").fill("0.5")
    page.get_by_label("Order").select_option("risk")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"max_confidence=0.5"))
    confidences = page.locator("#editor-main .confidence").all_inner_texts()
    shown = [float(text.split()[-1]) for text in confidences]
    assert shown == sorted(shown) and all(value < 0.5 for value in shown)
    expected = alignment.beads.exclude(state="confirmed").filter(confidence__lt=0.5).count()
    assert len(shown) == expected
    screenshot(page, "editor-filtered", full_page=True)

    page.set_viewport_size({"width": 420, "height": 800})
    page.goto(f"{base}/alignments/{alignment.pk}/")
    expect(focused(page)).to_have_count(1)
    screenshot(page, "editor-narrow", full_page=True)
