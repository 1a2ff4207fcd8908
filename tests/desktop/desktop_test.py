#!/usr/bin/env python3
"""Desktop end-to-end test: the real `carry` app in a real X server (Xvfb, Mesa llvmpipe).

usage: desktop_test.py <path to carry> <screenshot.png> [scenario]

With a scenario (see `carry --help`: e.g. solved, diverge, bad-input) the app starts in that state.

Starts its own Xvfb on a free display, runs the app for a fixed number of frames with
--screenshot, and checks what a person would notice: the app exits cleanly, it rendered every
frame, and the window is not blank (ImGui's panels cover a real share of it, in several colours).
"""
import os
import shutil
import subprocess
import sys
import tempfile
import zlib
from collections import Counter
from pathlib import Path

FRAMES = 90
WIDTH, HEIGHT = 1280, 800


def read_png_rgba(path: Path) -> tuple[int, int, bytes]:
    """Decodes an 8-bit RGBA, non-interlaced PNG (what the app writes) with any filter types."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n = int.from_bytes(data[pos:pos + 4], "big")
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height = int.from_bytes(body[0:4], "big"), int.from_bytes(body[4:8], "big")
            assert body[8] == 8 and body[9] == 6 and body[12] == 0, "expected 8-bit RGBA, not interlaced"
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride, out, prev = zlib.decompress(idat), width * 4, bytearray(), bytearray(width * 4)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - 4] if i >= 4 else 0
            b = prev[i]
            c = prev[i - 4] if i >= 4 else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out += line
        prev = line
    return width, height, bytes(out)


def start_xvfb() -> tuple[subprocess.Popen, str]:
    r, w = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", f"{WIDTH}x{HEIGHT}x24", "-nolisten", "tcp"],
                            pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(w)
    with os.fdopen(r) as f:
        number = f.readline().strip()
    if not number:
        xvfb.kill()
        sys.exit("FAIL: Xvfb did not start")
    return xvfb, f":{number}"


def run_app(app: Path, shot: Path, extra: list[str], timeout: int, frames: int = FRAMES) -> subprocess.CompletedProcess:
    """Runs the app for `frames` frames on a fresh Xvfb in an empty HOME (no imgui.ini or other
    state leaks in), saving the last frame to `shot`; prints its stderr."""
    shot.parent.mkdir(parents=True, exist_ok=True)
    if shot.exists():
        shot.unlink()
    xvfb, display = start_xvfb()
    try:
        with tempfile.TemporaryDirectory() as home:
            env = dict(os.environ, DISPLAY=display, HOME=home)
            run = subprocess.run([str(app), "--frames", str(frames), "--screenshot", str(shot), "--size", f"{WIDTH}x{HEIGHT}", *extra],
                                 env=env, cwd=home, capture_output=True, text=True, timeout=timeout)
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)
    print(run.stderr.strip())
    return run


def main() -> int:
    if len(sys.argv) not in (3, 4):
        print(__doc__)
        return 2
    app, shot = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    scenario = ["--scenario", sys.argv[3]] if len(sys.argv) == 4 else []
    run = run_app(app, shot, scenario, timeout=120)
    failures = []
    if run.returncode != 0:
        failures.append(f"exit code {run.returncode}")
    if "shader error" in run.stderr:
        failures.append("a shader of the 3D view failed to compile or link")
    if f"{FRAMES} frames rendered" not in run.stderr:
        failures.append(f"did not report {FRAMES} frames rendered")
    # Scenarios whose picture depends on something the app reports (its lines on stderr).
    expected = {"models-dynamics": "dynamics 3D view rendered"}.get(scenario[-1] if scenario else "")
    if expected and expected not in run.stderr:
        failures.append(f"the app did not report: {expected}")
    if not shot.exists():
        failures.append("no screenshot written")
    else:
        w, h, px = read_png_rgba(shot)
        if (w, h) != (WIDTH, HEIGHT):
            failures.append(f"screenshot is {w}x{h}, expected {WIDTH}x{HEIGHT}")
        pixels = [px[i:i + 3] for i in range(0, len(px), 4)]
        background, _ = Counter(pixels).most_common(1)[0]
        differing = sum(1 for p in pixels if max(abs(p[k] - background[k]) for k in range(3)) > 6)
        share = differing / len(pixels)
        colours = len(set(pixels))
        print(f"screenshot {shot}: {w}x{h}, background {tuple(background)}, "
              f"{share:.1%} of pixels differ from it, {colours} distinct colours")
        if share < 0.05:
            failures.append(f"screenshot is nearly blank ({share:.2%} non-background pixels)")
        if colours < 16:
            failures.append(f"screenshot has only {colours} colours: no text or widgets drawn")
    if failures:
        print("FAIL: " + "; ".join(failures))
        return 1
    print("PASS: desktop app rendered its window under Xvfb")
    return 0


if __name__ == "__main__":
    if not shutil.which("Xvfb"):
        sys.exit("FAIL: Xvfb not installed (python3 tools/setup.py --tests installs it)")
    sys.exit(main())
