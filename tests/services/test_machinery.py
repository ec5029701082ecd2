"""Machine translation providers: LibreTranslate's batch protocol against a local double, codes, errors, config."""
import json
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests
from deep_translator import exceptions as dt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from fake_libretranslate import FakeLibreTranslate  # noqa: E402

from localize import create_app  # noqa: E402
from localize.machinery import (MachineTranslationConfigError, MachineTranslationError, check_config,  # noqa: E402
                                provider_from_config, provider_name)
from localize.machinery import deep  # noqa: E402
from localize.machinery.libre import LibreTranslateProvider  # noqa: E402


def test_one_request_per_chunk_with_q_as_array_deduplicated_and_regional_codes_mapped():
    with FakeLibreTranslate() as server:
        provider = LibreTranslateProvider(server.url.rstrip("/"))
        out = provider.translate_batch(["Hello.", "", "Hello.", "Bye.", "  "], "en-US", "pt-BR")
        assert out == ["[pt] Hello.", None, "[pt] Hello.", "[pt] Bye.", None]
        assert server.translations() == [["Hello.", "Bye."]]
        (_, fields), = server.requests
        assert (fields["source"], fields["target"], fields["format"]) == ("en", "pt", "text")
        assert "api_key" not in fields  # a keyless server is sent no key


def test_chunks_by_count_and_characters():
    with FakeLibreTranslate() as server:
        provider = LibreTranslateProvider(server.url)
        texts = [f"Line {n}." for n in range(120)]
        assert provider.translate_batch(texts, "en", "es-MX") == [f"[es] {t}" for t in texts]
        assert [len(q) for q in server.translations()] == [50, 50, 20]
        provider.batch_chars = 30
        server.requests.clear()
        provider.translate_batch(["a" * 20, "b" * 20, "c" * 5], "en", "es")
        assert server.translations() == [["a" * 20], ["b" * 20, "c" * 5]]


def test_fake_speaks_libretranslate_single_form_and_languages():
    with FakeLibreTranslate() as server:
        r = requests.post(server.url + "translate", data={"q": "Hi", "source": "en", "target": "es"}, timeout=5)
        assert r.json() == {"translatedText": "[es] Hi"}
        r = requests.post(server.url + "translate", json={"q": ["Hi", "Bye"], "source": "en", "target": "fr"}, timeout=5)
        assert r.json() == {"translatedText": ["[fr] Hi", "[fr] Bye"]}
        r = requests.post(server.url + "translate", json={"source": "en", "target": "fr"}, timeout=5)
        assert r.status_code == 400 and "q" in r.json()["error"]
        r = requests.post(server.url + "translate", json={"q": "Hi", "source": "en", "target": "tlh"}, timeout=5)
        assert r.status_code == 400 and "not supported" in r.json()["error"]
        codes = [lang["code"] for lang in requests.get(server.url + "languages", timeout=5).json()]
        assert "es" in codes and "pt" in codes


def test_api_key_is_sent_and_a_bad_key_is_permanent():
    with FakeLibreTranslate(required_key="k1") as server:
        assert LibreTranslateProvider(server.url, api_key="k1").translate_batch(["Hi"], "en", "es") == ["[es] Hi"]
        with pytest.raises(MachineTranslationError, match="API key") as caught:
            LibreTranslateProvider(server.url, api_key="wrong").translate_batch(["Hi"], "en", "es")
        assert caught.value.retryable is False


@pytest.mark.parametrize("status, retryable", [(429, True), (500, True), (503, True)])
def test_rate_limits_and_server_errors_are_retryable(status, retryable):
    with FakeLibreTranslate() as server:
        server.fail_next(1, status)
        with pytest.raises(MachineTranslationError, match=f"HTTP {status}") as caught:
            LibreTranslateProvider(server.url).translate_batch(["Hi"], "en", "es")
        assert caught.value.retryable is retryable
        assert LibreTranslateProvider(server.url).translate_batch(["Hi"], "en", "es") == ["[es] Hi"]


