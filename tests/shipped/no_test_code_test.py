#!/usr/bin/env python3
"""The shipped app carries no test scaffolding (issue 14).

usage: no_test_code_test.py SHIPPED TEST_BUILD
  SHIPPED, TEST_BUILD: the shipped and the test build of the app: two site folders (their carry.js
  and carry.wasm are read) or two executables.

Fails when a shipped file holds a test entry point or a scenario name (the test hooks and the
scenario runner live in tests/support/, linked only into carry-test). The same strings must be
found in the test build, so the check itself is known to see them.
"""
import sys
from pathlib import Path

# The desktop tests' flag and scenario names no shipped code uses; in a page, also the browser
# tests' export.
NEEDLES = [b"--scenario", b"inside-broken-shader", b"inside-10k", b"models-dynamics", b"unknown scenario"]
PAGE_NEEDLES = [b"carry_inside_test", b"inside_test"]


def files(path: Path) -> list[Path]:
    if path.is_dir():
        return [path / "carry.js", path / "carry.wasm"]
    return [path]


def needles(path: Path) -> list[bytes]:
    return NEEDLES + PAGE_NEEDLES if path.is_dir() else NEEDLES


def found(path: Path) -> set[bytes]:
    hits = set()
    for f in files(path):
        data = f.read_bytes()
        hits |= {n for n in needles(path) if n in data}
    return hits


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    shipped, test_build = Path(sys.argv[1]), Path(sys.argv[2])
    for p in (shipped, test_build):
        for f in files(p):
            if not f.exists():
                print(f"FAIL: {f} is missing")
                return 1
    bad = found(shipped)
    seen = found(test_build)
    ok = True
    if bad:
        print(f"FAIL: the shipped build {shipped} holds test scaffolding: {sorted(b.decode() for b in bad)}")
        ok = False
    missing = set(needles(test_build)) - seen
    if missing:
        print(f"FAIL: the test build {test_build} lacks {sorted(b.decode() for b in missing)} (is the check blind?)")
        ok = False
    if ok:
        print(f"PASS: {len(needles(test_build))} test strings in the test build, none in {shipped}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
