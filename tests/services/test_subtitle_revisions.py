"""One save path: a single save and a season import of the same file store the same revision."""
from decimal import Decimal

import pytest
from sqlmodel import select

from localize.catalog import service
from localize.catalog.schemas import CastingUpdate, CharacterCreate, EpisodeUpdate, SeriesCreate, VersionCreate
from localize.errors import PreconditionFailed
from localize.models import Cue, SubtitleTrack, TrackRevision, User
from localize.subtitles import revisions, season, tracks

# Two cues, the second too long for one line and past the 30 s episode's end: QC errors and warnings.
FILE = ("WEBVTT - ep\n\nSTYLE\n::cue { color: yellow }\n\n1\n00:00:01.000 --> 00:00:02.500\nHola, Ethan.\n\n"
        "2\n00:00:29.000 --> 00:00:31.000 align:start\n"
        "Esta línea de subtítulo es mucho más larga de lo que cualquier preset permite en una sola línea\n")
EDITED = FILE.replace("Hola, Ethan.", "Hola, Mateo.")


@pytest.fixture
def world(session):
    series = service.create_series(session, SeriesCreate(
        slug="s", title="S", original_locale="en-US", episode_count=4, free_episodes=1,
        unlock_price=Decimal("0.39")))
    version = service.create_version(session, series, VersionCreate(locale="es-MX", kind="remake"))
    ethan = service.create_character(session, series, CharacterCreate(name="Ethan"))
    service.put_casting(session, version, ethan, CastingUpdate(localized_name="Mateo"))
    for number in (1, 2):
        service.update_episode(session, service.get_episode(session, series, number),
                               EpisodeUpdate(duration_s=30))
    author = User(email="ana@example.test", name="Ana", role="translator", password_hash="x")
    session.add(author)
    session.commit()
    return series, version, author


def _single(session, series, version, number, author, data, expected=None):
    episode = service.get_episode(session, series, number)
    return tracks.import_file(session, series=series, version=version, episode=episode, language="es-MX",
                              data=data, author=author, expected_revision=expected)


def _season(session, series, version, number, author, data):
    outcome = season.import_many(session, series=series, version=version, language="es-MX",
                                 files=[(f"ep{number}.vtt", number, data.encode())], author=author)
    assert not outcome.refused
    return outcome.imported[0][2]


def _stored(session, track):
    session.expire_all()
    track = session.get(SubtitleTrack, track.id)
    cues = [(c.position, c.start_ms, c.end_ms, c.text, c.identifier, c.settings, c.status)
            for c in session.exec(select(Cue).where(Cue.track_id == track.id).order_by(Cue.position))]
    rows = [(r.number, r.author_id, r.author, r.changes, r.snapshot, r.cue_count)
            for r in session.exec(select(TrackRevision).where(TrackRevision.track_id == track.id)
                                  .order_by(TrackRevision.number))]
    return {"revision": track.revision, "header": track.header, "blocks": track.blocks,
            "format": track.source_format, "qc": (track.qc_errors, track.qc_warnings),
            "cues": cues, "revisions": rows}


def test_single_save_and_season_import_store_identical_revisions(session, world):
    series, version, author = world
    rules = []
    for data in (FILE, FILE, EDITED):  # first import, unchanged re-import, one changed cue
        single = _single(session, series, version, 1, author, data)
        batch = _season(session, series, version, 2, author, data)
        session.commit()
        assert (single.created, single.changed) == (batch.created, batch.changed)
        assert [(f.cue, f.rule) for f in single.findings] == [(f.cue, f.rule) for f in batch.findings]
        rules.append({f.rule for f in single.findings})
    # The first file still names Ethan, whom this remake renamed; the edited one does not.
    assert "original_name" in rules[0] and "original_name" not in rules[2]
    assert (single.created, single.changed) == (False, True)
    one, two = _stored(session, single.track), _stored(session, batch.track)
    assert one == two
    assert one["revision"] == 2 and [r[0] for r in one["revisions"]] == [1, 2]  # the unchanged one made none
    assert one["revisions"][1][3] == {"added": 0, "removed": 0, "changed": 1}
    assert [r[5] for r in one["revisions"]] == [2, 2]
    assert one["qc"][0] >= 1 and sum(one["qc"]) == len(single.findings)
    first = _stored(session, single.track)["revisions"][0]
    assert first[4]["cues"][0]["text"] == "Hola, Ethan." and first[4]["header"] == "- ep"


def test_single_save_still_refuses_a_stale_revision_and_writes_nothing(session, world):
    series, version, author = world
    _single(session, series, version, 1, author, FILE)
    session.commit()
    with pytest.raises(PreconditionFailed):
        _single(session, series, version, 1, author, EDITED, expected=0)
    session.rollback()
    track = session.exec(select(SubtitleTrack)).one()
    assert track.revision == 1
    assert [r.number for r in revisions.history(session, track)] == [1]


def test_history_pages_without_reading_snapshots(session, world):
    series, version, author = world
    for n in range(7):
        _single(session, series, version, 1, author, FILE.replace("Hola", f"Hola {n}"))
    session.commit()
    track = session.exec(select(SubtitleTrack)).one()
    page, next_before = revisions.history_page(session, track, limit=3)
    assert [r.number for r in page] == [7, 6, 5] and next_before == 5
    assert not hasattr(page[0], "snapshot") and page[0].cue_count == 2
    page, next_before = revisions.history_page(session, track, limit=3, before=next_before)
    assert [r.number for r in page] == [4, 3, 2] and next_before == 2
    page, next_before = revisions.history_page(session, track, limit=3, before=next_before)
    assert [r.number for r in page] == [1] and next_before is None
    page, next_before = revisions.history_page(session, track, limit=7)
    assert len(page) == 7 and next_before is None
