"""Signals between domains: a domain announces a change, others react, and neither imports the other.

As Indico does with blinker: the catalog sends `qc_inputs_changed` when something a subtitle check
depends on changes (a preset, an override, an episode's duration, a remake's casting), and the
subtitles package, which builds on the catalog, subscribes and recounts its stored QC figures.
Receivers run in the sender's transaction: they take the session and flush, never commit.
"""
from __future__ import annotations

from dataclasses import dataclass

from blinker import Namespace

_signals = Namespace()

qc_inputs_changed = _signals.signal("qc-inputs-changed", doc="""
Sent with the Series as sender and `session`, plus `version` (a MarketVersion) or `episode` (an
Episode) when the change is limited to one of them: recount the QC of the tracks it touches.
""")

translations_saved = _signals.signal("translations-saved", doc="""
Sent with the acting User as sender, `session` and `pairs` (a list of SavedTranslation): the human
translations a script or subtitle save has just written (status translated, reviewed or approved;
never machine output no person touched). Translation memory subscribes and remembers them.
""")


@dataclass(frozen=True)
class SavedTranslation:
    """One human translation as a save wrote it, with where it came from and its context."""

    source_locale: str
    target_locale: str
    source: str
    target: str
    kind: str                      # "script" or "subtitles"
    series: str | None = None      # the series' slug
    version: str | None = None     # the version's locale
    episode: int | None = None
    speaker: int | None = None     # script dialogue: the original's character id
    previous: str | None = None    # the previous source segment's text (the context of 101% matches)

imported = _signals.signal("imported", doc="""
Sent with the kind of data as sender ("views", "subtitles", "scripts" or "tm") and `files` (how many
files or batches were imported) when an import has been written; for "views" also `rows` (the view
rows stored). Operations metrics subscribe (localize.app.metrics); nothing in the domains listens.
""")
