"""Signals between domains: a domain announces a change, others react, and neither imports the other.

As Indico does with blinker: the catalog sends `qc_inputs_changed` when something a subtitle check
depends on changes (a preset, an override, an episode's duration, a remake's casting), and the
subtitles package, which builds on the catalog, subscribes and recounts its stored QC figures.
Receivers run in the sender's transaction: they take the session and flush, never commit.
"""
from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

qc_inputs_changed = _signals.signal("qc-inputs-changed", doc="""
Sent with the Series as sender and `session`, plus `version` (a MarketVersion) or `episode` (an
Episode) when the change is limited to one of them: recount the QC of the tracks it touches.
""")
