"""Cross-article views of a Site: people and their quotes, conditions grouped, outlets compared.

Pure functions from the linked Site to plain records the templates show.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import AnnotatedArticle, Annotation, Person, Site

KIND_LABELS = {"expert": "Experts", "official": "Officials", "journalist": "Journalists", "media": "Media",
               "organization": "Organizations", "group": "Groups", "anonymous": "Anonymous sources",
               "other": "Others"}
STOPWORDS = set("a an the and or of to for with from in on at by as that this its it is be would must any all "
                "their them they".split())


@dataclass(frozen=True, slots=True)
class Occurrence:
    """An annotation in its article, for listing across articles."""
    art: AnnotatedArticle
    annotation: Annotation

    @property
    def text(self) -> str:
        return self.art.article.text[self.annotation.start:self.annotation.end]

    @property
    def href(self) -> str:  # relative to the site root
        return f"{self.art.article.slug}/index.html#{self.annotation.id}"


@dataclass
class PersonEntry:
    id: str
    person: Person
    quotes: list[Occurrence] = field(default_factory=list)
    articles: list[AnnotatedArticle] = field(default_factory=list)
    roles: list[tuple[AnnotatedArticle, Person]] = field(default_factory=list)  # as each article describes them


# "Officials", "analysts", "a senior official": not one person, so no page of their own (one page would
# gather every unnamed official of every article). They are counted on the sources page.
NO_PAGE_KINDS = ("group", "anonymous")


def has_page(kind: str) -> bool:
    return kind not in NO_PAGE_KINDS


def people_entries(site: Site) -> list[PersonEntry]:
    """Everyone quoted or named, with every quote of theirs and the role each article gives them, by
    kind then name."""
    entries = {pid: PersonEntry(pid, p) for pid, p in site.people.items()}
    for art in site.articles:  # (every annotation of every article at each edit: written for speed)
        cast = site.cast(art)
        listed: set[str] = set()  # an article is listed once per person
        for a in art.annotations:
            layer = a.layer
            if layer != "quote" and layer != "person":
                continue
            for pid in cast.speakers[a.id]:
                e = entries.get(pid)
                if e is None:
                    continue
                if layer == "quote":
                    e.quotes.append(Occurrence(art, a))
                if pid not in listed:
                    listed.add(pid)
                    e.articles.append(art)
                    e.roles.append((art, site.record(cast, pid)))
    for e in entries.values():  # newest first: what someone is now, then what they were
        e.roles.sort(key=lambda r: r[0].article.meta.date or "", reverse=True)
    order = list(KIND_LABELS)
    return sorted(entries.values(), key=lambda e: (order.index(e.person.kind), -len(e.quotes), e.person.name))


@dataclass
class ConditionGroup:
    key: frozenset[str]  # what it demands (demand_key)
    summary: str  # the first report's words
    reports: list[Occurrence]

    @property
    def id(self) -> str:
        """Its address under conditions/: the demand's words (letters only, at most five each: joined
        by hyphens, they name one group alone), stable while the demand is reported."""
        name = "-".join(sorted(self.key)) or "others"  # (no demand word has six letters)
        if len(name) > 80:  # a long demand: cut, and told apart by a hash of the whole
            name = f"{name[:80].rstrip('-')}-{hashlib.sha256(name.encode()).hexdigest()[:8]}"
        return name

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(r.art.article.meta.outlet or r.art.article.meta.title for r in self.reports))


# What a demand is about, whatever verb or modifier reports it: "halt foreign military aid and
# intelligence-sharing" and "an end to all military and intelligence assistance" ask for the same things.
DEMAND_NOISE = set("stop stops stopped stopping halt halts halted halting end ending ended cease ceasing suspend "
                   "suspends suspended suspending suspension cut cutting receive receives receiving provide "
                   "providing share sharing must should will demand demands demanded want wants wanted "
                   "foreign full complete total further us".split())
DEMAND_SYNONYMS = {"assistance": "aid", "support": "aid", "help": "aid", "supplies": "aid"}


def demand_key(text: str) -> frozenset[str]:
    """The things a condition demands: content words without cessation verbs and modifiers, synonyms
    of aid made one, compared by their first five letters (military, militarily)."""
    words = re.findall(r"[a-z]+", text.lower())
    return frozenset(DEMAND_SYNONYMS.get(w, w)[:5] for w in words
                     if w not in STOPWORDS and w not in DEMAND_NOISE and len(w) > 2)


def condition_groups(site: Site) -> list[ConditionGroup]:
    """Every condition across articles; reports that demand the same things share a group (an end to
    aid alone is not an end to aid and intelligence sharing)."""
    groups: dict[frozenset[str], ConditionGroup] = {}
    for art in site.articles:
        for a in art.annotations:
            if a.layer == "condition":
                occ = Occurrence(art, a)
                key = demand_key(occ.text)
                groups.setdefault(key, ConditionGroup(key, occ.text, [])).reports.append(occ)
    return sorted(groups.values(), key=lambda g: -len(g.reports))


# The compare view's columns: organisations apart from officials, unnamed experts apart from named ones.
SOURCE_COLUMNS = ("expert", "unnamed-expert", "official", "organization", "media", "anonymous", "other")
COLUMN_LABELS = {"expert": "Named experts", "unnamed-expert": "Unnamed experts", "official": "Officials",
                 "organization": "Organizations", "media": "Media", "anonymous": "Other anonymous sources",
                 "other": "Others"}
EXPERT_WORDS = re.compile(r"\b(experts?|analysts?|scholars?|academics?|economists?|researchers?|observers?|"
                          r"specialists?|professors?)\b", re.I)


@lru_cache(maxsize=1 << 14)  # asked for every quote of every article; speakers recur
def source_column(kind: str, name: str, role: str) -> str:
    """Which column of the compare view an attribution counts in."""
    unnamed = kind in ("group", "anonymous")
    if EXPERT_WORDS.search(f"{name} {role}") and (unnamed or kind == "expert"):
        return "unnamed-expert" if unnamed else "expert"
    if unnamed:
        return "anonymous"
    return {"expert": "expert", "official": "official", "organization": "organization", "media": "media",
            "journalist": "media"}.get(kind, "other")


@dataclass
class SourceProfile:
    outlet: str
    articles: list[AnnotatedArticle]
    quotes_by_class: Counter
    experts: list[Person]
    conditions: list[Occurrence]

    @property
    def total_quotes(self) -> int:
        return sum(self.quotes_by_class.values())

    def share(self, cls: str) -> int:
        """Percentage of this outlet's attributions given to this kind of source."""
        return round(100 * self.quotes_by_class[cls] / self.total_quotes) if self.total_quotes else 0


