"""The words a picture listens to: subjects (with synonyms and plurals), what people do with them, settings,
weather, times of day, colours; and the nouns it cannot draw.

`read(prompt)` turns a prompt into a `Reading`: the subjects it names in order (and how many of each), the groups
they are drawn in (`units`: "a woman riding a bicycle" is one unit, the woman on the bicycle; "a cat on a sofa" the
cat on the sofa), the setting, the weather, the time of day and a colour for each subject.

`not_drawn(prompt)` lists the notable nouns of a prompt the picture leaves out (a word nobody taught it, or a
fourth subject), so a card can say "Not drawn in demo mode: ramen" instead of leaving it to be noticed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kie.simulator.art.drawings.home import SEATS
from kie.simulator.art.pen import RGB
from kie.simulator.art.subjects import INCLUDES, SUBJECTS
from kie.simulator.art.words import (
    ADJECTIVES,
    CHANGE_WORDS,
    COLOURS,
    CONTAINERS,
    FUNCTION_WORDS,
    GROUPS,
    INSTRUCTION_WORDS,
    IRREGULAR_PLURALS,
    MAX_UNITS,
    NOT_PLURAL,
    NUMBERS,
    ON_WORDS,
    PHRASES,
    SCENE_NOUNS,
    SETTINGS,
    SKY_THINGS,
    STYLE_OF,
    STYLE_WORDS,
    SURFACES,
    SYNONYMS,
    TIMES,
    TRIGGERS,
    UTENSILS,
    VERBS,
    WEATHER,
)


@dataclass(frozen=True)
class Unit:
    """What is drawn together as one group: a subject, or a person with what they ride, hold or sit on."""

    kind: str
    count: int = 1
    colour: RGB | None = None
    action: str | None = None  # what a person does: ride, read, hold, drink, cook, walk, run, push, sit, ...
    thing: str | None = None  # what they do it with (held, ridden, walked, pushed)
    thing_colour: RGB | None = None
    seat: str | None = None  # what the person or animal sits, lies or stands on
    seat_colour: RGB | None = None
    extra: str | None = None  # a second small thing (a pen on a notebook, chopsticks on a bowl, pasta for a cook)
    extra_colour: RGB | None = None
    names: tuple[str, ...] = ()  # the named subjects this unit draws


@dataclass
class Reading:
    """What a prompt names, in the order it names them."""

    subjects: list[tuple[str, int, RGB | None]] = field(default_factory=list)  # (kind, how many, colour)
    units: list[Unit] = field(default_factory=list)  # what is drawn, grouped
    settings: set[str] = field(default_factory=set)  # sea, lake, forest, mountains, hills, city, desert, ...
    weather: list[str] = field(default_factory=list)
    time: str | None = None
    sky: set[str] = field(default_factory=set)  # sun, moon, stars named on their own
    unknown: list[str] = field(default_factory=list)  # notable nouns it does not know
    left_out: list[str] = field(default_factory=list)  # subjects it knows but has no room for


@dataclass
class Mention:
    """A subject named at a word of the prompt."""

    kind: str
    at: int
    count: int
    colour: RGB | None
    word: str
    used: bool = False


def words_of(prompt: str) -> list[str]:
    """The prompt's lower-case words, without the simulator's [triggers], phrases joined into one word."""
    plain = STYLE_OF.sub(" ", TRIGGERS.sub(" ", prompt.lower()))
    text = " " + " ".join(re.findall(r"[a-z]+", plain.replace("-", " "))) + " "
    for phrase, word in sorted(PHRASES.items(), key=lambda kv: -len(kv[0])):
        if f" {phrase} " in text or f" {phrase}s " in text:
            text = text.replace(f" {phrase} ", f" {word} ").replace(f" {phrase}s ", f" {word}s ")
    return text.split()


def singular(word: str) -> tuple[str, bool]:
    """The word's singular form and whether it was plural ("foxes" -> ("fox", True))."""
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word], word not in ("sheep", "deer", "fish")
    if word in NOT_PLURAL or word in SUBJECTS or word in SYNONYMS or word in SETTINGS or word in WEATHER \
            or word in TIMES:
        return word, False
    for ending, cut in (("ies", "y"), ("es", ""), ("s", "")):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)] + cut
            if stem in SUBJECTS or stem in SYNONYMS:
                return stem, True
    return word, False


