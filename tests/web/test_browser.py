"""The pages in Chromium against a live server and the demo catalog (SQLite)."""
from __future__ import annotations

import re

from browsing import SLUG, screenshot, sign_in_page

SERIES = f"/series/{SLUG}"


def test_lead_home_and_matrix(page):
    sign_in_page(page, "lead")
    screenshot(page, "home-lead")
    page.goto(SERIES)
    screenshot(page, "matrix-lead")
