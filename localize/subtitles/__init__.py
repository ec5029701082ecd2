"""Subtitles: read and write WebVTT/SRT (`formats`), checks (`qc`), tracks and revisions (`tracks`).

The subtitles package builds on the catalog and reacts to its changes through signals: when a
preset, an override, an episode's duration or a remake's casting changes, the stored QC counts
of the affected tracks are recomputed in the same transaction.
"""
from __future__ import annotations

from localize.signals import qc_inputs_changed


@qc_inputs_changed.connect
def _recount_stored_qc(series, *, session, version=None, episode=None) -> None:
    from localize.subtitles.tracks import recount_qc  # tracks imports the catalog; load it on use
    recount_qc(session, series, version=version, episode=episode)
