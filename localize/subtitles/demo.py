"""Demo subtitles: the original's English and the Mexican remake's Spanish for the first episodes,
and a French translation in progress."""
from __future__ import annotations

from sqlmodel import Session, select

from localize.catalog import service as catalog
from localize.models import Series, SubtitleTrack, User
from localize.subtitles import tracks

ENGLISH = [
    ["I'm the real heir.", "Ethan? You can't be here.", "Your father's will says otherwise.",
     "Chloe, don't sign anything.", "<i>If he signs, he dies.</i>"],
    ["The adoption papers...", "That's my father's signature.", "Ethan, who are you really?",
     "Someone who was lied to.", "Then we find out together."],
    ["Victoria runs this tower.", "Not for long.", "If he signs, he dies.",
     "Is that a threat?", "It's a promise."],
]
SPANISH = [
    ["Yo soy el verdadero heredero.", "¿Mateo? No puedes estar aquí.", "El testamento de tu padre dice otra cosa.",
     "Valeria, no firmes nada.", "<i>Si firma, muere.</i>"],
    ["Los papeles de adopción...", "Es la firma de mi padre.", "Ethan, ¿quién eres en realidad?",
     "Alguien a quien le mintieron.", "Entonces lo averiguamos juntos."],
    ["Victoria manda en esta torre.", "No por mucho tiempo.", "Si firma, muere.",
     "¿Es una amenaza?", "Es una promesa."],
]


def _vtt(lines: list[str]) -> str:
    parts = ["WEBVTT", ""]
    for n, text in enumerate(lines):
        start = 1000 + n * 3500
        parts += [f"{_ts(start)} --> {_ts(start + 3000)}", text, ""]
    return "\n".join(parts)


def _ts(ms: int) -> str:
    return f"00:{ms // 60000:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def load(session: Session, series: Series, *, author: User) -> list[str]:
    version_ids = [v.id for v in catalog.list_versions(session, series)]
    if session.exec(select(SubtitleTrack.id).where(SubtitleTrack.version_id.in_(version_ids))).first() is not None:
        return []
    lead = author
    original = catalog.original_version(session, series)
    remake = catalog.get_version(session, series, "es-MX")
    french = catalog.get_version(session, series, "fr")
    for number, (english, spanish) in enumerate(zip(ENGLISH, SPANISH), 1):
        episode = catalog.get_episode(session, series, number)
        tracks.import_file(session, series=series, version=original, episode=episode,
                           language=series.original_locale, data=_vtt(english), author=lead)
        tracks.import_file(session, series=series, version=remake, episode=episode,
                           language="es-MX", data=_vtt(spanish), author=lead)
    episode = catalog.get_episode(session, series, 1)
    source = tracks.get_track(session, original, episode, series.original_locale)
    started = tracks.translate_track(session, series=series, version=french, episode=episode,
                                     language="fr", source=source, author=lead)
    cues = [{"start_ms": c.start_ms, "end_ms": c.end_ms, "text": c.text, "status": c.status}
            for c in started.cues]
    cues[0].update(text="C'est moi, le véritable héritier.", status="translated")
    cues[1].update(text="Ethan ? Tu ne peux pas être ici.", status="reviewed")
    tracks.save_cues(session, series=series, version=french, episode=episode, language="fr", cues=cues,
                     author=lead, expected_revision=started.track.revision, summary="first lines")
    return ["created subtitles: en-US and es-MX for episodes 1-3, a French translation in progress"]
