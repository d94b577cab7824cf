"""The development server's parts: incremental rebuilds, debouncing, and the error page."""
from __future__ import annotations

import shutil
import threading
import time

from conftest import SEEDS
from sitegen.config import SiteConfig
from sitegen.serve import DevBuild, snapshot, wait_until_quiet, wsgi_app

TWO = """Council approves new park
The council voted 5-2 on Monday, the mayor said.
"""


def scratch(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "park.txt").write_text(TWO, encoding="utf-8")
    (seeds / "park.yaml").write_text("outlet: Town Crier\ndate: '2025-01-02'\n", encoding="utf-8")
    return DevBuild(SiteConfig(seeds_dir=seeds, out_dir=tmp_path / "site"))


def start_server(tmp_path):
    """`build.py serve` on a free port over a folder with one article: (seeds, port, process)."""
    import socket
    import subprocess
    import sys

    from conftest import ROOT

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "park.txt").write_text(TWO, encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--seeds", str(seeds), "--out",
                               str(tmp_path / "site"), "--port", str(port)], cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return seeds, port, server


def call(app, path):
    status = {}
    body = b"".join(app({"PATH_INFO": path}, lambda s, h: status.update(code=s, headers=dict(h))))
    return status["code"], body


def test_first_build_writes_everything_then_an_edit_touches_only_its_pages(tmp_path):
    dev = scratch(tmp_path)
    first = dev.rebuild()
    assert dev.error is None and "index.html" in first and len(first) > 40
    other = next(p for p in (tmp_path / "site").glob("*/index.html") if "park" not in p.parent.name)
    before = other.stat().st_mtime_ns
    time.sleep(0.01)
    park = tmp_path / "seeds/park.txt"
    park.write_text(TWO + "Residents cheered the decision, a neighbour said.\n", encoding="utf-8")
    written = dev.rebuild()
    assert "council-approves-new-park/index.html" in written
    assert "index.html" in written  # the home page lists its word count
    assert all(p.startswith(("council-approves-new-park/", "index.html", "people/", "conditions/", "sources/"))
               for p in written), written
    assert other.stat().st_mtime_ns == before  # the seeds' pages were not rewritten
    assert dev.rebuild() == []  # nothing changed, nothing written


def test_a_template_change_renders_everything(tmp_path):
    dev = scratch(tmp_path)
    dev.rebuild()
    dev.shared = {}  # as if a template had changed since
    assert len(dev.rebuild()) > 40


def test_a_build_error_is_shown_in_every_page_until_fixed(tmp_path):
    dev = scratch(tmp_path)
    dev.rebuild()
    app = wsgi_app(dev)
    assert call(app, "/")[0].startswith("200")
    sidecar = tmp_path / "seeds/park.yaml"
    sidecar.write_text("outlet: [Town <Crier>\n", encoding="utf-8")
    assert dev.rebuild() == [] and "park.yaml:1: malformed YAML" in dev.error
    status, body = call(app, "/people/")
    assert status.startswith("500") and b"The build failed" in body and b"park.yaml:1" in body
    assert b"<Crier>" not in body  # the error is escaped like any input
    sidecar.write_text("outlet: Town Crier\ndate: '2025-01-02'\n", encoding="utf-8")
    dev.rebuild()
    assert dev.error is None and call(app, "/")[0].startswith("200")
    assert call(app, "/../../etc/passwd")[0].startswith("404")


def test_a_burst_of_saves_is_waited_out(tmp_path):
    folder = tmp_path / "w"
    folder.mkdir()

    def burst():
        for i in range(5):
            (folder / "a.txt").write_text(f"save {i}")
            time.sleep(0.06)

    started = time.monotonic()
    writer = threading.Thread(target=burst)
    writer.start()
    wait_until_quiet(lambda: snapshot([folder]), quiet=0.2, poll=0.02)
    writer.join()
    assert time.monotonic() - started >= 0.2 + 0.06 * 4 - 0.05  # returned only after the last save
    assert (folder / "a.txt").read_text() == "save 4"


def test_serve_rebuilds_an_edited_article_and_injects_live_reload(tmp_path):
    """`build.py serve` as a person runs it: the page is served with the reload script, and an
    edit to an article shows up in the served page without restarting anything."""
    from urllib.request import urlopen

    seeds, port, server = start_server(tmp_path)
    url = f"http://127.0.0.1:{port}/council-approves-new-park/index.html"

    def page() -> str:
        with urlopen(url, timeout=5) as response:
            return response.read().decode()

    def wait_for(predicate, seconds=15.0):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if predicate():
                    return True
            except OSError:
                pass
            time.sleep(0.2)
        return False

    try:
        assert wait_for(lambda: "livereload.js" in page()), "no page with the live-reload script"
        (seeds / "park.txt").write_text(TWO + "Residents cheered, a neighbour said.\n", encoding="utf-8")
        assert wait_for(lambda: "Residents cheered" in page()), "the edit never reached the served page"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_any_failure_is_shown_in_the_page_not_only_bad_input(tmp_path, monkeypatch):
    dev = scratch(tmp_path)
    dev.rebuild()

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")
    monkeypatch.setattr("sitegen.serve.people_entries", broken)
    (tmp_path / "seeds/park.txt").write_text(TWO + "A second paragraph, the clerk said.\n", encoding="utf-8")
    dev.rebuild()
    status, body = call(wsgi_app(dev), "/")
    assert status.startswith("500") and b"RuntimeError: disk on fire" in body


