"""Who may do what: the whole table of abilities by role, and the language rule of writers."""
from __future__ import annotations

import pytest

from localize.models import User
from localize.permissions import ABILITIES, ROLES, Ability, abilities_of, can, can_write_language, roles_with

# Written out by hand: a change to who may do what must change this table too.
EXPECTED = {
    #                      admin  lead   translator marketing
    Ability.READ_CATALOG:   (True, True, True, True),
    Ability.EDIT_CATALOG:   (True, True, False, False),
    Ability.WRITE_LANGUAGE: (True, True, True, False),
    Ability.REVIEW:         (True, True, False, False),
    Ability.READ_REPORTS:   (True, True, False, True),
    Ability.INGEST_VIEWS:   (True, True, False, True),
    Ability.ADMIN:          (True, False, False, False),
}


def user(role: str, languages: str = "", active: bool = True) -> User:
    return User(email=f"{role}@example.test", role=role, languages=languages, active=active)


def test_the_table_names_every_ability_and_role():
    assert set(EXPECTED) == set(Ability) == set(ABILITIES)
    assert ROLES == ("admin", "lead", "translator", "marketing")


@pytest.mark.parametrize("ability", list(Ability))
@pytest.mark.parametrize("role", ROLES)
def test_ability_by_role(ability, role):
    assert can(user(role), ability) is EXPECTED[ability][ROLES.index(role)]
    assert can(user(role), ability.value) is EXPECTED[ability][ROLES.index(role)]  # templates pass strings
    assert (role in roles_with(ability)) is EXPECTED[ability][ROLES.index(role)]
    assert (ability in abilities_of(role)) is EXPECTED[ability][ROLES.index(role)]


@pytest.mark.parametrize("ability", list(Ability))
def test_nobody_and_disabled_accounts_can_do_nothing(ability):
    assert can(None, ability) is False
    assert can(user("admin", active=False), ability) is False


def test_an_unknown_ability_is_an_error_not_a_silent_no():
    with pytest.raises(ValueError):
        can(user("admin"), "delete_everything")


@pytest.mark.parametrize("role, languages, tag, allowed", [
    ("admin", "", "ja", True),
    ("lead", "", "es-MX", True),
    ("translator", "es-MX,pt-BR", "es-MX", True),
    ("translator", "es-MX,pt-BR", "pt-BR", True),
    ("translator", "es-MX", "es", False),          # a regional variant does not cover the bare language
    ("translator", "es", "es-MX", True),           # the bare language covers its variants
    ("translator", "es-MX", "fr", False),
    ("translator", "", "fr", False),
    ("marketing", "fr", "fr", False),              # languages on a marketing account write nothing
])
def test_who_writes_which_language(role, languages, tag, allowed):
    assert can_write_language(user(role, languages), tag) is allowed


def test_a_disabled_translator_writes_nothing():
    assert can_write_language(user("translator", "fr", active=False), "fr") is False
    assert can_write_language(None, "fr") is False
