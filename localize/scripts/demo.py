"""Demo scripts: the original's first twelve (free) episodes in Fountain, and the Mexican remake's
adaptation of the first three (renamed characters, an added line, a cut line, one line left outdated
by a later draft of the original).

The dialogue of episodes 1-3 is what the demo's English subtitles say, so the dialogue list of those
episodes carries timecodes.
"""
from __future__ import annotations

from sqlmodel import Session, select

from localize.catalog import service as catalog
from localize.catalog.settings import effective_settings
from localize.models import Script, Series, User
from localize.scripts import adapt, files, store
from localize.scripts.speakers import speakers

TITLE_PAGE = "Title: The Heir Returns\nCredit: Written by\nAuthor: Demo Studio\nDraft date: 2026-11-01\n\n"

ORIGINAL = {
    1: """EXT. ST. ALBAN'S CHURCH - DAY

Wedding bells. Guests on the steps. RICHARD HALE (60s) checks his watch.

INT. ST. ALBAN'S CHURCH - CONTINUOUS

CHLOE (30) stands at the altar beside MARCUS (32). The doors bang open. ETHAN (30), in a chauffeur's jacket, walks down the aisle.

ETHAN
I'm the real heir.

CHLOE
(stunned)
Ethan? You can't be here.

ETHAN
Your father's will says otherwise.

He hands Chloe an envelope. She reaches for a pen on the registry table.

ETHAN
Chloe, don't sign anything.

[[The envelope must be the same prop in episode 7.]]

VICTORIA (V.O.)
If he signs, he dies.

CUT TO:

EXT. CHURCH STEPS - CONTINUOUS

Victoria lowers her phone and smiles.
""",
    2: """INT. HALE MANSION - STUDY - NIGHT

Chloe opens the envelope. Three documents, one with a red seal.

CHLOE
The adoption papers...

She turns the page. Her hand shakes.

CHLOE
That's my father's signature.

ETHAN (O.S.)
I found them in the garage, behind the old Bentley.

Ethan steps out of the dark.

CHLOE
Ethan, who are you really?

ETHAN
Someone who was lied to.

CHLOE
Then we find out together.

They look at the papers. Thunder.
""",
    3: """INT. HALE TOWER - LOBBY - DAY

Glass, marble, guards. Ethan and Chloe walk in.

RICHARD
Victoria runs this tower.

ETHAN
Not for long.

INT. HALE TOWER - BOARDROOM - CONTINUOUS

VICTORIA (50s) at the head of the table. She slides a contract to Richard.

VICTORIA
If he signs, he dies.

CHLOE
Is that a threat?

VICTORIA
It's a promise.

SMASH CUT TO:

BLACK.
""",
}

# Episodes 4-12: a scene, an action line and the cliffhanger as the last beat.
SHORT = {
    4: ("EXT. HALE MANSION - GARDEN - NIGHT", "Rain. Ethan and Chloe under the oak.",
        [("CHLOE", "We shouldn't."), ("ETHAN", "Then tell me to stop.")], "Ethan kisses Chloe in the rain, and Richard sees them."),
    5: ("EXT. HILL ROAD - DAY", "Chloe drives alone, fast.",
        [("CHLOE", "Ethan, I'm on my way."), ("CHLOE", "The brakes... the brakes don't work!")], "Chloe's car does not stop at the bottom of the hill."),
    6: ("INT. ST. MARY'S HOSPITAL - ROOM 12 - NIGHT", "Monitors beep. Ethan holds Chloe's hand.",
        [("ETHAN", "Stay with me."), ("NURSE (O.S.)", "Visiting hours are over.")], "The nurse at Chloe's bed is Victoria's sister."),
    7: ("INT. LAW OFFICE - DAY", "The family around a long table. The lawyer opens the envelope.",
        [("VICTORIA", "Read it."), ("RICHARD", "Everything goes to my son.")], "The lawyer reads a name nobody expected: Ethan."),
    8: ("INT. HALE BANK - VAULT - NIGHT", "Ethan turns a key. The door does not open.",
        [("ETHAN", "It was here yesterday."), ("CHLOE", "Someone got here first.")], "Someone else has the key to the vault."),
    9: ("EXT. CITY PARK - DAY", "A charity fair. Ethan gives a speech.",
        [("ETHAN", "My mother would have loved this."), ("CHLOE", "Ethan... that woman.")], "A woman in the crowd has Ethan's eyes."),
    10: ("INT. HALE TOWER - BOARDROOM - NIGHT", "The board votes. Richard raises his hand.",
         [("RICHARD", "I vote for my son."), ("VICTORIA", "Then you leave me no choice.")], "The lights go out at the board meeting and a shot is fired."),
    11: ("INT. ST. MARY'S HOSPITAL - ICU - DAY", "Richard opens his eyes.",
         [("RICHARD", "Nathaniel?"), ("ETHAN", "That's not my name.")], "Richard wakes up, and calls Ethan by his birth name."),
    12: ("INT. CAFE LUMIERE - DAY", "Victoria pushes a cheque across the table.",
         [("VICTORIA", "Ten million. Leave him."), ("CHLOE", "And if I say no?")], "Victoria offers Chloe ten million dollars to leave."),
}


