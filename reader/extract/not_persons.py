"""Capitalised words that look like a one-word name but never name a person who speaks.

A sentence subject or object written with a capital (`Indian music`, `God knows`, `"Oui,
Monsieur"`) is noted as a person so that a later `he` or `she` can find it, and a quote-only turn
may then be given to it. In novels these words took turns and pronouns from the people around
them: on the PDNC development novels about 110 speakers were a nationality or a religion
(`Indian`, `Indians`, `English`, `Basque`, `Parsi`), a form of address used alone (`Monsieur`,
`Sahib`) or a deity (`God`, `Krishna`).

Only a one-word name is read (`Miss English`, `Mr. Indian` or `the Indian`, a role, stay
persons), except a heading read as a name (`HEADING_WORDS`).
"""

from __future__ import annotations

NOT_PERSON_WORDS = frozenset(
    {
        # nationalities and faiths: an adjective (`Indian music`), never one speaker's name
        *("american", "english", "englishman", "englishwoman", "british", "scotch", "scottish"),
        *("irish", "welsh", "french", "frenchman", "german", "spanish", "spaniard", "italian"),
        *("dutch", "russian", "greek", "roman", "turkish", "indian", "anglo-indian", "eurasian"),
        *("european", "oriental", "african", "arab", "chinese", "japanese", "portuguese"),
        *("swiss", "austrian", "polish", "swedish", "danish", "norwegian", "canadian"),
        *("mexican", "creole", "basque", "parsi", "pathan", "bengali", "hindu", "moslem"),
        *("muslim", "mohammedan", "catholic", "protestant", "jewish", "yankee", "egyptian"),
        *("persian",),
        # forms of address used alone: the one spoken to is named elsewhere, if at all
        *("monsieur", "messieurs", "madame", "mesdames", "mademoiselle", "sahib", "memsahib"),
        *("signor", "signora", "senor", "senora", "herr", "frau", "sir", "madam", "ma'am"),
        # deities and exclamations written with a capital
        *("god", "heaven", "heavens", "providence", "jehovah", "allah", "krishna"),
    }
)
"""Lower-cased one-word names that are no person who may speak (see the module docstring)."""

PEOPLES = frozenset(
    {
        *("americans", "englishmen", "germans", "spaniards", "italians", "russians", "greeks"),
        *("romans", "turks", "indians", "anglo-indians", "europeans", "orientals", "africans"),
        *("arabs", "canadians", "mexicans", "creoles", "basques", "parsis", "pathans"),
        *("hindus", "moslems", "muslims", "mohammedans", "catholics", "protestants", "yankees"),
        *("egyptians", "persians"),
    }
)
"""Peoples named in the plural: in news a group that speaks (`Mexicans say ...`, a gold
speaker of PolNeAR), in a novel the talk of the day (`Indians are ...`), never a turn."""


HEADING_WORDS = frozenset({"chapter", "volume", "canto"})
"""First words of a heading read as a name run (`Chapter XII The Strange Story`, `CHAPTER I.
I GO TO STYLES`): a book's heading, taken for the person `he said` stood for (18 speakers of
the PDNC development novels)."""


def not_a_person(name: str, dialogue: bool = True) -> bool:
    """Whether a person's name as the rules read it names no one who speaks.

    One of `NOT_PERSON_WORDS`, or in `dialogue` (a novel) one of `PEOPLES` too, or a heading
    (`HEADING_WORDS`), or a name run that ends on the pronoun `I` (`Privately I thought`:
    met as a surname `I`, it gave the narrator its name, over `Hastings`).
    """
    first, _, rest = name.partition(" ")
    word = first.lower()
    if rest:
        return word in HEADING_WORDS or name.endswith(" I")
    return word in NOT_PERSON_WORDS or (dialogue and word in PEOPLES)
