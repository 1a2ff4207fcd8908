#!/usr/bin/env python3
"""Desktop clipboard test: a binary number put on X's clipboard by another program (xclip) is
pasted with Ctrl+V into the add view's field a of the real `carry` app under Xvfb (issue 17, item 4).

usage: clipboard_test.py <path to carry-test>

A first short run learns where field a is drawn (the app prints it at exit); a second run, drawn on
demand as a user would see it, gets a real click on the field, Ctrl+A and Ctrl+V from xdotool, then
SIGTERM (SDL turns it into a quit) and prints the numbers it ends with.
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from desktop_test import WIDTH, HEIGHT, start_xvfb  # noqa: E402

PASTED = "1011001110001111"


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    app = Path(sys.argv[1]).resolve()
    xvfb, display = start_xvfb()
    try:
        with tempfile.TemporaryDirectory() as home:
            env = dict(os.environ, DISPLAY=display, HOME=home)
            size = ["--size", f"{WIDTH}x{HEIGHT}"]
            probe = subprocess.run([str(app), "--frames", "10", *size], env=env, cwd=home, capture_output=True,
                                   text=True, timeout=120)
            m = re.search(r"number a at (\S+) (\S+) (\S+) (\S+)", probe.stderr)
            if not m:
                print(probe.stderr)
                print("FAIL: the app did not say where field a is")
                return 1
            x0, y0, x1, y1 = (float(v) for v in m.groups())
            x, y = int((x0 + x1) / 2), int((y0 + y1) / 2)
            subprocess.run(["xclip", "-selection", "clipboard"], input=PASTED, text=True, env=env, check=True,
                           timeout=20)
            run = subprocess.Popen([str(app), *size], env=env, cwd=home, stderr=subprocess.PIPE, text=True)
            time.sleep(4.0)  # started, first frames drawn
            xdo = lambda *a: subprocess.run(["xdotool", *a], env=env, check=True, timeout=20)  # noqa: E731
            xdo("mousemove", str(x), str(y))
            xdo("click", "1")
            time.sleep(0.5)
            xdo("key", "ctrl+a")
            time.sleep(0.3)
            xdo("key", "ctrl+v")
            time.sleep(1.0)
            run.send_signal(signal.SIGTERM)
            _, err = run.communicate(timeout=60)
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)
    print(err.strip())
    m = re.search(r"numbers a=(\S*) b=(\S*)", err)
    if not m:
        print("FAIL: the app did not report its numbers at exit")
        return 1
    if m.group(1) != PASTED:
        print(f"FAIL: field a holds {m.group(1)!r} after pasting {PASTED!r} from X's clipboard")
        return 1
    print(f"PASS: pasted {PASTED} from X's clipboard into field a at ({x}, {y})")
    return 0


if __name__ == "__main__":
    for tool in ("Xvfb", "xclip", "xdotool"):
        if not shutil.which(tool):
            sys.exit(f"FAIL: {tool} not installed (python3 tools/setup.py --tests installs it)")
    sys.exit(main())