def test_unreachable_server_is_a_retryable_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(MachineTranslationError, match="cannot reach") as caught:
        LibreTranslateProvider(f"http://127.0.0.1:{port}/").translate_batch(["Hi"], "en", "es")
    assert caught.value.retryable


def test_unsupported_language_is_permanent_and_asks_nothing():
    with pytest.raises(MachineTranslationError, match="cannot translate") as caught:
        LibreTranslateProvider("http://127.0.0.1:9/").translate_batch(["Hi"], "en", "tlh")
    assert not caught.value.retryable


def test_each_provider_maps_regional_codes():
    libre = LibreTranslateProvider("http://127.0.0.1:9/")
    assert [libre.code(t, target=True) for t in ("es-MX", "pt-BR", "zh-Hant", "fr")] == ["es", "pt", "zt", "fr"]
    deepl = deep.DeeplProvider(api_key="k")
    assert [deepl.code(t, target=True) for t in ("pt-BR", "pt-PT", "pt", "en", "en-GB", "es-MX")] == [
        "PT-BR", "PT-PT", "PT-BR", "EN-US", "EN-GB", "ES"]
    assert deepl.code("pt-BR", target=False) == "pt"
    google = deep.GoogleProvider()
    assert [google.code(t, target=True) for t in ("es-MX", "zh-Hans", "zh-TW", "he", "fil")] == [
        "es", "zh-CN", "zh-TW", "iw", "tl"]
    microsoft = deep.MicrosoftProvider(api_key="k")
    assert [microsoft.code(t, target=True) for t in ("pt-BR", "pt-PT", "zh-Hant", "fr-CA", "es-MX")] == [
        "pt", "pt-pt", "zh-Hant", "fr-ca", "es"]
    mymemory = deep.MyMemoryProvider()
    assert [mymemory.code(t, target=True) for t in ("es-MX", "pt-BR", "en", "fr")] == ["es-MX", "pt-BR", "en-US", "fr-FR"]


def test_library_errors_are_sorted_into_retryable_and_permanent():
    assert deep.convert("DeepL", dt.TooManyRequests()).retryable
    assert deep.convert("DeepL", dt.ServerException(503)).retryable
    assert not deep.convert("DeepL", dt.ServerException(400)).retryable
    assert not deep.convert("DeepL", dt.AuthorizationException("k")).retryable
    assert not deep.convert("DeepL", dt.LanguageNotSupportedException("tlh")).retryable
    assert deep.convert("Google", requests.ConnectTimeout()).retryable
    assert not deep.convert("Microsoft", dt.MicrosoftAPIerror({"code": 401000, "message": "bad key"})).retryable
    assert deep.convert("Microsoft", dt.MicrosoftAPIerror({"code": 429001, "message": "slow"})).retryable


def test_deep_translator_adapter_against_a_local_double():
    """MyMemory through deep-translator, pointed at a local server: its answer, a 429, and a timeout set."""
    seen = []


    class H(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):
            seen.append(self.path)
            status, body = (429, {}) if "Rate" in self.path else (200, {"responseData": {"translatedText": "Hola"},
                                                                        "matches": []})
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), H)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        provider = deep.MyMemoryProvider(url=f"http://127.0.0.1:{server.server_address[1]}/get")
        assert provider.translate_batch(["Hello", "Hello"], "en", "es-MX") == ["Hola", "Hola"]
        assert len(seen) == 1 and "langpair=en-US%7Ces-MX" in seen[0]
        with pytest.raises(MachineTranslationError, match="rate limiting") as caught:
            provider.translate_batch(["Rate me"], "en", "es")
        assert caught.value.retryable
    finally:
        server.shutdown()
        server.server_close()