def subject_of(word: str) -> tuple[str | None, bool]:
    """The subject kind a word names (or None) and whether it was plural."""
    stem, plural = singular(word)
    kind = stem if stem in SUBJECTS else SYNONYMS.get(stem)
    if kind and word in SYNONYMS and SYNONYMS[word] in ("crowd", "flowerbed"):
        plural = False
    if word in ("strawberries", "cherries", "grapes") and kind:
        plural = True
    return kind, plural


def vocabulary() -> set[str]:
    """Every word that names a subject the pictures draw (each kind and each synonym), without plurals."""
    return {w for w in SUBJECTS} | {w for w, kind in SYNONYMS.items() if kind in SUBJECTS} | \
        {w for w, kind in PHRASES.items() if kind in SUBJECTS}


def _mentions(words: list[str]) -> list[Mention]:
    out: list[Mention] = []
    for i, word in enumerate(words):
        if word in CONTAINERS and i + 2 < len(words) and words[i + 1] == "of":
            continue  # "a bowl of X": X is the subject, in its bowl
        kind, plural = subject_of(word)
        if kind and word in VERBS and i > 0 and (subject_of(words[i - 1])[0] or "") in SUBJECTS and \
                SUBJECTS[subject_of(words[i - 1])[0]].group == "person":
            continue  # "an artist painting": what she does, not a painting
        if kind and word in COLOURS and any(subject_of(w)[0] for w in words[i + 1:i + 3]):
            continue  # "an orange cat": a colour, not the fruit
        if kind and word in ADJECTIVES and i + 1 < len(words) and subject_of(words[i + 1])[0]:
            continue  # "a paper boat", "a glass vase": what it is made of
        if kind is None and word in GROUPS:
            kind, plural = GROUPS[word], word != "farm"
        if kind is None:
            continue
        if word in SETTINGS and (i == 0 or words[i - 1] not in ("a", "an", "the", "two", "three")) and \
                SETTINGS[word] == "indoor":
            continue  # "at home", "in the house": where, not what
        if kind in ("table", "desk") and set(words[max(0, i - 3):i]) & {"on", "at", "onto", "upon", "by"}:
            continue  # "on a desk": the room's table top, where things stand
        before = words[max(0, i - 3):i]
        cuts = [n for n, w in enumerate(before) if w in ("and", "with", "or", "beside", "next", "near")]
        if cuts:
            before = before[cuts[-1] + 1:]  # "an orange and a banana": the banana is no orange colour
        colour = next((COLOURS[w] for w in reversed(before) if w in COLOURS), None)
        count = next((NUMBERS[w] for w in reversed(before) if w in NUMBERS), 3 if plural else 1)
        if word in ("couple", "pair") or kind in ("crowd", "family", "couple"):
            count = 1
        out.append(Mention(kind, i, count, colour, word))
    return out


def _verb(words: list[str], start: int, end: int) -> tuple[int, str, str | None] | None:
    for j in range(start, end):
        if words[j] in VERBS:
            action, implied = VERBS[words[j]]
            return j, action, implied
    return None


