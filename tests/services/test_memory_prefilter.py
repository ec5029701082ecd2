"""The fuzzy prefilter finds what a full scan would: shared rare words, typos of one-word lines,
unspaced scripts, entries added since the last lookup, and a table rolled back under it."""
from __future__ import annotations

from localize import db
from localize.memory import candidates, store
from localize.signals import SavedTranslation


def remember(session, source, target, target_locale="es-MX", source_locale="en-US"):
    store.remember(session, [SavedTranslation(source_locale, target_locale, source, target, "tmx")], author=None)


def best(session, text, target_locale="es-MX", source_locale="en-US", threshold=75):
    found = store.lookup(session, source_locale=source_locale, target_locale=target_locale, text=text,
                         threshold=threshold)
    return [(m.score, m.kind, m.entry.target_text) for m in found][:1]


def test_matches_among_many_entries_new_ones_and_after_a_rollback(engine):
    with db.session_scope(engine) as s:
        remember(s, "The envelope must be the same prop in episode seven.", "El sobre debe ser el mismo.")
        for n in range(300):  # lines sharing the common words only
            remember(s, f"You know what the {n} wants from me tonight.", f"Sabes qué quiere {n}.")
        remember(s, "Marry me.", "Cásate conmigo.", target_locale="fr")  # another pair, same text
    with db.session_scope(engine) as s:
        [(score, kind, target)] = best(s, "The envelope must be the same prop in episode eight.")
        assert kind == "fuzzy" and score >= 85 and target == "El sobre debe ser el mismo."
        assert best(s, "Mary mi.", target_locale="fr", threshold=50)[0][1] == "fuzzy"  # no word shared: typos
        assert best(s, "Marry me!") == []  # not in this pair
    with db.session_scope(engine) as s:
        remember(s, "Marry me, Chloe.", "Cásate conmigo, Valeria.")
    with db.session_scope(engine) as s:
        assert best(s, "Marry me, Chloe!")[0][2] == "Cásate conmigo, Valeria."  # added since the last lookup
    s = db.new_session(engine, write=True)
    remember(s, "The vault was empty when we came.", "La bóveda estaba vacía.")
    assert best(s, "The vault was empty when I came.")[0][2] == "La bóveda estaba vacía."  # seen, then undone
    s.rollback()
    s.close()
    with db.session_scope(engine) as s:
        remember(s, "The garage was locked when we came.", "El garaje estaba cerrado.")
    with db.session_scope(engine) as s:
        assert best(s, "The vault was empty when I came.") == []
        assert best(s, "The garage was locked when I came.")[0][2] == "El garaje estaba cerrado."


def test_unspaced_scripts_match_by_character_pairs(engine):
    with db.session_scope(engine) as s:
        remember(s, "我是真正的继承人。", "I am the real heir.", source_locale="zh-Hans", target_locale="en-US")
        remember(s, "你不能在这里。", "You can't be here.", source_locale="zh-Hans", target_locale="en-US")
    with db.session_scope(engine) as s:
        found = best(s, "我才是真正的继承人。", source_locale="zh-Hans", target_locale="en-US")
        assert found and found[0][1] == "fuzzy" and found[0][2] == "I am the real heir."


def test_terms_are_words_or_character_pairs():
    assert candidates.terms("you can't be here") == {"you", "can", "t", "be", "here"}
    assert candidates.terms("继承人 ok") == {"继承", "承人", "ok"}


def test_an_entry_committed_after_a_newer_one_is_still_found(engine, monkeypatch):
    """On PostgreSQL ids can commit out of order: a smaller id appearing later is read at the next check."""
    monkeypatch.setattr(candidates, "CHECK_SECONDS", 0.0)  # every lookup counts (by default every 5 s)
    from localize.models import MemoryEntry, utcnow

    def add(entry_id, source, target):
        with db.session_scope(engine) as s:
            s.add(MemoryEntry(id=entry_id, **store.entry_row(SavedTranslation("en-US", "de", source, target, "tmx"),
                                                              author=None, at=utcnow())))
    add(5000, "The heir came back tonight.", "Der Erbe kam heute Nacht zurück.")
    with db.session_scope(engine) as s:
        assert best(s, "The heir came back last night.", target_locale="de")  # the index has read id 5000
    add(4990, "The lawyer came back tonight.", "Der Anwalt kam heute Nacht zurück.")  # committed late
    with db.session_scope(engine) as s:
        assert best(s, "The lawyer came back last night.", target_locale="de")[0][2] == "Der Anwalt kam heute Nacht zurück."
