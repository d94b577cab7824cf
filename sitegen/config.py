"""Site settings: one typed, validated object, read from site.yaml and passed explicitly."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import SourceError
from .urls import checked_url

LAYER_ID = re.compile(r"^[a-z][a-z0-9-]{0,30}$")
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Layer:
    id: str
    label: str
    colour: str


@dataclass(frozen=True)
class Party:
    """Whose conditions the condition layer collects, and the names it goes by."""
    name: str = "Russia"
    aliases: tuple[str, ...] = ("Moscow", "the Kremlin", "Kremlin", "Putin", "Vladimir Putin", "Russian government")


BUILTIN_LAYERS = (
    Layer("quote", "Quotes", "#b45309"),
    Layer("person", "People named", "#1d4ed8"),
    Layer("condition", "Conditions Russia demanded", "#b91c1c"),
)

ANNOTATION_MODES = ("curated", "auto", "none")


@dataclass(frozen=True)
class SiteConfig:
    title: str = "Annotated Reader"
    description: str = "News articles read closely: who is quoted, who the experts are, and what was demanded."
    seeds_dir: Path = Path("seeds")
    out_dir: Path = Path("site")
    base_url: str = ""  # absolute URL of the site root ("https://user.github.io/repo/"), or "" for relative ids
    annotations: str = "curated"  # curated | auto | none
    strict: bool = False
    search: bool = False  # index the site with Pagefind (its index is not byte-reproducible)
    party: Party = field(default_factory=Party)
    layers: tuple[Layer, ...] = BUILTIN_LAYERS
    source: Path | None = None  # the site.yaml these settings came from
    jobs: int = 1  # processes that read and render articles
    cache: bool = True  # keep each article's annotated result beside the output, for the next build

    def layer(self, layer_id: str) -> Layer | None:
        return next((l for l in self.layers if l.id == layer_id), None)


def load_config(path: Path | None = None, **overrides) -> SiteConfig:
    """Read site.yaml (when given and present) and apply keyword overrides."""
    config = SiteConfig()
    if path is not None and path.exists():
        config = replace(_from_yaml(path, config), source=path)
    overrides = {k: v for k, v in overrides.items() if v is not None}
    if overrides.get("base_url"):
        checked_url(overrides["base_url"], Path("--base-url"), 1, "base URL")
    config = replace(config, **overrides)
    # The condition layer is named for the party whose conditions it collects.
    config = replace(config, layers=tuple(replace(l, label=f"Conditions {config.party.name} demanded")
                                          if l.id == "condition" else l for l in config.layers))
    if config.base_url and not config.base_url.endswith("/"):
        config = replace(config, base_url=config.base_url + "/")
    if config.annotations not in ANNOTATION_MODES:
        raise SourceError(path or Path("site.yaml"), 1, f"annotations must be one of {', '.join(ANNOTATION_MODES)}")
    return config


def _from_yaml(path: Path, config: SiteConfig) -> SiteConfig:
    from .yamlsource import load_yaml  # here: `--help`, or a build with nothing to do, never loads PyYAML

    data = load_yaml(path)
    if data is None:
        return config
    if not isinstance(data, dict):
        raise SourceError(path, 1, "site settings must be keys and values, such as `title: My reader`")
    known = {"title", "description", "base_url", "party", "layers"}
    for key in data:
        if key not in known:
            raise SourceError(path, data.line_of(key), f"unknown setting {key!r} (known: {', '.join(sorted(known))})")
    changes: dict = {}
    for key in ("title", "description", "base_url"):
        if key in data:
            if not isinstance(data[key], str):
                raise SourceError(path, data.line_of(key), f"{key} must be text")
            changes[key] = data[key]
    if "base_url" in changes:
        checked_url(changes["base_url"], path, data.line_of("base_url"), "base_url")
    if "party" in data:
        changes["party"] = _party(data["party"], path, data.line_of("party"))
    if "layers" in data:
        changes["layers"] = BUILTIN_LAYERS + _layers(data["layers"], path, data.line_of("layers"))
    return replace(config, **changes)


def _party(p, path: Path, line: int) -> Party:
    if not isinstance(p, dict) or not isinstance(p.get("name"), str) or not p["name"].strip():
        raise SourceError(path, line, "party needs a name (and optional aliases), such as `party: {name: Russia}`")
    aliases = p.get("aliases") or []
    if isinstance(aliases, str):  # one alias written without brackets
        aliases = [aliases]
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise SourceError(path, getattr(p, "line_of", lambda k: line)("aliases"),
                          "party aliases must be a list of names, such as `aliases: [Moscow, the Kremlin]`")
    return Party(p["name"], tuple(aliases))


def _layers(items, path: Path, line: int) -> tuple[Layer, ...]:
    if items is None:
        return ()
    if not isinstance(items, list):
        raise SourceError(path, line, "layers must be a list of layers, each with id, label and colour")
    layers: list[Layer] = []
    for item in items:
        line = getattr(item, "line", line)
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("id", "label", "colour")):
            raise SourceError(path, line, "a layer needs id, label and colour")
        if not LAYER_ID.match(item["id"]) or any(l.id == item["id"] for l in BUILTIN_LAYERS + tuple(layers)):
            raise SourceError(path, line, f"layer id {item['id']!r} must be new, lower-case letters, digits and '-'")
        if not COLOUR.match(item["colour"]):
            raise SourceError(path, line, f"layer colour {item['colour']!r} must look like #a1b2c3")
        layers.append(Layer(item["id"], item["label"], item["colour"]))
    return tuple(layers)
