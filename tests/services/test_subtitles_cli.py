"""`localize subtitles import|export` on real files, folders and zips."""
import zipfile

import pytest
from click.testing import CliRunner

from localize import cli
from localize.cli.subtitles import episode_number

GOOD = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHola.\n\n00:00:03.000 --> 00:00:04.000\nAdiós.\n"
BAD = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nok\n\n00:00:03.000 --> 00:00:0x.000\nbad\n"


@pytest.mark.parametrize("name,number", [("ep07.srt", 7), ("07.vtt", 7), ("Episode 7.vtt", 7),
                                         ("heir_s1_e12.es.vtt", 1), ("/tmp/x9/ep3.vtt", 3), ("final.vtt", None)])
def test_episode_number_is_the_first_integer_in_the_name(name, number):
    assert episode_number(name) == number


@pytest.fixture
def run(db_url, monkeypatch, series):
    monkeypatch.setenv("DATABASE_URL", db_url)
    return lambda *args: CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def test_import_files_and_zip_each_all_or_nothing(run, tmp_path, lead):
    (tmp_path / "ep01.vtt").write_text(GOOD)
    (tmp_path / "Episode 2.vtt").write_text(BAD)
    with zipfile.ZipFile(tmp_path / "season.zip", "w") as z:
        z.writestr("03.srt", "1\n00:00:01,000 --> 00:00:02,000\nUno\n")
        z.writestr("notes.txt", "ignored")
    result = run("subtitles", "import", "heir", "es-MX", "es-MX", str(tmp_path / "ep01.vtt"),
                 str(tmp_path / "Episode 2.vtt"), str(tmp_path / "season.zip"))
    assert result.exit_code == 1
    assert "imported 2 file(s), 3 cues; refused 1" in result.output
    assert "Episode 2.vtt: line 6: timing line does not parse" in result.output
    assert lead.get("/api/v1/series/heir/versions/es-MX/episodes/2/subtitles/es-MX").status_code == 404
    assert lead.get("/api/v1/series/heir/versions/es-MX/episodes/3/subtitles/es-MX").get_json()["cues"][0]["text"] == "Uno"


def test_export_to_folder_and_zip(run, tmp_path):
    (tmp_path / "ep01.vtt").write_text(GOOD)
    (tmp_path / "ep02.vtt").write_text(GOOD)
    assert run("subtitles", "import", "heir", "es-MX", "es-MX", str(tmp_path / "ep01.vtt"),
               str(tmp_path / "ep02.vtt")).exit_code == 0
    result = run("subtitles", "export", "heir", "es-MX", "es-MX", "--format", "srt", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0 and "exported 2 track(s)" in result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["ep001.es-MX.srt", "ep002.es-MX.srt"]
    assert (tmp_path / "out" / "ep001.es-MX.srt").read_text().startswith("1\n00:00:01,000 --> 00:00:02,000\nHola.")
    result = run("subtitles", "export", "heir", "es-MX", "es-MX", "--out", str(tmp_path / "all.zip"))
    assert result.exit_code == 0
    assert zipfile.ZipFile(tmp_path / "all.zip").namelist() == ["ep001.es-MX.vtt", "ep002.es-MX.vtt"]


def test_season_reimport_is_a_new_revision_only_where_files_changed(run, tmp_path, lead):
    (tmp_path / "ep01.vtt").write_text(GOOD)
    (tmp_path / "ep02.vtt").write_text(GOOD)
    assert run("subtitles", "import", "heir", "es-MX", "es-MX", str(tmp_path)).exit_code == 0
    (tmp_path / "ep02.vtt").write_text(GOOD.replace("Adiós.", "Hasta luego."))
    (tmp_path / "ep2-copy.vtt").write_text(GOOD)
    result = run("subtitles", "import", "heir", "es-MX", "es-MX", str(tmp_path))
    assert "episode 2 is also" in result.output
    base = "/api/v1/series/heir/versions/es-MX/episodes/{}/subtitles/es-MX"
    assert lead.get(base.format(1)).get_json()["revision"] == 1
    track = lead.get(base.format(2)).get_json()
    assert track["revision"] == 2 and track["cues"][1]["text"] == "Hasta luego."
    history = lead.get(base.format(2) + "/revisions").get_json()["revisions"]
    assert history[0]["summary"].startswith("imported") and history[0]["changes"]["changed"] == 1


def test_a_zip_entry_takes_its_episode_from_its_own_name(run, tmp_path, lead):
    with zipfile.ZipFile(tmp_path / "season2.zip", "w") as z:
        for n in (1, 2, 3):
            z.writestr(f"ep0{n}.vtt", GOOD.replace("Hola.", f"Episodio {n}"))
    result = run("subtitles", "import", "heir", "es-MX", "es-MX", str(tmp_path / "season2.zip"))
    assert result.exit_code == 0, result.output
    for n in (1, 2, 3):
        cues = lead.get(f"/api/v1/series/heir/versions/es-MX/episodes/{n}/subtitles/es-MX").get_json()["cues"]
        assert cues[0]["text"] == f"Episodio {n}"


def test_a_zip_bomb_and_a_crowded_zip_are_refused_without_reading_them_whole(run, tmp_path, app):
    limit = app.config["MAX_CONTENT_LENGTH"]
    with zipfile.ZipFile(tmp_path / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("ep01.vtt", GOOD)
        z.writestr("ep02.vtt", "WEBVTT\n\n" + "x" * (limit + 1))  # compresses to a few KiB
    with zipfile.ZipFile(tmp_path / "crowded.zip", "w") as z:
        for n in range(1001):
            z.writestr(f"ep{n}.vtt", GOOD)
    result = CliRunner().invoke(cli.main, ["subtitles", "import", "heir", "es-MX", "es-MX",
                                           str(tmp_path / "bomb.zip"), str(tmp_path / "crowded.zip")],
                                env={"LOCALIZE_MAX_UPLOAD_MB": str(limit / 1024 / 1024)})
    assert result.exit_code == 1
    assert "bomb.zip:ep02.vtt: larger than the" in result.output
    assert "crowded.zip: more than 1000 entries (1001)" in result.output
    assert "imported 1 file(s)" in result.output
