"""Job kinds for the tests, registered when imported: by the tests, and by the worker the RQ tests
start (`localize worker --import job_kinds`, with tests/ on PYTHONPATH)."""
from __future__ import annotations

import time
from pathlib import Path

from localize.errors import ValidationFailed
from localize.jobs import job_kind
from localize.models import AuditEntry

GATE_WAIT_S = 60


@job_kind("test.steps")
def steps(session, params, progress):
    """Write one audit row per step, checkpointing after each; optionally pause or fail on the way.

    params: steps (n), pause_after (k: wait after step k until the file `gate` exists),
    fail_at (step whose work is added and then refused).
    """
    total = params["steps"]
    for step in range(1, total + 1):
        session.add(AuditEntry(action="test_job_step", object_type="job", object_id=str(step),
                               details={"tag": params.get("tag", "")}))
        session.flush()
        if params.get("fail_at") == step:
            raise ValidationFailed("step refused", [{"field": "step", "step": step}])
        if params.get("crash_at") == step:
            raise RuntimeError("the disk is full")
        progress(step, total)
        if params.get("pause_after") == step:
            _wait_for(Path(params["gate"]))
    return {"steps": total, "tag": params.get("tag", "")}


def _wait_for(gate: Path) -> None:
    deadline = time.monotonic() + GATE_WAIT_S
    while not gate.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"the test never opened {gate}")
        time.sleep(0.05)
