"""`localize scripts import|export` on files, folders and zips; each file all or nothing."""
import zipfile

import pytest
from click.testing import CliRunner

from localize import cli

GOOD = "INT. HOUSE - DAY\n\nETHAN\nHello.\n"
BAD = "<?xml version='1.0'?>\n<NotFinalDraft/>\n"


@pytest.fixture
def run(db_url, monkeypatch, series, script_formats):
    monkeypatch.setenv("DATABASE_URL", db_url)
    return lambda *args: CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def test_import_files_folders_and_zips_refuses_bad_files_with_a_nonzero_exit(run, tmp_path, lead):
    (tmp_path / "ep01.fountain").write_text(GOOD)
    (tmp_path / "Episode 2.fdx").write_text(BAD)
    (tmp_path / "notes.fountain").write_text(GOOD)  # no episode number
    with zipfile.ZipFile(tmp_path / "season.zip", "w") as z:
        z.writestr("03.fountain", GOOD.replace("Hello.", "Hi there."))
        z.writestr("readme.md", "ignored")
    result = run("scripts", "import", "heir", "en-US", str(tmp_path / "ep01.fountain"),
                 str(tmp_path / "Episode 2.fdx"), str(tmp_path / "notes.fountain"), str(tmp_path / "season.zip"))
    assert result.exit_code == 1
    assert "imported 2 file(s), 4 segments; refused 2" in result.output
    assert "Episode 2.fdx: line" in result.output and "notes.fountain: no episode number" in result.output
    assert "new characters: Ethan" in result.output
    base = "/api/v1/series/heir/versions/en-US/episodes"
    assert lead.get(f"{base}/2/script").status_code == 404
    assert lead.get(f"{base}/3/script").get_json()["segments"][1]["text"] == "Hi there."
    assert run("scripts", "import", "heir", "en-US", str(tmp_path / "ep01.fountain")).exit_code == 0


def test_a_zip_entry_past_the_upload_limit_is_refused(run, tmp_path):
    with zipfile.ZipFile(tmp_path / "big.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("ep01.fountain", GOOD + "\n" + "x" * (17 * 1024 * 1024))
        z.writestr("ep02.fountain", GOOD)
    result = run("scripts", "import", "heir", "en-US", str(tmp_path / "big.zip"))
    assert result.exit_code == 1 and "ep01.fountain: larger than" in result.output
    assert "imported 1 file(s)" in result.output


def test_export_to_a_folder_and_a_zip(run, tmp_path):
    (tmp_path / "ep01.fountain").write_text(GOOD)
    (tmp_path / "ep02.fountain").write_text(GOOD)
    assert run("scripts", "import", "heir", "en-US", str(tmp_path)).exit_code == 0
    result = run("scripts", "export", "heir", "en-US", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0 and "exported 2 script(s)" in result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["ep001.en-US.fountain", "ep002.en-US.fountain"]
    assert "ETHAN\nHello." in (tmp_path / "out" / "ep001.en-US.fountain").read_text()
    result = run("scripts", "export", "heir", "en-US", "--format", "fdx", "--out", str(tmp_path / "all.zip"))
    assert result.exit_code == 0
    assert zipfile.ZipFile(tmp_path / "all.zip").namelist() == ["ep001.en-US.fdx", "ep002.en-US.fdx"]
    assert run("scripts", "export", "nope", "en-US", "--out", str(tmp_path / "x")).exit_code == 1
