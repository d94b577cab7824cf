#!/usr/bin/env python3
"""Build the annotated-reader site: `python build.py --help`."""
from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from sitegen.config import ANNOTATION_MODES, load_config
from sitegen.errors import SourceError, UsageError, one_line

COMMANDS_HELP = """commands:
  python build.py [options]                 build the site (the default)
  python build.py add URL_OR_FILE [--force] bring an article into seeds/ as Markdown with front matter
  python build.py annotate FILE [--force]   draft FILE's sidecar from the automatic annotations
  python build.py annotate FILE --explain   print each automatic quote, its speaker and the rule that found it
  python build.py check [options]           check the built site: links, fragments, anchors, HTML
  python build.py serve [--port N]          serve on 127.0.0.1 with live reload and incremental rebuilds
Run `python build.py COMMAND --help` for a command's options."""
DEFAULT_SETTINGS = Path("site.yaml")


def cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than the machine has)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def add_site_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--seeds", type=Path, default=Path("seeds"), metavar="DIR",
                   help="folder of articles to build (default: seeds/)")
    p.add_argument("--out", type=Path, default=Path("site"), metavar="DIR",
                   help="folder to write the site to; replaced only when the build succeeds (default: site/)")
    p.add_argument("--base-url", metavar="URL",
                   help="absolute URL the site will be served from, e.g. https://user.github.io/repo/ ; used for "
                        "annotation ids (pages link relatively either way)")
    p.add_argument("--annotations", choices=ANNOTATION_MODES, default="curated",
                   help="curated: sidecar annotations, and automatic ones for the layers a sidecar does not curate; "
                        "auto: automatic annotations only; none: plain text (default: curated)")
    p.add_argument("--config", type=Path, metavar="FILE",
                   help="site settings: title, base_url, party, extra layers (default: site.yaml, if present)")
    p.add_argument("--strict", action="store_true",
                   help="treat warnings (an article without title, outlet or date) as errors")
    jobs = cores()
    p.add_argument("--jobs", type=int, default=jobs, metavar="N",
                   help="processes that read and render articles (default: the number of cores, "
                        f"{jobs} here); the output is the same for any N")
    p.add_argument("--no-cache", dest="cache", action="store_false",
                   help="ignore and do not write the cache of annotated articles (.<out>.cache/ beside the output)")
    p.add_argument("--search", action="store_true",
                   help="add a search page and index the finished site with Pagefind (make site does); "
                        "Pagefind's index files differ from run to run, the rest of the site does not")


def settings_path(given: Path | None) -> Path | None:
    """The settings file: one given with --config must exist; the default site.yaml may be absent."""
    if given is None:
        return DEFAULT_SETTINGS if DEFAULT_SETTINGS.exists() else None
    if not given.is_file():
        raise SourceError(given, 1, "no such settings file (given with --config)")
    return given


def config_from(args: argparse.Namespace):
    return load_config(settings_path(args.config), seeds_dir=args.seeds, out_dir=args.out, base_url=args.base_url,
                       annotations=args.annotations, strict=args.strict, search=args.search,
                       jobs=max(1, args.jobs), cache=args.cache)


