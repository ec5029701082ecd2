"""`localize subtitles import --skip-invalid`: a season's files with bad cues (issue 12, point 6)."""
import pytest
from click.testing import CliRunner

from localize import cli

TRACK = "/api/v1/series/heir/versions/es-MX/episodes/{}/subtitles/es-MX"
FFMPEG = ("WEBVTT\n\n00:00.000 --> 00:01.000\none\n\n00:02.000 --> 00:02.000\nzero\n\n"
          "00:03.000 --> 00:04.000\nthree\n\n00:05.000 --> 00:05.000\nzero again\n\n00:06.000 --> 00:07.000\nsix\n")
ALL_BAD = "WEBVTT\n\n00:02.000 --> 00:01.000\na\n"


@pytest.fixture
def run(db_url, monkeypatch, series):
    monkeypatch.setenv("DATABASE_URL", db_url)
    return lambda *args: CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def test_a_file_with_bad_cues_is_refused_naming_every_one_and_the_way_through(run, tmp_path, lead):
    (tmp_path / "ep01.vtt").write_text(FFMPEG)
    result = run("subtitles", "import", "heir", "es-MX", "es-MX", str(tmp_path / "ep01.vtt"))
    assert result.exit_code == 1
    assert "ep01.vtt: 2 problems: line 6: zero-length cue" in result.output and "line 12: zero-length" in result.output
    assert "--skip-invalid imports its other 3 cue(s)" in result.output
    assert lead.get(TRACK.format(1)).status_code == 404


def test_skip_invalid_imports_the_rest_and_lists_the_dropped_cues(run, tmp_path, lead):
    (tmp_path / "ep01.vtt").write_text(FFMPEG)
    (tmp_path / "ep02.vtt").write_text(ALL_BAD)
    result = run("subtitles", "import", "heir", "es-MX", "es-MX", "--skip-invalid", str(tmp_path))
    assert result.exit_code == 1  # ep02 has no valid cue: still refused
    assert "ep01.vtt: episode 1, 3 cues, 0 QC error(s), 2 invalid cue(s) dropped" in result.output
    assert "dropped line 6: zero-length cue" in result.output and "dropped line 12: zero-length" in result.output
    assert "ep02.vtt: line 3: cue ends before it starts" in result.output
    assert [c["text"] for c in lead.get(TRACK.format(1)).get_json()["cues"]] == ["one", "three", "six"]
    revision = lead.get(TRACK.format(1) + "/revisions").get_json()["revisions"][0]
    assert "ep01.vtt; dropped 2 invalid cues: line 6: zero-length cue" in revision["summary"]
    assert [d["line"] for d in revision["changes"]["dropped"]] == [6, 12]


def test_a_season_file_too_big_for_its_episode_is_refused(run, tmp_path, lead):
    lead.patch("/api/v1/series/heir/episodes/1", {"duration_s": 90})
    cues = "".join(f"{k + 1}\n00:00:00,{k % 1000:03d} --> 00:00:01,{k % 1000:03d}\nx\n\n" for k in range(300))
    (tmp_path / "ep01.srt").write_text(cues)
    result = run("subtitles", "import", "heir", "es-MX", "es-MX", str(tmp_path / "ep01.srt"))
    assert result.exit_code == 1 and "at least 300 cues" in result.output and "at most 200" in result.output