def original_fountain(number: int) -> str:
    """The original's script of an episode (1..12) as a Fountain file."""
    if number in ORIGINAL:
        body = ORIGINAL[number]
    else:
        scene, action, lines, beat = SHORT[number]
        body = f"{scene}\n\n{action}\n\n" + "".join(f"{who}\n{text}\n\n" for who, text in lines) + f"{beat}\n"
    return TITLE_PAGE.replace("Title: The Heir Returns", f"Title: The Heir Returns, episode {number}") + body


# The remake's dialogue for its episodes 1-3: the demo's Spanish subtitles say these lines.
REMAKE_LINES = {
    1: ["Yo soy el verdadero heredero.", "¿Mateo? No puedes estar aquí.", "El testamento de tu padre dice otra cosa.",
        "Valeria, no firmes nada.", "Si firma, muere."],
    2: ["Los papeles de adopción...", "Es la firma de mi padre.", "Los encontré en el garaje, detrás del viejo Bentley.",
        "Mateo, ¿quién eres en realidad?", "Alguien a quien le mintieron.", "Entonces lo averiguamos juntos."],
    3: ["Victoria manda en esta torre.", "No por mucho tiempo.", "Si firma, muere.", "¿Es una amenaza?",
        "Es una promesa."],
}
# The remake adds a line (a local beat) and cuts one (the registry prop joke does not travel).
REMAKE_ADDED = (1, "VALERIA", "Mi mamá me lo advirtió.")
REMAKE_CUT = (3, "SMASH CUT TO:", "the remake ends on Victoria's line, no black card")
# A later draft of the original changes one line the remake had already adapted: it becomes outdated.
REVISED_LINE = (2, "Someone who was lied to.", "Someone who was lied to for thirty years.")


def load(session: Session, series: Series, *, author: User) -> list[str]:
    """Create the demo scripts once (the original's free episodes, the remake's first three)."""
    original = catalog.original_version(session, series)
    if session.exec(select(Script.id).where(Script.version_id == original.id)).first() is not None:
        return []
    free = effective_settings(series, original).free_episodes
    for number in range(1, free + 1):
        files.import_file(session, series=series, version=original, episode=catalog.get_episode(session, series, number),
                          data=original_fountain(number), filename=f"ep{number:02d}.fountain", author=author,
                          summary="first draft")
    remake = catalog.get_version(session, series, "es-MX")
    for number in REMAKE_LINES:
        _adapt(session, series, remake, catalog.get_episode(session, series, number), author)
    # A later draft of the original rewrites a line the remake had adapted: that adaptation is outdated.
    number, before, after = REVISED_LINE
    files.import_file(session, series=series, version=original, episode=catalog.get_episode(session, series, number),
                      data=original_fountain(number).replace(before, after), author=author,
                      filename=f"ep{number:02d}.fountain", summary="second draft: Ethan's line is sharper")
    return [f"created scripts: the original's episodes 1-{free} (Fountain), the es-MX remake's 1-3 adapted "
            "(renamed characters, an added line, a cut line, one line outdated by a later draft)"]


def _adapt(session: Session, series: Series, remake, episode, author: User) -> None:
    """Translate the original's script, then write the Spanish lines as a translator and a lead would:
    episode 1 approved by the lead (ready in the matrix), episodes 2-3 translated, waiting for review."""
    status = "approved" if episode.number == 1 else "translated"
    started = adapt.translate_script(session, series=series, version=remake, episode=episode, author=author)
    who = speakers(session, series, remake)
    lines = iter(REMAKE_LINES[episode.number])
    drafts = []
    for segment in started.segments:
        row = {"id": segment.id, "kind": segment.kind, "text": segment.text, "character_id": segment.character_id,
               "speaker": segment.speaker, "extension": segment.extension, "parenthetical": segment.parenthetical,
               "dual": segment.dual, "source_id": segment.source_id, "note": segment.note}
        if segment.kind == "dialogue":
            row.update(text=next(lines, segment.text), status=status)
        elif segment.kind == "transition" and (episode.number, segment.text.strip()) == REMAKE_CUT[:2]:
            row.update(status="cut", note=REMAKE_CUT[2])
        else:
            row.update(status=status)
        drafts.append(row)
    number, speaker, line = REMAKE_ADDED
    if episode.number == number:  # a line the market adds, after the first speech
        at = next(i for i, d in enumerate(drafts) if d["kind"] == "dialogue") + 1
        drafts.insert(at, {"kind": "dialogue", "text": line, "character_id": who.match(speaker), "speaker": None,
                           "extension": None, "parenthetical": "en voz baja", "dual": False, "source_id": None,
                           "status": status, "note": "Local beat: Valeria's mother warned her."})
    store.save(session, series=series, version=remake, episode=episode, drafts=drafts, author=author,
               expected_revision=started.script.revision, summary="Spanish adaptation")
