"""`localize glossary import|export` on real files: CSV in, CSV and TBX out, refusals store nothing."""
from __future__ import annotations

import csv

import pytest
from click.testing import CliRunner
from translate.storage import tbx

from localize import cli

CSV = "source,target,kind,note\nboss,jefe,term,never patrón\nboss,patrón,forbidden,\nEthan,Julián,name,\n"


@pytest.fixture
def run(db_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    return lambda *args: CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def test_import_then_export_csv_and_tbx(run, tmp_path, lead, series):
    cid = lead.post("/api/v1/series/heir/characters", {"name": "Ethan"}).get_json()["id"]
    lead.put(f"/api/v1/series/heir/versions/es-MX/casting/{cid}", {"localized_name": "Mateo"})
    (tmp_path / "g.csv").write_text(CSV, encoding="utf-8")
    result = run("glossary", "import", "heir", "es-MX", str(tmp_path / "g.csv"))
    assert result.exit_code == 0, result.output
    assert "read 3 row(s): 2 added, 0 updated, 0 unchanged, 1 skipped" in result.output
    assert "row 4: name entries come from casting" in result.output
    out = tmp_path / "out.csv"
    result = run("glossary", "export", "heir", "es-mx", "--out", str(out))
    assert result.exit_code == 0 and "wrote 3 entries of the es-MX glossary" in result.output
    assert list(csv.reader(out.open(encoding="utf-8"))) == [
        ["source", "target", "kind", "note"], ["Ethan", "Mateo", "name", "from casting"],
        ["boss", "patrón", "forbidden", ""], ["boss", "jefe", "term", "never patrón"]]
    result = run("glossary", "export", "heir", "es-MX", "--out", str(tmp_path / "g.tbx"))
    assert result.exit_code == 0
    units = tbx.tbxfile.parsestring((tmp_path / "g.tbx").read_bytes()).units
    assert [(u.source, u.target) for u in units] == [("Ethan", "Mateo"), ("boss", "patrón"), ("boss", "jefe")]


def test_refusals(run, tmp_path, lead, series):
    (tmp_path / "bad.csv").write_text("source,target,kind,note\nx,,term,\n", encoding="utf-8")
    result = run("glossary", "import", "heir", "es-MX", str(tmp_path / "bad.csv"))
    assert result.exit_code == 1 and "row=2" in result.output and "nothing was stored" in result.output
    assert lead.get("/api/v1/series/heir/glossary").get_json()["entries"] == []
    assert run("glossary", "import", "nope", "es-MX", str(tmp_path / "bad.csv")).exit_code == 1
    assert run("glossary", "export", "heir", "es-MX", "--out", str(tmp_path / "g.xlsx")).exit_code == 2
    assert run("glossary", "export", "heir", "not a locale!", "--out", str(tmp_path / "g.csv")).exit_code == 1
