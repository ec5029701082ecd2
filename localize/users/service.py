"""Accounts and API tokens. Passwords are stored as scrypt hashes, tokens as SHA-256 digests."""
from __future__ import annotations

import hashlib
import re
import secrets

from sqlmodel import Session, select
from werkzeug.security import check_password_hash, generate_password_hash

from localize.locales import normalize_locale
from localize.errors import Conflict, NotFound, field_error
from localize.models import ROLES, ApiToken, User, utcnow

TOKEN_PREFIX = "lz_"
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# A real hash of a random password, checked when the email is unknown so that
# timing does not tell which accounts exist.
_DUMMY_HASH = generate_password_hash(secrets.token_hex(8))


def create_user(session: Session, *, email: str, role: str, name: str = "",
                languages: list[str] | None = None, password: str | None = None) -> User:
    email = email.strip().lower()
    if not EMAIL_PATTERN.match(email):
        raise field_error("email", f"{email!r} is not an email address")
    if role not in ROLES:
        raise field_error("role", f"role must be one of {', '.join(ROLES)}")
    if session.exec(select(User.id).where(User.email == email)).first() is not None:
        raise Conflict(f"a user with email {email!r} already exists", [{"field": "email"}])
    tags = [normalize_locale(tag, "languages") for tag in (languages or []) if tag.strip()]
    user = User(email=email, role=role, name=name or email.split("@")[0], languages=",".join(tags))
    if password is not None:
        set_password(user, password)
    session.add(user)
    session.flush()
    return user


def set_password(user: User, password: str) -> None:
    """Set a new password; every browser session of the user ends (the old password may be known)."""
    if len(password) < 8:
        raise field_error("password", "must be at least 8 characters")
    user.password_hash = generate_password_hash(password)
    end_sessions(user)


def end_sessions(user: User) -> None:
    """End every browser session of the user: sessions carry the epoch they began in."""
    user.session_epoch = (user.session_epoch or 0) + 1


def set_active(session: Session, user: User, active: bool) -> None:
    """Disable (or enable again) an account; disabling ends its sessions and its tokens stop working."""
    user.active = active
    if not active:
        end_sessions(user)
    session.add(user)
    session.flush()


def find_user(session: Session, email: str) -> User:
    user = session.exec(select(User).where(User.email == email.strip().lower())).first()
    if user is None:
        raise NotFound(f"no user with email {email!r}")
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """Return the active user with these credentials, or None."""
    user = session.exec(select(User).where(User.email == (email or "").strip().lower())).first()
    if user is None or not user.password_hash or not user.active:
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    return user if check_password_hash(user.password_hash, password or "") else None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(session: Session, user: User, label: str = "") -> str:
    """Create an API token for a user and return it; only its hash is kept."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, token_hash=hash_token(token), prefix=token[:10], label=label))
    session.flush()
    return token


def user_for_token(session: Session, token: str) -> User | None:
    """The active user a bearer token belongs to, or None for an unknown or revoked token."""
    if not token or len(token) > 200:
        return None
    row = session.exec(select(ApiToken, User).join(User, User.id == ApiToken.user_id)
                       .where(ApiToken.token_hash == hash_token(token))).first()
    if row is None:
        return None
    api_token, user = row
    if api_token.revoked_at is not None or not user.active:
        return None
    return user


def revoke_tokens(session: Session, user: User) -> int:
    """Revoke every live API token of a user; returns how many."""
    tokens = session.exec(select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))).all()
    for token in tokens:
        token.revoked_at = utcnow()
        session.add(token)
    session.flush()
    return len(tokens)
