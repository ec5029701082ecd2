"""A command that starts a job waits for it with a progress bar: its result, or its error and exit 1."""
from __future__ import annotations

import json

import click
import job_kinds  # noqa: F401  (registers the test kinds)
import pytest
from click.testing import CliRunner

from localize.cli.common import make_app
from localize.cli.jobs import submit_and_wait


@click.command()
@click.option("--fail-at", type=int)
def steps(fail_at):
    """What `localize pretranslate` does with a long range: submit, wait, print the answer."""
    params = {"steps": 3, "tag": "cli", **({"fail_at": fail_at} if fail_at else {})}
    click.echo(json.dumps(submit_and_wait(make_app(), "test.steps", params, label="stepping")))


@pytest.fixture
def run(db_url, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("LOCALIZE_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.delenv("LOCALIZE_QUEUE_URL", raising=False)
    return lambda *args: CliRunner().invoke(steps, list(args), catch_exceptions=False)


def test_the_command_waits_for_the_job_and_prints_its_result(run):
    result = run()
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"steps": 3, "tag": "cli"}
    assert "stepping" in result.stderr  # the bar itself is drawn only on a terminal


def test_a_failed_job_is_an_error_and_exit_1(run):
    result = run("--fail-at", "2")
    assert result.exit_code == 1 and result.stdout == ""
    assert "error: step refused (field=step, step=2)" in result.stderr
