"""A careless or hostile user: every bad input or dangerous command is one line, an exit status, and no loss.

Each case runs build.py in a scratch project (a copy of the seeds in tmp_path), so a guard that failed
would destroy only the scratch folder, and checks that every file there is as it was.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, run_build
from sitegen.config import load_config
from sitegen.write import MARKER

ARTICLE = ("Council approves new park\n"
           "The council voted 5-2 on Monday to approve the park, officials said.\n"
           "Residents expect the vote in May to settle the matter, the mayor said.\n")


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under folder (hidden ones too) with a hash of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch project: seeds/ with one article, notes/ with a user's own file, a built site/."""
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "seeds" / "a.yaml").write_text("outlet: Town Crier\ndate: '2025-01-01'\n", encoding="utf-8")
    (root / "notes").mkdir()
    (root / "notes" / "lesson.txt").write_text("my lesson plan\n", encoding="utf-8")
    (root / "script.py").write_text("print('mine')\n", encoding="utf-8")
    assert run_build("--seeds", "seeds", "--out", "site", cwd=root).returncode == 0
    return root


def refused(result: subprocess.CompletedProcess, code: int = 2) -> str:
    """The one line a refused command prints; asserts the exit status and that there is no traceback."""
    lines = result.stderr.strip().splitlines()
    assert result.returncode == code, result.stderr
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.mark.parametrize("out, says", [
    (".", "is the current folder"),
    ("", "is the current folder"),
    ("..", "holds the current folder"),
    ("seeds", "is the articles folder"),
    ("notes", "has no .sitegen-site"),
    ("script.py", "is not a folder"),
    ("/dev/null", "is not a folder"),
])
def test_out_never_replaces_what_a_build_did_not_make(project, out, says):
    before = snapshot(project.parent)
    line = refused(run_build("--seeds", "seeds", "--out", out, cwd=project))
    assert line.startswith("error: --out") and says in line
    assert snapshot(project.parent) == before


def test_out_holding_the_project_is_refused(project):
    before = snapshot(project)
    line = refused(run_build("--seeds", str(project / "seeds"), "--out", str(ROOT.parent), cwd=project))
    assert "holds the project" in line
    assert snapshot(project) == before


def test_serve_refuses_a_dangerous_out_before_serving(project):
    line = refused(run_build("serve", "--seeds", "seeds", "--out", "notes", "--port", "0", cwd=project))
    assert "notes" in line and (project / "notes" / "lesson.txt").exists()


def test_out_accepts_a_new_an_empty_and_its_own_folder(project):
    (project / "empty").mkdir()
    for out in ("new/site", "empty", "site"):
        assert run_build("--seeds", "seeds", "--out", out, cwd=project).returncode == 0
        assert (project / out / MARKER).is_file() and (project / out / "index.html").is_file()


def test_leftovers_of_killed_builds_are_cleared_but_only_ours(project):
    ours = [project / ".site.building-abc", project / ".site.old-def"]
    for p in ours:
        p.mkdir()
        (p / MARKER).write_text("x")
    stranger = project / ".site.building-zzz"
    stranger.mkdir()
    (stranger / "keep.txt").write_text("not the build's")
    assert run_build("--seeds", "seeds", "--out", "site", cwd=project).returncode == 0
    assert not any(p.exists() for p in ours)
    assert (stranger / "keep.txt").exists()


def test_a_site_lost_between_two_renames_is_put_back(project):
    (project / "site").rename(project / ".site.old-abc")
    (project / "seeds" / "a.yaml").write_text("title: [unclosed\n", encoding="utf-8")  # this build fails
    refused(run_build("--seeds", "seeds", "--out", "site", cwd=project))
    assert (project / "site" / "index.html").is_file() and not (project / ".site.old-abc").exists()


def with_hook(project: Path, hook: str) -> dict:
    """An environment whose Python runs `hook` (code that patches sitegen) before build.py starts."""
    (project / "sitecustomize.py").write_text(hook, encoding="utf-8")
    return {**os.environ, "PYTHONPATH": str(project)}


# Stops the build with the new site fully written beside the old one, just before the swap.
PAUSE_BEFORE_SWAP = """import sys, time, sitegen.write
swap = sitegen.write._swap
def paused(staging, out_dir):
    print("swapping", file=sys.stderr, flush=True)
    time.sleep(60)
    swap(staging, out_dir)
sitegen.write._swap = paused
"""


