"""Cross-article views of a Site: people and their quotes, conditions grouped, outlets compared.

Pure functions from the linked Site to plain records the templates show.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import AnnotatedArticle, Annotation, Person, Site
from .article import speaker_class, speakers_of

SOURCE_CLASSES = ("expert", "official", "media", "anonymous", "other")  # compare view: anonymous apart
KIND_LABELS = {"expert": "Experts", "official": "Officials", "journalist": "Journalists", "media": "Media",
               "organization": "Organizations", "group": "Groups", "anonymous": "Anonymous sources",
               "other": "Others"}
STOPWORDS = set("a an the and or of to for with from in on at by as that this its it is be would must any all "
                "their them they".split())


@dataclass(frozen=True)
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


def people_entries(site: Site) -> list[PersonEntry]:
    """Everyone quoted or named, with every quote of theirs, by kind then name."""
    entries = {pid: PersonEntry(pid, p) for pid, p in site.people.items()}
    for art in site.articles:
        for a in art.annotations:
            if a.layer not in ("quote", "person"):
                continue
            for s in speakers_of(a, site):
                if s.id in entries:
                    e = entries[s.id]
                    if a.layer == "quote":
                        e.quotes.append(Occurrence(art, a))
                    if art not in e.articles:
                        e.articles.append(art)
    order = list(KIND_LABELS)
    return sorted(entries.values(), key=lambda e: (order.index(e.person.kind), -len(e.quotes), e.person.name))


@dataclass
class ConditionGroup:
    summary: str  # the first report's words
    reports: list[Occurrence]

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(r.art.article.meta.outlet or r.art.article.meta.title for r in self.reports))


def condition_groups(site: Site) -> list[ConditionGroup]:
    """Every condition across articles; reports of the same demand share a group.

    Two conditions are one demand when most of the content words of the shorter one
    (compared by their first five letters: aid/aids, military/militarily) appear in
    the other one.
    """
    groups: list[tuple[set[str], ConditionGroup]] = []
    for art in site.articles:
        for a in art.annotations:
            if a.layer != "condition":
                continue
            occ = Occurrence(art, a)
            words = _content_words(occ.text)
            for group_words, group in groups:
                if len(words & group_words) >= 0.5 * min(len(words), len(group_words)):
                    group.reports.append(occ)
                    group_words |= words
                    break
            else:
                groups.append((words, ConditionGroup(occ.text, [occ])))
    return [g for _, g in groups]


def _content_words(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]+", text.lower()) if w not in STOPWORDS and len(w) > 2}


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
    """For each outlet: whom it quoted, by kind; which experts; which conditions it reported."""
    profiles: dict[str, SourceProfile] = {}
    for art in site.articles:
        outlet = art.article.meta.outlet or "Unknown outlet"
        p = profiles.setdefault(outlet, SourceProfile(outlet, [], Counter(), [], []))
        p.articles.append(art)
        for a in art.annotations:
            speakers = speakers_of(a, site)
            for s in speakers if a.layer in ("quote", "person") else ():
                person = site.people.get(s.id) if s.id else None
                if person and person.kind == "expert" and person not in p.experts:
                    p.experts.append(person)
            if a.layer == "quote":
                for s in speakers:
                    p.quotes_by_class["anonymous" if s.kind == "anonymous" else speaker_class(s.kind)] += 1
            elif a.layer == "condition":
                p.conditions.append(Occurrence(art, a))
    return sorted(profiles.values(), key=lambda p: p.outlet)
