"""The market matrix, the first page's overview and the casting board, on a real session."""
from decimal import Decimal

import pytest

from localize.catalog import matrix, service
from localize.catalog.board import casting_board, confirmed_count
from localize.catalog.overview import series_summaries, speaks, versions_for_languages
from localize.catalog.schemas import (CastingUpdate, CharacterCreate, EpisodeUpdate, NoteCreate,
                                      SeriesCreate, VersionCreate)
from localize.models import MarketVersion, Script, ScriptSegment, SubtitleTrack, User


@pytest.fixture
def story(session):
    """6 episodes (cliffhangers on 1, 3 and 6); a remake merging 2+3; a dub; a subtitled version."""
    series = service.create_series(session, SeriesCreate(
        slug="s", title="S", original_locale="en-US", episode_count=6, free_episodes=2,
        unlock_price=Decimal("0.39")))
    for number in (1, 3, 6):
        service.update_episode(session, service.get_episode(session, series, number),
                               EpisodeUpdate(cliffhanger=f"end of {number}"))
    remake = service.create_version(session, series, VersionCreate(
        locale="es-MX", kind="remake", episode_count=5,
        episode_mapping={1: [1], 2: [2, 3], 3: [4], 4: [5], 5: [6]}))
    dub = service.create_version(session, series, VersionCreate(locale="pt-BR", kind="dub"))
    subs = service.create_version(session, series, VersionCreate(locale="fr", kind="subtitled"))
    episode = {n: service.get_episode(session, series, n) for n in (1, 3)}
    tracks = {
        "fr-1": SubtitleTrack(version_id=subs.id, episode_id=episode[1].id, language="fr"),
        "pt-1": SubtitleTrack(version_id=dub.id, episode_id=episode[1].id, language="pt-BR"),
        "fr-3-en": SubtitleTrack(version_id=subs.id, episode_id=episode[3].id, language="en"),
    }
    session.add_all(tracks.values())
    session.commit()
    return series, remake, dub, subs, tracks


def test_episode_states(session, story):
    series, remake, dub, subs, tracks = story
    original = service.original_version(session, series)
    states = matrix.episode_states(session, series)
    assert states[(original.id, 1)] == {"cliffhanger": True, "subtitles": False, "qc_errors": None, "languages": [],
                                        "script": None, "script_outdated": 0, "source_script": False}
    assert states[(original.id, 2)]["cliffhanger"] is False
    # The remake's episode 2 covers originals 2 and 3, so it ends on 3's cliffhanger.
    assert states[(remake.id, 2)]["cliffhanger"] is True
    assert (remake.id, 6) not in states and (remake.id, 5) in states
    assert states[(subs.id, 1)]["subtitles"] is True and states[(subs.id, 1)]["languages"] == ["fr"]
    # A track in another language is listed but is not the version's subtitles.
    assert states[(subs.id, 3)]["subtitles"] is False and states[(subs.id, 3)]["languages"] == ["en"]
    assert states[(dub.id, 1)]["subtitles"] is True


def test_ready_needs_counted_clean_subtitles_for_dubs_and_subtitled(session, story, monkeypatch):
    series, remake, dub, subs, tracks = story
    built = matrix.market_matrix(session, series)
    ready = {row.version.locale: row.ready_count for row in built.rows}
    # Original: 1, 3, 6. The remake has no script yet: nothing is ready there (readiness is earned in
    # each version, never copied from the original). Subtitled and dub: QC not counted yet.
    assert ready == {"en-US": 3, "es-MX": 0, "fr": 0, "pt-BR": 0}
    monkeypatch.setattr(matrix, "track_qc_errors",
                        lambda session, ids: {tracks["fr-1"].id: 0, tracks["pt-1"].id: 2})
    built = matrix.market_matrix(session, series)
    rows = {row.version.locale: row for row in built.rows}
    assert rows["fr"].ready_count == 1 and rows["fr"].cells[0].tone == "ready"
    assert rows["pt-BR"].ready_count == 0 and rows["pt-BR"].cells[0].tone == "errors"
    assert rows["pt-BR"].cells[2].tone == "partial" and rows["pt-BR"].cells[1].tone == "empty"
    assert built.columns == [1, 2, 3, 4, 5, 6]
    assert rows["es-MX"].cells[5] is None and rows["es-MX"].episode_count == 5
    assert rows["es-MX"].cells[1].originals == [2, 3] and rows["es-MX"].cells[1].remapped