def build_command(argv: list[str]) -> int:
    p = argparse.ArgumentParser(
        prog="build.py", epilog=COMMANDS_HELP, formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Turn a folder of news articles (.txt scrapes or .md with front matter, each with an optional "
                    "<stem>.yaml sidecar) into a static, annotated website.")
    add_site_options(p)
    config = config_from(p.parse_args(argv))
    from sitegen.build import build  # imported once the arguments are good: `--help` stays quick

    built = build(config)
    for warning in built.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    done = "up to date, nothing to do" if built.up_to_date else "built"
    print(f"{done}: {built.articles} articles; home page: {(config.out_dir / 'index.html').resolve()}")
    return 0


def annotate_command(argv: list[str]) -> int:
    from sitegen.draft import write_draft

    p = argparse.ArgumentParser(prog="build.py annotate",
                                description="Draft a sidecar (<stem>.yaml beside FILE) listing every automatic "
                                            "annotation of FILE, for a person to review.")
    p.add_argument("file", type=Path, metavar="FILE", help="an article (.txt or .md)")
    p.add_argument("--force", action="store_true", help="replace the people, quotes and conditions of a sidecar "
                                                        "that already has curated ones (its metadata is kept)")
    p.add_argument("--config", type=Path, metavar="FILE",
                   help="site settings, for the party whose conditions are collected (default: site.yaml)")
    p.add_argument("--explain", action="store_true",
                   help="print each automatic quote with its speaker and the rule that found it, one per line, "
                        "instead of writing the sidecar")
    args = p.parse_args(argv)
    if args.explain:
        from sitegen.extract.explain import explain_article

        print("\n".join(explain_article(args.file, load_config(settings_path(args.config)).party)))
        return 0
    target = write_draft(args.file, load_config(settings_path(args.config)), force=args.force)
    print(f"wrote {target}: review it, then build")
    return 0


def add_command(argv: list[str]) -> int:
    from sitegen.add import FetchError, add_article

    p = argparse.ArgumentParser(prog="build.py add",
                                description="Fetch a web page (or read a saved page, .txt or .md file) and write it "
                                            "to the seeds folder as <slug>.md: front matter (title, outlet, date, "
                                            "url, byline) and the article's text, for you to check.")
    p.add_argument("source", metavar="URL_OR_FILE", help="an http(s) address, or a .html, .htm, .txt or .md file")
    p.add_argument("--seeds", type=Path, default=Path("seeds"), metavar="DIR", help="where to write (default: seeds/)")
    p.add_argument("--force", action="store_true", help="replace a file of the same name")
    p.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS", help="how long to wait for the site "
                                                                                  "(default: 20)")
    args = p.parse_args(argv)
    try:
        target = add_article(args.source, args.seeds, force=args.force, timeout=args.timeout)
    except FetchError as exc:
        print(f"cannot add {exc}", file=sys.stderr)
        return 2
    print(f"wrote {target}: check its front matter, then run `python build.py annotate {target}`")
    return 0


def check_command(argv: list[str]) -> int:
    from sitegen.check import check_pages, check_sources

    p = argparse.ArgumentParser(prog="build.py check",
                                description="Check a built site: every internal link and fragment resolves, every "
                                            "annotation anchors, every page parses as HTML5. Exit status 1 with a "
                                            "list of problems, 0 when there are none.")
    add_site_options(p)
    args = p.parse_args(argv)
    config = config_from(args)
    problems = check_sources(config) + check_pages(config.out_dir)
    for problem in problems:
        print(problem)
    pages = len(list(config.out_dir.rglob("*.html")))
    print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {config.seeds_dir}/ and {pages} pages "
          f"of {config.out_dir}/", file=sys.stderr)
    return 1 if problems else 0


def serve_command(argv: list[str]) -> int:
    from sitegen.serve import serve

    p = argparse.ArgumentParser(prog="build.py serve",
                                description="Serve the site on 127.0.0.1, rebuild what a change to an article, "
                                            "sidecar, template or stylesheet touches, and reload the browser. A build "
                                            "error shows in the page; the server keeps running.")
    add_site_options(p)
    p.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")
    args = p.parse_args(argv)
    config = config_from(args)
    from sitegen.build import check_output

    check_output(config)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the server keeps no half-done work: stop at once
    try:
        serve(config, settings_path(args.config), port=args.port)
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    return 0


COMMANDS = {"add": add_command, "annotate": annotate_command, "check": check_command, "serve": serve_command}


class Terminated(BaseException):
    """SIGTERM, raised where the program is, so a build cleans up as after Ctrl-C."""


def _terminate(signum, frame):
    raise Terminated()


def main(argv: list[str] | None = None) -> int:
    """Run a command; every failure is one line on stderr and an exit status, never a traceback.

    2: bad input or a refused command; 1: the system failed (disk full, no permission) or a bug;
    130 / 143: interrupted by Ctrl-C / SIGTERM. SITEGEN_DEBUG=1 shows the traceback of a bug.
    """
    argv = sys.argv[1:] if argv is None else argv
    command = COMMANDS.get(argv[0]) if argv else None
    signal.signal(signal.SIGTERM, _terminate)
    try:
        return command(argv[1:]) if command else build_command(argv)
    except SourceError as exc:
        print(exc, file=sys.stderr)
        return 2
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: nothing was changed", file=sys.stderr)
        return 130
    except Terminated:
        print("terminated: nothing was changed", file=sys.stderr)
        return 143
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        print(f"error:{where}: {one_line(exc.strerror or exc)}; nothing was changed", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: say so in one line; the traceback is for developers
        if os.environ.get("SITEGEN_DEBUG"):
            raise
        print(f"internal error: {type(exc).__name__}: {one_line(exc)} (please report it; SITEGEN_DEBUG=1 shows "
              "where)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