def _units(words: list[str], mentions: list[Mention]) -> list[Unit]:
    """Group the mentions: a person with what they do it with, a thing on its seat, a dish with its utensil."""
    units: list[Unit] = []
    for n, m in enumerate(mentions):
        if m.used:
            continue
        m.used = True
        subject = SUBJECTS[m.kind]
        names = [m.kind]
        later = [x for x in mentions[n + 1:] if not x.used]
        next_person = next((x.at for x in later if SUBJECTS[x.kind].group == "person"), len(words))
        if m.kind == "couple":  # "a couple dancing": they dance together
            found = _verb(words, m.at + 1, min(next_person, m.at + 4))
            if found and found[1] == "dance":
                units.append(Unit(m.kind, m.count, m.colour, "dance", names=(m.kind,)))
                continue
        if subject.group == "person" and m.kind not in ("crowd", "family", "couple", "baby", "snowman", "robot"):
            found = _verb(words, m.at + 1, min(next_person, m.at + 5))
            action, thing, seat, extra = None, None, None, None
            if found:
                j, action, implied = found
                obj = next((x for x in later if x.at > j and x.at <= j + 5 and
                            SUBJECTS[x.kind].group != "person"), None)
                if action == "walk" and obj is not None and SUBJECTS[obj.kind].use != "leash":
                    obj = None
                if action == "sit" and obj is not None and obj.kind in {*SEATS, "sled", "swing"}:
                    seat, obj = obj, None
                if obj is not None and obj.kind in SEATS and action not in ("ride",):
                    seat, obj = obj, None
                if obj is not None:
                    thing = obj
                elif implied:
                    thing = Mention(implied, -1, 1, None, implied)
            # a seat further on ("playing the guitar on a bench"), a second thing ("with a pen")
            for x in [x for x in later if x.at > m.at and x.at < min(next_person, m.at + 12)]:
                if x is thing or x.used:
                    continue
                prev = words[x.at - 3:x.at]
                if seat is None and x.kind in SEATS and set(prev) & (ON_WORDS | {"at"}):
                    seat = x
                elif thing is None and "with" in prev and SUBJECTS[x.kind].use not in (None, "beside"):
                    thing, action = x, action or "hold"
                elif thing is not None and extra is None and "with" in prev and \
                        SUBJECTS[x.kind].use in ("hand", "mouth") and x.kind != thing.kind:
                    extra = x
                elif thing is not None and extra is None and action == "cook" and SUBJECTS[x.kind].group == "food":
                    extra = x
            if action == "cook" and thing is not None and SUBJECTS[thing.kind].group == "food":
                extra, thing = thing, Mention("pan", -1, 1, None, "pan")
            for x in (thing, seat, extra):
                if x is not None:
                    x.used = True
                    if x.at >= 0:
                        names.append(x.kind)
            units.append(Unit(m.kind, m.count, m.colour, action, thing.kind if thing else None,
                              thing.colour if thing else None, seat.kind if seat else None,
                              seat.colour if seat else None, extra.kind if extra else None,
                              extra.colour if extra else None, tuple(names)))
            continue
        seat, extra = None, None
        for x in later:
            if x.at > m.at + 5 or x.used:
                break
            between = set(words[m.at + 1:x.at])
            if x.kind in INCLUDES.get(m.kind, ()):
                continue  # drawn with it (below)
            if seat is None and x.kind in SURFACES and between & ON_WORDS and m.kind != x.kind and \
                    subject.group in ("animal", "object", "food", "vehicle", "home") and \
                    not (x.kind == "tree" and m.kind not in ("bird", "parrot", "owl", "monkey", "koala", "cat")):
                seat = x
            elif extra is None and "with" in between and (x.kind in UTENSILS or x.kind in INCLUDES.get(m.kind, ())):
                extra = x
        if seat is not None:
            seat.used = True
            names.append(seat.kind)
        if extra is not None:
            extra.used = True
            names.append(extra.kind)
        for x in later:  # "a birthday cake with candles": the cake's drawing has them
            if not x.used and x.kind in INCLUDES.get(m.kind, ()) and x.at <= m.at + 5:
                x.used = True
                names.append(x.kind)
        included = extra is not None and extra.kind in INCLUDES.get(m.kind, ())
        units.append(Unit(m.kind, m.count, m.colour, None, None, None, seat.kind if seat else None,
                          seat.colour if seat else None, None if included or extra is None else extra.kind,
                          None if included or extra is None else extra.colour, tuple(names)))
    return units