def _script(session, version, episode, *statuses, outdated=False):
    script = Script(version_id=version.id, episode_id=episode.id, revision=1)
    session.add(script)
    session.flush()
    session.add_all(ScriptSegment(script_id=script.id, position=n, kind="dialogue", text=f"line {n}", status=status,
                                  outdated=outdated, dual=False, removed=False, note="")
                    for n, status in enumerate(statuses, 1))
    session.commit()
    return script


def test_readiness_is_earned_in_each_version_by_what_its_kind_needs(session, story, monkeypatch):
    series, remake, dub, subs, tracks = story
    episode = {n: service.get_episode(session, series, n) for n in (1, 2, 5)}
    ready = lambda: {v.locale: n for v, n in ((session.get(MarketVersion, vid), n)  # noqa: E731
                                             for vid, n in matrix.ready_counts(session, series).items())}
    # A remake's episode: its own script approved (cut lines count as settled) and a cliffhanger.
    _script(session, remake, episode[1], "approved", "cut")
    _script(session, remake, episode[2], "approved", "translated")      # not all approved yet
    _script(session, remake, episode[5], "approved", outdated=True)     # its source changed since
    assert ready()["es-MX"] == 1
    states = matrix.episode_states(session, series)
    assert (states[(remake.id, 1)]["script"], states[(remake.id, 2)]["script"]) == ("approved", "draft")
    assert states[(remake.id, 5)]["script_outdated"] == 1
    # A dub: clean subtitles; once the original has a script for the episode, its own approved one too.
    monkeypatch.setattr(matrix, "track_qc_errors", lambda session, ids: {tracks["pt-1"].id: 0,
                                                                         tracks["fr-1"].id: 0})
    assert ready()["pt-BR"] == 1 and ready()["fr"] == 1
    _script(session, service.original_version(session, series), episode[1], "approved")
    assert ready()["pt-BR"] == 0 and ready()["fr"] == 1  # subtitled versions need no script
    _script(session, dub, episode[1], "approved")
    assert ready()["pt-BR"] == 1


def test_a_new_version_with_nothing_done_has_nothing_ready(session, story):
    series, *_ = story
    fresh = service.create_version(session, series, VersionCreate(locale="de", kind="remake"))
    session.commit()
    assert matrix.ready_counts(session, series)[fresh.id] == 0


def test_is_ready_without_state():
    from localize.models import MarketVersion
    assert matrix.is_ready(MarketVersion(kind="original"), None) is False


def test_overview_counts_and_translator_work(session, story):
    [summary] = series_summaries(session)
    assert summary.episodes == 6
    assert [v.locale for v in summary.versions] == ["en-US", "es-MX", "fr", "pt-BR"]
    work = versions_for_languages([summary], ["es-MX", "fr"])
    assert [v.locale for _, v in work] == ["es-MX", "fr"]
    assert speaks(["es"], "es-MX") and not speaks(["es-ES"], "es-MX") and speaks(["pt-br"], "pt-BR")


def test_casting_board(session, story):
    series, remake, *_ = story
    original = service.original_version(session, series)
    ethan = service.create_character(session, series, CharacterCreate(name="Ethan"))
    service.create_character(session, series, CharacterCreate(name="Chloe"))
    service.put_casting(session, original, ethan, CastingUpdate(actor="Jack Morrow", status="confirmed"))
    service.put_casting(session, remake, ethan, CastingUpdate(localized_name="Mateo", status="confirmed"))
    author = User(email="l@x.test", role="lead", name="Lea")
    session.add(author)
    session.flush()
    for text in ("first", "second"):
        service.add_casting_note(session, remake, ethan, NoteCreate(text=text), author)
    rows = casting_board(session, series, remake)
    assert [r.character.name for r in rows] == ["Ethan", "Chloe"]
    assert rows[0].original.actor == "Jack Morrow" and rows[0].casting.localized_name == "Mateo"
    assert [n.text for n in rows[0].notes] == ["first", "second"] and rows[0].notes[0].author == "Lea"
    assert rows[1].casting is None and rows[1].status == "open" and rows[1].notes == []
    assert confirmed_count(rows) == 1
