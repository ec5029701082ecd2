"""machine_translate: the database cache, retries with backoff within a deadline, per-text outcomes."""
import sys
from pathlib import Path

import pytest
from sqlmodel import select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from fake_libretranslate import FakeLibreTranslate  # noqa: E402

from localize import db  # noqa: E402
from localize.machinery import MachineTranslationError  # noqa: E402
from localize.machinery.libre import LibreTranslateProvider  # noqa: E402
from localize.machinery.service import Outcome, backoff, machine_translate  # noqa: E402
from localize.models import MachineTranslation  # noqa: E402


class Clock:
    """A clock that moves only when the service sleeps, so pauses are checked, not waited."""

    def __init__(self):
        self.now, self.pauses = 0.0, []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.pauses.append(seconds)
        self.now += seconds


def run(engine, provider, texts, source="en-US", target="es-MX", **kw):
    clock = Clock()
    with db.session_scope(engine) as s:
        out = machine_translate(s, provider, texts, source, target, sleep=clock.sleep, clock=clock, **kw)
    return out, clock


def test_cache_first_then_only_misses_go_out(engine):
    with FakeLibreTranslate() as server:
        provider = LibreTranslateProvider(server.url)
        out, _ = run(engine, provider, ["Hi.", "", "Hi.", "Bye."])
        assert out == [Outcome("[es] Hi."), Outcome(None), Outcome("[es] Hi."), Outcome("[es] Bye.")]
        assert server.translations() == [["Hi.", "Bye."]]
        out, _ = run(engine, provider, ["Bye.", "Hi."])  # all cached: no request at all
        assert [o.text for o in out] == ["[es] Bye.", "[es] Hi."] and len(server.translations()) == 1
        run(engine, provider, ["Hi.", "Again."], target="es-ES")  # es-ES is `es` too: only the new text goes
        assert server.translations()[-1] == ["Again."]
        run(engine, provider, ["Hi."], target="fr")
        assert server.translations()[-1] == ["Hi."]
    with db.session_scope(engine, write=False) as s:
        rows = s.exec(select(MachineTranslation).order_by(MachineTranslation.id)).all()
        assert [(r.provider, r.source_language, r.target_language, r.text, r.translation) for r in rows] == [
            ("libre", "en", "es", "Bye.", "[es] Bye."), ("libre", "en", "es", "Hi.", "[es] Hi."),
            ("libre", "en", "es", "Again.", "[es] Again."), ("libre", "en", "fr", "Hi.", "[fr] Hi.")]
        assert len(rows[0].text_hash) == 64


def test_429_is_retried_with_growing_jittered_pauses(engine):
    with FakeLibreTranslate() as server:
        server.fail_next(2, 429)
        out, clock = run(engine, LibreTranslateProvider(server.url), ["Hi."])
        assert out == [Outcome("[es] Hi.")]
        assert len(server.translations()) == 3 and len(clock.pauses) == 2
        assert 0.25 <= clock.pauses[0] <= 0.5 and 0.5 <= clock.pauses[1] <= 1.0
    assert all(backoff(n) <= 8.0 for n in range(20))


def test_after_the_retries_each_text_of_the_failed_chunk_says_why_and_the_rest_is_kept(engine):
    with FakeLibreTranslate() as server:
        provider = LibreTranslateProvider(server.url)
        provider.batch_size = 2
        server.translate = lambda text, target: f"[{target}] {text}"
        out, _ = run(engine, provider, ["One.", "Two."])  # first chunk answered and cached
        server.fail_next(4, 503)  # the next chunk fails 1 + 3 times
        out, clock = run(engine, provider, ["One.", "Two.", "Three.", "Four.", "Five."])
        assert [o.text for o in out] == ["[es] One.", "[es] Two.", None, None, "[es] Five."]
        assert out[2].error and "HTTP 503" in out[2].error and out[3].error == out[2].error
        assert len(clock.pauses) == 3


def test_permanent_failures_are_not_retried(engine):
    with FakeLibreTranslate(required_key="right") as server:
        out, clock = run(engine, LibreTranslateProvider(server.url, api_key="wrong"), ["Hi.", "Bye."])
        assert [o.text for o in out] == [None, None] and "API key" in out[0].error
        assert len(server.translations()) == 1 and clock.pauses == []
    out, _ = run(engine, LibreTranslateProvider("http://127.0.0.1:9/"), ["Hi.", ""], target="tlh")
    assert out[0].text is None and "cannot translate" in out[0].error and out[1] == Outcome(None)


def test_the_deadline_bounds_retries_and_no_pause_goes_past_it(engine):
    with FakeLibreTranslate() as server:
        server.fail_next(10, 429)
        out, clock = run(engine, LibreTranslateProvider(server.url), ["Hi."], deadline=1.0, retries=10)
        assert out[0].text is None and "429" in out[0].error
        assert sum(clock.pauses) <= 1.0
        assert len(server.translations()) < 11


def test_retries_setting_is_the_bound(engine):
    with FakeLibreTranslate() as server:
        server.fail_next(5, 500)
        out, clock = run(engine, LibreTranslateProvider(server.url), ["Hi."], retries=1)
        assert out[0].text is None and len(server.translations()) == 2 and len(clock.pauses) == 1


def test_a_provider_without_chunks_or_codes_is_asked_through_translate_batch(engine):
    class Plain:
        name = "plain"
        calls = []

        def translate_batch(self, texts, source, target):
            self.calls.append((texts, source, target))
            if "boom" in texts:
                raise MachineTranslationError("down", retryable=False)
            return [t.upper() for t in texts]

    out, _ = run(engine, Plain(), ["a", "b", "a"])
    assert [o.text for o in out] == ["A", "B", "A"] and Plain.calls == [(["a", "b"], "en-US", "es-MX")]


@pytest.mark.parametrize("status", [429, 500])
def test_the_fake_fails_exactly_as_asked(status):
    with FakeLibreTranslate() as server:
        server.fail_next(1, status)
        with pytest.raises(MachineTranslationError):
            LibreTranslateProvider(server.url).translate_batch(["x"], "en", "es")
        assert LibreTranslateProvider(server.url).translate_batch(["x"], "en", "es") == ["[es] x"]
