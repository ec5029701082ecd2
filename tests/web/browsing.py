"""Helpers for the browser tests (imported by test modules; fixtures live in conftest.py)."""
from __future__ import annotations

import re
from pathlib import Path

DEMO_PASSWORD = "demo password for tests"
SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
SLUG = "the-heir-returns"


def sign_in_page(page, role: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the login form as the demo account of a role."""
    page.goto("/login")
    page.fill("input[name=email]", f"{role}@demo.localize")
    page.fill("input[name=password]", password)
    page.click("form button[type=submit].primary")
    # Translators land on their home (/), everyone else on the series list.
    page.wait_for_url(re.compile(r"/series$|/$"))


def screenshot(page, name: str, full_page: bool = True) -> None:
    """Save a PNG under tests/screenshots/ (git-ignored), from the top of the page."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)
