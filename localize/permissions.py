"""Who may do what: every role check of the API, the pages, the templates and the CLI reads this table.

An ability is a named thing a person does in `localize`; a role is a set of abilities. Admins hold
every ability. Writing subtitles (and, later, scripts) is also bounded by the languages a
translator works in: `can_write_language`.
"""
from __future__ import annotations

from enum import StrEnum

from localize.locales import language_of
from localize.models import ROLES, User

__all__ = ["ROLES", "Ability", "ABILITIES", "can", "can_write_language", "roles_with", "abilities_of"]


class Ability(StrEnum):
    READ_CATALOG = "read_catalog"        # series, episodes, versions, casting, subtitle tracks
    EDIT_CATALOG = "edit_catalog"        # create and change series, episodes, versions, characters, casting
    WRITE_LANGUAGE = "write_language"    # edit subtitles (and scripts) in one's own languages
    REVIEW = "review"                    # mark others' work reviewed or approved
    READ_REPORTS = "read_reports"        # views, unlocks, revenue and the ratios built on them
    INGEST_VIEWS = "ingest_views"        # send daily view counts
    ADMIN = "admin"                      # users, roles and API tokens


ABILITIES: dict[Ability, frozenset[str]] = {
    Ability.READ_CATALOG: frozenset({"admin", "lead", "translator", "marketing"}),
    Ability.EDIT_CATALOG: frozenset({"admin", "lead"}),
    Ability.WRITE_LANGUAGE: frozenset({"admin", "lead", "translator"}),
    Ability.REVIEW: frozenset({"admin", "lead"}),
    # Translators do not see the numbers: pay and performance are the studio's business.
    Ability.READ_REPORTS: frozenset({"admin", "lead", "marketing"}),
    Ability.INGEST_VIEWS: frozenset({"admin", "lead", "marketing"}),
    Ability.ADMIN: frozenset({"admin"}),
}
# Roles that write every language; any other holder of WRITE_LANGUAGE writes only its own.
ALL_LANGUAGES = frozenset({"admin", "lead"})


def can(user: User | None, ability: Ability | str) -> bool:
    """Whether the user's role holds the ability (never for nobody or a disabled account)."""
    if user is None or not user.active:
        return False
    return user.role in ABILITIES[Ability(ability)]


def can_write_language(user: User | None, tag: str) -> bool:
    """Admins and leads write every language; a translator only its own (es covers es-MX)."""
    if not can(user, Ability.WRITE_LANGUAGE):
        return False
    if user.role in ALL_LANGUAGES:
        return True
    own = user.language_list
    # Holding a bare language ("es") covers its regional variants ("es-MX"), not the reverse.
    return tag in own or language_of(tag) in own


def roles_with(ability: Ability | str) -> tuple[str, ...]:
    """The roles holding an ability, in the order of ROLES."""
    holders = ABILITIES[Ability(ability)]
    return tuple(role for role in ROLES if role in holders)


def abilities_of(role: str) -> frozenset[Ability]:
    return frozenset(ability for ability, roles in ABILITIES.items() if role in roles)