@pytest.mark.parametrize("sig, code, says", [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")])
def test_an_interrupted_build_is_one_line_and_leaves_the_site(project, sig, code, says):
    before = snapshot(project / "site")
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--seeds", "seeds", "--out", "site"], cwd=project,
                            env=with_hook(project, PAUSE_BEFORE_SWAP), stderr=subprocess.PIPE, text=True)
    assert proc.stderr.readline() == "swapping\n"
    assert [p.name for p in project.iterdir() if p.name.startswith(".site.building-")]  # the new site, waiting
    proc.send_signal(sig)
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == code and err.strip().splitlines() == [f"{says}: nothing was changed"], err
    assert snapshot(project / "site") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site.")] == []


def test_a_failed_write_is_one_line(project):
    line = refused(run_build("--seeds", "seeds", "--out", "script.py/site", cwd=project), code=1)
    assert line.startswith("error:") and "script.py" in line


ALIAS_BOMB = "".join(f"{k}: &{k} [{', '.join(['*' + p] * 10 if p else ['x'] * 10)}]\n"
                     for p, k in zip(["", "a", "b", "c", "d", "e", "f"], "abcdefg"))


@pytest.mark.parametrize("sidecar, line, says", [
    ("quotes:\n  - {exact: the park, speaker: Mayor, kind: direct}\nquotes: []\n", 3, "given twice (first on line 1)"),
    (ALIAS_BOMB, None, "aliases expand to more than"),
    ("title: &a [*a]\n", 1, "alias refers to itself"),
    ("title: " + "[" * 3000 + "]" * 3000 + "\n", 1, "nested too deeply"),
    ("title: 'line one\n  \x01 ctrl'\n", 2, "U+0001 is not allowed"),
    ("title: x\nquotes: 5\n", 2, "quotes must be a list"),
])
def test_bad_sidecar_yaml_is_refused_in_one_short_line(project, sidecar, line, says):
    (project / "seeds" / "a.yaml").write_text(sidecar, encoding="utf-8")
    before = snapshot(project / "site")
    message = refused(run_build("--seeds", "seeds", "--out", "site", cwd=project))
    assert message.startswith(f"seeds/a.yaml:{line if line else ''}") and says in message
    assert len(message) < 400
    assert snapshot(project / "site") == before


@pytest.mark.parametrize("settings, says", [
    ("party: {name: Russia, aliases: 5}\n", "party aliases must be a list"),
    ("party: Russia\n", "party needs a name"),
    ("layers: 5\n", "layers must be a list"),
    ("base_url: javascript:alert(1)\n", "must be an absolute http:// or https:// address"),
    ("title: a\ntitle: b\n", "given twice"),
])
def test_bad_site_settings_are_refused(project, settings, says):
    (project / "site.yaml").write_text(settings, encoding="utf-8")
    message = refused(run_build("--seeds", "seeds", "--out", "site", cwd=project))
    assert message.startswith("site.yaml:") and says in message


def test_one_party_alias_written_without_brackets_is_one_alias(tmp_path):
    (tmp_path / "site.yaml").write_text("party: {name: Russia, aliases: Moscow}\n", encoding="utf-8")
    assert load_config(tmp_path / "site.yaml").party.aliases == ("Moscow",)


def test_base_url_option_must_be_a_web_address(project):
    message = refused(run_build("--seeds", "seeds", "--out", "site", "--base-url", "javascript:alert(1)", cwd=project))
    assert "--base-url" in message


def test_approximate_anchor_covers_whole_words_and_says_what_it_chose(project):
    (project / "seeds" / "a.yaml").write_text(
        "outlet: Town Crier\ndate: '2025-01-01'\npeople: [{name: the mayor, kind: official}]\n"
        "quotes:\n  - {exact: 'e vote in June to settle the matter', speaker: the mayor, kind: indirect}\n",
        encoding="utf-8")
    result = run_build("--seeds", "seeds", "--out", "site", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "warning: seeds/a.yaml:5: quote 'e vote in June to settle the matter' is not in the text as written; " \
           "it now marks 'the vote in May to settle the matter'" in result.stderr


def test_an_orphaned_long_quote_fails_fast_in_one_line(project):
    long_quote = " ".join(f"word{n}" for n in range(900))  # about 5 KB, in no article
    (project / "seeds" / "a.yaml").write_text(
        f"people: [{{name: the mayor, kind: official}}]\nquotes:\n  - {{exact: '{long_quote}', speaker: the mayor, "
        "kind: direct}\n", encoding="utf-8")
    message = refused(run_build("--seeds", "seeds", "--out", "site", cwd=project))
    assert message.startswith("seeds/a.yaml:3: quote 'word0 word1") and "orphaned" in message and len(message) < 400


def test_a_bug_is_one_line_without_traceback(project):
    env = with_hook(project, "import sitegen.build\ndef boom(*a, **k):\n    raise RuntimeError('boom')\n"
                             "sitegen.build.read_site = boom\n")
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--seeds", "seeds", "--out", "site"],
                            cwd=project, env=env, capture_output=True, text=True, timeout=60)
    assert refused(result, code=1) == ("internal error: RuntimeError: boom (please report it; SITEGEN_DEBUG=1 "
                                       "shows where)")


@pytest.mark.parametrize("sidecar, line, says", [
    ("quotes:\n  - {exact: the park, prefix: 5, speaker: Mayor, kind: direct}\n", 2, "prefix must be text"),
    ("drop:\n  - {exact: the park, layr: quote}\n", 2, "unknown key 'layr'"),
    ("drop:\n  - {exact: the park, layer: quotes}\n", 2, "drop names layer 'quotes', which is not a layer"),
])
def test_sidecar_entries_that_would_be_ignored_are_refused(project, sidecar, line, says):
    (project / "seeds" / "a.yaml").write_text("people: [{name: Mayor, kind: official}]\n" + sidecar, encoding="utf-8")
    message = refused(run_build("--seeds", "seeds", "--out", "site", cwd=project))
    assert message.startswith(f"seeds/a.yaml:{line + 1}:") and says in message


@pytest.mark.parametrize("markdown, line, says", [
    ("---\ntitle: Park\nurl: javascript:alert(1)\n---\nThe council voted.\n", 3, "must be an absolute http"),
    ("---\ntitle: Park\n---\nThe council voted.\n\n" + "> " * 25 + "deep\n\nAfter.\n", 6, "nested more than 18 deep"),
])
def test_markdown_that_would_link_to_script_or_lose_text_is_refused(project, markdown, line, says):
    (project / "seeds" / "a.yaml").unlink()
    (project / "seeds" / "a.txt").unlink()
    (project / "seeds" / "a.md").write_text(markdown, encoding="utf-8")
    message = refused(run_build("--seeds", "seeds", "--out", "site", cwd=project))
    assert message.startswith(f"seeds/a.md:{line}:") and says in message
