"""`localize xliff export|import`: a version out to a folder or zip, back in with episode and language read
from each file; refused files named, the others applied."""
from __future__ import annotations

import zipfile

import pytest
from click.testing import CliRunner
from xliff_cat import translate, units

from localize import cli

V = "/api/v1/series/heir/versions"
FOUNTAIN = "INT. HOUSE - DAY\n\nAna waits.\n\nANA\nWhere were you?\n"
VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nWhere were you?\n\n00:00:04.000 --> 00:00:05.000\nHere.\n"


@pytest.fixture
def run(db_url, monkeypatch, series, lead):
    monkeypatch.setenv("DATABASE_URL", db_url)
    for n in (1, 2):
        assert lead.put(f"{V}/en-US/episodes/{n}/script", data=FOUNTAIN.encode(),
                        headers={"Content-Type": "text/plain"}).status_code == 201
        assert lead.post(f"{V}/es-MX/episodes/{n}/script/translate").status_code == 201
    assert lead.put(f"{V}/en-US/episodes/1/subtitles/en-US", data=VTT.encode(),
                    headers={"Content-Type": "text/vtt"}).status_code == 201
    assert lead.post(f"{V}/es-MX/episodes/1/subtitles/es-MX/translate",
                     {"source_locale": "en-US", "source_language": "en-US"}).status_code == 201
    return lambda *args: CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def test_export_then_import_what_a_cat_tool_changed(run, tmp_path, lead):
    result = run("xliff", "export", "heir", "es-MX", "--scope", "script", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0 and "exported 2 XLIFF file(s)" in result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["ep001.script.es-MX.xlf",
                                                                   "ep002.script.es-MX.xlf"]
    result = run("xliff", "export", "heir", "es-MX", "--scope", "subtitles", "--out", str(tmp_path / "subs.zip"))
    assert result.exit_code == 0
    assert zipfile.ZipFile(tmp_path / "subs.zip").namelist() == ["ep001.subtitles.es-MX.xlf"]

    first = (tmp_path / "out" / "ep001.script.es-MX.xlf").read_bytes()
    unit = list(units(first))[1]
    (tmp_path / "out" / "ep001.script.es-MX.xlf").write_bytes(translate(first, {unit: ("Ana espera.", "final")}))
    cues = zipfile.ZipFile(tmp_path / "subs.zip").read("ep001.subtitles.es-MX.xlf")
    (tmp_path / "out" / "renamed-by-the-agency.xlf").write_bytes(translate(cues, {"c4000-5000": ("Aquí.", None)}))
    (tmp_path / "out" / "broken.xlf").write_bytes(b"<xliff>")
    result = run("xliff", "import", "heir", "es-MX", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert "imported 3 file(s), 2 unit(s) applied; refused 1" in result.output
    assert "renamed-by-the-agency.xlf: episode 1 es-MX subtitles, 1 applied" in result.output
    assert "broken.xlf: line 1" in result.output
    segment = lead.get(f"{V}/es-MX/episodes/1/script").get_json()["segments"][1]
    assert (segment["text"], segment["status"]) == ("Ana espera.", "approved")  # the CLI's own actor signs off
    assert lead.get(f"{V}/es-MX/episodes/1/subtitles/es-MX").get_json()["cues"][1]["text"] == "Aquí."
    result = run("xliff", "import", "heir", "es-MX", str(tmp_path / "out" / "ep001.script.es-MX.xlf"))
    assert result.exit_code == 0 and "0 applied" in result.output


def test_a_file_of_another_version_and_a_translators_roles(run, tmp_path, make_user):
    assert run("xliff", "export", "heir", "es-MX", "--scope", "script", "--out", str(tmp_path / "x.zip")).exit_code == 0
    result = run("xliff", "import", "heir", "en-US", str(tmp_path / "x.zip"))
    assert result.exit_code == 1 and "not a script or track of heir en-US" in result.output
    user, _ = make_user("translator", ["fr"])
    result = run("xliff", "import", "heir", "es-MX", str(tmp_path / "x.zip"), "--as", user.email)
    assert result.exit_code == 1 and "does not write es-MX" in result.output
    assert run("xliff", "export", "heir", "es-MX", "--scope", "subtitles", "--lang", "??",
               "--out", str(tmp_path / "y")).exit_code == 1
