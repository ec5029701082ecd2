"""A job's page: progress that refreshes itself while the job is open, then its result or its error;
its creator, leads and admins only."""
from __future__ import annotations

import functools

import job_kinds  # noqa: F401  (registers the test kinds)
import pytest

from localize import db, jobs
from localize.jobs import runner, store


@pytest.fixture
def job_of(engine):
    """job_of(user, run=False, **params) -> the id of a test job, run to its end when asked."""
    def make(user, run=False, **params):
        with db.session_scope(engine) as s:
            job_id = jobs.submit(s, "test.steps", {"steps": 2, **params}, user=user).id
        if run:
            runner.run(job_id, functools.partial(db.writer_session, engine))
        return job_id
    return make


def test_an_open_job_shows_its_progress_and_refreshes(client, sign_in, job_of, engine):
    translator = sign_in("translator", ["es-MX"])
    job_id = job_of(translator)
    with db.session_scope(engine) as s:
        store.claim(s, job_id, store.this_worker())
        store.checkpoint(s, job_id, store.this_worker(), 1, 4)
    html = client.get(f"/jobs/{job_id}").get_data(as_text=True)
    assert '<meta http-equiv="refresh" content="2">' in html
    assert "Running in the background." in html and '<progress max="4" value="1">' in html
    assert "1 of 4 steps" in html


def test_a_finished_job_shows_its_result_and_stops_refreshing(client, sign_in, job_of):
    lead = sign_in("lead")
    html = client.get(f"/jobs/{job_of(lead, run=True, tag='web')}").get_data(as_text=True)
    assert "http-equiv" not in html and "The work is done." in html
    assert "<th scope=\"row\">steps</th><td>2</td>" in html and "<td>web</td>" in html


def test_a_failed_job_says_why_in_the_readers_language(client, sign_in, job_of):
    lead = sign_in("lead")
    job_id = job_of(lead, run=True, fail_at=1)
    html = client.get(f"/jobs/{job_id}", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert "El trabajo se detuvo con un error." in html
    assert "step refused (field=step, step=1)" in html and 'role="alert"' in html


def test_strangers_get_a_404_and_nobody_is_sent_to_sign_in(client, sign_in, job_of, make_user):
    owner, _ = make_user("translator", ["es-MX"])
    job_id = job_of(owner)
    assert client.get(f"/jobs/{job_id}").status_code == 302  # anonymous: to the sign-in page
    sign_in("translator", ["es-MX"])
    assert client.get(f"/jobs/{job_id}").status_code == 404
    sign_in("admin")
    assert client.get(f"/jobs/{job_id}").status_code == 200
    assert client.get("/jobs/not-a-job").status_code == 404
