"""Catalog operations. Each takes the session (and the acting user where it matters) and flushes;
the caller owns the transaction."""
from __future__ import annotations

from sqlalchemy import bindparam, func
from sqlmodel import Session, select

from localize.locales import normalize_locale
from localize.catalog.schemas import (CastingUpdate, CharacterCreate, EpisodeCreate,
                                      EpisodeUpdate, NoteCreate, SeriesCreate, SeriesUpdate,
                                      VersionCreate, VersionUpdate)
from localize.catalog.settings import effective_settings
from localize.errors import Conflict, NotFound, ValidationFailed, field_error
from localize.models import (Casting, CastingNote, Character, Episode, MarketVersion, Series,
                             User, utcnow)
from localize.presets import DEFAULT_PRESETS, PRESETS, override_problems
from localize.signals import qc_inputs_changed


# --- series -------------------------------------------------------------------------------

def list_series(session: Session) -> list[Series]:
    return list(session.exec(select(Series).order_by(Series.title, Series.id)))


def get_series(session: Session, slug: str) -> Series:
    series = session.exec(select(Series).where(Series.slug == slug)).first()
    if series is None:
        raise NotFound(f"no series with slug {slug!r}")
    return series


_SERIES_ID = select(Series.id).where(Series.slug == bindparam("slug"))  # built once: on every cached report read


def series_id(session: Session, slug: str) -> int | None:
    """A series' id by slug, without loading it; None when there is none."""
    return session.exec(_SERIES_ID, params={"slug": slug}).first()


def create_series(session: Session, data: SeriesCreate) -> Series:
    """Create a series with its original version and its episodes 1..N."""
    locale = normalize_locale(data.original_locale, "original_locale")
    if data.free_episodes > data.episode_count:
        raise field_error("free_episodes", "cannot exceed episode_count")
    _check_preset(data.qc_preset)
    if session.exec(select(Series.id).where(Series.slug == data.slug)).first() is not None:
        raise Conflict(f"a series with slug {data.slug!r} already exists", [{"field": "slug"}])
    series = Series(**data.model_dump(exclude={"original_locale"}), original_locale=locale)
    session.add(series)
    session.flush()
    session.add(MarketVersion(series_id=series.id, locale=locale, kind="original",
                              title=series.title, status="released"))
    session.add_all(Episode(series_id=series.id, number=n) for n in range(1, data.episode_count + 1))
    session.flush()
    return series


def update_series(session: Session, series: Series, data: SeriesUpdate) -> Series:
    changes = data.model_dump(exclude_unset=True)
    for key in ("title", "episode_count", "free_episodes", "currency"):
        if key in changes and changes[key] is None:
            raise field_error(key, "cannot be null")
    _check_preset(changes.get("qc_preset"))
    if "qc_preset" in changes:
        _check_inherited_overrides(session, series, changes["qc_preset"])
    count = changes.get("episode_count", series.episode_count)
    if changes.get("free_episodes", series.free_episodes) > count:
        raise field_error("free_episodes", "cannot exceed episode_count")
    if count != series.episode_count:
        _resize_episodes(session, series, count)
    for key, value in changes.items():
        setattr(series, key, value)
    series.updated_at = utcnow()
    session.add(series)
    session.flush()
    if "qc_preset" in changes:
        _recount_qc(session, series)
    return series


def _resize_episodes(session: Session, series: Series, count: int) -> None:
    existing = {e.number: e for e in session.exec(select(Episode).where(Episode.series_id == series.id))}
    for number in range(1, count + 1):
        if number not in existing:
            session.add(Episode(series_id=series.id, number=number))
    for number, episode in existing.items():
        if number > count:
            session.delete(episode)


def delete_series(session: Session, series: Series) -> None:
    session.delete(series)
    session.flush()


# --- episodes ------------------------------------------------------------------------------

def list_episodes(session: Session, series: Series) -> list[Episode]:
    return list(session.exec(select(Episode).where(Episode.series_id == series.id).order_by(Episode.number)))


def get_episode(session: Session, series: Series, number: int) -> Episode:
    episode = session.exec(select(Episode).where(Episode.series_id == series.id,
                                                 Episode.number == number)).first()
    if episode is None:
        raise NotFound(f"series {series.slug!r} has no episode {number}")
    return episode


def create_episode(session: Session, series: Series, data: EpisodeCreate) -> Episode:
    """Add an episode; numbering past the end extends the series."""
    exists = session.exec(select(Episode.id).where(Episode.series_id == series.id,
                                                   Episode.number == data.number)).first()
    if exists is not None:
        raise Conflict(f"episode {data.number} already exists; PATCH it instead", [{"field": "number"}])
    if data.number > series.episode_count:
        if data.number != series.episode_count + 1:
            raise field_error("number", f"the next new episode is {series.episode_count + 1}")
        series.episode_count = data.number
        session.add(series)
    episode = Episode(series_id=series.id, **data.model_dump())
    session.add(episode)
    session.flush()
    return episode


