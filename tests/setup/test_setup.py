"""Tests of tools/setup.py's safety rules: what a new machine relies on before anything builds.

- a source tarball whose SHA-256 does not match its .dsc is deleted (so it is fetched again),
  never returned for use;
- a matching one is used;
- without root, missing packages stop set-up with the exact apt-get line to run.
"""
import contextlib
import hashlib
import io
import sys
import tempfile
import unittest
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import setup  # noqa: E402


def write_source_package(folder: Path, tarball_bytes: bytes, dsc_digest: str | None = None) -> Path:
    orig = folder / "imgui_1.86+ds.orig.tar.xz"
    orig.write_bytes(tarball_bytes)
    digest = dsc_digest or hashlib.sha256(tarball_bytes).hexdigest()
    debian = folder / "imgui_1.86+ds-1.debian.tar.xz"
    debian.write_bytes(b"debian")
    (folder / "imgui_1.86+ds-1.dsc").write_text(
        "Format: 3.0 (quilt)\nSource: imgui\nChecksums-Sha256:\n"
        f" {digest} {len(tarball_bytes)} {orig.name}\n"
        f" {hashlib.sha256(b'debian').hexdigest()} 6 {debian.name}\n"
        "Files:\n d41d8cd98f00b204e9800998ecf8427e 0 x\n")
    return orig


class SourceVerification(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.cache = Path(self.tmp.name)
        patcher = mock.patch.object(setup, "SRC_CACHE", self.cache)
        patcher.start()
        self.addCleanup(patcher.stop)
        self.addCleanup(self.tmp.cleanup)

    def test_matching_tarball_is_used(self):
        orig = write_source_package(self.cache, b"genuine imgui sources")
        found = setup.verified_sources("imgui")
        self.assertIsNotNone(found)
        self.assertEqual(found[1], orig)

    def test_tampered_tarball_is_deleted_not_used(self):
        orig = write_source_package(self.cache, b"tampered", dsc_digest=hashlib.sha256(b"genuine").hexdigest())
        with contextlib.redirect_stderr(io.StringIO()) as err:
            self.assertIsNone(setup.verified_sources("imgui"))
        self.assertFalse(orig.exists(), "a tarball that fails verification must be deleted so it is fetched again")
        self.assertIn("does not match", err.getvalue())

    def test_missing_tarball_means_fetch(self):
        orig = write_source_package(self.cache, b"genuine")
        orig.unlink()
        self.assertIsNone(setup.verified_sources("imgui"))

    def test_dsc_checksums_parsed(self):
        write_source_package(self.cache, b"abc")
        sums = setup.dsc_checksums(self.cache / "imgui_1.86+ds-1.dsc")
        self.assertEqual(sums["imgui_1.86+ds.orig.tar.xz"], hashlib.sha256(b"abc").hexdigest())
        self.assertEqual(len(sums), 2)


class NotRoot(unittest.TestCase):
    def test_prints_exact_apt_line_and_stops(self):
        with mock.patch.object(setup, "missing_packages", return_value=["emscripten", "chromium"]), \
             mock.patch.object(setup.os, "geteuid", return_value=1000), \
             mock.patch.object(setup, "run") as run, \
             contextlib.redirect_stderr(io.StringIO()) as err:
            with self.assertRaises(SystemExit) as stop:
                setup.ensure_packages(["emscripten", "chromium", "g++"])
        self.assertNotEqual(stop.exception.code, 0)
        run.assert_not_called()
        self.assertIn("apt-get install -y --no-install-recommends emscripten chromium", err.getvalue())

    def test_nothing_missing_does_nothing(self):
        with mock.patch.object(setup, "missing_packages", return_value=[]), mock.patch.object(setup, "run") as run:
            setup.ensure_packages(["g++"])
        run.assert_not_called()


if __name__ == "__main__":
    unittest.main()
