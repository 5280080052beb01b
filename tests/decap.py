"""Driving the Decap CMS form in Chromium as a clerk does: by the Chinese labels on the screen.

Decap links every label to its control (``<label for=…>``) and marks optional fields
``(可选)``; choice lists are react-select boxes, filled by typing and clicking the offered option.
"""

from __future__ import annotations

import re
from typing import Any

OPTIONAL = " (可选)"


def control(page: Any, label: str, nth: int = 0) -> Any:
    """The input of the field labelled ``label`` (the ``nth`` one, when several fields share it)."""
    pattern = re.compile("^" + re.escape(label) + "(" + re.escape(OPTIONAL) + ")?$")
    found = page.locator("label").filter(has_text=pattern).nth(nth)
    found.wait_for(timeout=15000)
    return page.locator(f"[id='{found.get_attribute('for')}']")


def fill(page: Any, label: str, text: str, nth: int = 0) -> None:
    control(page, label, nth).fill(text)


def pick(page: Any, label: str, typed: str, nth: int = 0, option: str | None = None) -> None:
    """Type ``typed`` into a choice list and click the offered option containing ``option`` (or ``typed``)."""
    box = control(page, label, nth)
    box.click()
    page.keyboard.type(typed)
    offered = page.get_by_role("option").filter(has_text=option or typed).first
    offered.wait_for(timeout=15000)
    offered.click()


def log_in(page: Any, url: str) -> None:
    page.goto(url)
    page.get_by_role("button", name="登录").click()
    page.get_by_text("集合").first.wait_for(timeout=30000)


def save(page: Any) -> None:
    """Save the entry: "保存" in the editorial workflow, "发布 → 立即发布" when commits go to a branch."""
    button = page.get_by_role("button", name="保存", exact=True)
    if button.count():
        button.click()
    else:
        page.get_by_role("button", name="发布", exact=True).click()
        page.get_by_text("立即发布", exact=True).click()
