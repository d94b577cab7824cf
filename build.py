#!/usr/bin/env python3
"""Build the annotated-reader site: `python build.py --help`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sitegen.build import read_site, warnings, write_output
from sitegen.config import ANNOTATION_MODES, load_config
from sitegen.errors import SourceError


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="build.py",
        description="Turn a folder of news articles (.txt scrapes or .md with front matter, each with an optional "
                    "<stem>.yaml sidecar) into a static, annotated website.")
    p.add_argument("--seeds", type=Path, default=Path("seeds"), metavar="DIR",
                   help="folder of articles to build (default: seeds/)")
    p.add_argument("--out", type=Path, default=Path("site"), metavar="DIR",
                   help="folder to write the site to; replaced only when the build succeeds (default: site/)")
    p.add_argument("--base-url", metavar="URL",
                   help="absolute URL the site will be served from, e.g. https://user.github.io/repo/ ; used for "
                        "annotation ids (pages link relatively either way)")
    p.add_argument("--annotations", choices=ANNOTATION_MODES, default="curated",
                   help="curated: sidecar annotations, plus automatic ones where the sidecar has none; "
                        "auto: automatic annotations only; none: plain text (default: curated)")
    p.add_argument("--config", type=Path, default=Path("site.yaml"), metavar="FILE",
                   help="site settings: title, base_url, party, extra layers (default: site.yaml, if present)")
    p.add_argument("--strict", action="store_true",
                   help="treat warnings (an article without outlet or date) as errors")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        config = load_config(args.config, seeds_dir=args.seeds, out_dir=args.out, base_url=args.base_url,
                             annotations=args.annotations, strict=args.strict)
        site = read_site(config)
        for warning in warnings(site):
            if config.strict:
                raise SourceError(warning.path, warning.line, f"{warning.message} (--strict)")
            print(f"warning: {warning}", file=sys.stderr)
        write_output(site, config)
    except SourceError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(f"built {len(site.articles)} articles; home page: {(config.out_dir / 'index.html').resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
