#!/usr/bin/env python3
"""Desktop end-to-end test of "Inside the net" (issue 5): the real app under Xvfb.

usage: inside_test.py <path to carry> <screenshot.png> <scenario>

  inside-space           the 3D hidden-state view of a solved net: every shader compiled (the app
                         prints "carry: shaders compiled: ..."), and the pixels of the view (its
                         rectangle is printed by the app at exit) are not blank: points in at least
                         three of the four adder-node colours, the cube's lines.
  inside-space-fresh     the same for an untrained net (points, not blank).
  inside-broken-shader   a deliberately broken fragment shader: the app must print the compile log,
                         and the view's rectangle must show the red error panel with text, not black.
"""
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from desktop_test import read_png_rgba, run_app  # noqa: E402

FRAMES = 60
# The adder nodes' Okabe-Ito colours (app/hidden_space.cpp node_rgb).
NODE_COLOURS = {"no carry, prints 0": (86, 180, 233), "no carry, prints 1": (0, 158, 115),
                "carry, prints 0": (230, 159, 0), "carry, prints 1": (204, 121, 167)}
SCENE_BG = (20, 23, 31)  # Scene3D::background


def hue_match(p, c) -> bool:
    """p is c shaded (lit sphere, fog): some k in [0.3, 1.3] brings c within 30 of p."""
    num = sum(p[i] * c[i] for i in range(3))
    den = sum(c[i] * c[i] for i in range(3))
    k = num / den if den else 0
    return 0.3 <= k <= 1.3 and sum((p[i] - k * c[i]) ** 2 for i in range(3)) ** 0.5 < 30


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__)
        return 2
    app, shot, scenario = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve(), sys.argv[3]
    run = run_app(app, shot, ["--scenario", scenario], timeout=180, frames=FRAMES)
    failures = []
    if run.returncode != 0:
        failures.append(f"exit code {run.returncode}")
    m = re.search(r"carry: 3D view at (\d+) (\d+) (\d+) (\d+), (rendered|not rendered)", run.stderr)
    if not m:
        failures.append("the app did not report where the 3D view was drawn")
    if not shot.exists():
        failures.append("no screenshot written")
    if failures:
        print("FAIL: " + "; ".join(failures))
        return 1
    x0, y0, x1, y1 = (int(m.group(i)) for i in range(1, 5))
    rendered = m.group(5) == "rendered"
    w, h, px = read_png_rgba(shot)
    y1, x1 = min(y1, h), min(x1, w)
    region = [tuple(px[(y * w + x) * 4:(y * w + x) * 4 + 3]) for y in range(y0, y1) for x in range(x0, x1)]
    counts = Counter(region)
    print(f"3D view {x1 - x0}x{y1 - y0} at ({x0}, {y0}): {len(counts)} colours, most common {counts.most_common(3)}")

    if scenario == "inside-broken-shader":
        if "does not compile" not in run.stderr or "error" not in run.stderr:
            failures.append("no shader compile log on stderr")
        if rendered:
            failures.append("the view claims it rendered with a broken shader")
        red_bg = sum(n for c, n in counts.items() if c == (40, 16, 16))
        text = sum(n for c, n in counts.items() if c[0] > 150 and c[0] > c[2] + 60)  # the orange-red heading
        light = sum(n for c, n in counts.items() if min(c) > 150)  # the log's light text
        print(f"error panel: {red_bg / len(region):.1%} red background, {text} heading pixels, {light} log-text pixels")
        if red_bg / len(region) < 0.5:
            failures.append("the view's area is not the error panel")
        if text < 50 or light < 200:
            failures.append("the error panel shows no heading or no log text")
    else:
        if "carry: shaders compiled:" not in run.stderr or "shader error" in run.stderr:
            failures.append("the shaders did not all compile")
        if not rendered:
            failures.append("the 3D view did not render")
        fg = sum(n for c, n in counts.items() if max(abs(c[i] - SCENE_BG[i]) for i in range(3)) > 12)
        share = fg / len(region)
        found = {name: sum(n for c, n in counts.items() if max(c) - min(c) > 40 and hue_match(c, col))
                 for name, col in NODE_COLOURS.items()}
        print(f"{share:.1%} of the view differs from its background; pixels per node colour: {found}")
        if share < 0.01:
            failures.append(f"the 3D view is nearly blank ({share:.2%})")
        if len(counts) < 30:
            failures.append(f"the 3D view has only {len(counts)} colours")
        need = 3 if scenario == "inside-space" else 1
        if sum(1 for n in found.values() if n >= 20) < need:
            failures.append(f"fewer than {need} adder-node colours visible among the points")
    if failures:
        print("FAIL: " + "; ".join(failures))
        return 1
    print(f"PASS: {scenario}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