def _notable(words: list[str], known: set[int]) -> list[str]:
    """The nouns of things among words the picture does not know (in order, once each)."""
    out: list[str] = []
    for i, word in enumerate(words):
        if i in known or len(word) < 3 or word in out:
            continue
        stem, _ = singular(word)
        if word.endswith("s") and (word[:-1] in SCENE_NOUNS or word[:-1] in SETTINGS):
            continue  # "parks", "streets": places
        if word in FUNCTION_WORDS or word in ADJECTIVES or word in STYLE_WORDS or word in SCENE_NOUNS or \
                stem in SCENE_NOUNS or word in SETTINGS or word in WEATHER or word in TIMES or word in COLOURS \
                or word in NUMBERS or word in VERBS or word in SKY_THINGS or word in CONTAINERS or \
                word in GROUPS or word in CHANGE_WORDS or word in INSTRUCTION_WORDS or stem in SUBJECTS \
                or stem in SYNONYMS:
            continue
        if word.endswith(("ly", "ing", "ed", "ful", "ous", "ive", "ish", "less", "able", "ible", "est", "ier")):
            continue  # adverbs, verbs and adjectives by their endings
        out.append(word)
    return out


def read(prompt: str) -> Reading:
    """What the prompt names: subjects and their groups (at most three drawn), setting, weather, time, sky."""
    words = words_of(prompt)
    reading = Reading()
    for word in words:
        if word not in SETTINGS and word.endswith("s") and word[:-1] in SETTINGS:
            word = word[:-1]  # "parks", "hills", "fields": the setting
        if word in SKY_THINGS and not subject_of(word)[0]:
            reading.sky.add(SKY_THINGS[word])
        if word in SETTINGS:
            reading.settings.add(SETTINGS[word])
        if word in WEATHER and WEATHER[word] not in reading.weather:
            reading.weather.append(WEATHER[word])
        if word in TIMES and reading.time is None:
            reading.time = TIMES[word]
        if word == "snow" and "snowfall" not in reading.weather and "snowy" not in words:
            reading.weather.append("snowfall")  # "snow" falls; "snowy" only lies on the ground
    if "moon" in reading.sky and reading.time is None:
        reading.time = "night"
    mentions = _mentions(words)
    seen: dict[str, Mention] = {}
    for m in mentions:  # the same kind named twice is one subject
        if m.kind in seen:
            m.used = True
        else:
            seen[m.kind] = m
    reading.subjects = [(m.kind, m.count, m.colour) for m in mentions if not m.used]
    units = _units(words, mentions)
    reading.units = units[:MAX_UNITS]
    reading.left_out = [kind for unit in units[MAX_UNITS:] for kind in unit.names]
    known = {m.at for m in mentions}
    for i, word in enumerate(words):
        if i + 1 < len(words) and word in CONTAINERS and words[i + 1] == "of":
            known.add(i)
    reading.unknown = _notable(words, known)
    return reading


def not_drawn(prompt: str) -> list[str]:
    """The notable nouns of a prompt the simulator's picture leaves out: words it cannot draw (in the prompt's own
    words), then subjects it knows but has no room for (more than three groups)."""
    reading = read(prompt)
    return reading.unknown + [k for k in reading.left_out if k not in reading.unknown]


def named(prompt: str) -> list[str]:
    """The subjects a prompt names, as the picture counts them: the kinds it knows and the nouns it does not."""
    reading = read(prompt)
    kinds = [kind for unit in reading.units for kind in unit.names]
    return kinds + reading.left_out + reading.unknown


def demo_note(prompt: str) -> str | None:
    """What a demo picture's card says when its picture leaves something out: "Not drawn in demo mode: ramen"."""
    missing = not_drawn(prompt)
    if not missing:
        return None
    return "Not drawn in demo mode: " + ", ".join(word.replace("_", " ") for word in missing[:6]) + \
        (f" and {len(missing) - 6} more" if len(missing) > 6 else "")


def edit_target(prompt: str) -> Reading:
    """What an edit asks for: the subject after its change word ("the cat becomes a small dog" -> the dog)."""
    words = words_of(prompt)
    reading = read(prompt)
    cut = max((i for i, w in enumerate(words) if w in CHANGE_WORDS), default=-1)
    if cut >= 0:
        after = read(" ".join(words[cut + 1:]))
        if after.subjects or after.sky:
            reading.subjects, reading.sky, reading.units = after.subjects, after.sky, after.units
    return reading
