#!/usr/bin/env python3
"""CTest smoke of the benchmark (a few seconds): bench/run.py --smoke with tiny budgets (Carry native
+ the numpy peer, whose Debian package tools/setup.py installs for the tests), then checks that the
table was printed and that bench.json is well-formed.

    python3 bench/smoke_test.py <carry-bench executable> <output dir>
"""
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    exe, out = sys.argv[1], Path(sys.argv[2])
    r = subprocess.run([sys.executable, str(HERE / "run.py"), "--smoke", "--no-install", "--carry-native", exe,
                        "--out", str(out)], capture_output=True, text=True, timeout=120)
    sys.stdout.write(r.stdout)
    sys.stderr.write(r.stderr)
    errors = []
    if r.returncode != 0:
        errors.append(f"run.py exited {r.returncode}")
    if "H3 B1 steps/s" not in r.stdout or "Carry native" not in r.stdout:
        errors.append("no table on stdout")
    try:
        rep = json.loads((out / "bench.json").read_text())
    except (OSError, ValueError) as e:
        rep = {}
        errors.append(f"bench.json: {e}")
    rows = {row.get("name"): row for row in rep.get("rows", [])}
    carry = rows.get("Carry native", {})
    if "error" in carry or not carry:
        errors.append(f"Carry native row missing or failed: {carry.get('error')}")
    else:
        cfgs = carry.get("steps_per_second", {})
        if sorted(cfgs) != ["16x1", "16x32", "3x1", "3x32"] or not all(v > 0 for v in cfgs.values()):
            errors.append(f"Carry native throughput malformed: {cfgs}")
        if carry.get("seeds") != 2 or not isinstance(carry.get("peak_rss_mb"), float):
            errors.append("Carry native solve/RSS fields malformed")
    for name in ("native", "native, baseline kernels"):
        core = dict((rep.get("core_throughput_64bit") or {}).get(name, {}))
        kernels = core.pop("kernels", None)
        if sorted(core) != ["16x1", "16x32", "3x1", "3x32"] or not all(v > 0 for v in core.values()):
            errors.append(f"core throughput (carry-bench core, 64-bit, {name}) malformed: {core}")
        if kernels not in (("avx", "baseline") if name == "native" else ("baseline",)):
            errors.append(f"core throughput ({name}) ran the wrong kernels: {kernels}")
    if "core throughput" not in r.stdout:
        errors.append("no core throughput lines on stdout")
    if "numpy" in rows and "error" in rows["numpy"]:
        errors.append(f"numpy peer failed: {rows['numpy']['error']}")
    for key in ("machine", "settings", "targets", "load_before"):
        if key not in rep:
            errors.append(f"bench.json has no {key}")
    for e in errors:
        print(f"FAIL: {e}")
    print(f"bench smoke: {'FAILED' if errors else 'ok'} ({len(rows)} rows)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
