"""Stage 3, link: annotated articles -> Site, with one people registry across articles.

"Zelensky" in one article and "Zelenskyy" in another are one person: records merge
when their full names or multi-word aliases agree, loosely (case, accents, a leading
"the", the spellings of a Slavic -sky ending). Names that differ by a letter otherwise
("Anna Berg", "Ana Berg") stay two people, and a bare surname never merges two records:
two people may share one.

The registry holds who someone is; what they are (role, affiliation, kind) belongs to
each article that says it, at that article's date: `article_people` gives an article's
own records, and the registry keeps the most recent article's description.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from dataclasses import replace

from .load import slugify, unique_slugs
from .model import AnnotatedArticle, Person, Site


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


def merge_keys(person: Person) -> list[str]:
    """The keys a record merges on, its own name first (a list: the order decides, so builds repeat)."""
    names = [person.name] + [a for a in person.aliases if len(a.split()) > 1]
    return list(dict.fromkeys(loose_key(n) for n in names))


def link(articles: list[AnnotatedArticle]) -> Site:
    """One site: slugs made unique across articles, people merged into one registry."""
    articles = [replace(a, article=unique) for a, unique in zip(articles, unique_slugs([a.article for a in articles]))]
    people: dict[str, Person] = {}
    by_key: dict[str, str] = {}
    described: dict[str, str] = {}  # person id -> date of the article their description comes from
    for art in articles:
        date = art.article.meta.date or ""
        for person in art.people:
            pid = next((by_key[k] for k in merge_keys(person) if k in by_key), None)
            if pid is None:
                pid = _new_id(slugify(person.name), people)
                people[pid] = person
                described[pid] = date
            else:
                newer = date > described[pid] and bool(person.role or person.affiliation)
                people[pid] = _merged(people[pid], person, newer)
                described[pid] = date if newer else described[pid]
            for k in merge_keys(people[pid]):
                by_key.setdefault(k, pid)
    return Site(tuple(articles), people, by_key)


def person_id(site: Site, name: str) -> str | None:
    """The registry id of a canonical name as annotations carry it (never a bare surname)."""
    return site.person_ids.get(loose_key(name))


def article_people(art: AnnotatedArticle, site: Site) -> dict[str, Person]:
    """Person id -> the record this article itself gives (its role, affiliation and kind)."""
    own: dict[str, Person] = {}
    for person in art.people:
        pid = next((site.person_ids[k] for k in merge_keys(person) if k in site.person_ids), None)
        if pid is not None:
            own.setdefault(pid, person)
    return own


def _merged(a: Person, b: Person, newer: bool) -> Person:
    """One record of two: the names of both; the description of the newer article, or the first."""
    aliases = tuple(dict.fromkeys(a.aliases + b.aliases + ((b.name,) if name_key(b.name) != name_key(a.name) else ())))
    if newer:
        return replace(a, aliases=aliases, kind=b.kind, role=b.role, affiliation=b.affiliation)
    return replace(a, aliases=aliases, role=a.role or b.role, affiliation=a.affiliation or b.affiliation)


# Folders of people/ that are not a person's page (the whole list of one kind of source).
RESERVED_PERSON_IDS = frozenset({"by-kind"})


def _new_id(base: str, taken: dict) -> str:
    pid, n = base, 1
    while pid in taken or pid in RESERVED_PERSON_IDS:
        n += 1
        pid = f"{base}-{n}"
    return pid
