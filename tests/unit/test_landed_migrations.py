"""A migration is never edited once it is on main: new schema changes are new revisions.

migrations/landed.sha256 records the hash of every revision file; an edited, removed or unrecorded
revision fails here, so the list is kept as revisions land.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
LANDED = MIGRATIONS / "landed.sha256"


def recorded() -> dict[str, str]:
    """The recorded list: relative path -> sha256, from lines as sha256sum writes them."""
    hashes = {}
    for line in LANDED.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            digest, name = line.split(maxsplit=1)
            hashes[name.lstrip("*")] = digest
    return hashes


def revision_files() -> list[str]:
    return sorted(f"versions/{p.name}" for p in (MIGRATIONS / "versions").glob("*.py") if p.name != "__init__.py")


def sha256(name: str) -> str:
    return hashlib.sha256((MIGRATIONS / name).read_bytes()).hexdigest()


def test_the_two_first_migrations_are_recorded_as_they_landed():
    first_two = {name: digest for name, digest in recorded().items()
                 if name.startswith(("versions/0001_", "versions/0002_"))}
    assert first_two == {
        "versions/0001_catalog_users_and_api_tokens.py":
            "a91d1ce7e071c886ec0b2dc302d056da03b9af06e3b18c5a1553906fc7fdfb2e",
        "versions/0002_subtitles_and_view_counts.py":
            "ca3f710c88a86ae8e94472179958d218e71d83d5aad604a92323092127bca4a4",
    }


def test_no_landed_migration_changed_or_disappeared():
    for name, digest in recorded().items():
        assert (MIGRATIONS / name).exists(), (
            f"migrations/{name} landed and was removed: restore it; a landed revision is never deleted")
        assert sha256(name) == digest, (
            f"migrations/{name} landed and was edited: restore it and put the change in a new revision "
            f"(alembic revision --autogenerate)")


def test_every_migration_is_recorded():
    missing = [name for name in revision_files() if name not in recorded()]
    assert not missing, (
        "new migration(s) not in migrations/landed.sha256: once final, add their hashes with\n"
        + "\n".join(f"  cd migrations && sha256sum {name} >> landed.sha256" for name in missing))
