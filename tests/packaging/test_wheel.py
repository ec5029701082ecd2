"""A built wheel, installed alone in a clean virtual environment, migrates and loads the demo.

The wheel is built from a copy of the source tree without compiled catalogs, so the build itself
must compile them; the new environment reaches the dependencies through a .pth file naming the
project environment's site-packages (a .pth-added path is not a site dir, so the editable install's
finder there is never run) and must import localize from its own site-packages.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# What a fresh checkout would not have, and compiled catalogs, which the build must make itself.
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "instance", "__pycache__",
                                    ".pytest_cache", "node_modules", "screenshots", "*.mo", "*.sqlite3")


def _run(args, **kw):
    result = subprocess.run(args, capture_output=True, text=True, timeout=300, **kw)
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp / "dist"), str(source)])
    (built,) = (tmp / "dist").glob("localize-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory):
    """A new virtual environment with the wheel installed and the dependencies borrowed, not localize."""
    root = tmp_path_factory.mktemp("venv") / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(root)])
    python = root / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet", str(wheel)])
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).stdout.strip())
    (site / "project_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return root


def test_the_wheel_carries_migrations_and_compiled_catalogs(wheel):
    import zipfile
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"localize/migrations/env.py", "localize/migrations/script.py.mako",
            "localize/migrations/versions/0001_catalog_users_and_api_tokens.py",
            "localize/translations/es/LC_MESSAGES/messages.mo",
            "localize/translations/pt_BR/LC_MESSAGES/messages.mo"} <= names


def test_installed_wheel_migrates_loads_the_demo_and_speaks_spanish(venv, tmp_path):
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(DATABASE_URL=f"sqlite:///{work / 'wheel.sqlite3'}", SECRET_KEY="wheel-test-secret")
    python, localize = venv / "bin" / "python", venv / "bin" / "localize"

    where = _run([str(python), "-c", "import localize; print(localize.__file__)"], cwd=work, env=env).stdout
    assert Path(where.strip()).is_relative_to(venv), where

    assert "database at head" in _run([str(localize), "db", "upgrade"], cwd=work, env=env).stdout
    assert "admin@demo.localize" in _run([str(localize), "demo"], cwd=work, env=env).stdout

    page = _run([str(python), "-c", (
        "from localize import create_app\n"
        "from localize.models import Series\n"
        "from localize.db import new_session\n"
        "app = create_app()\n"
        "s = new_session(app.extensions['localize_engine'], write=False)\n"
        "print(s.query(Series).one().slug)\n"
        "print(app.test_client().get('/login', headers={'Accept-Language': 'es'}).get_data(as_text=True))\n"
    )], cwd=work, env=env).stdout
    assert page.startswith("the-heir-returns\n")
    # Only the installed package's compiled Spanish catalog can turn "Sign in" into this.
    assert "Iniciar sesión" in page and "Contraseña" in page