def source_profiles(site: Site) -> list[SourceProfile]:
    """For each outlet: whom it quoted, by kind (as its articles describe them); which experts; which
    conditions it reported."""
    profiles: dict[str, SourceProfile] = {}
    experts_of: dict[str, set[str]] = {}  # outlet -> person ids already in its experts
    for art in site.articles:
        outlet = art.article.meta.outlet or "Unknown outlet"
        p = profiles.setdefault(outlet, SourceProfile(outlet, [], Counter(), [], []))
        named = experts_of.setdefault(outlet, set())
        p.articles.append(art)
        cast = site.cast(art)
        shown: dict[str | None, tuple] = {}  # person id -> (as this article describes them, column)
        for a in art.annotations:
            layer = a.layer
            if layer == "condition":
                p.conditions.append(Occurrence(art, a))
            if layer != "quote" and layer != "person":
                continue
            pids = cast.speakers[a.id]
            for pid in pids:
                if pid not in shown:
                    # as this article describes them; a name no article describes counts as "other"
                    person = site.record(cast, pid) if pid else None
                    shown[pid] = person, (source_column(person.kind, person.name, person.description)
                                          if person else "other")
                    if person and person.kind == "expert" and pid not in named:
                        named.add(pid)
                        p.experts.append(person)
                if layer == "quote":
                    p.quotes_by_class[shown[pid][1]] += 1
            if layer == "quote" and not pids:
                p.quotes_by_class["other"] += 1  # a quote nobody could attribute
    return sorted(profiles.values(), key=lambda p: p.outlet)
