"""Machine translation through deep-translator against a local server speaking LibreTranslate."""
import socket
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from fake_libretranslate import FakeLibreTranslate  # noqa: E402

from localize.machinery import MachineTranslationError, provider_from_config  # noqa: E402
from localize.machinery.libre import LibreTranslateProvider  # noqa: E402


def test_translates_maps_regional_codes_and_skips_blanks_and_repeats():
    with FakeLibreTranslate() as server:
        provider = LibreTranslateProvider(server.url.rstrip("/"))
        out = provider.translate_batch(["Hello.", "", "Hello.", "Bye."], "en-US", "pt-BR")
        assert out == ["[pt] Hello.", None, "[pt] Hello.", "[pt] Bye."]
        assert [fields["q"] for _, fields in server.requests] == ["Hello.", "Bye."]
        assert {(f["source"], f["target"]) for _, f in server.requests} == {("en", "pt")}


def test_api_key_is_sent_and_refusal_is_an_error():
    with FakeLibreTranslate(required_key="k1") as server:
        assert LibreTranslateProvider(server.url, api_key="k1").translate_batch(["Hi"], "en", "es") == ["[es] Hi"]
        with pytest.raises(MachineTranslationError):
            LibreTranslateProvider(server.url, api_key="wrong").translate_batch(["Hi"], "en", "es")


def test_unreachable_server_is_a_clear_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(MachineTranslationError, match="cannot reach"):
        LibreTranslateProvider(f"http://127.0.0.1:{port}/").translate_batch(["Hi"], "en", "es")


def test_unsupported_language_is_a_clear_error():
    with pytest.raises(MachineTranslationError, match="cannot translate"):
        LibreTranslateProvider("http://127.0.0.1:9/").translate_batch(["Hi"], "en", "tlh")


def test_configuration():
    assert provider_from_config({"MT_URL": ""}) is None
    assert provider_from_config({"MT_URL": "http://127.0.0.1:1"}).name == "libre"


def test_api_translation_prefilled_by_machine(app, lead, series):
    base = "/api/v1/series/heir/versions/es-MX/episodes/1/subtitles/"
    srt = "1\n00:00:01,000 --> 00:00:02,000\nHello, Ethan.\n\n2\n00:00:03,000 --> 00:00:04,000\nBye.\n"
    lead.put(base + "en-US", data=srt.encode(), headers={"Content-Type": "application/x-subrip"})
    r = lead.post(base + "es-MX/translate", {"source_locale": "es-MX", "source_language": "en-US", "prefill": "machine"})
    assert r.status_code == 422 and "LOCALIZE_MT_URL" in r.get_json()["error"]["message"]
    with FakeLibreTranslate() as server:
        app.config["MT_URL"] = server.url
        r = lead.post(base + "es-MX/translate", {"source_locale": "es-MX", "source_language": "en-US", "prefill": "machine"})
    assert r.status_code == 201, r.get_json()
    cues = lead.get(base + "es-MX").get_json()["cues"]
    assert [(c["text"], c["status"]) for c in cues] == [("[es] Hello, Ethan.", "translated"), ("[es] Bye.", "translated")]


def test_api_translation_provider_down_is_502_and_stores_nothing(app, lead, series):
    base = "/api/v1/series/heir/versions/es-MX/episodes/1/subtitles/"
    lead.put(base + "en-US", data=b"WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n", headers={"Content-Type": "text/vtt"})
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        app.config["MT_URL"] = f"http://127.0.0.1:{s.getsockname()[1]}/"
    r = lead.post(base + "fr/translate", {"source_locale": "es-MX", "source_language": "en-US", "prefill": "machine"})
    assert r.status_code == 502 and r.get_json()["error"]["code"] == "upstream_failed"
    assert lead.get(base + "fr").status_code == 404
