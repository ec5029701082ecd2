"""`localize pretranslate SLUG LOCALE`: memory and machine fills with a progress bar and the counts."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from fake_libretranslate import FakeLibreTranslate  # noqa: E402

from localize import cli  # noqa: E402

V = "/api/v1/series/heir/versions"
SRT = "1\n00:00:01,000 --> 00:00:03,500\nWhere were you?\n\n2\n00:00:04,000 --> 00:00:06,000\nAway.\n"
FOUNTAIN = "INT. MANSION - NIGHT\n\nETHAN\nWhere were you?\n"


@pytest.fixture
def run(db_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    return lambda *args: CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def test_pretranslate_prints_the_counts_and_fills_by_machine(run, lead, series, monkeypatch):
    assert lead.put(f"{V}/en-US/episodes/1/subtitles/en-US", data=SRT.encode(),
                    headers={"Content-Type": "application/x-subrip"}).status_code == 201
    assert lead.put(f"{V}/en-US/episodes/2/script", data=FOUNTAIN.encode(),
                    headers={"Content-Type": "text/plain"}).status_code == 201
    result = run("pretranslate", "heir", "es-MX", "--episodes", "1-2", "--scope", "subtitles")
    assert result.exit_code == 0, result.output
    assert "filled 0 context, 0 exact, 0 fuzzy, 0 machine; 2 left empty; 1 revision(s); 0 failed" in result.output
    assert "pre-translating episodes" in result.output
    with FakeLibreTranslate() as server:
        monkeypatch.setenv("LOCALIZE_MT_PROVIDER", "libre")
        monkeypatch.setenv("LOCALIZE_MT_URL", server.url)
        result = run("pretranslate", "heir", "es-MX", "--episodes", "1-2", "--machine", "--min-score", "90")
        assert result.exit_code == 0, result.output
        assert "filled 0 context, 0 exact, 0 fuzzy, 4 machine; 0 left empty; 2 revision(s); 0 failed" in result.output
        assert server.translations() == [["Where were you?", "Away."], ["INT. MANSION - NIGHT"]]  # then cached
    script = lead.get(f"{V}/es-MX/episodes/2/script").get_json()["segments"]
    assert [(s["text"], s["status"]) for s in script] == [("[es] INT. MANSION - NIGHT", "machine"),
                                                          ("[es] Where were you?", "machine")]


def test_refusals_exit_1_or_2(run, series):
    assert run("pretranslate", "heir", "es-MX", "--episodes", "12").exit_code == 1
    assert run("pretranslate", "heir", "es-MX", "--machine").exit_code == 1  # not configured
    assert run("pretranslate", "heir", "en-US").exit_code == 1
    assert run("pretranslate", "heir", "es-MX", "--min-score", "60").exit_code == 2
    assert run("pretranslate", "nope", "es-MX").exit_code == 1