def update_episode(session: Session, episode: Episode, data: EpisodeUpdate) -> Episode:
    changes = data.model_dump(exclude_unset=True)
    if "number" in changes and changes["number"] not in (None, episode.number):
        raise field_error("number", "episodes are not renumbered; the number is the episode's address")
    changes.pop("number", None)
    duration_changed = "duration_s" in changes and changes["duration_s"] != episode.duration_s
    for key, value in changes.items():
        if key in ("title", "cliffhanger") and value is None:
            value = ""
        setattr(episode, key, value)
    session.add(episode)
    session.flush()
    if duration_changed:  # "cue past the episode's end" depends on it
        _recount_qc(session, session.get(Series, episode.series_id), episode=episode)
    return episode


# --- market versions ---------------------------------------------------------------------

def list_versions(session: Session, series: Series) -> list[MarketVersion]:
    rows = session.exec(select(MarketVersion).where(MarketVersion.series_id == series.id))
    # The original first, then by locale: the order a lead reads the matrix in.
    return sorted(rows, key=lambda v: (v.kind != "original", v.locale))


def get_version(session: Session, series: Series, locale: str) -> MarketVersion:
    try:
        tag = normalize_locale(locale)
    except ValidationFailed:
        raise NotFound(f"series {series.slug!r} has no version {locale!r}") from None
    version = session.exec(select(MarketVersion).where(MarketVersion.series_id == series.id,
                                                       MarketVersion.locale == tag)).first()
    if version is None:
        raise NotFound(f"series {series.slug!r} has no version {locale!r}")
    return version


def original_version(session: Session, series: Series) -> MarketVersion:
    return session.exec(select(MarketVersion).where(MarketVersion.series_id == series.id,
                                                    MarketVersion.kind == "original")).one()


def create_version(session: Session, series: Series, data: VersionCreate) -> MarketVersion:
    locale = normalize_locale(data.locale)
    if data.kind == "original":
        raise Conflict(f"series {series.slug!r} already has its original version", [{"field": "kind"}])
    taken = session.exec(select(MarketVersion.id).where(MarketVersion.series_id == series.id,
                                                        MarketVersion.locale == locale)).first()
    if taken is not None:
        raise Conflict(f"series {series.slug!r} already has a {locale} version", [{"field": "locale"}])
    _check_preset(data.qc_preset)
    values = data.model_dump(exclude={"locale", "episode_mapping", "cut_episodes"})
    version = MarketVersion(series_id=series.id, locale=locale, **values)
    version.episode_mapping = _checked_mapping(series, version, data.episode_mapping, data.cut_episodes)
    version.cut_episodes = sorted(set(data.cut_episodes)) if data.cut_episodes else None
    _check_version_numbers(series, version)
    _check_overrides(series, version)
    session.add(version)
    session.flush()
    return version


def update_version(session: Session, series: Series, version: MarketVersion,
                   data: VersionUpdate) -> MarketVersion:
    changes = data.model_dump(exclude_unset=True)
    if "locale" in changes and normalize_locale(changes["locale"]) != version.locale:
        raise field_error("locale", "a version's locale is its address and cannot change")
    changes.pop("locale", None)
    if "kind" in changes:
        kind = changes["kind"]
        if kind is None:
            raise field_error("kind", "cannot be null")
        if (kind == "original") != (version.kind == "original"):
            raise Conflict("a series has exactly one original; its kind cannot change", [{"field": "kind"}])
    if "status" in changes and changes["status"] is None:
        raise field_error("status", "cannot be null")
    _check_preset(changes.get("qc_preset"))
    mapping = changes.pop("episode_mapping", version.episode_mapping)
    cut = changes.pop("cut_episodes", version.cut_episodes)
    for key, value in changes.items():
        setattr(version, key, value)
    raw_mapping = {int(k): v for k, v in mapping.items()} if mapping else None
    version.episode_mapping = _checked_mapping(series, version, raw_mapping, cut)
    version.cut_episodes = sorted(set(cut)) if cut and raw_mapping else None
    _check_version_numbers(series, version)
    if {"qc_preset", "qc_overrides"} & set(changes):
        _check_overrides(series, version, "qc_overrides" if "qc_overrides" in changes else "qc_preset")
    version.updated_at = utcnow()
    session.add(version)
    session.flush()
    if {"qc_preset", "qc_overrides"} & set(changes):
        _recount_qc(session, series, version=version)
    return version


