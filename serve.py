#!/usr/bin/env python3
"""Build Carry's WebAssembly playground when needed, then serve it: python3 serve.py

A small static file server for one folder, Python standard library only.

    python3 serve.py                 # set up, build (incremental), serve http://127.0.0.1:8000/
    python3 serve.py --port 8080     # another port
    python3 serve.py --no-build      # serve build/web/site/ as it is
    python3 serve.py --dir some/dir  # serve another folder (never builds)

What it guarantees (tests/serve/test_serve.py checks each point):
  - serves ONLY the site folder: `..`, encoded separators and dots (`%2e%2e`, `%2f`, `%5c`),
    backslashes, NUL bytes, dot-files and symlinks that lead outside are refused (403/404);
  - no directory listings: a folder gives its index.html or 404;
  - GET and HEAD only (other methods: 405 with an Allow header);
  - correct MIME types (application/wasm for streaming compilation, text/javascript, ...);
  - headers for a static wasm page that course notes embed in an <iframe>:
    nosniff, a Content-Security-Policy allowing only the site's own scripts plus wasm compilation
    and embedding by any page (no frame-ancestors, no X-Frame-Options), no referrer, and
    `Cache-Control: no-cache` (always revalidate; ETags make that cheap) so a rebuild is
    picked up by a plain reload;
  - binds 127.0.0.1 unless told otherwise; a busy port is a one-line message naming --port;
    Ctrl-C stops it with exit code 0 and no traceback.
"""
from __future__ import annotations

import argparse
import errno
import email.utils
import http.server
import os
import posixpath
import signal
import socket
import subprocess
import sys
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DEFAULT_PORT = 8000

# Explicit table: mimetypes' answers depend on the machine's /etc/mime.types.
MIME_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".wasm": "application/wasm",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".data": "application/octet-stream",
}
DEFAULT_MIME = "application/octet-stream"

# The page runs its own scripts and compiles its own wasm; nothing is fetched from elsewhere.
# Embedding is allowed everywhere (course notes use an <iframe>), so there is deliberately NO
# frame-ancestors directive: even `frame-ancestors *` blocks parents with an opaque origin, i.e.
# notes opened from disk (file://), sandboxed iframes (notebooks, LMS pages) and about:blank
# (Chromium: "'*' matches only URLs with network schemes"). Nor is X-Frame-Options sent.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
])
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "cross-origin",
}
ALLOWED_METHODS = "GET, HEAD"
MAX_REQUEST_LINE = 8 * 1024  # bytes; longer request lines get 414 (headers: http.client's limits)
REQUEST_TIMEOUT = 30  # seconds a connection may sit idle or dribble a request


class RefusedPath(Exception):
    """The request names something outside the site folder, or in a way we do not accept."""


def resolve_request_path(site: str, raw_target: str) -> str:
    """Map a request target to a real path inside `site` (itself a realpath), or raise.

    Raises RefusedPath (403) for anything that tries to leave the folder or hide a separator,
    FileNotFoundError (404) for symlinks that lead outside and for missing files.
    """
    path = raw_target.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/") or path.startswith("//"):
        raise RefusedPath("not an origin-form path")  # absolute-form, authority-form, '*'
    lowered = path.lower()
    # Encoded separators and NULs never name a file of a static site: refuse before decoding.
    if "\\" in path or "%2f" in lowered or "%5c" in lowered or "%00" in lowered:
        raise RefusedPath("encoded separator")
    try:
        decoded = urllib.parse.unquote(path, errors="strict")
    except UnicodeDecodeError as e:
        raise RefusedPath("bad percent-encoding") from e
    if "\\" in decoded or "\x00" in decoded:
        raise RefusedPath("backslash or NUL")
    parts = [p for p in decoded.split("/") if p]
    for part in parts:
        if part in (".", "..") or part.startswith("."):
            raise RefusedPath("dot segment or hidden file")
    full = os.path.realpath(os.path.join(site, *parts))
    if full != site and not full.startswith(site + os.sep):
        raise FileNotFoundError(full)  # a symlink pointing out of the folder: pretend it is not there
    if os.path.isdir(full):
        full = os.path.realpath(os.path.join(full, "index.html"))
        if not full.startswith(site + os.sep):
            raise FileNotFoundError(full)
    if not os.path.isfile(full):
        raise FileNotFoundError(full)
    return full


