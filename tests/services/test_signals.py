"""The catalog announces what subtitle QC depends on; the subtitles package recounts, with no import back."""
from __future__ import annotations

from localize import db
from localize.catalog import service
from localize.catalog.schemas import (CastingUpdate, CharacterCreate, EpisodeUpdate, SeriesCreate,
                                      SeriesUpdate, VersionCreate, VersionUpdate)
from localize.signals import qc_inputs_changed


def test_catalog_changes_that_qc_depends_on_are_announced(engine):
    heard = []

    def listen(series, **scope):
        heard.append((series.slug, {k: getattr(v, "number", getattr(v, "locale", v)) for k, v in scope.items()
                                    if k != "session"}))

    qc_inputs_changed.connect(listen)
    try:
        with db.session_scope(engine) as s:
            series = service.create_series(s, SeriesCreate(slug="s", title="S", original_locale="en-US",
                                                           episode_count=3, free_episodes=1))
            remake = service.create_version(s, series, VersionCreate(locale="es-MX", kind="remake"))
            assert heard == []  # creating things recounts nothing
            service.update_series(s, series, SeriesUpdate(qc_preset="vertical-9x16"))
            service.update_episode(s, service.get_episode(s, series, 2), EpisodeUpdate(duration_s=90))
            service.update_episode(s, service.get_episode(s, series, 2), EpisodeUpdate(title="same length"))
            service.update_version(s, series, remake, VersionUpdate(qc_overrides={"max_chars_per_line": 30}))
            ethan = service.create_character(s, series, CharacterCreate(name="Ethan"))
            service.put_casting(s, remake, ethan, CastingUpdate(localized_name="Mateo"))
            service.put_casting(s, remake, ethan, CastingUpdate(actor="R. Santín"))  # not a rename
    finally:
        qc_inputs_changed.disconnect(listen)
    assert heard == [("s", {}), ("s", {"episode": 2}), ("s", {"version": "es-MX"}), ("s", {"version": "es-MX"})]


def test_the_subtitles_package_recounts_stored_qc_when_a_preset_changes(engine, make_user):
    from localize.subtitles import tracks
    lead, _ = make_user("lead")
    long_line = "Thirty characters on one line."  # within 42 (Netflix), past 24 (9:16)
    with db.session_scope(engine) as s:
        series = service.create_series(s, SeriesCreate(slug="q", title="Q", original_locale="en-US",
                                                       episode_count=1, free_episodes=0))
        original = service.original_version(s, series)
        episode = service.get_episode(s, series, 1)
        saved = tracks.import_file(s, series=series, version=original, episode=episode, language="en-US",
                                   data=f"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n{long_line}\n", author=lead)
        assert (saved.track.qc_errors, saved.track.qc_warnings) == (0, 0)
        service.update_series(s, series, SeriesUpdate(qc_preset="vertical-9x16"))  # 24 characters a line
        track = tracks.get_track(s, original, episode, "en-US")
        assert (track.qc_errors, track.qc_warnings) == (0, 1)