def _recount_qc(session: Session, series: Series, **scope) -> None:
    """Announce that stored QC figures may be stale; the subtitles package recounts them."""
    qc_inputs_changed.send(series, session=session, **scope)


def _check_version_numbers(series: Series, version: MarketVersion) -> None:
    settings = effective_settings(series, version)
    if settings.free_episodes > settings.episode_count:
        raise field_error("free_episodes", f"cannot exceed the version's {settings.episode_count} episodes")


def _checked_mapping(series: Series, version: MarketVersion, mapping: dict[int, list[int]] | None,
                     cut: list[int] | None = None) -> dict | None:
    """Validate a remake's episode mapping as a whole and store it with string keys (JSON objects).

    Every problem is listed, each naming its episode: numbers out of range; overlapping merges (two
    episodes that each merge the same original with others; one original split over consecutive
    episodes of its own is fine); and originals no episode covers, unless the version cuts them.
    The version's episode count follows the mapping: its own count when it sets one, else its
    highest mapped episode; episodes the mapping does not list cover the original of their number.
    """
    if not mapping:
        if cut:
            raise field_error("cut_episodes", "cut episodes need an episode_mapping that leaves them out")
        return None
    details = []
    bad = lambda episode, message, **extra: details.append(  # noqa: E731
        {"field": "episode_mapping", "episode": episode, "message": message, **extra})
    count = version.episode_count or max(mapping)
    full = {n: sorted(set(mapping.get(n, [n]))) for n in range(1, count + 1)}
    for episode, originals in sorted(mapping.items()):
        if not 1 <= episode <= count:
            bad(episode, f"episode {episode} is outside this version's 1..{count}")
        if not originals:
            bad(episode, "each episode covers at least one original episode")
        for original in originals:
            if not 1 <= original <= series.episode_count:
                bad(episode, f"original episode {original} is outside 1..{series.episode_count}")
    covering: dict[int, list[int]] = {}
    for episode, originals in full.items():
        for original in originals:
            covering.setdefault(original, []).append(episode)
    for original, episodes in sorted(covering.items()):
        if len(episodes) < 2:
            continue
        split = all(full[e] == [original] for e in episodes) and episodes == list(range(episodes[0], episodes[-1] + 1))
        if not split:
            merges = "; ".join(f"{e} covers {', '.join(map(str, full[e]))}" for e in episodes)
            bad(episodes[-1], f"original episode {original} is in overlapping merges ({merges})", original=original)
    cut = sorted(set(cut or []))
    for original in cut:
        if not 1 <= original <= series.episode_count:
            details.append({"field": "cut_episodes", "message": f"original episode {original} does not exist"})
        elif original in covering:
            details.append({"field": "cut_episodes", "message": f"original episode {original} is cut but episode "
                                                                 f"{covering[original][0]} covers it"})
    missing = [o for o in range(1, series.episode_count + 1) if o not in covering and o not in cut]
    for original in missing:
        details.append({"field": "episode_mapping", "original": original,
                        "message": f"original episode {original} is not covered: map it to an episode, "
                                   f"or list it in cut_episodes"})
    if details:
        raise ValidationFailed(f"episode_mapping: {len(details)} problem(s)", details)
    version.episode_count = count
    return {str(k): sorted(set(v)) for k, v in sorted(mapping.items())}


def version_mapping(series: Series, version: MarketVersion) -> dict[int, list[int]]:
    """The mapping of every episode of the version to original episodes (identity by default)."""
    count = effective_settings(series, version).episode_count
    stored = {int(k): v for k, v in (version.episode_mapping or {}).items()}
    return {n: stored.get(n, [n] if n <= series.episode_count else []) for n in range(1, count + 1)}


def override_details(overrides: dict | None, preset_id: str | None, field: str) -> list[dict]:
    """Why QC overrides do not fit the preset that applies: `preset_id`, or with none each
    language's default preset. One detail per override at fault, naming it."""
    presets = [PRESETS[preset_id]] if preset_id in PRESETS else list(DEFAULT_PRESETS)
    found: dict[str, dict] = {}
    for preset in presets:
        for key, value, reason in override_problems(preset, overrides or {}):
            if key in found:
                found[key]["presets"].append(preset.id)
                continue
            found[key] = {"field": field, "override": key, "presets": [preset.id],
                          "message": f"the QC override {key}={value} does not fit preset {preset.id}: {reason}"}
    return list(found.values())


def _check_overrides(series: Series, version: MarketVersion, field: str = "qc_overrides") -> None:
    details = override_details(version.qc_overrides, version.qc_preset or series.qc_preset, field)
    if details:
        raise ValidationFailed(f"{field}: " + "; ".join(d["message"] for d in details), details)


