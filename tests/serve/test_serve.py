"""Tests of serve.py, the static server of the web build: python3 -m unittest discover tests/serve

Each test runs serve.py as a subprocess (`--dir <temp folder> --no-build`), so neither the wasm
build nor any package beyond Python is needed. Requests go over raw sockets: urllib and
http.client normalize or reject the very paths these tests must send. A few seconds in all.
"""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SERVE = REPO / "serve.py"
SECRET = b"TOP-SECRET-OUTSIDE-THE-SITE"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(site: Path, *extra: str, port: int | None = None) -> tuple[subprocess.Popen, int]:
    """Start serve.py on `site`; returns the process and the port it listens on."""
    args = [sys.executable, str(SERVE), "--dir", str(site), "--no-build", "--quiet",
            "--port", str(port if port is not None else 0), *extra]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()  # "Serving <dir> at http://127.0.0.1:<port>/  (Ctrl-C to stop)"
    m = re.search(r"http://[^\s]+:(\d+)/", line)
    if not m:
        proc.kill()
        out, err = proc.communicate()
        raise AssertionError(f"serve.py did not print its URL: {line!r}{out!r}{err!r}")
    return proc, int(m.group(1))


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    proc.stdout.close()
    proc.stderr.close()


class Response:
    def __init__(self, raw: bytes):
        head, _, self.body = raw.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        self.status_line = lines[0]
        self.status = int(lines[0].split()[1])
        self.headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            self.headers[name.strip().lower()] = value.strip()

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


def request(port: int, target: str, method: str = "GET", body: bytes = b"",
            extra_headers: str = "") -> Response:
    """Send one raw HTTP/1.1 request with `target` byte for byte; read until the server closes."""
    head = (f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n"
            f"{extra_headers}")
    if body:
        head += f"Content-Length: {len(body)}\r\n"
    data = head.encode("latin-1") + b"\r\n" + body
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(data)
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
    return Response(b"".join(chunks))


def make_site(tmp: Path) -> Path:
    """A site folder with one file of each kind, a subfolder, an empty folder and symlinks."""
    outside = tmp / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_bytes(SECRET)
    (outside / "index.html").write_bytes(SECRET)
    site = tmp / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>t</title>root index\n")
    (site / "x.wasm").write_bytes(b"\0asm\x01\0\0\0")
    (site / "app.js").write_text("console.log(1);\n")
    (site / "style.css").write_text("body{}\n")
    (site / "icon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>\n")
    (site / "data.json").write_text("{}\n")
    (site / "blob.bin").write_bytes(b"\1\2\3")
    (site / ".hidden").write_text("hidden\n")
    (site / "sub").mkdir()
    (site / "sub" / "index.html").write_text("sub index\n")
    (site / "sub" / "page.html").write_text("sub page\n")
    (site / "empty").mkdir()
    (site / "link-out").symlink_to(outside)                  # folder symlink leading out
    (site / "link-secret").symlink_to(outside / "secret.txt")  # file symlink leading out
    (site / "link-in.html").symlink_to(site / "sub" / "page.html")  # symlink staying inside
    return site


class ServeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="carry-serve-test-")
        cls.site = make_site(Path(cls.tmp.name))
        cls.proc, cls.port = start_server(cls.site)

    @classmethod
    def tearDownClass(cls):
        stop_server(cls.proc)
        cls.tmp.cleanup()

    def get(self, target: str, **kw) -> Response:
        return request(self.port, target, **kw)

    def assertRefused(self, target: str):
        r = self.get(target)
        self.assertIn(r.status, (400, 403, 404), f"{target!r} gave {r.status_line}")
        self.assertNotIn(SECRET, r.body, f"{target!r} leaked the secret")

    # -- content ---------------------------------------------------------------------------------
    def test_mime_types(self):
        expected = {
            "/": "text/html; charset=utf-8",
            "/index.html": "text/html; charset=utf-8",
            "/x.wasm": "application/wasm",
            "/app.js": "text/javascript",
            "/style.css": "text/css",
            "/icon.svg": "image/svg+xml",
            "/data.json": "application/json",
            "/blob.bin": "application/octet-stream",
        }
        for target, mime in expected.items():
            with self.subTest(target=target):
                r = self.get(target)
                self.assertEqual(r.status, 200)
                self.assertTrue(r.header("content-type").startswith(mime), r.header("content-type"))
        self.assertEqual(self.get("/x.wasm").body, b"\0asm\x01\0\0\0")

    def test_security_and_cache_headers(self):
        for target in ("/", "/x.wasm", "/missing", "/../x"):
            with self.subTest(target=target):
                r = self.get(target)
                self.assertEqual(r.header("x-content-type-options"), "nosniff")
                self.assertEqual(r.header("referrer-policy"), "no-referrer")
                csp = r.header("content-security-policy") or ""
                self.assertIn("script-src 'self' 'wasm-unsafe-eval'", csp)
                # Embeddable everywhere, file:// and sandboxed parents included (see serve.py).
                self.assertNotIn("frame-ancestors", csp)
                self.assertIsNone(r.header("x-frame-options"))
                self.assertIn("default-src 'self'", csp)
                self.assertNotIn("unsafe-inline", csp)
                self.assertNotIn("http", csp)  # no remote origin anywhere
        self.assertEqual(self.get("/x.wasm").header("cache-control"), "no-cache")
        self.assertEqual(self.get("/").header("cache-control"), "no-cache")

    def test_etag_revalidation(self):
        etag = self.get("/app.js").header("etag")
        self.assertTrue(etag)
        r = self.get("/app.js", extra_headers=f"If-None-Match: {etag}\r\n")
        self.assertEqual(r.status, 304)
        self.assertEqual(r.body, b"")

    def test_head_has_headers_and_no_body(self):
        r = self.get("/x.wasm", method="HEAD")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("content-length"), "8")
        self.assertEqual(r.header("content-type"), "application/wasm")
        self.assertEqual(r.body, b"")

    def test_query_string_is_ignored(self):
        r = self.get("/?seed=3&hidden=3#frag")
        self.assertEqual(r.status, 200)
        self.assertIn(b"root index", r.body)

    # -- folders ---------------------------------------------------------------------------------
    def test_no_directory_listing(self):
        self.assertEqual(self.get("/empty/").status, 404)
        self.assertEqual(self.get("/empty").status, 404)
        r = self.get("/sub/")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.body, b"sub index\n")
        self.assertNotIn(b"page.html", r.body)

    def test_folder_without_slash_redirects(self):
        r = self.get("/sub?x=1")
        self.assertEqual(r.status, 301)
        self.assertEqual(r.header("location"), "/sub/?x=1")

    def test_missing_file(self):
        self.assertEqual(self.get("/nope.js").status, 404)

    # -- staying inside the folder ---------------------------------------------------------------
    def test_traversal_plain(self):
        for t in ("/../outside/secret.txt", "/sub/../../outside/secret.txt", "/..", "/../",
                  "/./index.html", "/sub/./../../outside/secret.txt"):
            with self.subTest(target=t):
                self.assertRefused(t)

    def test_traversal_encoded(self):
        for t in ("/%2e%2e/outside/secret.txt", "/%2E%2E/outside/secret.txt",
                  "/.%2e/outside/secret.txt", "/%2e./outside/secret.txt",
                  "/sub/%2e%2e/%2e%2e/outside/secret.txt",
                  "/..%2foutside%2fsecret.txt", "/..%2Foutside/secret.txt",
                  "/%2e%2e%2foutside%2fsecret.txt", "/..%5coutside%5csecret.txt",
                  "/index.html%00.js", "/%c0%ae%c0%ae/outside/secret.txt"):
            with self.subTest(target=t):
                self.assertRefused(t)

    def test_traversal_double_encoded(self):
        for t in ("/%252e%252e/outside/secret.txt", "/%252e%252e%252foutside%252fsecret.txt",
                  "/..%252foutside%252fsecret.txt"):
            with self.subTest(target=t):
                self.assertRefused(t)

    def test_traversal_backslash(self):
        for t in ("/..\\outside\\secret.txt", "/sub\\..\\..\\outside\\secret.txt", "/\\etc\\passwd"):
            with self.subTest(target=t):
                self.assertRefused(t)

    def test_absolute_paths(self):
        secret_path = str(Path(self.tmp.name) / "outside" / "secret.txt")
        for t in ("//etc/passwd", "/etc/passwd", secret_path, "/" + secret_path,
                  f"http://127.0.0.1:{self.port}/../outside/secret.txt",
                  f"file://{secret_path}", "*", "outside/secret.txt"):
            with self.subTest(target=t):
                self.assertRefused(t)

    def test_symlinks(self):
        self.assertRefused("/link-secret")
        self.assertRefused("/link-out/secret.txt")
        self.assertRefused("/link-out/")
        self.assertRefused("/link-out")
        r = self.get("/link-in.html")  # a symlink that stays inside the folder is fine
        self.assertEqual(r.status, 200)
        self.assertEqual(r.body, b"sub page\n")

    def test_dot_files_hidden(self):
        self.assertEqual(self.get("/.hidden").status, 403)

    # -- methods and limits ----------------------------------------------------------------------
    def test_other_methods_405(self):
        for method in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS"):
            with self.subTest(method=method):
                r = self.get("/index.html", method=method, body=b"x=1")
                self.assertEqual(r.status, 405)
                self.assertEqual(r.header("allow"), "GET, HEAD")
                self.assertEqual(r.header("x-content-type-options"), "nosniff")

    def test_request_line_limit(self):
        r = self.get("/" + "a" * 20000)
        self.assertEqual(r.status, 414)

    def test_server_still_up_after_abuse(self):
        self.assertRefused("/%2e%2e/%2e%2e/%2e%2e/etc/passwd")
        self.assertEqual(self.get("/").status, 200)


