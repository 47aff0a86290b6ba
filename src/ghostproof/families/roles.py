"""Which side a role word names in one contract, where the word alone does not say.

"Agency", "Studio", "Publisher" (models/lexicon ``parties.either_side``) usually name the contractor, and the rules
read them so. But an agency that hires a composer, a game studio that commissions art from a vendor or a publisher
that commissions an illustrator is the client. The opening's two defined parties decide: where the other party is
named by a contractor's word ("the Vendor", „Komponist“), the ambiguous word names the client.
"""

from __future__ import annotations

from functools import lru_cache

from .lexicon import Lexicon, lexicon


def side(lex: Lexicon, word: str) -> str | None:
    """The side a role word names by itself: "either" (an ambiguous word), "client", "contractor", or None."""
    if lex.either_side.fullmatch(word):
        return "either"
    if lex.client.fullmatch(word):
        return "client"
    if lex.contractor.fullmatch(word):
        return "contractor"
    return None


@lru_cache(maxsize=8)
def client_roles(lang: str, text: str) -> frozenset[str]:
    """The role words (lower case) of ``text`` that name the client although the rules read them as the
    contractor's: an ``either_side`` word whose counterpart in the opening is named by a contractor's word."""
    from ..addendum.agreement import opening_parties

    parties = opening_parties(text)
    if len(parties) != 2 or any(p.role is None for p in parties):
        return frozenset()
    lex = lexicon(lang)
    first, second = parties
    sides = [side(lex, p.role or "") for p in parties]
    out = set()
    for party, own, other in ((first, sides[0], sides[1]), (second, sides[1], sides[0])):
        if own == "either" and other == "contractor" and party.role:
            out.add(party.role.lower())
    return frozenset(out)
