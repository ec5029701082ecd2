"""Subtitle QC presets: the limits of public style guides, as data.

Each preset says where its figures come from (`source`) and when that page was read
(`read_on`), because style guides change; a series or version may pick another preset
or override single limits with `preset_with_overrides`.

Timing figures are in milliseconds and derive from frames at 23.976/24 fps:
- min duration 833 ms = 20 frames (5/6 s): the shortest time a viewer can read a short line.
- min gap 83 ms = 2 frames: the shortest gap the eye sees as "one subtitle went, another
  came"; Netflix closes gaps of 12 frames or less down to exactly 2 frames.
  (At 30 fps two frames are 67 ms, so 83 is safe for both.)
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

__all__ = ["Preset", "PRESETS", "COUNTING_RULES", "DEFAULT_PRESETS", "LIMITS", "default_preset_for",
           "override_problems", "preset_with_overrides"]

# How characters are counted for the line length (see qc.visible_length):
# - "chars": every character (spaces and punctuation included) counts 1.
# - "cjk-halfwidth-half": Japanese; limits are in full-width cells, a half-width character
#   (ASCII, half-width kana) takes half a cell on screen, so it counts 0.5.
# - "korean-latin-half": Korean; Hangul is full width, Latin letters, digits, spaces and
#   punctuation are half as wide on screen, so they count 0.5.
COUNTING_RULES = ("chars", "cjk-halfwidth-half", "korean-latin-half")

NETFLIX_MIN_DURATION_MS = 833   # 20 frames at 24 fps
NETFLIX_MAX_DURATION_MS = 7000  # longer cues are re-read or lose sync with speech
TWO_FRAMES_MS = 83              # 2 frames at 23.976/24 fps


@dataclass(frozen=True)
class Preset:
    """Limits a subtitle track is checked against; None disables a check."""

    id: str
    name: str
    source: str
    read_on: str
    counting: str
    max_chars_per_line: int
    max_lines: int
    max_cps: float
    min_duration_ms: int
    max_duration_ms: int
    min_gap_ms: int | None

    def __post_init__(self) -> None:
        if self.counting not in COUNTING_RULES:
            raise ValueError(f"counting must be one of {COUNTING_RULES}, not {self.counting!r}")
        for name in ("max_chars_per_line", "max_lines", "max_cps", "min_duration_ms", "max_duration_ms"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise ValueError(f"{name} must be a positive number, not {value!r}")
        gap = self.min_gap_ms
        if gap is not None and (isinstance(gap, bool) or not isinstance(gap, (int, float)) or gap < 0):
            raise ValueError(f"min_gap_ms must be a number >= 0 or None, not {gap!r}")
        if self.min_duration_ms > self.max_duration_ms:
            raise ValueError(f"min_duration_ms ({self.min_duration_ms}) is above max_duration_ms "
                             f"({self.max_duration_ms})")


_NETFLIX_TTSG = "Netflix Timed Text Style Guide"
_READ_ON = "2026-11-01"


def _netflix(id: str, language: str, url_lang: str, **limits) -> Preset:
    return Preset(
        id=id, name=f"Netflix {language}",
        source=f"{_NETFLIX_TTSG}: {language} ({url_lang}), https://partnerhelp.netflixstudios.com",
        read_on=_READ_ON, min_duration_ms=NETFLIX_MIN_DURATION_MS,
        max_duration_ms=NETFLIX_MAX_DURATION_MS, min_gap_ms=TWO_FRAMES_MS, max_lines=2, **limits)


PRESETS: dict[str, Preset] = {p.id: p for p in (
    _netflix("netflix-en-us", "English (USA)", "en-US", counting="chars", max_chars_per_line=42, max_cps=20),
    # es, pt-BR, fr, de, it... share these limits; adults read Latin-script subtitles at ~17 cps.
    _netflix("netflix-latin", "other Latin-script languages", "es, pt-BR, fr, de, it",
             counting="chars", max_chars_per_line=42, max_cps=17),
    _netflix("netflix-ja", "Japanese", "ja", counting="cjk-halfwidth-half", max_chars_per_line=13, max_cps=4),
    _netflix("netflix-ko", "Korean", "ko", counting="korean-latin-half", max_chars_per_line=16, max_cps=12),
    _netflix("netflix-zh", "Chinese (Simplified and Traditional)", "zh-Hans, zh-Hant",
             counting="chars", max_chars_per_line=16, max_cps=9),
    # Micro dramas are shot 9:16 for phones: a line must fit a narrow screen (24 chars),
    # cues are short and may butt up against each other (no gap rule).
    Preset(id="vertical-9x16", name="Vertical 9:16 social (short-form phones)",
           source="Short-form vertical (9:16) captioning practice for phones, as gathered in the localize brief",
           read_on=_READ_ON, counting="chars", max_chars_per_line=24, max_lines=2, max_cps=25,
           min_duration_ms=700, max_duration_ms=5000, min_gap_ms=0),
    # Amara's editor only warns; it has no gap rule, so min_gap_ms is None (not checked).
    Preset(id="amara", name="Amara editor warnings",
           source="Amara subtitle editor warnings, https://support.amara.org",
           read_on=_READ_ON, counting="chars", max_chars_per_line=42, max_lines=2, max_cps=21,
           min_duration_ms=700, max_duration_ms=7000, min_gap_ms=None),
)}


_DEFAULT_IDS = {"en": "netflix-en-us", "ja": "netflix-ja", "ko": "netflix-ko", "zh": "netflix-zh"}
_OTHER_LANGUAGES = "netflix-latin"
# Every preset some language gets when no preset is chosen.
DEFAULT_PRESETS: tuple[Preset, ...] = tuple(PRESETS[i] for i in (*_DEFAULT_IDS.values(), _OTHER_LANGUAGES))


def default_preset_for(lang: str) -> Preset:
    """Return the preset for a BCP 47 language tag: en, ja, ko, zh* or else Netflix Latin."""
    primary = lang.replace("_", "-").split("-", 1)[0].lower()
    return PRESETS[_DEFAULT_IDS.get(primary, _OTHER_LANGUAGES)]


_FIELDS = frozenset(f.name for f in dataclasses.fields(Preset))
# The limits an override may change (the rest name and describe the preset).
LIMITS = ("max_chars_per_line", "max_lines", "max_cps", "min_duration_ms", "max_duration_ms", "min_gap_ms")


def override_problems(preset: Preset, overrides: dict) -> list[tuple[str, object, str]]:
    """Each override that cannot apply to the preset, as (name, value, reason); [] when all fit.

    When they do not fit together, each is tried in turn with the ones that fitted before it,
    so the one to blame is named (e.g. min_duration_ms above the preset's max_duration_ms).
    """
    try:
        preset_with_overrides(preset, **overrides)
        return []
    except (ValueError, TypeError):
        pass
    good: dict = {}
    bad: list[tuple[str, object, str]] = []
    for key, value in overrides.items():
        try:
            preset_with_overrides(preset, **{**good, key: value})
        except (ValueError, TypeError) as exc:
            bad.append((key, value, str(exc)))
            continue
        good[key] = value
    return bad


def preset_with_overrides(preset: Preset, **overrides) -> Preset:
    """Return a copy of the preset with some limits changed; an unknown name is a ValueError."""
    unknown = sorted(set(overrides) - _FIELDS)
    if unknown:
        raise ValueError(f"unknown preset field(s): {', '.join(unknown)}")
    return dataclasses.replace(preset, **overrides)
