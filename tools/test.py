#!/usr/bin/env python3
"""Set up everything and run every test of Carry. Exits non-zero if anything fails.

    python3 tools/test.py            # everything (what CI runs via .ci/run)
    python3 tools/test.py --only native,web

Stages, in order (each one a CMake preset and its CTest suite):
  native  native Release build: doctest unit tests, CLI tests, serve.py tests, the desktop app
          under Xvfb
  web     Emscripten build: the same unit tests compiled to WebAssembly under Node, the
          browser end-to-end test in headless Chromium (playwright-core)
  asan    native unit tests under AddressSanitizer + UndefinedBehaviorSanitizer
Before them, tools/setup.py installs what is missing (Debian packages, verified source
packages, SDL2 for WebAssembly) and `npm ci` installs the browser test's pinned npm modules.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import setup  # noqa: E402

STAGES = ["native", "web", "asan"]
BROWSER_TESTS = ROOT / "tests" / "browser"


def ensure_npm_modules() -> None:
    """npm ci when node_modules is missing or older than the lockfile (pinned versions only)."""
    lock = BROWSER_TESTS / "package-lock.json"
    marker = BROWSER_TESTS / "node_modules" / ".package-lock.json"
    if not lock.exists():
        return
    if marker.exists() and marker.stat().st_mtime >= lock.stat().st_mtime:
        return
    if not shutil.which("npm"):
        setup.fail("npm not found: it ships with Node.js on these machines; install nodejs")
    setup.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=BROWSER_TESTS)


def run_stage(preset: str) -> bool:
    t0 = time.time()
    setup.log(f"=== {preset}: build")
    try:
        setup.cmake_build(preset)
    except subprocess.CalledProcessError:
        setup.log(f"=== {preset}: BUILD FAILED")
        return False
    setup.log(f"=== {preset}: test")
    env = setup.emscripten_env()
    jobs = str(os.cpu_count() or 2)
    ok = subprocess.run(["ctest", "--preset", preset, "-j", jobs, "--timeout", "600"], cwd=ROOT, env=env).returncode == 0
    setup.log(f"=== {preset}: {'passed' if ok else 'FAILED'} in {time.time() - t0:.0f} s")
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default=",".join(STAGES), help=f"comma-separated stages from {STAGES}")
    args = ap.parse_args()
    stages = [s for s in args.only.split(",") if s]
    unknown = [s for s in stages if s not in STAGES]
    if unknown:
        ap.error(f"unknown stage(s): {', '.join(unknown)}")

    t0 = time.time()
    try:
        setup.ensure_ready(web="web" in stages, desktop=True, tests=True)
        ensure_npm_modules()
    except subprocess.CalledProcessError as e:
        setup.fail(f"set-up failed: {' '.join(map(str, e.cmd))} exited with {e.returncode}")
    setup.log(f"set-up done in {time.time() - t0:.0f} s")

    results = {stage: run_stage(stage) for stage in stages}
    summary = ", ".join(f"{s}: {'ok' if ok else 'FAILED'}" for s, ok in results.items())
    setup.log(f"all stages done in {time.time() - t0:.0f} s: {summary}")
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
