"""`localize tm import|export` (and `localize memory ...`) on real TMX files."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from translate.storage.tmx import tmxfile

from localize import cli

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en-US" datatype="plaintext"/><body>
<tu><tuv xml:lang="en-US"><seg>Run!</seg></tuv><tuv xml:lang="es-MX"><seg>¡Corre!</seg></tuv>
<tuv xml:lang="pt-BR"><seg>Corra!</seg></tuv></tu>
<tu><tuv xml:lang="es-MX"><seg>solo</seg></tuv></tu>
</body></tmx>
"""


@pytest.fixture
def run(db_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    return lambda *args: CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def test_import_then_export_both_spellings(run, tmp_path, app):
    (tmp_path / "lead.tmx").write_text(TMX, encoding="utf-8")
    result = run("tm", "import", str(tmp_path / "lead.tmx"))
    assert result.exit_code == 0, result.output
    assert "read 2 unit(s): 2 pair(s) added, 0 updated, 1 unit(s) skipped" in result.output
    assert "line 5: no en-US segment" in result.output
    again = run("memory", "import", str(tmp_path / "lead.tmx"))
    assert "0 pair(s) added, 2 updated" in again.output
    out = tmp_path / "es.tmx"
    result = run("tm", "export", "en-us", "es-MX", "--out", str(out))
    assert result.exit_code == 0 and "wrote 1 pair(s) en-US -> es-MX" in result.output
    assert [(u.source, u.target) for u in tmxfile.parsestring(out.read_bytes()).units] == [("Run!", "¡Corre!")]
    result = run("memory", "export", "--source", "en-US", "--target", "pt-BR", "--out", str(tmp_path / "pt.tmx"))
    assert result.exit_code == 0 and "wrote 1 pair(s)" in result.output
    assert run("tm", "export", "en-US", "--out", str(out)).exit_code == 2
    assert run("tm", "export", "en-US", "nope-nope-nope", "--out", str(out)).exit_code == 1


def test_a_broken_file_is_refused_naming_the_line(run, tmp_path):
    (tmp_path / "bad.tmx").write_text(TMX.replace("</tu>\n<tu>", "<tu>"), encoding="utf-8")
    result = run("tm", "import", str(tmp_path / "bad.tmx"))
    assert result.exit_code == 1 and "line 4" in result.output and "nothing was stored" in result.output
    assert run("tm", "export", "en-US", "es-MX", "--out", str(tmp_path / "o.tmx")).output.endswith("o.tmx\n")
    assert "wrote 0 pair(s)" in run("tm", "export", "en-US", "es-MX", "--out", str(tmp_path / "o.tmx")).output
