"""How memory compares texts: what a score ignores, the exact key, and the length window.

Pure functions, no database. The score is rapidfuzz's Indel ratio (normalized, 0-100) of the
texts with markup tags removed, case folded and spaces collapsed, so "<i>Run!</i>" and "run!"
score alike; a 100 needs the same text up to surrounding whitespace, so anything else is at most 99.
"""
from __future__ import annotations

import hashlib
import math
import re

from rapidfuzz import fuzz

# HTML-like tags of WebVTT/SRT (<i>, <c.yellow>, </b>) and ASS override blocks ({\an8}).
TAGS = re.compile(r"<[^<>]*>|\{\\[^{}]*\}")
SPACES = re.compile(r"\s+")
KEY_LENGTH = 2000   # the indexed prefix (Weblate indexes 2,048 characters)
DEFAULT_THRESHOLD = 75
MIN_THRESHOLD = 50  # below 50 a "match" helps nobody: lower thresholds count as 50


def scored(text: str) -> str:
    """The text as scores see it: tags out, case folded, runs of whitespace one space."""
    return SPACES.sub(" ", TAGS.sub("", text)).casefold().strip()


def key(text: str) -> str:
    """The indexed form of a source text: its scored form, cut at KEY_LENGTH."""
    return scored(text)[:KEY_LENGTH]


def digest(text: str) -> str:
    """The exact-match key: MD5 of the text without surrounding whitespace."""
    return hashlib.md5(text.strip().encode("utf-8")).hexdigest()


def clamp_threshold(threshold: int) -> int:
    return max(MIN_THRESHOLD, min(100, threshold))


def window(length: int, threshold: int) -> tuple[int, int]:
    """Source lengths that can reach `threshold` against a text of `length` (scored characters).

    The Indel ratio is at most 2*min/(a+b), so b must lie within a*s/(2-s) .. a*(2-s)/s.
    """
    s = clamp_threshold(threshold) / 100
    return math.floor(length * s / (2 - s)), math.ceil(length * (2 - s) / s)


def fuzzy_score(text: str, candidate: str) -> int:
    """0-99: how alike two different texts are, ignoring case, tags and spacing."""
    a, b = scored(text), scored(candidate)
    if a == b:
        return 99
    return min(99, int(fuzz.ratio(a, b)))
