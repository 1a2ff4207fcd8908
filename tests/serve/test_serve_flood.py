"""serve.py under load and odd input (issue 8): what tests/serve/test_serve.py does not cover yet.

- a flood of 2 000 requests from 50 concurrent clients on loopback, mixing good files, missing
  files, traversal attempts and bad methods; every answer must be right, and the server must stay
  up and answer correctly afterwards;
- idle half-open connections (slowloris-style) do not stop other clients being served;
- very long paths below the request-line limit: a path component longer than NAME_MAX, thousands
  of "../" segments, deep nesting: refused cleanly (4xx, never 500, never the secret);
- methods beyond POST/PUT/...: TRACE, CONNECT, lowercase and made-up ones are refused.
"""
from __future__ import annotations

import socket
import tempfile
import threading
import time
import unittest
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from test_serve import SECRET, make_site, request, start_server, stop_server

CLIENTS = 50
REQUESTS = 2000


class FloodTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="carry-serve-flood-")
        cls.site = make_site(Path(cls.tmp.name))
        cls.big = bytes(range(256)) * 1024  # 256 KiB: responses that take more than one send
        (cls.site / "big.wasm").write_bytes(cls.big)
        cls.proc, cls.port = start_server(cls.site)

    @classmethod
    def tearDownClass(cls):
        stop_server(cls.proc)
        cls.tmp.cleanup()

    def get(self, target: str, **kw):
        return request(self.port, target, **kw)

    def assertAlive(self):
        self.assertIsNone(self.proc.poll(), "serve.py exited")
        r = self.get("/index.html")
        self.assertEqual(r.status, 200)
        self.assertIn(b"root index", r.body)

    def test_flood_2000_requests_50_clients(self):
        # (target, method, expected status, expected body or None)
        kinds = [
            ("/index.html", "GET", 200, (self.site / "index.html").read_bytes()),
            ("/big.wasm", "GET", 200, self.big),
            ("/x.wasm", "HEAD", 200, b""),
            ("/missing.js", "GET", 404, None),
            ("/../outside/secret.txt", "GET", 403, None),
            ("/%2e%2e/outside/secret.txt", "GET", 403, None),
            ("/index.html", "POST", 405, None),
        ]
        statuses: dict[int, int] = {}
        errors: list[str] = []
        lock = threading.Lock()

        def one(i: int) -> float:
            target, method, status, body = kinds[i % len(kinds)]
            t0 = time.perf_counter()
            for attempt in range(3):  # a refused connect under a full backlog may be retried
                try:
                    r = request(self.port, target, method=method, body=b"x" if method == "POST" else b"")
                    break
                except ConnectionRefusedError:
                    time.sleep(0.05 * (attempt + 1))
            else:
                with lock:
                    errors.append(f"{method} {target}: connection refused 3 times")
                return 0.0
            dt = time.perf_counter() - t0
            with lock:
                statuses[r.status] = statuses.get(r.status, 0) + 1
                if status == 403:
                    ok = r.status in (400, 403, 404)
                else:
                    ok = r.status == status
                if not ok:
                    errors.append(f"{method} {target}: {r.status_line}")
                elif body is not None and r.body != body:
                    errors.append(f"{method} {target}: wrong body ({len(r.body)} bytes)")
                if SECRET in r.body:
                    errors.append(f"{method} {target}: leaked the secret")
            return dt

        t0 = time.perf_counter()
        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            times = sorted(pool.map(one, range(REQUESTS)))
        wall = time.perf_counter() - t0
        print(f"\nflood: {REQUESTS} requests, {CLIENTS} clients, {wall:.2f} s "
              f"({REQUESTS / wall:.0f} req/s), median {times[len(times) // 2] * 1000:.1f} ms, "
              f"p99 {times[int(len(times) * 0.99)] * 1000:.1f} ms, statuses {dict(sorted(statuses.items()))}",
              flush=True)
        self.assertEqual(errors[:10], [])
        self.assertEqual(sum(statuses.values()), REQUESTS)
        self.assertAlive()
        # And still byte-exact on a big file after the flood.
        self.assertEqual(self.get("/big.wasm").body, self.big)

    def test_idle_connections_do_not_block_others(self):
        idle = []
        try:
            for _ in range(CLIENTS):
                s = socket.create_connection(("127.0.0.1", self.port), timeout=5)
                s.sendall(b"GET /index.html HTTP/1.1\r\nHost: x\r\n")  # never finishes its headers
                idle.append(s)
            t0 = time.perf_counter()
            self.assertAlive()
            self.assertLess(time.perf_counter() - t0, 5.0)
        finally:
            for s in idle:
                s.close()
        self.assertAlive()

    def test_very_long_paths(self):
        targets = [
            "/" + "a" * 300,                              # one component beyond NAME_MAX (255)
            "/" + "a" * 300 + ".wasm",
            "/" + "/".join(["d"] * 2000),                 # deep nesting, 4 000 characters
            "/" + "../" * 2000 + "etc/passwd",            # 6 000 characters of traversal
            "/" + "%2e%2e/" * 1000 + "etc/passwd",        # encoded, 7 000 characters
            "/" + "%2e%2e%2f" * 800 + "etc/passwd",
            "/sub/" + "./" * 3000 + "page.html/..",
            "/" + "%" * 4000,                             # bad escapes
            "/" + "%00" * 2000,                           # NUL bytes
        ]
        for t in targets:
            with self.subTest(target=t[:40] + "..."):
                r = self.get(t)
                self.assertIn(r.status, (400, 403, 404, 414), r.status_line)
                self.assertNotIn(SECRET, r.body)
                self.assertNotIn(b"root:", r.body)
        self.assertAlive()

    def test_more_methods_refused(self):
        for method in ("TRACE", "CONNECT", "get", "PROPFIND", "MKCOL", "BREW", "X" * 100):
            with self.subTest(method=method[:20]):
                r = self.get("/index.html", method=method)
                self.assertIn(r.status, (400, 405, 501), r.status_line)
                self.assertNotIn(b"root index", r.body)
                self.assertEqual(r.header("x-content-type-options"), "nosniff")
        self.assertAlive()

    def test_security_headers_on_errors_and_csp_has_no_remote_code(self):
        for target, method in (("/missing", "GET"), ("/index.html", "DELETE"), ("/" + "a" * 20000, "GET")):
            with self.subTest(target=target[:20], method=method):
                r = self.get(target, method=method)
                self.assertEqual(r.header("x-content-type-options"), "nosniff")
                csp = r.header("content-security-policy") or ""
                self.assertIn("default-src 'self'", csp)
        csp = self.get("/").header("content-security-policy")
        directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
        # Scripts: only the site's own files, plus compiling its own wasm; no eval, no inline code.
        self.assertEqual(directives["script-src"], ["'self'", "'wasm-unsafe-eval'"])
        self.assertEqual(directives["object-src"], ["'none'"])
        self.assertEqual(directives["base-uri"], ["'none'"])
        for name, sources in directives.items():
            for src in sources:
                with self.subTest(directive=name, source=src):
                    self.assertNotIn(src, ("*", "'unsafe-eval'", "'unsafe-inline'", "https:", "http:"))
                    self.assertFalse(src.startswith(("http://", "https://")), "remote origin")


if __name__ == "__main__":
    unittest.main()