class SiteHandler(http.server.BaseHTTPRequestHandler):
    """Serves files of `self.server.site` (a realpath); see the module docstring for the rules."""

    server_version = "carry-serve"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    timeout = REQUEST_TIMEOUT
    error_content_type = "text/plain; charset=utf-8"
    error_message_format = "%(code)d %(message)s\n"

    # -- request handling -----------------------------------------------------------------------
    def handle_one_request(self) -> None:
        # BaseHTTPRequestHandler's loop with a tighter request-line limit.
        try:
            self.raw_requestline = self.rfile.readline(MAX_REQUEST_LINE + 1)
            if len(self.raw_requestline) > MAX_REQUEST_LINE:
                self.requestline = self.request_version = self.command = ""
                self.send_error(414)
                return
            if not self.raw_requestline:
                self.close_connection = True
                return
            if not self.parse_request():
                return
            method = getattr(self, "do_" + self.command, None)
            if method is None:
                self.send_error(501, "Unsupported method")
                return
            method()
            self.wfile.flush()
        except (socket.timeout, TimeoutError, ConnectionError):
            self.close_connection = True

    def do_GET(self) -> None:
        self.serve_file(send_body=True)

    def do_HEAD(self) -> None:
        self.serve_file(send_body=False)

    def method_not_allowed(self) -> None:
        self.close_connection = True  # any request body stays unread
        self.send_response(405)
        self.send_header("Allow", ALLOWED_METHODS)
        body = b"405 Method Not Allowed\n"
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = method_not_allowed

    def serve_file(self, send_body: bool) -> None:
        try:
            full = resolve_request_path(self.server.site, self.path)
        except RefusedPath:
            self.send_error(403)
            return
        except (FileNotFoundError, OSError):
            self.send_error(404)
            return
        # A folder's index.html is served at the folder's URL with a trailing slash, so that
        # relative URLs in it (carry.js, style.css) resolve inside the folder.
        path_only = self.path.split("?", 1)[0].split("#", 1)[0]
        if full.endswith(os.sep + "index.html") and not path_only.endswith(("/", "/index.html")):
            query = self.path[len(path_only):]
            self.send_response(301)
            self.send_header("Location", path_only + "/" + query)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        try:
            f = open(full, "rb")
        except OSError:
            self.send_error(404)
            return
        with f:
            st = os.fstat(f.fileno())
            etag = f'"{st.st_mtime_ns:x}-{st.st_size:x}"'
            if etag in [t.strip() for t in self.headers.get("If-None-Match", "").split(",")]:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                return
            ext = posixpath.splitext(full)[1].lower()
            self.send_response(200)
            self.send_header("Content-Type", MIME_TYPES.get(ext, DEFAULT_MIME))
            self.send_header("Content-Length", str(st.st_size))
            self.send_header("Last-Modified", email.utils.formatdate(st.st_mtime, usegmt=True))
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            if send_body:
                try:
                    while chunk := f.read(256 * 1024):
                        self.wfile.write(chunk)
                except (ConnectionError, socket.timeout, TimeoutError):
                    self.close_connection = True

    # -- headers and logging --------------------------------------------------------------------
    def end_headers(self) -> None:
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        super().end_headers()

    def log_request(self, code="-", size="-") -> None:
        if not self.server.quiet:
            path = self.path if len(self.path) <= 120 else self.path[:117] + "..."
            sys.stderr.write(f"{self.command} {path} {code}\n")

    def log_error(self, format, *args) -> None:  # noqa: A002 (BaseHTTPRequestHandler's name)
        pass  # send_error also calls log_request, which prints the status line


class SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True  # Ctrl-C does not wait for open keep-alive connections
    request_queue_size = 64

    def __init__(self, address, site: Path, quiet: bool):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.site = os.path.realpath(site)
        self.quiet = quiet
        super().__init__(address, SiteHandler)

    def handle_error(self, request, client_address) -> None:
        # A client that vanishes mid-response is not worth a traceback.
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, socket.timeout, TimeoutError)):
            return
        super().handle_error(request, client_address)


def build_site() -> Path:
    """Install what is missing and build the web preset (incremental); returns build/web/site/."""
    sys.path.insert(0, str(ROOT / "tools"))
    import setup  # tools/setup.py

    try:
        setup.ensure_ready(web=True)
        return Path(setup.build_web())
    except subprocess.CalledProcessError as e:
        cmd = " ".join(map(str, e.cmd)) if isinstance(e.cmd, (list, tuple)) else str(e.cmd)
        sys.exit(f"serve.py: the build failed (exit code {e.returncode}): {cmd}")


def url_for(host: str, port: int) -> str:
    shown = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "[::1]"}.get(host, host)
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def _stop_on_sigterm(signum, frame) -> None:
    raise KeyboardInterrupt


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description="Build Carry's WebAssembly playground when needed and serve it locally.")
    ap.add_argument("--host", default="127.0.0.1",
                    help="address to bind (default 127.0.0.1; 0.0.0.0 exposes it to your network)")
    ap.add_argument("--port", type=int, default=DEFAULT_PORT,
                    help=f"port to listen on (default {DEFAULT_PORT}; 0 picks a free one)")
    ap.add_argument("--no-build", action="store_true",
                    help="skip set-up and build; serve build/web/site/ as it is")
    ap.add_argument("--dir", type=Path, default=None,
                    help="serve this folder instead of build/web/site/ (implies --no-build)")
    ap.add_argument("--quiet", action="store_true", help="do not log requests")
    args = ap.parse_args(argv)
    if not 0 <= args.port <= 65535:
        ap.error("--port must be between 0 and 65535")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Ctrl-C works even when started from a shell that ignores SIGINT for background jobs;
    # SIGTERM (e.g. from a test harness) stops the server the same way.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)

    if args.dir is not None:
        site = args.dir
    elif args.no_build:
        site = ROOT / "build" / "web" / "site"
    else:
        try:
            site = build_site()
        except KeyboardInterrupt:
            print("\nserve.py: interrupted during the build", file=sys.stderr)
            return 130
    if not site.is_dir():
        hint = "" if args.dir else " (run without --no-build to build it)"
        print(f"serve.py: no such folder: {site}{hint}", file=sys.stderr)
        return 1
    if not (site / "index.html").is_file():
        print(f"serve.py: warning: {site} has no index.html", file=sys.stderr)

    try:
        server = SiteServer((args.host, args.port), site, args.quiet)
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            print(f"serve.py: port {args.port} on {args.host} is already in use; "
                  f"choose another with --port (e.g. --port {args.port + 1 if args.port else 8001})",
                  file=sys.stderr)
        elif e.errno == errno.EACCES:
            print(f"serve.py: not allowed to listen on port {args.port}; "
                  f"choose a port above 1023 with --port", file=sys.stderr)
        elif isinstance(e, socket.gaierror) or e.errno == errno.EADDRNOTAVAIL:
            print(f"serve.py: cannot bind to host {args.host!r}; check --host", file=sys.stderr)
        else:
            print(f"serve.py: cannot listen on {args.host}:{args.port}: {e.strerror or e}; "
                  f"check --host and --port", file=sys.stderr)
        return 1

    with server:
        port = server.server_address[1]
        print(f"Serving {site} at {url_for(args.host, port)}  (Ctrl-C to stop)", flush=True)
        try:
            server.serve_forever(poll_interval=0.25)
        except KeyboardInterrupt:
            pass
    print("serve.py: stopped", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # a second Ctrl-C while shutting down
        sys.exit(0)
