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
from pathlib import Path

import pytest

from conftest import ROOT, run_build
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


# Stops the build with everything it writes written beside the old site, just before it goes live.
PAUSE_BEFORE_GOING_LIVE = """import sys, time, sitegen.write
go_live = sitegen.write._go_live
def paused(output):
    print("going live", file=sys.stderr, flush=True)
    time.sleep(60)
    go_live(output)
sitegen.write._go_live = paused
"""


@pytest.mark.parametrize("how", [(), ("--no-cache",)], ids=["in place", "whole folder"])
@pytest.mark.parametrize("sig, code, says", [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")])
def test_an_interrupted_build_is_one_line_and_leaves_the_site(project, sig, code, says, how):
    """A rebuild writes only what changed (in place) or, without the cache, a whole new folder."""
    before = snapshot(project / "site")
    (project / "seeds" / "a.txt").write_text(ARTICLE + "A new paragraph, the clerk said.\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--seeds", "seeds", "--out", "site", *how],
                            cwd=project, env=with_hook(project, PAUSE_BEFORE_GOING_LIVE), stderr=subprocess.PIPE,
                            text=True)
    assert proc.stderr.readline() == "going live\n"
    assert [p.name for p in project.iterdir() if p.name.startswith(".site.building-")]  # the new pages, waiting
    proc.send_signal(sig)
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == code and err.strip().splitlines() == [f"{says}: nothing was changed"], err
    assert snapshot(project / "site") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site.")] == [".site.cache"]


# Sends the build Ctrl-C as it starts to change the site (inside the block that holds signals).
INTERRUPT_WHILE_UPDATING = """import contextlib, os, signal, sitegen.write
held = sitegen.write.signals_held
@contextlib.contextmanager
def interrupted():
    with held():
        os.kill(os.getpid(), signal.SIGINT)
        yield
sitegen.write.signals_held = interrupted
"""


def test_ctrl_c_while_pages_go_live_waits_until_the_site_is_whole(project, tmp_path):
    (project / "seeds" / "a.txt").write_text(ARTICLE + "A new paragraph, the clerk said.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--seeds", "seeds", "--out", "site"],
                            cwd=project, env=with_hook(project, INTERRUPT_WHILE_UPDATING), capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert run_build("--seeds", "seeds", "--out", str(tmp_path / "clean"), "--no-cache", cwd=project).returncode == 0
    assert snapshot(project / "site") == snapshot(tmp_path / "clean")
    assert "A new paragraph" in (project / "site" / "council-approves-new-park" / "index.html").read_text("utf-8")


# Kills the build (no clean-up, as SIGKILL would) after the new marker and one page have gone live.
KILLED_WHILE_UPDATING = """import os, sitegen.write
replace = sitegen.write.os.replace
def killed(a, b):
    replace(a, b)
    killed.moved = getattr(killed, "moved", 0) + (".building-" in str(a))
    if killed.moved == 2:
        os._exit(9)
sitegen.write.os.replace = killed
"""


def test_a_site_killed_while_it_was_updated_is_built_whole_again(project, tmp_path):
    """Half of one build's pages and half of another's: the next build must not keep any of them as the
    last build's, even when the article went back to what that build read."""
    original = (project / "seeds" / "a.txt").read_text(encoding="utf-8")
    (project / "seeds" / "a.txt").write_text(original + "A new paragraph, the clerk said.\n", encoding="utf-8")
    killed = subprocess.run([sys.executable, str(ROOT / "build.py"), "--seeds", "seeds", "--out", "site"],
                            cwd=project, env=with_hook(project, KILLED_WHILE_UPDATING), capture_output=True,
                            text=True, timeout=120)
    assert killed.returncode == 9, killed.stderr
    (project / "sitecustomize.py").unlink()
    (project / "seeds" / "a.txt").write_text(original, encoding="utf-8")
    assert run_build("--seeds", "seeds", "--out", "site", cwd=project).returncode == 0
    assert run_build("--seeds", "seeds", "--out", str(tmp_path / "clean"), "--no-cache", cwd=project).returncode == 0
    assert snapshot(project / "site") == snapshot(tmp_path / "clean")


def test_a_failed_write_is_one_line(project):
    line = refused(run_build("--seeds", "seeds", "--out", "script.py/site", cwd=project), code=1)
    assert line.startswith("error:") and "script.py" in line


BAD = sorted((Path(__file__).parent / "fixtures" / "bad").glob("*/expect"))


@pytest.mark.parametrize("expect", BAD, ids=[p.parent.name for p in BAD])
def test_every_bad_input_is_one_located_line_and_loses_nothing(project, expect):
    """The corpus in tests/fixtures/bad: each case built over a good site."""
    case = expect.parent
    shutil.rmtree(project / "seeds")
    shutil.copytree(case / "seeds", project / "seeds")
    if (case / "site.yaml").exists():
        shutil.copy(case / "site.yaml", project / "site.yaml")
    before = snapshot(project)
    message = refused(run_build("--seeds", "seeds", "--out", "site", cwd=project))
    assert message.startswith(expect.read_text(encoding="utf-8").strip()), message
    assert len(message) < 400
    assert snapshot(project) == before


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


def test_a_bug_is_one_line_without_traceback(project):
    env = with_hook(project, "import sitegen.build\ndef boom(*a, **k):\n    raise RuntimeError('boom')\n"
                             "sitegen.build.site_key = boom\n")  # on every build, even one with nothing to do
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--seeds", "seeds", "--out", "site"],
                            cwd=project, env=env, capture_output=True, text=True, timeout=60)
    assert refused(result, code=1) == ("internal error: RuntimeError: boom (please report it; SITEGEN_DEBUG=1 "
                                       "shows where)")