def test_configuration_names_a_provider_and_keeps_the_old_url_only_form():
    assert provider_from_config({"MT_URL": ""}) is None
    assert provider_name({}) == "none"
    assert provider_from_config({"MT_URL": "http://127.0.0.1:1"}).name == "libre"  # no provider: libre
    assert provider_from_config({"MT_PROVIDER": "none", "MT_URL": "http://127.0.0.1:1"}) is None
    assert provider_from_config({"MT_PROVIDER": "mymemory"}).name == "mymemory"
    provider = provider_from_config({"MT_PROVIDER": "deepl", "MT_API_KEY": "k:fx", "MT_RETRIES": 5})
    assert (provider.name, provider.retries) == ("deepl", 5)
    with pytest.raises(MachineTranslationConfigError, match="unknown machine translation provider 'babel'"):
        check_config({"MT_PROVIDER": "babel"})
    with pytest.raises(MachineTranslationConfigError, match="LOCALIZE_MT_API_KEY"):
        check_config({"MT_PROVIDER": "deepl"})


def test_an_unknown_provider_stops_the_app_at_startup(tmp_path):
    with pytest.raises(MachineTranslationConfigError, match="LOCALIZE_MT_PROVIDER"):
        create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3", "MT_PROVIDER": "yandex"})


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
        assert server.translations() == [["Hello, Ethan.", "Bye."]]
        # The same texts again come from the cache: the server is not asked.
        r = lead.post(base + "fr/translate", {"source_locale": "es-MX", "source_language": "en-US", "prefill": "machine"})
        assert len(server.translations()) == 2  # French is another pair
        lead.delete(base + "es-MX")
    cues = lead.get(base + "es-MX").get_json()["cues"]
    assert [(c["text"], c["status"]) for c in cues] == [("[es] Hello, Ethan.", "machine"), ("[es] Bye.", "machine")]
    # A person's edit of machine output makes it their translation.
    cues[0]["text"] = "Hola, Ethan."
    etag = lead.get(base + "es-MX").headers["ETag"]
    r = lead.put(base + "es-MX", {"cues": cues}, headers={"If-Match": etag})
    assert r.status_code == 200, r.get_json()
    assert [c["status"] for c in lead.get(base + "es-MX").get_json()["cues"]] == ["translated", "machine"]


def test_api_translation_provider_down_is_502_and_stores_nothing(app, lead, series):
    base = "/api/v1/series/heir/versions/es-MX/episodes/1/subtitles/"
    lead.put(base + "en-US", data=b"WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n", headers={"Content-Type": "text/vtt"})
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        app.config["MT_URL"] = f"http://127.0.0.1:{s.getsockname()[1]}/"
    app.config["MT_RETRIES"] = 0
    r = lead.post(base + "fr/translate", {"source_locale": "es-MX", "source_language": "en-US", "prefill": "machine"})
    assert r.status_code == 502 and r.get_json()["error"]["code"] == "upstream_failed"
    assert lead.get(base + "fr").status_code == 404


def test_script_translation_prefilled_by_machine_through_the_cache(app, lead, series):
    v = "/api/v1/series/heir/versions"
    fountain = "INT. MANSION - NIGHT\n\nETHAN\nI came back.\n"
    assert lead.put(f"{v}/en-US/episodes/1/script", data=fountain.encode(),
                    headers={"Content-Type": "text/plain"}).status_code == 201
    with FakeLibreTranslate() as server:
        app.config.update(MT_PROVIDER="libre", MT_URL=server.url)
        r = lead.post(f"{v}/es-MX/episodes/1/script/translate", {"prefill": "machine"})
        assert r.status_code == 201, r.get_json()
        assert server.translations() == [["INT. MANSION - NIGHT", "I came back."]]
    segments = lead.get(f"{v}/es-MX/episodes/1/script").get_json()["segments"]
    assert [(s["text"], s["status"]) for s in segments] == [("[es] INT. MANSION - NIGHT", "machine"),
                                                            ("[es] I came back.", "machine")]
    assert lead.post(f"{v}/es-MX/episodes/2/script/translate", {"prefill": "human"}).status_code == 422
