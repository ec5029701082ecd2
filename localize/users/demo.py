"""Demo accounts: one per role, with a random password printed once and kept in the instance folder."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from sqlmodel import Session, select

from localize.models import User
from localize.permissions import ROLES
from localize.users.service import create_user

DEMO_ROLES = ROLES


def demo_lead(session: Session) -> User:
    return session.exec(select(User).where(User.email == "lead@demo.localize")).one()


def accounts(session: Session, instance_path: str | None) -> list[str]:
    """Create the missing demo accounts; return the lines that show their passwords (once)."""
    created = []
    for role in DEMO_ROLES:
        email = f"{role}@demo.localize"
        if session.exec(select(User.id).where(User.email == email)).first() is not None:
            continue
        password = secrets.token_urlsafe(9)
        create_user(session, email=email, role=role, name=f"Demo {role}", password=password,
                    languages=["es-MX", "pt-BR", "fr"] if role == "translator" else None)
        created.append((role, email, password))
    if not created:
        return []
    lines = ["demo accounts (the passwords are shown once; they are also in instance/demo-accounts.txt):"]
    lines += [f"  {role:<10} {email:<28} {password}" for role, email, password in created]
    port = os.environ.get("PORT", "5000")
    lines += [f"sign in at http://127.0.0.1:{port}/login (the address `make run` serves; PORT=8000 make run changes it)",
              "as lead@demo.localize and open \"The Heir Returns\": its market matrix shows every episode in every market."]
    if instance_path:
        path = Path(instance_path) / "demo-accounts.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a") as fh:
            fh.write("\n".join(f"  {role:<10} {email:<28} {password}" for role, email, password in created) + "\n")
    return lines