def _check_inherited_overrides(session: Session, series: Series, preset_id: str | None) -> None:
    """A series' new preset must fit the overrides of every version that takes the series' preset."""
    details = []
    for version in session.exec(select(MarketVersion).where(MarketVersion.series_id == series.id)):
        if version.qc_preset or not version.qc_overrides:
            continue
        for detail in override_details(version.qc_overrides, preset_id, "qc_preset"):
            detail["version"] = version.locale
            detail["message"] = f"version {version.locale}: {detail['message']}"
            details.append(detail)
    if details:
        raise ValidationFailed("qc_preset: " + "; ".join(d["message"] for d in details), details)


def _check_preset(preset_id: str | None) -> None:
    if preset_id is None:
        return
    if preset_id not in PRESETS:
        raise field_error("qc_preset", f"unknown preset; choose one of {', '.join(sorted(PRESETS))}")


# --- characters and casting --------------------------------------------------------------

def list_characters(session: Session, series: Series) -> list[Character]:
    return list(session.exec(select(Character).where(Character.series_id == series.id).order_by(Character.id)))


def create_character(session: Session, series: Series, data: CharacterCreate) -> Character:
    taken = session.exec(select(Character.id).where(Character.series_id == series.id,
                                                    func.lower(Character.name) == data.name.lower())).first()
    if taken is not None:
        raise Conflict(f"series {series.slug!r} already has a character named {data.name!r}",
                       [{"field": "name"}])
    character = Character(series_id=series.id, **data.model_dump())
    session.add(character)
    session.flush()
    return character


def get_character(session: Session, series: Series, character_id: int) -> Character:
    character = session.get(Character, character_id)
    if character is None or character.series_id != series.id:
        raise NotFound(f"series {series.slug!r} has no character {character_id}")
    return character


def find_casting(session: Session, version: MarketVersion, character: Character) -> Casting | None:
    return session.exec(select(Casting).where(Casting.version_id == version.id,
                                              Casting.character_id == character.id)).first()


def put_casting(session: Session, version: MarketVersion, character: Character,
                data: CastingUpdate) -> tuple[Casting, bool]:
    """Create or update a character's casting in a version; returns (casting, created)."""
    casting = find_casting(session, version, character)
    created = casting is None
    if created:
        casting = Casting(version_id=version.id, character_id=character.id)
    changes = data.model_dump(exclude_unset=True)
    renamed = "localized_name" in changes and changes["localized_name"] != casting.localized_name
    if renamed and casting.localized_name:  # the old name left in a text is a check finding
        casting.previous_names = [n for n in (casting.previous_names or []) if n != changes["localized_name"]] \
            + [casting.localized_name]
    for key, value in changes.items():
        setattr(casting, key, value if value is not None else ("open" if key == "status" else ""))
    casting.updated_at = utcnow()
    session.add(casting)
    session.flush()
    if renamed and version.kind == "remake":  # the "original name" check follows casting
        _recount_qc(session, session.get(Series, version.series_id), version=version)
    return casting, created


def add_casting_note(session: Session, version: MarketVersion, character: Character,
                     data: NoteCreate, author: User) -> CastingNote:
    casting = find_casting(session, version, character)
    if casting is None:
        casting, _ = put_casting(session, version, character, CastingUpdate())
    note = CastingNote(casting_id=casting.id, author_id=author.id,
                       author=author.name or author.email, text=data.text)
    session.add(note)
    session.flush()
    return note


def casting_notes(session: Session, casting: Casting | None) -> list[CastingNote]:
    if casting is None:
        return []
    return list(session.exec(select(CastingNote).where(CastingNote.casting_id == casting.id)
                             .order_by(CastingNote.created_at, CastingNote.id)))


def renamed_characters(session: Session, series: Series, version: MarketVersion) -> dict[str, str]:
    """Original character name -> the version's localized name, where the version renamed someone."""
    rows = session.exec(select(Character.name, Casting.localized_name)
                        .join(Casting, Casting.character_id == Character.id)
                        .where(Casting.version_id == version.id, Character.series_id == series.id))
    return {name: local for name, local in rows if local and local != name}


def previous_names(session: Session, version: MarketVersion) -> dict[str, str]:
    """A localized name a role had before -> its current name (the series' name when it has none)."""
    rows = session.exec(select(Casting.previous_names, Casting.localized_name, Character.name)
                        .join(Character, Character.id == Casting.character_id)
                        .where(Casting.version_id == version.id))
    out = {}
    for old_names, local, name in rows:
        current = local or name
        out.update({old: current for old in (old_names or []) if old and old != current})
    return out
