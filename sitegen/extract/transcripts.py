"""Radio and TV transcripts: a paragraph opening with a speaker's name in capitals.

    STEVE INSKEEP, HOST:
    Russia says it is ready to talk ...
    CHARLES MAYNES, BYLINE: Good morning, Steve.
    INSKEEP: What is the Kremlin asking for?

Each turn is the speaker's own words. A name alone on its line speaks the next paragraph;
a turn that is only a stage note ("(Speaking Russian).") says nothing.
"""
from __future__ import annotations

import re

from .lexicon import alternation, entries
from .names import UP, UPPER, title_end
from .sources import Source

CAPS = re.escape(UPPER)
# An upper-case name, an optional upper-case role, a colon.
TURN = re.compile(rf"((?:{UP}[ ])?{UP}[{CAPS}.'’-]+(?:[ ][{CAPS}#\d][{CAPS}.'’#\d-]*){{0,4}})"
                  rf"(?:,\s+({UP}[{CAPS} ,.'’-]*{UP}))?:(?:\s+|$)")
# A turn labelled by its office, not a name: "HOST:", "ANCHOR:".
JOURNALIST_LABELS = frozenset(entries("journalist_labels"))
UNNAMED = re.compile(alternation(entries("unnamed_speakers")))
OPENING_MARKS = ('"', "“")
STAGE_NOTE = re.compile(r"\s*\([^)]*\)[.\s]*")


def transcript_turn(text: str, start: int, end: int, pending: Source | None
                    ) -> tuple[tuple[int, Source] | None, Source | None]:
    """(where the turn's words start, its speaker) for the paragraph text[start:end], if it is a
    turn; and the speaker still waiting for words when the name stands alone."""
    if text[start:start + 1] in OPENING_MARKS:  # a transcript pasted inside quotation marks: "PENCE: Well, ..."
        start += 1
    m = TURN.match(text, start, end)
    if m and not (len(m.group(1)) > 1 and re.sub(r"[\s.#\d]", "", m.group(1)).isalpha()):
        m = None
    source = turn_source(m) if m else pending
    if m and not text[m.end():end].strip():
        return None, source
    words = m.end() if m else start
    if source is None or STAGE_NOTE.fullmatch(text, words, end):
        return None, None
    return (words, source), None


def turn_source(m: re.Match) -> Source:
    """"PRESIDENT VLADIMIR PUTIN" -> Vladimir Putin (role president); the span covers the capitals."""
    if UNNAMED.match(m.group(1)) or m.group(1).lower() in JOURNALIST_LABELS:
        label = m.group(1).lower().split("#")[0].strip()
        return Source("anonymous", label, m.start(1), m.end(1), role=label)
    tokens = m.group(1).title().split()
    cut = title_end(tokens)
    name = " ".join(tokens[cut:])
    start = m.start(1) + len(" ".join(tokens[:cut])) + (1 if cut else 0)
    role = m.group(2).lower() if m.group(2) else (" ".join(tokens[:cut]) or None)
    return Source("name", name, start, start + len(name), role=role)
