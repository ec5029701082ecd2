"""Find glossary terms in a text: whole words, case-insensitive unless the entry says otherwise.

Pure (no database): the XLIFF export, the checks and the editors' data all call `terms_in`.
One Aho-Corasick automaton (pyahocorasick) per case mode finds every occurrence of every source
in one pass, whatever the glossary's size; the hits are then kept only where they stand as whole
words, and overlapping hits resolve to the leftmost, then the longest ("Ana Maria" over "Ana").

Word boundaries are Unicode-aware (`str.isalnum`, so "José" is one word and "Ethan" is not found
in "Ethanol"). Scripts written without spaces between words (Chinese, Japanese, Thai; Korean
attaches particles to nouns, "서울에서") have no word boundaries: a term whose edge is such a
character matches at that edge whatever stands beside it.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Protocol, Sequence

import ahocorasick

__all__ = ["Entry", "Hit", "Matcher", "terms_in", "fold"]


class Entry(Protocol):
    source: str
    case_sensitive: bool


@dataclass(frozen=True)
class Hit:
    """One occurrence of an entry's source in a text: text[start:end]."""

    entry: object
    start: int
    end: int


# Han, Hiragana, Katakana (full and half width), Hangul, Thai, Lao, Khmer, Myanmar: no spaces.
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u1100-\u11ff\u3040-\u30ff\u3130-\u318f"
                       r"\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f]")


def fold(text: str) -> str:
    """Lower-case the text character by character, keeping its length (so offsets stay true).

    str.lower() may lengthen a character ("İ" becomes two); such a character is kept as it is.
    """
    out = []
    for ch in text:
        low = ch.lower()
        out.append(low if len(low) == 1 else ch)
    return "".join(out)


def _wordy(ch: str) -> bool:
    # A combining mark (a decomposed accent) belongs to the word it sits on.
    return ch.isalnum() or ch == "_" or unicodedata.category(ch).startswith("M")


def _bounded(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands as a whole word where word boundaries exist."""
    first, last = text[start], text[end - 1]
    if _wordy(first) and not _UNSPACED.match(first) and start > 0:
        if _wordy(text[start - 1]):
            return False
    if _wordy(last) and not _UNSPACED.match(last) and end < len(text):
        if _wordy(text[end]):
            return False
    return True


class Matcher:
    """The automata of a glossary, built once and used for many texts."""

    def __init__(self, entries: Sequence[Entry]):
        self.entries = list(entries)
        self._automata: list[tuple[bool, ahocorasick.Automaton]] = []
        for sensitive in (False, True):
            automaton = ahocorasick.Automaton()
            keys: dict[str, list] = {}
            for entry in self.entries:
                source = (entry.source or "").strip()
                if source and bool(entry.case_sensitive) == sensitive:
                    keys.setdefault(source if sensitive else fold(source), []).append(entry)
            for key, found in keys.items():
                automaton.add_word(key, (len(key), found))
            if keys:
                automaton.make_automaton()
                self._automata.append((sensitive, automaton))

    def __bool__(self) -> bool:
        return bool(self._automata)

    def hits(self, text: str | None) -> list[Hit]:
        """The entries found in the text, in text order; overlaps go to the leftmost, then longest."""
        if not text or not self._automata:
            return []
        spans: list[tuple[int, int, list]] = []
        folded = None
        for sensitive, automaton in self._automata:
            if sensitive:
                haystack = text
            else:
                folded = folded if folded is not None else fold(text)
                haystack = folded
            for last, (length, found) in automaton.iter(haystack):
                start, end = last - length + 1, last + 1
                if _bounded(text, start, end):
                    spans.append((start, end, found))
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        out: list[Hit] = []
        taken_until, taken_span = -1, None
        for start, end, found in spans:
            if (start, end) == taken_span:  # the same words in both case modes: every entry shows
                out.extend(Hit(e, start, end) for e in found)
                continue
            if start < taken_until:
                continue
            out.extend(Hit(e, start, end) for e in found)
            taken_until, taken_span = end, (start, end)
        return out

    def contains(self, text: str | None) -> set[int]:
        """The positions in self.entries of the entries found in the text."""
        found = {id(h.entry) for h in self.hits(text)}
        return {i for i, e in enumerate(self.entries) if id(e) in found}


def terms_in(entries: Sequence[Entry], text: str | None) -> list[Hit]:
    """Every glossary entry found in a text as a whole word, with its span, in text order."""
    return Matcher(entries).hits(text)


def has_phrase(text: str | None, phrase: str, case_sensitive: bool = False) -> bool:
    """Whether a phrase stands in the text as whole words (for a target's expected translation)."""
    phrase = (phrase or "").strip()
    if not text or not phrase:
        return False
    haystack, needle = (text, phrase) if case_sensitive else (fold(text), fold(phrase))
    start = haystack.find(needle)
    while start != -1:
        if _bounded(text, start, start + len(needle)):
            return True
        start = haystack.find(needle, start + 1)
    return False