def test_a_retitled_article_leaves_no_old_pages(tmp_path):
    dev = scratch(tmp_path)
    dev.rebuild()
    assert (tmp_path / "site/council-approves-new-park/index.html").exists()
    (tmp_path / "seeds/park.txt").write_text(TWO.replace("Council approves new park", "Council rejects new park"),
                                             encoding="utf-8")
    dev.rebuild()
    assert (tmp_path / "site/council-rejects-new-park/index.html").exists()
    assert not (tmp_path / "site/council-approves-new-park").exists()


def test_a_fix_saved_right_after_a_mistake_reloads_the_page(tmp_path):
    """livereload throttles reloads to one per 3 s; the server must reload for every build."""
    import asyncio
    import json

    from tornado.websocket import websocket_connect

    seeds, port, server = start_server(tmp_path)

    async def reloads_after_two_quick_saves() -> int:
        for _ in range(100):
            try:
                ws = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
                break
            except OSError:
                await asyncio.sleep(0.1)
        ws.write_message(json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
        await ws.read_message()  # the server's hello
        ws.write_message(json.dumps({"command": "info", "url": f"http://127.0.0.1:{port}/"}))  # now a waiter
        await asyncio.sleep(0.5)
        (seeds / "park.txt").write_text(TWO + "A typo'd paragraph, the clerk said.\n", encoding="utf-8")
        first = json.loads(await ws.read_message())
        (seeds / "park.txt").write_text(TWO + "A fixed paragraph, the clerk said.\n", encoding="utf-8")
        second = json.loads(await ws.read_message())  # within a second or two of the first
        return [first["command"], second["command"]]

    # In a thread of its own: a browser test may have left this thread's event loop running.
    outcome: list = []
    listener = threading.Thread(target=lambda: outcome.append(
        asyncio.run(asyncio.wait_for(reloads_after_two_quick_saves(), timeout=30))))
    try:
        listener.start()
        listener.join(timeout=40)
        assert outcome == [["reload", "reload"]]
    finally:
        server.terminate()
        server.wait(timeout=10)


def site_files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_incremental_rebuilds_equal_a_clean_build(tmp_path):
    """Whatever the dev server keeps between builds (hashes, compiled templates, what the home page shows of
    each article), the site after each edit is the one a clean build makes of the same files."""
    from conftest import run_build

    dev = scratch(tmp_path)
    seeds = tmp_path / "seeds"
    (seeds / "zz-trees.txt").write_text("Trees for the park\nLee Min, an arborist, said the oaks were healthy.\n"
                                        "Min Ho, a gardener, said the elms were not.\n", encoding="utf-8")
    dev.rebuild()
    edits = [("park.txt", TWO + '"We will plant oaks," said Lee Min, an arborist at the city nursery.\n'),
             # one person of two names: the unedited article now names one person, not two
             ("park.yaml", "outlet: Town Crier\ndate: '2025-01-02'\npeople:\n"
                           "  - {name: Lee Min, aliases: [Min Ho], kind: expert, role: tree scientist}\n"),
             ("park.txt", TWO + '"We will plant oaks and elms," said Lee Min.\n')]
    for n, (name, text) in enumerate(edits):
        (seeds / name).write_text(text, encoding="utf-8")
        assert dev.rebuild() and dev.error is None
        clean = tmp_path / f"clean{n}"
        result = run_build("--seeds", str(seeds), "--out", str(clean), "--no-cache")
        assert result.returncode == 0, result.stderr
        assert site_files(dev.config.out_dir) == site_files(clean), name


def test_an_edit_renders_the_home_page_that_lists_it(tmp_path):
    """The home page is cut into pages of HOME_PAGE_SIZE, and an edit renders only the one listing the
    edited article: that page is written, and the site equals a clean build."""
    from conftest import run_build
    from sitegen.render.pages import HOME_PAGE_SIZE

    dev = scratch(tmp_path)
    seeds = tmp_path / "seeds"
    for n in range(HOME_PAGE_SIZE + 5):
        (seeds / f"n{n:03}.txt").write_text(f"Notice {n}\nThe school said lessons would start at {n % 9} o'clock.\n",
                                           encoding="utf-8")
    dev.rebuild()
    last = sorted(seeds.glob("n*.txt"))[-1]  # listed on the second page
    last.write_text(last.read_text(encoding="utf-8") + '"We are ready," said Head Teacher Ana Ruiz.\n',
                    encoding="utf-8")
    written = dev.rebuild()
    assert dev.error is None and "index-2.html" in written
    clean = tmp_path / "clean"
    result = run_build("--seeds", str(seeds), "--out", str(clean), "--no-cache")
    assert result.returncode == 0, result.stderr
    assert site_files(dev.config.out_dir) == site_files(clean)
