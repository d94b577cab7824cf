"""`build.py add`: a URL (served here by a local http.server, never the network) or a file becomes
seeds/<slug>.md with front matter, and builds to the same text."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import run_build
from sitegen.load import load_article

PAGE = Path(__file__).parent / "fixtures/html/saved_page.html"


class Pages(BaseHTTPRequestHandler):
    asked: list[str] = []  # every path requested, to count attempts

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.asked.append(self.path)
        if self.path == "/slow":
            time.sleep(3)
        if self.path in ("/bridge", "/slow"):
            body, kind = PAGE.read_bytes(), "text/html; charset=utf-8"
        elif self.path == "/photo.jpg":
            body, kind = b"\xff\xd8\xff", "image/jpeg"
        else:
            self.send_error(404, "Not Found")
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_a_url_becomes_a_markdown_article_that_builds(tmp_path, server):
    seeds = tmp_path / "seeds"
    result = run_build("add", f"{server}/bridge", "--seeds", str(seeds))
    assert result.returncode == 0, result.stderr
    target = seeds / "council-delays-vote-on-the-river-bridge.md"
    assert f"wrote {target}" in result.stdout
    assert front_matter(target) == {"title": "Council delays vote on the river bridge",
                                    "outlet": "The Riverside Courier", "date": "2025-05-01",
                                    "url": "https://courier.example.org/2025/05/01/bridge-vote", "byline": "Ana Ruiz"}
    from_page = load_article(PAGE)
    from_seed = load_article(target)
    assert [(b.kind, b.text) for b in from_seed.blocks] == [(b.kind, b.text) for b in from_page.blocks]
    built = run_build("--seeds", str(seeds), "--out", str(tmp_path / "out"), "--annotations", "none")
    assert built.returncode == 0, built.stderr
    soup = BeautifulSoup((tmp_path / "out/council-delays-vote-on-the-river-bridge/index.html").read_text(), "html5lib")
    assert soup.find("article").find("h1").get_text() == "Council delays vote on the river bridge"


def test_an_existing_file_is_replaced_only_when_forced(tmp_path):
    seeds = tmp_path / "seeds"
    assert run_build("add", str(PAGE), "--seeds", str(seeds)).returncode == 0
    target = seeds / "council-delays-vote-on-the-river-bridge.md"
    target.write_text(target.read_text(encoding="utf-8").replace("Ana Ruiz", "A. Ruiz"), encoding="utf-8")
    again = run_build("add", str(PAGE), "--seeds", str(seeds))
    assert again.returncode == 2
    assert again.stderr.strip() == f"{target}:1: already exists; use --force to replace it"
    assert "A. Ruiz" in target.read_text(encoding="utf-8")  # the teacher's correction is kept
    forced = run_build("add", str(PAGE), "--seeds", str(seeds), "--force")
    assert forced.returncode == 0 and front_matter(target)["byline"] == "Ana Ruiz"


def test_a_text_file_keeps_every_paragraph_even_those_that_look_like_markdown(tmp_path):
    source = tmp_path / "notes.txt"
    paragraphs = ["1. The first point is that the vote was close.", "- A dash starts this line, then words.",
                  "# Not a heading but a hash sign and a number.", "> Not a block quote either, says the clerk.",
                  "+ Plus signs stay as they are.",
                  "Stars *stay* and _underscores_ too, with [brackets] & <tags>, AT&T and &amp; &#38;.",
                  "2) Second, the budget is short by 5%.", "=== equals signs ==="]
    source.write_text("City budget falls short\n" + "\n".join(paragraphs) + "\n", encoding="utf-8")
    seeds = tmp_path / "seeds"
    result = run_build("add", str(source), "--seeds", str(seeds))
    assert result.returncode == 0, result.stderr
    article = load_article(seeds / "city-budget-falls-short.md")
    assert article.meta.title == "City budget falls short"
    assert [b.text for b in article.blocks] == paragraphs
    assert {b.kind for b in article.blocks} == {"paragraph"}
    assert "outlet:  # not found: fill in" in (seeds / "city-budget-falls-short.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path, message", [
    ("/missing", "the server answered HTTP 404 Not Found"),
    ("/photo.jpg", "not a web page (the server sent image/jpeg)"),
])
def test_http_errors_are_one_line(tmp_path, server, path, message):
    result = run_build("add", f"{server}{path}", "--seeds", str(tmp_path / "seeds"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"cannot add {server}{path}: {message}"
    assert not (tmp_path / "seeds").exists()


def test_a_slow_site_times_out_once_without_retrying(tmp_path, server):
    result = run_build("add", f"{server}/slow", "--seeds", str(tmp_path / "seeds"), "--timeout", "0.5")
    assert Pages.asked.count("/slow") == 1  # one attempt, never retried
    assert result.returncode == 2
    assert result.stderr.strip() == f"cannot add {server}/slow: no answer within 0.5 seconds; try again later"


def test_offline_is_said_plainly(tmp_path):
    import socket
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run_build("add", f"http://127.0.0.1:{port}/x", "--seeds", str(tmp_path / "seeds"))
    assert result.returncode == 2
    assert result.stderr.strip() == (f"cannot add http://127.0.0.1:{port}/x: cannot reach the site (Connection "
                                     "refused); are you online?")