class ProcessTest(unittest.TestCase):
    """Start-up and shutdown behaviour: one server per test."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="carry-serve-test-")
        self.site = make_site(Path(self.tmp.name))

    def tearDown(self):
        self.tmp.cleanup()

    def test_default_bind_is_loopback(self):
        proc, port = start_server(self.site)
        try:
            listening = []
            for table in ("/proc/net/tcp", "/proc/net/tcp6"):
                if not os.path.exists(table):
                    continue
                for line in Path(table).read_text().splitlines()[1:]:
                    fields = line.split()
                    addr, hexport = fields[1].split(":")
                    if int(hexport, 16) == port and fields[3] == "0A":  # 0A = LISTEN
                        listening.append(addr)
            self.assertEqual(listening, ["0100007F"], "should listen on 127.0.0.1 only")
        finally:
            stop_server(proc)

    def test_busy_port(self):
        with socket.socket() as blocker:
            blocker.bind(("127.0.0.1", 0))
            blocker.listen()
            port = blocker.getsockname()[1]
            res = subprocess.run([sys.executable, str(SERVE), "--dir", str(self.site), "--no-build",
                                  "--port", str(port)], capture_output=True, text=True, timeout=10)
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("--port", res.stderr)
        self.assertIn(str(port), res.stderr)
        self.assertNotIn("Traceback", res.stderr)
        self.assertEqual(len(res.stderr.strip().splitlines()), 1, res.stderr)

    def test_sigint_exits_cleanly(self):
        proc, port = start_server(self.site, port=free_port())
        self.assertEqual(request(port, "/").status, 200)
        # A keep-alive connection left open must not hold up the shutdown.
        idle = socket.create_connection(("127.0.0.1", port))
        try:
            time.sleep(0.1)
            proc.send_signal(signal.SIGINT)
            code = proc.wait(5)
            err = proc.stderr.read()
        finally:
            idle.close()
            stop_server(proc)
        self.assertEqual(code, 0, err)
        self.assertNotIn("Traceback", err)

    def test_missing_dir(self):
        res = subprocess.run([sys.executable, str(SERVE), "--dir", str(self.site / "nope"), "--no-build"],
                             capture_output=True, text=True, timeout=10)
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("no such folder", res.stderr)
        self.assertNotIn("Traceback", res.stderr)


if __name__ == "__main__":
    unittest.main()
