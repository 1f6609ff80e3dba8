"""Playwright driving Debian's chromium against pytest-django's live server."""
import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
# body are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
PASSWORD = "correct horse battery"  # the personas' password (tests/factories.py)


def pytest_terminal_summary(terminalreporter):
    if SCREENSHOTS.exists() and any(SCREENSHOTS.glob("*.png")):
        terminalreporter.write_line(f"Browser screenshots: {SCREENSHOTS}")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        # In CI (REQUIRE_SERVICES=1) a missing browser is a failure, not a quiet skip.
        missing = pytest.fail if os.environ.get("REQUIRE_SERVICES") == "1" else pytest.skip
        missing(f"no chromium at {CHROMIUM} (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.failed_call = report.failed
    return report


@pytest.fixture
def workbench_static(settings):
    """Serve workbench/static/ even where settings do not list it yet in STATICFILES_DIRS."""
    folder = REPO / "workbench" / "static"
    if folder not in [Path(entry) for entry in settings.STATICFILES_DIRS]:
        settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, folder]


@pytest.fixture
def page(request, browser, live_server, workbench_static):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    if getattr(request.node, "failed_call", False):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"FAILED-{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture
def screenshot():
    """Save a screenshot under test-artifacts/screenshots/ and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str, **options) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), **options)
        return path

    return take


def sign_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base_url}/")


@pytest.fixture
def engine(settings, monkeypatch):
    """Run alignment jobs in-process with the real engine (a stand-in until it exists)."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    try:
        from alignment.engine.aligner import align  # noqa: F401
    except ImportError:
        from tests.ui.conftest import identity_or_diagonal

        monkeypatch.setattr("alignment.computation.compute", identity_or_diagonal)
        return "stand-in"
    return "real"
