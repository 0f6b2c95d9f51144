"""The chat widget on the demo page, in a real browser (Debian's Chromium)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from knowledge.answers import load_knowledge
from knowledge.clinic import load_clinic

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "results" / "browser"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
KNOWLEDGE = load_knowledge()
CLINIC_NAME = load_clinic(ROOT / "clinic.yml").name


@pytest.fixture(scope="module")
def demo_url(servers, web_origin, tmp_path_factory):
    """web/ served on the allowed origin; the demo page talks to the test Rasa server."""
    site = tmp_path_factory.mktemp("site")
    for name in ("widget", "vendor"):
        (site / name).symlink_to(ROOT / "web" / name)
    page = (ROOT / "web" / "index.html").read_text()
    assert 'data-server-url="http://localhost:5005"' in page
    (site / "index.html").write_text(page.replace("http://localhost:5005", servers["rasa"]))
    port = web_origin.rsplit(":", 1)[1]
    server = subprocess.Popen([sys.executable, "-m", "http.server", port, "--bind", "127.0.0.1",
                               "--directory", str(site)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    yield f"{web_origin}/index.html"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium")
    if not executable:
        pytest.fail("chromium is not installed (make test installs it from Debian's packages)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, demo_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(demo_url)
    yield page
    context.close()


def _open(page):
    # The title is the clinic's name from clinic.yml (the page gives no data-title).
    page.get_by_role("button", name=f"Open chat: {CLINIC_NAME}").click()
    expect(page.get_by_role("dialog", name=CLINIC_NAME)).to_be_visible()


def _send(page, text):
    page.get_by_label("Your question").fill(text)
    page.get_by_label("Your question").press("Enter")


def test_ask_click_a_follow_up_and_reload(page):
    _open(page)
    expect(page.locator(".mn-bot").first).to_contain_text("not medical advice")
    _send(page, "Does microneedling hurt?")
    expect(page.locator(".mn-user").last).to_have_text("Does microneedling hurt?")
    answer = page.locator(".mn-bot").nth(1)
    expect(answer).to_contain_text("numbing", timeout=30000)
    expect(answer.locator(".mn-source").last).to_contain_text("Sources:")

    follow_up = KNOWLEDGE.topics[KNOWLEDGE.topics["pain"].follow_ups[0]]
    page.get_by_role("button", name=follow_up.label).click()
    expect(page.locator(".mn-user").last).to_have_text(follow_up.label)
    expect(page.locator(".mn-bot").nth(2)).to_contain_text(follow_up.answer[:40], timeout=30000)

    session = page.evaluate("() => JSON.parse(Object.values(localStorage)[0]).sessionId")
    page.reload()
    expect(page.locator(".mn-user")).to_have_count(2)  # the history is back, and the panel open
    expect(page.locator(".mn-bot").nth(1)).to_contain_text("numbing")
    assert page.evaluate("() => JSON.parse(Object.values(localStorage)[0]).sessionId") == session
    _send(page, "I had microneedling yesterday")  # the same conversation goes on after the reload
    expect(page.locator(".mn-bot").last).to_contain_text("Got it: treated yesterday", timeout=30000)


def test_a_vote_under_an_answer_is_sent_quietly_and_thumbs_down_offers_the_clinic(page):
    _open(page)
    _send(page, "Does microneedling hurt?")
    votes = page.get_by_role("group", name="Was this answer helpful?")
    expect(votes).to_have_count(1, timeout=30000)
    # The follow-up buttons are still there, apart from the vote.
    follow_up = KNOWLEDGE.topics[KNOWLEDGE.topics["pain"].follow_ups[0]]
    expect(page.get_by_role("button", name=follow_up.label)).to_be_visible()
    votes.get_by_role("button", name="No, not helpful").click()
    expect(page.locator(".mn-bot").last).to_contain_text(load_clinic(ROOT / "clinic.yml").phone, timeout=30000)
    expect(page.locator(".mn-bot", has_text="Sorry that didn't help")).to_have_count(1)
    expect(page.locator(".mn-user")).to_have_count(1)  # the vote is not shown as a message
    expect(votes.get_by_role("button", name="No, not helpful")).to_have_attribute("aria-pressed", "true")
    expect(votes.get_by_role("button", name="Yes, helpful")).to_be_disabled()
    page.reload()  # the choice is kept with the transcript
    expect(page.get_by_role("group", name="Was this answer helpful?").get_by_role(
        "button", name="No, not helpful")).to_have_attribute("aria-pressed", "true")


def test_the_privacy_notice_shows_first_and_delete_clears_the_conversation(page):
    _open(page)
    expect(page.locator(".mn-notice")).to_contain_text("I keep this conversation for 30 days")
    _send(page, "I had microneedling yesterday")
    expect(page.locator(".mn-bot").last).to_contain_text("Got it: treated yesterday", timeout=30000)
    session = page.evaluate("() => JSON.parse(Object.values(localStorage)[0]).sessionId")
    page.get_by_role("button", name="Delete my conversation").click()
    expect(page.locator(".mn-bot").last).to_contain_text("Delete this conversation?", timeout=30000)
    page.get_by_role("button", name="Yes, delete it").click()
    expect(page.locator(".mn-bot")).to_have_count(1, timeout=30000)
    expect(page.locator(".mn-bot")).to_contain_text("Done: this conversation is deleted")
    expect(page.locator(".mn-user")).to_have_count(0)
    # A new session, and the stored transcript holds only the last reply.
    page.wait_for_function("old => JSON.parse(Object.values(localStorage)[0]).sessionId !== old", arg=session)
    stored = page.evaluate("() => JSON.parse(Object.values(localStorage)[0]).messages.map(m => m.text)")
    assert len(stored) == 1 and stored[0].startswith("Done: this conversation is deleted")
    _send(page, "can I wear makeup?")  # the treatment date is forgotten too
    expect(page.locator(".mn-bot").last).to_contain_text("When was your treatment", timeout=30000)


def test_html_is_shown_as_text(page):
    _open(page)
    attack = "<img src=x onerror=alert(1)>"
    _send(page, attack)
    expect(page.locator(".mn-user").last).to_have_text(attack)
    # the bot answered something (how many messages depends on how the model reads it)
    expect(page.locator(".mn-bot").nth(1)).to_be_visible(timeout=30000)
    assert page.locator(".mn-log img").count() == 0
    assert page.dialogs == []


def test_empty_messages_cannot_be_sent_and_the_keyboard_works(page):
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the launcher, from the keyboard
    expect(page.get_by_role("dialog")).to_be_visible()
    send = page.get_by_role("button", name="Send")
    expect(send).to_be_disabled()
    page.get_by_label("Your question").fill("   ")
    expect(send).to_be_disabled()
    page.get_by_label("Your question").press("Enter")
    expect(page.locator(".mn-user")).to_have_count(0)
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()


def test_phone_width_screenshot(browser, demo_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(demo_url)
    _open(page)
    _send(page, "how many sessions do i need?")
    expect(page.locator(".mn-bot").nth(1)).to_contain_text("3 to 6", timeout=30000)
    box = page.get_by_role("dialog").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "widget-360px.png"))
    context.close()
