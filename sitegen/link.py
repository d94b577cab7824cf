"""Stage 3, link: annotated articles -> Site, with one people registry across articles.

"Zelensky" in one article and "Zelenskyy" in another are one person: records merge
when their full names or multi-word aliases agree, loosely (case, accents, a leading
"the", the spellings of a Slavic -sky ending). Names that differ by a letter otherwise
("Anna Berg", "Ana Berg") stay two people, and a one-word alias never merges two records:
two people may share a surname.

The registry holds who someone is; what they are (role, affiliation, kind) belongs to
each article that says it, at that article's date: an article's `Cast` gives its own
records by person id, and the registry keeps the most recent article's description.

Which registry id each record and each annotation's speaker is, link decides here, once:
render and export look people up by id (`Site.cast`), never by a name again.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from dataclasses import replace

from .load import slugify, unique_slugs
from .model import AnnotatedArticle, Cast, Person, Site


@lru_cache(maxsize=1 << 16)  # asked for every speaker of every annotation on every page: names repeat
def name_key(name: str) -> str:
    """A name folded for comparison: ASCII, lower case, no leading 'the', single spaces."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    s = re.sub(r"['’]s\b", "", s)
    s = " ".join(re.findall(r"[a-z0-9]+", s))
    return s.removeprefix("the ")


# Transliterations of one Slavic surname ending: Zelensky, Zelenskyy, Zelenskiy, Zelenskii, Zelenski.
_SKY_ENDING = re.compile(r"(sk)(?:yy|iy|ii|yi|y|i)\b")


@lru_cache(maxsize=1 << 16)
def loose_key(name: str) -> str:
    """name_key with the -sky ending's spellings made one: Zelenskyy ~ Zelensky (Anna !~ Ana)."""
    return _SKY_ENDING.sub(r"\1y", name_key(name))


def merge_keys(person: Person) -> tuple[str, ...]:
    """The keys a record merges on, its own name first (in order: the order decides, so builds repeat):
    its name and multi-word aliases. A one-word alias merges nothing (two people may share a
    surname); a record named by one word ("Reuters", or "Obama" where the extractor could not
    complete the name) merges with records of that same name: the page says no more than the name."""
    return _merge_keys(person.name, person.aliases)


@lru_cache(maxsize=1 << 16)  # a person's records in every article that names them have the same names
def _merge_keys(name: str, aliases: tuple[str, ...]) -> tuple[str, ...]:
    names = [name] + [a for a in aliases if len(a.split()) > 1]
    return tuple(dict.fromkeys(loose_key(n) for n in names))


def link(articles: list[AnnotatedArticle]) -> Site:
    """One site: slugs made unique across articles, people merged into one registry, and each
    article's cast: the registry id of each of its records and of each speaker of its annotations."""
    articles = [a if unique is a.article else replace(a, article=unique)
                for a, unique in zip(articles, unique_slugs([a.article for a in articles]))]
    people: dict[str, Person] = {}
    by_key: dict[str, str] = {}  # merge key -> person id: the first record to claim a key keeps it
    described: dict[str, str] = {}  # person id -> date of the article their description comes from
    record_ids: list[list[str]] = []  # per article, the person id of each of its records
    for art in articles:
        date = art.article.meta.date or ""
        ids = []
        for person in art.people:
            keys = merge_keys(person)
            pid = next((by_key[k] for k in keys if k in by_key), None)
            if pid is None:
                pid = _new_id(slugify(person.name), people)
                people[pid] = person
                described[pid] = date
            else:
                newer = date > described[pid] and bool(person.role or person.affiliation)
                people[pid] = _merged(people[pid], person, newer)
                described[pid] = date if newer else described[pid]
            for k in keys:  # every merged record's full name, a one-word one too ("Pentagon")
                by_key.setdefault(k, pid)
            ids.append(pid)
        record_ids.append(ids)
    casts = {art.article.slug: _cast(art, ids, by_key) for art, ids in zip(articles, record_ids)}
    return Site(tuple(articles), people, casts)


def _cast(art: AnnotatedArticle, ids: list[str], by_key: dict[str, str]) -> Cast:
    """An article's people and speakers by registry id. A speaker is its article's record of that name
    (annotate writes the record's name); a name the article has no record of (a sidecar's `by:`) is
    the registry's record of that full name, if any article has one."""
    own: dict[str, Person] = {}
    for person, pid in zip(art.people, ids):
        own.setdefault(pid, person)
    named = _names(art.people, ids)
    ids_of: dict[tuple[str, ...], tuple[str | None, ...]] = {}  # the same speakers recur in an article
    speakers = {}
    for a in art.annotations:
        found = ids_of.get(a.speakers)
        if found is None:
            found = ids_of[a.speakers] = tuple(named.get(loose_key(n)) or by_key.get(loose_key(n))
                                               for n in a.speakers)
        speakers[a.id] = found
    return Cast(own, speakers)


def _names(people: tuple[Person, ...], ids: list[str]) -> dict[str, str]:
    """An article's names -> person id: every record's name first, then its aliases (a sidecar's
    alias also names its person), so that one record's alias never takes another's name."""
    named: dict[str, str] = {}
    for person, pid in zip(people, ids):
        named.setdefault(loose_key(person.name), pid)
    for person, pid in zip(people, ids):
        for alias in person.aliases:
            named.setdefault(loose_key(alias), pid)
    return named


def _merged(a: Person, b: Person, newer: bool) -> Person:
    """One record of two: the names of both; the description of the newer article, or the first."""
    aliases = tuple(dict.fromkeys(a.aliases + b.aliases + ((b.name,) if name_key(b.name) != name_key(a.name) else ())))
    kind, role, affiliation = (b.kind, b.role, b.affiliation) if newer else (a.kind, a.role or b.role,
                                                                          a.affiliation or b.affiliation)
    if (aliases, kind, role, affiliation) == (a.aliases, a.kind, a.role, a.affiliation):
        return a  # the usual case at scale: the same person again, as already known
    return replace(a, aliases=aliases, kind=kind, role=role, affiliation=affiliation)


# Folders of people/ that are not a person's page (the whole list of one kind of source).
RESERVED_PERSON_IDS = frozenset({"by-kind"})


def _new_id(base: str, taken: dict) -> str:
    pid, n = base, 1
    while pid in taken or pid in RESERVED_PERSON_IDS:
        n += 1
        pid = f"{base}-{n}"
    return pid
