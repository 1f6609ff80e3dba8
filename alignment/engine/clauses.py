"""Clauses of a sentence, for matching one sentence of a translation to part of another.

A free translation often renders one long source sentence as several short ones ("Slowly
they let go." for the last clause of a Chinese sentence); against the whole sentence such a
short sentence scores near chance, against its clause it does not.
"""
from __future__ import annotations

import re

# Cut after commas, semicolons and colons, in Latin and CJK punctuation (and the CJK
# enumeration comma).
_CUT = re.compile(r"(?<=[，；：、,;:])")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def clauses(sentence: str) -> list[str]:
    """The sentence's clauses, or [] when it has only one.

    Pieces too short to mean anything alone (under 4 characters of CJK text, 12 of other
    text) are joined to the clause before them.
    """
    out: list[str] = []
    for piece in _CUT.split(sentence):
        piece = piece.strip()
        if not piece:
            continue
        if out and len(piece) < (4 if _CJK.search(piece) else 12):
            out[-1] += " " + piece
        else:
            out.append(piece)
    return out if len(out) > 1 else []
