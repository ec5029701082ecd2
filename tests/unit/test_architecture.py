"""House rules that check themselves: every route names its ability, modules import alone, no
module reaches into another's private names. (Layering between packages: `lint-imports`.)"""
from __future__ import annotations

import ast
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from localize import create_app
from localize.permissions import Ability

PACKAGE = Path(__file__).resolve().parents[2] / "localize"
# Open to everyone: signing in and out, the language switch, the API's health and description.
PUBLIC = {"web.index", "web.login", "web.logout", "web.set_language", "api.health", "api.openapi",
          "assets.static", "static"}


def test_every_route_declares_the_ability_it_needs(tmp_path):
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "TESTING": True})
    unguarded = [name for name, view in app.view_functions.items()
                 if name not in PUBLIC and not isinstance(getattr(view, "ability", None), Ability)]
    assert unguarded == []
    assert PUBLIC <= set(app.view_functions)


def _modules(package: str) -> list[str]:
    root = PACKAGE.parent
    return sorted(".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
                  for path in (root / package.replace(".", "/")).rglob("*.py"))


@pytest.mark.parametrize("package", ["localize.web", "localize.api", "localize.cli"])
def test_each_interface_module_imports_alone(package):
    """A module that only imports after another was loaded first sits in an import ring."""
    def load(module: str):
        done = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True)
        return module, done.returncode, done.stderr.strip().splitlines()[-1:] or [""]

    with ThreadPoolExecutor(max_workers=4) as pool:
        failures = [(m, err[0]) for m, code, err in pool.map(load, _modules(package)) if code]
    assert failures == []


def test_no_module_imports_another_modules_private_names():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("localize"):
                private = [a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
                if private:
                    offenders.append(f"{path.relative_to(PACKAGE.parent)}: {node.module} {private}")
    assert offenders == []


# Beside the interfaces (api/, web/) and the app's wiring (app/), only create_app and the request's
# session, sign-in and language may touch Flask.
FLASK_MODULES = {"__init__.py", "db.py", "security.py", "i18n.py"}


def test_flask_stays_in_the_interfaces_and_the_app_wiring():
    """Every other package and module is domain code or neutral: no Flask there."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        if parts[0] in ("api", "web", "app") or (len(parts) == 1 and parts[0] in FLASK_MODULES):
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n == "flask" or n.startswith(("flask.", "flask_")) for n in names):
                offenders.append(str(path.relative_to(PACKAGE.parent)))
    assert offenders == []


def test_every_csv_we_write_goes_through_the_formula_guard():
    """Only localize/csv_safe.py opens a csv.writer: every other writer is its `safe_writer`."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "csv_safe.py" and path.parent == PACKAGE:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Attribute) and node.attr in ("writer", "DictWriter") \
                    and isinstance(node.value, ast.Name) and node.value.id == "csv":
                offenders.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
            elif isinstance(node, ast.ImportFrom) and node.module == "csv" \
                    and {a.name for a in node.names} & {"writer", "DictWriter"}:
                offenders.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert offenders == []
