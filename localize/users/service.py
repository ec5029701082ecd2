"""Accounts and API tokens. Passwords are stored as scrypt hashes, tokens as SHA-256 digests."""
from __future__ import annotations

import hashlib
import re
import secrets

from sqlalchemy import bindparam
from sqlmodel import Session, select
from werkzeug.security import check_password_hash, generate_password_hash

from localize.locales import normalize_locale
from localize.errors import Conflict, Forbidden, NotFound, field_error
from localize.models import ROLES, ApiToken, User, utcnow
from localize.permissions import Ability, can

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


def set_account_active(session: Session, user: User, active: bool) -> None:
    """Disable (or enable again) an account; disabling ends its sessions and its tokens stop working.

    The command line's path (its operator is trusted); in the browser an admin goes through `set_active`.
    """
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


# Built once: every API request looks its token up, and building the statement cost more than running it.
# Revoked tokens and disabled users are filtered in the query, read fresh each request (no cache to go stale).
_TOKEN_USER = (select(User).join(ApiToken, ApiToken.user_id == User.id)
               .where(ApiToken.token_hash == bindparam("digest"), ApiToken.revoked_at.is_(None),
                      User.active == True))  # noqa: E712


def user_for_token(session: Session, token: str) -> User | None:
    """The active user a bearer token belongs to, or None for an unknown or revoked token."""
    if not token or len(token) > 200:
        return None
    return session.exec(_TOKEN_USER, params={"digest": hash_token(token)}).first()


def revoke_tokens(session: Session, user: User) -> int:
    """Revoke every live API token of a user; returns how many."""
    tokens = session.exec(select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))).all()
    for token in tokens:
        token.revoked_at = utcnow()
        session.add(token)
    session.flush()
    return len(tokens)


# --- administration (the admin pages): the acting user is passed in, checked here ------------

def _require_admin(actor: User | None) -> None:
    if not can(actor, Ability.ADMIN):
        raise Forbidden("only an admin manages users and API tokens")


def new_password() -> str:
    """A random password to show once: 16 URL-safe characters (96 bits)."""
    return secrets.token_urlsafe(12)


def list_users(session: Session, actor: User) -> list[User]:
    """Every account, active ones first, by email."""
    _require_admin(actor)
    return list(session.exec(select(User).order_by(User.active.desc(), User.email)))


def get_user(session: Session, actor: User, user_id: int) -> User:
    _require_admin(actor)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"no user with id {user_id}")
    return user


def add_user(session: Session, actor: User, *, email: str, role: str, name: str = "",
             languages: list[str] | None = None, password: str | None = None) -> tuple[User, str | None]:
    """Create an account; without a password one is generated and returned (to show once)."""
    _require_admin(actor)
    generated = None
    if not password:
        password = generated = new_password()
    return create_user(session, email=email, role=role, name=name, languages=languages,
                       password=password), generated


def _other_active_admins(session: Session, user: User) -> int:
    return len(session.exec(select(User.id).where(User.role == "admin", User.active, User.id != user.id)).all())


def update_user(session: Session, actor: User, user: User, *, role: str,
                languages: list[str]) -> User:
    """Change an account's role and languages; the last active admin keeps the admin role."""
    _require_admin(actor)
    if role not in ROLES:
        raise field_error("role", f"role must be one of {', '.join(ROLES)}")
    if user.role == "admin" and role != "admin" and user.active and _other_active_admins(session, user) == 0:
        raise field_error("role", "the last active admin cannot lose the admin role", code="last_admin")
    user.role = role
    user.languages = ",".join(normalize_locale(tag, "languages") for tag in languages if tag.strip())
    session.add(user)
    session.flush()
    return user


def set_active(session: Session, actor: User, user: User, active: bool) -> User:
    """Disable or enable an account; a disabled one signs in nowhere and its tokens answer 401."""
    _require_admin(actor)
    if not active and user.id == actor.id:
        raise field_error("active", "you cannot disable your own account", code="self")
    if not active and user.role == "admin" and user.active and _other_active_admins(session, user) == 0:
        raise field_error("active", "the last active admin cannot be disabled", code="last_admin")
    set_account_active(session, user, active)
    return user


def reset_password(session: Session, actor: User, user: User) -> str:
    """Give the account a new random password and return it (to show once); old sessions end."""
    _require_admin(actor)
    password = new_password()
    set_password(user, password)
    session.add(user)
    session.flush()
    return password


def list_tokens(session: Session, actor: User, user: User) -> list[ApiToken]:
    """A user's API tokens, newest first (revoked ones included, marked by revoked_at)."""
    _require_admin(actor)
    return list(session.exec(select(ApiToken).where(ApiToken.user_id == user.id)
                             .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))


def issue_token(session: Session, actor: User, user: User, label: str = "") -> str:
    """Create an API token for a user and return it (to show once)."""
    _require_admin(actor)
    label = label.strip()
    if len(label) > 200:
        raise field_error("label", "at most 200 characters")
    return create_token(session, user, label)


def revoke_token(session: Session, actor: User, user: User, token_id: int) -> ApiToken:
    """Revoke one of a user's API tokens (revoking it again changes nothing)."""
    _require_admin(actor)
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound(f"no token {token_id} for this user")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        session.add(token)
        session.flush()
    return token
