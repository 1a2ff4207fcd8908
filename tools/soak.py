#!/usr/bin/env python3
"""Soak Carry: train for a long time natively and in headless Chromium; memory flat, frames steady?

    python3 tools/soak.py                                   # 30 s each (what CTest runs)
    nice -n 19 python3 tools/soak.py --native-seconds 1800 --browser-seconds 600 --out build/soak-long

Native: tests/robustness/soak_core.cpp (`carry_soak`, built by the native preset) does the
playground's core work at 60 Hz: training within a per-frame budget, stepping the addition
animation (with BPTT now and then), validating, saving and reloading the model, resetting to a new
seed on every solve and to another settings mix (defaults, H=16 on 64-bit sums, Adam, lr 1e6 that
keeps the divergence guard busy) every --reset-every seconds. It samples its RSS and frame times.
Browser: tests/robustness/soak_browser.mjs opens the web build (build/web/site, via serve.py) in
headless Chromium, plays training, steps the animation, trains in bursts, resets and switches
settings through window.carry; samples Module.HEAP8.length (wasm heap), performance.memory (JS
heap) and requestAnimationFrame intervals.
The two run side by side (both niced). Output in --out: native.csv, browser.csv, soak.png (memory and
frame-time curves), summary.json; the summary is printed. Exit 1 when a run fails (crash,
non-finite numbers, console errors) or memory grows: native RSS or wasm heap more than
--max-growth-mb after the first 20 % of the run, or the JS heap's post-GC floor likewise.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def log(msg: str) -> None:
    print(f"[soak] {msg}", file=sys.stderr, flush=True)


def run_capture(cmd: list[str], csv_path: Path, err_path: Path, result: dict, key: str, timeout: float) -> None:
    t0 = time.time()
    with open(csv_path, "w") as out, open(err_path, "w") as err:
        try:
            p = subprocess.run(["nice", "-n", "10", *cmd], stdout=out, stderr=err, timeout=timeout, cwd=ROOT)
            rc = p.returncode
        except subprocess.TimeoutExpired:
            rc = "timeout"
    result[key] = {"rc": rc, "seconds": round(time.time() - t0, 1), "stderr": err_path.read_text()[-2000:]}


def read_csv(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path) as f:
        rows = []
        for r in csv.DictReader(f):
            try:
                rows.append({k: (float(v) if k not in ("phase", "action") else v) for k, v in r.items()})
            except (TypeError, ValueError):
                pass  # a torn last line
        return rows


def growth(rows: list[dict], key: str, floor: bool = False) -> dict:
    """Memory after warm-up (first 20 %) against the end (last 20 %): medians, or minima for a
    garbage-collected heap (its floor after collections)."""
    vals = [r[key] for r in rows if r[key] >= 0]
    if len(vals) < 5:
        return {"n": len(vals)}
    k = max(1, len(vals) // 5)
    pick = min if floor else statistics.median
    early, late = pick(vals[k:2 * k]), pick(vals[-k:])
    return {"n": len(vals), "early": early, "late": late, "growth": late - early, "max": max(vals),
            "min": min(vals)}


def frame_stats(rows: list[dict]) -> dict:
    means = [r["frame_ms_mean"] for r in rows if r["frames"] > 0]
    if len(means) < 4:
        return {"n": len(means)}
    k = max(1, len(means) // 4)
    return {"n": len(means), "median_ms": statistics.median(means), "first_quarter_ms": statistics.median(means[:k]),
            "last_quarter_ms": statistics.median(means[-k:]), "worst_p99_ms": max(r["frame_ms_p99"] for r in rows),
            "worst_max_ms": max(r["frame_ms_max"] for r in rows),
            "fps_median": statistics.median(r["frames"] for r in rows if r["frames"] > 0),
            **({"cpu_ms_median": statistics.median(r["cpu_ms_mean"] for r in rows if r["frames"] > 0)}
               if "cpu_ms_mean" in rows[0] else {})}


def chart(native: list[dict], browser: list[dict], path: Path, title: str) -> bool:
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        # Debian's python3-matplotlib lives in the system Python; this may be another one.
        system = Path("/usr/bin/python3")
        if system.exists() and Path(sys.executable).resolve() != system.resolve():
            return subprocess.run([str(system), __file__, "--chart-only", "--out", str(path.parent),
                                   "--title", title]).returncode == 0
        log("matplotlib missing (apt-get install python3-matplotlib): no chart")
        return False
    fig, ax = plt.subplots(2, 2, figsize=(13, 8), constrained_layout=True)
    fig.suptitle(title)
    if native:
        t = [r["t_s"] / 60 for r in native]
        ax[0][0].plot(t, [r["rss_kb"] / 1024 for r in native], color="tab:blue")
        ax[0][0].set_title("native: resident memory (RSS)")
        ax[0][0].set_ylabel("MiB")
        ax[0][0].set_ylim(bottom=0)
        ax[1][0].plot(t, [r["frame_ms_mean"] for r in native], label="mean per second", color="tab:green")
        ax[1][0].plot(t, [r["frame_ms_p99"] for r in native], label="p99 per second", color="tab:orange", alpha=0.6, lw=0.7)
        if "cpu_ms_mean" in native[0]:
            ax[1][0].plot(t, [r["cpu_ms_mean"] for r in native], label="CPU time, mean", color="tab:blue", lw=0.8)
        ax[1][0].set_title("native: frame work time (train budget 6 ms + animation, 60 Hz)")
        ax[1][0].set_ylabel("ms (log scale)")
        ax[1][0].set_xlabel("minutes")
        ax[1][0].set_yscale("log")
        ax[1][0].legend(loc="upper right")
    if browser:
        t = [r["t_s"] / 60 for r in browser]
        ax[0][1].plot(t, [r["wasm_heap_bytes"] / 2**20 for r in browser], label="wasm heap (HEAP8.length)", color="tab:purple")
        ax[0][1].plot(t, [r["js_heap_used_bytes"] / 2**20 for r in browser], label="JS heap used", color="tab:red")
        ax[0][1].plot(t, [r["js_heap_total_bytes"] / 2**20 for r in browser], label="JS heap total", color="tab:pink", lw=0.7)
        ax[0][1].set_title("browser: memory")
        ax[0][1].set_ylabel("MiB")
        ax[0][1].set_ylim(bottom=0)
        ax[0][1].legend(loc="center right")
        ax[1][1].plot(t, [r["frame_ms_mean"] for r in browser], label="mean rAF interval", color="tab:green")
        ax[1][1].plot(t, [r["frame_ms_p99"] for r in browser], label="p99", color="tab:orange", alpha=0.6, lw=0.7)
        ax[1][1].set_title("browser: frame interval (headless Chromium, SwiftShader)")
        ax[1][1].set_ylabel("ms")
        ax[1][1].set_xlabel("minutes")
        ax[1][1].set_ylim(bottom=0)
        ax[1][1].legend(loc="upper right")
    fig.savefig(path, dpi=90)
    return True


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--native-seconds", type=float, default=30)
    ap.add_argument("--browser-seconds", type=float, default=30, help="0: skip the browser")
    ap.add_argument("--reset-every", type=float, default=None, help="seconds between resets (default: run/12, 2..60)")
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "soak")
    ap.add_argument("--native-bin", type=Path, default=ROOT / "build" / "native" / "tests" / "carry_soak")
    ap.add_argument("--site", type=Path, default=ROOT / "build" / "web" / "site")
    ap.add_argument("--max-growth-mb", type=float, default=16.0)
    ap.add_argument("--chart-only", action="store_true", help="redraw soak.png from the CSVs in --out")
    ap.add_argument("--title", default="Carry soak")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.chart_only:
        return 0 if chart(read_csv(args.out / "native.csv"), read_csv(args.out / "browser.csv"),
                          args.out / "soak.png", args.title) else 1

    if args.native_seconds > 0 and not args.native_bin.exists():
        log(f"{args.native_bin} missing: building it (native preset)")
        if not (ROOT / "build" / "native" / "CMakeCache.txt").exists():
            subprocess.run(["cmake", "--preset", "native"], cwd=ROOT, check=True)
        subprocess.run(["cmake", "--build", "--preset", "native", "--target", "carry_soak"], cwd=ROOT, check=True)
    browser = args.browser_seconds > 0
    if browser and not (args.site / "carry.wasm").exists():
        log(f"no web build in {args.site}: browser part skipped (cmake --build --preset web)")
        browser = False
    if browser and not shutil.which("node"):
        log("node missing: browser part skipped")
        browser = False

    result: dict = {}
    threads = []
    if args.native_seconds > 0:
        reset = args.reset_every or min(60.0, max(2.0, args.native_seconds / 12))
        cmd = [str(args.native_bin), "--seconds", str(args.native_seconds), "--reset-every", str(reset)]
        log(f"native: {' '.join(cmd)}")
        threads.append(threading.Thread(target=run_capture, args=(
            cmd, args.out / "native.csv", args.out / "native.err", result, "native", args.native_seconds + 120)))
    if browser:
        reset = args.reset_every or min(60.0, max(5.0, args.browser_seconds / 12))
        cmd = ["node", str(ROOT / "tests" / "robustness" / "soak_browser.mjs"), str(ROOT), "--dir", str(args.site),
               "--seconds", str(args.browser_seconds), "--reset-every", str(reset)]
        log(f"browser: {' '.join(cmd)}")
        threads.append(threading.Thread(target=run_capture, args=(
            cmd, args.out / "browser.csv", args.out / "browser.err", result, "browser", args.browser_seconds + 180)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    native_rows = read_csv(args.out / "native.csv")
    browser_rows = read_csv(args.out / "browser.csv") if browser else []
    summary: dict = {"native_seconds": args.native_seconds, "browser_seconds": args.browser_seconds if browser else 0}
    failures = []
    mb = 1024 * 1024
    if "native" in result:
        r = result["native"]
        summary["native"] = {"rc": r["rc"], "rss_kb": growth(native_rows, "rss_kb"), "frames": frame_stats(native_rows),
                             "resets": native_rows[-1]["resets"] if native_rows else None,
                             "diverged_minibatches_caught": native_rows[-1]["divergences"] if native_rows else None,
                             "log": r["stderr"].strip().splitlines()[-3:]}
        if r["rc"] != 0:
            failures.append(f"native soak exited {r['rc']}: {r['stderr'][-300:]}")
        g = summary["native"]["rss_kb"]
        if g.get("growth", 0) * 1024 > args.max_growth_mb * mb:
            failures.append(f"native RSS grew {g['growth'] / 1024:.1f} MiB after warm-up")
        if len(native_rows) < args.native_seconds * 0.8:
            failures.append(f"native: only {len(native_rows)} samples in {args.native_seconds:.0f} s (stalled?)")
    if browser:
        r = result["browser"]
        summary["browser"] = {"rc": r["rc"], "wasm_heap_bytes": growth(browser_rows, "wasm_heap_bytes"),
                              "js_heap_used_floor_bytes": growth(browser_rows, "js_heap_used_bytes", floor=True),
                              "frames": frame_stats(browser_rows), "log": r["stderr"].strip().splitlines()[-5:]}
        if r["rc"] != 0:
            failures.append(f"browser soak exited {r['rc']}: {r['stderr'][-400:]}")
        for key in ("wasm_heap_bytes", "js_heap_used_floor_bytes"):
            g = summary["browser"][key]
            if g.get("growth", 0) > args.max_growth_mb * mb:
                failures.append(f"browser {key} grew {g['growth'] / mb:.1f} MiB after warm-up")
        if len(browser_rows) < args.browser_seconds * 0.8:
            failures.append(f"browser: only {len(browser_rows)} samples in {args.browser_seconds:.0f} s (stalled?)")
    title = (f"Carry soak: native {args.native_seconds / 60:.1f} min, browser "
             f"{(args.browser_seconds if browser else 0) / 60:.1f} min ({time.strftime('%Y-%m-%d %H:%M')})")
    summary["chart"] = str(args.out / "soak.png") if chart(native_rows, browser_rows, args.out / "soak.png", title) else None
    summary["failures"] = failures
    (args.out / "summary.json").write_text(json.dumps(summary, indent=2))
    print(json.dumps(summary, indent=2))
    log("PASSED" if not failures else "FAILED: " + "; ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
