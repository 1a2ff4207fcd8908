#!/usr/bin/env python3
"""Carry against the peers a user would pick instead (issue 7): one command, one table.

    python3 bench/run.py                 # install what the peers need, build, run, print the table
    python3 bench/run.py --smoke --out DIR --carry-native PATH   # seconds: Carry + numpy, tiny budgets

Rows (each peer in its own process, one after another, after its own warm-up):
  Carry native, Carry wasm (Node), numpy (hand-written BPTT), PyTorch 1 and 2 threads,
  TensorFlow.js (cpu kernels, and the wasm backend), brain.js (RNNTimeStep, bent to the recipe).
Every peer follows bench/peers/RECIPE.md. Columns: training throughput (sequence-steps/s) at
H=3/16 x batch 1/32, time to solve (seeds 1-10, solve rate, median wall time and sequences), peak RSS
of the peer's process (ru_maxrss from wait4), and Carry native's ratio to each peer.
Then the core issue's throughput (64-bit sums) natively, in wasm under Node and in headless Chromium;
Carry in headless Chromium: first frame, fps while training; and the page's size, raw and gzip.
Writes DIR/bench.json and DIR/bench.png (default DIR: build/bench/).
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PEERS = BENCH / "peers"
DEBIAN_PY = "/usr/bin/python3"  # Debian's python: python3-numpy/torch/matplotlib live there
APT = ["python3-numpy", "python3-torch", "python3-matplotlib"]
CONFIGS = [(3, 1), (3, 32), (16, 1), (16, 32)]
DEFAULT_SITE = ROOT / "build" / "web" / "site"


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Installing and building
# ---------------------------------------------------------------------------------------------
def dpkg_installed(name: str) -> bool:
    r = subprocess.run(["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True)
    return r.returncode == 0 and "install ok installed" in r.stdout


def install(smoke: bool) -> None:
    missing = [p for p in (["python3-numpy"] if smoke else APT) if not dpkg_installed(p)]
    if missing:
        cmd = ["apt-get", "install", "-y", "--no-install-recommends", *missing]
        if os.geteuid() != 0:
            sys.exit(f"[bench] missing Debian packages; run as root: {' '.join(cmd)}")
        log("$ " + " ".join(cmd))
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        if subprocess.run(cmd, env=env).returncode != 0:
            subprocess.run(["apt-get", "update"], env=env, check=True)
            subprocess.run(cmd, env=env, check=True)
    if smoke:
        return
    stamp = BENCH / "node_modules" / ".package-lock.json"
    if not stamp.exists() or stamp.stat().st_mtime < (BENCH / "package-lock.json").stat().st_mtime:
        # --ignore-scripts: brain.js -> gpu.js -> headless-gl runs prebuild-install (a download from
        # GitHub that hangs offline) then node-gyp (needs Node headers from the internet). The CPU
        # path that the brain.js peer uses never loads gl.
        cmd = ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"]
        log("$ (bench/) " + " ".join(cmd))
        subprocess.run(cmd, cwd=BENCH, check=True)


def build_carry(kind: str) -> Path:
    out = ROOT / "build" / f"bench-{kind}"
    env = dict(os.environ, NODE_PATH="/usr/share/nodejs")
    if not (out / "Makefile").exists():
        cfg = ["cmake", "-S", str(BENCH), "-B", str(out), "-DCMAKE_BUILD_TYPE=Release"]
        if kind == "web":
            cfg = ["emcmake", *cfg]
        log("$ " + " ".join(cfg))
        subprocess.run(cfg, env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", str(out), "-j2"], env=env, check=True, stdout=subprocess.DEVNULL)
    return out / ("carry-bench.js" if kind == "web" else "carry-bench")


# ---------------------------------------------------------------------------------------------
# Running one peer in its own process
# ---------------------------------------------------------------------------------------------
def run_peer(name: str, cmd: list[str], cwd: Path, timeout: float) -> dict:
    log(f"{name}: {' '.join(str(c) for c in cmd)}")
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([str(c) for c in cmd], cwd=cwd, stdout=out, stderr=err)
        deadline = time.monotonic() + timeout
        status, ru = None, None
        while True:
            pid, status, ru = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                pid, status, ru = os.wait4(proc.pid, 0)
                status = -1
                break
            time.sleep(0.05)
        proc.returncode = 0  # reaped by wait4
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    row = {"name": name, "command": [str(c) for c in cmd], "wall_seconds": time.perf_counter() - t0,
           "peak_rss_mb": ru.ru_maxrss / 1024.0 if ru else None}
    lines = [ln for ln in stdout.splitlines() if ln.startswith("{")]
    if status != 0 or not lines:
        row["error"] = ("timed out" if status == -1 else f"exit status {status}") + ": " + stderr.strip()[-600:]
        log(f"{name}: FAILED {row['error']}")
        return row
    row.update(json.loads(lines[-1]))
    return row


def summarize(row: dict) -> None:
    """Adds solve_rate, median_solve_seconds, median_solve_sequences (over solved seeds)."""
    s = row.get("solve") or []
    solved = [r for r in s if r.get("solved")]
    row["seeds"] = len(s)
    row["solved"] = len(solved)
    row["not_solved_within_budget"] = sum(1 for r in s if r.get("run") and not r.get("solved"))
    row["not_run"] = sum(1 for r in s if not r.get("run"))
    row["median_solve_seconds"] = statistics.median(r["seconds"] for r in solved) if solved else None
    row["median_solve_sequences"] = statistics.median(r["sequences"] for r in solved) if solved else None
    row["steps_per_second"] = {f"{t['hidden']}x{t['batch']}": t["steps_per_second"] for t in row.get("throughput", [])}


# ---------------------------------------------------------------------------------------------
# Browser and page size
# ---------------------------------------------------------------------------------------------
def page_size(site: Path) -> dict:
    files = {}
    for p in sorted(site.iterdir()):
        if p.is_file() and not p.name.startswith("embed-example"):
            data = p.read_bytes()
            files[p.name] = {"raw": len(data), "gzip": len(gzip.compress(data, 9))}
    return {"files": files, "raw": sum(f["raw"] for f in files.values()),
            "gzip": sum(f["gzip"] for f in files.values())}


def frames_bench(site: Path, seconds: float) -> dict:
    """Issue 15 (bench/frames.mjs): idle CPU beside about:blank, fps and sync GL calls while training,
    memory per embedded frame on the 12-frame page."""
    mods = ROOT / "tests" / "browser" / "node_modules" / "playwright-core"
    if not mods.exists() or not Path("/usr/bin/chromium").exists():
        return {"error": "needs tests/browser/node_modules (tools/setup.py --tests) and Debian chromium"}
    r = subprocess.run(["node", str(BENCH / "frames.mjs"), str(ROOT), str(site), str(seconds)],
                       capture_output=True, text=True, timeout=600)
    lines = [ln for ln in r.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        return {"error": (r.stderr or r.stdout).strip()[-600:]}
    return json.loads(lines[-1])


def print_frames(fr: dict) -> None:
    if "error" in fr:
        print(f"frames: {fr['error'][:300]}")
        return
    print(f"\nframes (issue 15; headless Chromium with vsync, SwiftShader, 1280x800; CPU in cores of all browser "
          f"processes over {fr.get('idle_seconds')} s):")
    for k, v in fr.get("idle_cpu_cores", {}).items():
        print(f"  idle CPU, {k:46} {v:.3f} cores")
    t = fr.get("training", {})
    if t:
        print(f"  training (default speed): app {t['app_fps']:.1f} fps (page {t['page_fps']:.1f} animation frames/s), "
              f"{t['sync_gl_calls_per_frame']:.1f} synchronous WebGL calls per frame")
    m = fr.get("many_frames")
    if m:
        print(f"  12-frame page: {m['pss_per_frame_mb']:.1f} MB per frame (PSS of every browser process, "
              f"{m['pss_all_mb']:.0f} MB with all 12 started, {m['pss_blank_mb']:.0f} MB with about:blank), "
              f"wasm memory {m['wasm_memory_per_frame_mb']:.0f} MB per frame; all 12 ready while scrolling in "
              f"{fr.get('many_frames_all_ready_ms', 0) / 1000:.1f} s; idle CPU {m['idle_cpu_cores']:.3f} cores")


def browser(site: Path, seconds: float) -> dict:
    mods = ROOT / "tests" / "browser" / "node_modules" / "playwright-core"
    if not mods.exists() or not Path("/usr/bin/chromium").exists():
        return {"error": "needs tests/browser/node_modules (tools/setup.py --tests) and Debian chromium"}
    r = subprocess.run(["node", str(BENCH / "browser.mjs"), str(ROOT), str(site), str(seconds)],
                       capture_output=True, text=True, timeout=120)
    lines = [ln for ln in r.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        return {"error": (r.stderr or r.stdout).strip()[-600:]}
    return json.loads(lines[-1])


# ---------------------------------------------------------------------------------------------
# Table, targets, chart
# ---------------------------------------------------------------------------------------------
def core_throughput(native: Path, wasm: Path | None, seconds: float) -> dict:
    """The core issue's figures: carry-bench core (64-bit sums, H=3/16 x B=1/32, best of 5 slices),
    natively, compiled to wasm under Node, and the same wasm in headless Chromium."""
    env = dict(os.environ, NODE_PATH="/usr/share/nodejs")
    native_cmd = [str(native), "core", str(seconds)]
    runs = {"native": (native_cmd, env),
            "native, baseline kernels": (native_cmd, dict(env, CARRY_KERNELS="baseline"))}  # the SSE2 copy where AVX runs
    if wasm:
        runs["wasm (Node)"] = (["node", "--no-experimental-fetch", str(wasm), "core", str(seconds)], env)
        if (ROOT / "tests" / "browser" / "node_modules" / "playwright-core").exists() and (wasm.parent / "index.html").exists():
            runs["wasm (Chromium)"] = (["node", str(BENCH / "browser_core.mjs"), str(ROOT), str(wasm.parent), str(seconds)], env)
    out = {}
    for name, (cmd, run_env) in runs.items():
        log(f"core throughput, {name}: {' '.join(cmd)}")
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120 + 8 * seconds, env=run_env)
        try:
            res = json.loads(r.stdout.strip().splitlines()[-1])
            out[name] = {f"{t['hidden']}x{t['batch']}": t["steps_per_second"] for t in res["throughput"]}
            out[name]["kernels"] = res.get("kernels", "baseline")
        except (IndexError, KeyError, ValueError):
            out[name] = {"error": (r.stderr or r.stdout).strip()[-300:] or f"exit code {r.returncode}"}
    return out


def fmt_rate(v: float | None) -> str:
    if v is None:
        return "-"
    for div, suf in ((1e6, "M"), (1e3, "k")):
        if v >= div:
            return f"{v / div:.3g}{suf}"
    return f"{v:.3g}"


def fmt_ratio(r: float | None) -> str:
    if r is None:
        return ""
    return f"({r:.0f}x)" if r >= 10 else f"({r:.2g}x)"


def table(rows: list[dict], ref: dict) -> str:
    head = ["peer"] + [f"H{h} B{b} steps/s" for h, b in CONFIGS] + ["solved", "median solve", "median seqs", "peak RSS"]
    lines = [head]
    for row in rows:
        if "error" in row:
            lines.append([row["name"], "FAILED: " + row["error"][:80]] + [""] * (len(head) - 2))
            continue
        cells = [row["name"]]
        for h, b in CONFIGS:
            v = row["steps_per_second"].get(f"{h}x{b}")
            rv = ref["steps_per_second"].get(f"{h}x{b}") if ref else None
            ratio = rv / v if (v and rv and row is not ref) else None
            cells.append(f"{fmt_rate(v)} {fmt_ratio(ratio)}".strip() if v else "n/a")
        ms = row["median_solve_seconds"]
        rs = ref.get("median_solve_seconds") if ref else None
        note = f"{row['solved']}/{row['seeds']}"
        if row["not_run"]:
            note += f" ({row['not_run']} not run: budget)"
        cells.append(note)
        cells.append((f"{ms:.3g} s {fmt_ratio(ms / rs) if (rs and ms and row is not ref) else ''}").strip() if ms else "-")
        cells.append(f"{row['median_solve_sequences']:.0f}" if row["median_solve_sequences"] else "-")
        cells.append(f"{row['peak_rss_mb']:.0f} MB")
        lines.append(cells)
    widths = [max(len(str(ln[i])) for ln in lines) for i in range(len(head))]
    out = ["  ".join(str(c).ljust(w) for c, w in zip(ln, widths)).rstrip() for ln in lines]
    out.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(out)


def targets(rows: dict[str, dict], br: dict, core: dict) -> list[dict]:
    def sps(name, cfg):
        r = rows.get(name)
        return r["steps_per_second"].get(cfg) if r and "error" not in r else None

    def ratio(a, b, cfg):
        x, y = sps(a, cfg), sps(b, cfg)
        return x / y if x and y else None

    t = []

    def add(what, value, need, unit="x"):
        t.append({"target": what, "value": value, "need": need,
                  "met": None if value is None else (value <= need if unit == "ms" else value >= need * (0.98 if unit == "fps" else 1)),
                  "unit": unit})

    add("Carry native / PyTorch 1 thread, H3 B1", ratio("Carry native", "PyTorch 1 thread", "3x1"), 300)
    add("Carry native / PyTorch 1 thread, H16 B32", ratio("Carry native", "PyTorch 1 thread", "16x32"), 10)
    for cfg in ("3x1", "3x32", "16x1", "16x32"):
        add(f"Carry native / TF.js (cpu), H{cfg.replace('x', ' B')}", ratio("Carry native", "TF.js cpu", cfg), 1000)
    for cfg in ("3x1", "16x1"):
        add(f"Carry native / brain.js, H{cfg.replace('x', ' B')}", ratio("Carry native", "brain.js", cfg), 5)
    for cfg in ("3x1", "3x32", "16x1", "16x32"):
        add(f"Carry wasm / Carry native, H{cfg.replace('x', ' B')}", ratio("Carry wasm", "Carry native", cfg), 0.8)
    nat = (core or {}).get("native", {})
    add("core: Carry native H3 B1, 64-bit sums (M steps/s)", nat.get("3x1", 0) / 1e6 or None, 15, unit="M/s")
    add("core: Carry native H16 B32, 64-bit sums (M steps/s)", nat.get("16x32", 0) / 1e6 or None, 8, unit="M/s")
    for engine in ("wasm (Node)", "wasm (Chromium)"):
        w = (core or {}).get(engine, {})
        for cfg in ("3x1", "3x32", "16x1", "16x32"):
            x, y = w.get(cfg), nat.get(cfg)
            add(f"core: Carry {engine} / native, H{cfg.replace('x', ' B')}, 64-bit sums",
                x / y if isinstance(x, float) and y else None, 0.8)
    sc = (br or {}).get("scenarios", {})
    for name in ("training", "full-speed"):  # as loaded, the page now draws only its animation's steps
        fps = sc.get(name, {}).get("fps")
        add(f"browser fps while training ({name})", fps, 60, unit="fps")
    ff = (br or {}).get("first_frame_ms")
    add("browser first frame (median of 3, ms)", statistics.median(ff) if ff else None, 1000, unit="ms")
    tr = (br or {}).get("frames", {}).get("training", {})
    add("browser app fps while training, default speed, vsync (issue 15)", tr.get("app_fps"), 55, unit="fps")
    return t


def chart(rows: list[dict], path: Path) -> str | None:
    try:
        r = subprocess.run([DEBIAN_PY, "-c", "import matplotlib"], capture_output=True)
        if r.returncode != 0:
            return "matplotlib missing (apt-get install python3-matplotlib)"
    except FileNotFoundError:
        return "no Debian python3"
    data = json.dumps([{k: row.get(k) for k in ("name", "steps_per_second", "median_solve_seconds",
                                                 "solved", "seeds", "not_run", "error")} for row in rows])
    r = subprocess.run([DEBIAN_PY, str(BENCH / "chart.py"), str(path)], input=data, text=True,
                       capture_output=True)
    return None if r.returncode == 0 else r.stderr.strip()[-400:]


def machine() -> dict:
    cpu = ""
    try:
        for ln in Path("/proc/cpuinfo").read_text().splitlines():
            if ln.startswith("model name"):
                cpu = ln.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().splitlines()[0].split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GiB RAM"
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": mem, "kernel": platform.release(),
            "node": subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip(),
            "python": subprocess.run([DEBIAN_PY, "--version"], capture_output=True, text=True).stdout.strip()}


# ---------------------------------------------------------------------------------------------
def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "bench")
    ap.add_argument("--seconds", type=float, default=1.0, help="timed seconds per throughput row")
    ap.add_argument("--solve-budget", type=float, default=40.0, help="wall seconds per peer for seeds 1-10")
    ap.add_argument("--max-sequences", type=int, default=40000)
    ap.add_argument("--seeds", default="1-10")
    ap.add_argument("--smoke", action="store_true", help="seconds: Carry native + numpy (or Carry only), tiny budgets")
    ap.add_argument("--no-install", action="store_true")
    ap.add_argument("--carry-native", type=Path, help="a built carry-bench (else built into build/bench-native)")
    ap.add_argument("--carry-wasm", type=Path, help="a built carry-bench.js (else built into build/bench-web)")
    ap.add_argument("--site", type=Path, default=DEFAULT_SITE, help="the built web page (built when missing)")
    ap.add_argument("--only", default="", help="comma-separated peer names to run (default: all)")
    ap.add_argument("--frames-only", action="store_true",
                    help="only issue 15's browser figures (idle CPU, fps, sync GL calls, memory per frame) for --site")
    ap.add_argument("--idle-seconds", type=float, default=10.0, help="seconds per idle CPU measurement")
    a = ap.parse_args()
    if a.frames_only:
        fr = frames_bench(a.site, a.idle_seconds)
        a.out.mkdir(parents=True, exist_ok=True)
        (a.out / "frames.json").write_text(json.dumps(fr, indent=1))
        print_frames(fr)
        return 1 if "error" in fr else 0
    if a.smoke:
        a.seconds, a.solve_budget, a.seeds = 0.05, 1.0, "1-2"
    started = time.perf_counter()
    load_before = os.getloadavg()

    if not a.no_install:
        install(a.smoke)
    native = a.carry_native.resolve() if a.carry_native else build_carry("native")
    wasm = a.carry_wasm.resolve() if a.carry_wasm else None
    if not a.smoke and wasm is None:
        wasm = build_carry("web")

    lo, hi = (a.seeds.split("-") + [a.seeds])[:2]
    common = ["--seconds", a.seconds, "--seeds", a.seeds, "--solve-budget", a.solve_budget,
              "--max-sequences", a.max_sequences]
    carry_args = ["all", a.seconds, lo, hi, a.max_sequences, a.solve_budget]
    peers: list[tuple[str, list, str | None]] = [("Carry native", [native, *carry_args], None)]
    if wasm:
        peers.append(("Carry wasm", ["node", "--no-experimental-fetch", wasm, *carry_args], None))
    have_numpy = subprocess.run([DEBIAN_PY, "-c", "import numpy"], capture_output=True).returncode == 0
    notes = []
    if have_numpy:
        peers.append(("numpy", [DEBIAN_PY, PEERS / "numpy_peer.py", *common], None))
    else:
        notes.append("numpy peer skipped: python3-numpy is not installed")
    if not a.smoke:
        peers += [
            ("PyTorch 1 thread", [DEBIAN_PY, PEERS / "torch_peer.py", "--threads", 1, *common], None),
            ("PyTorch 2 threads", [DEBIAN_PY, PEERS / "torch_peer.py", "--threads", 2, *common], None),
            ("TF.js cpu", ["node", PEERS / "tfjs_peer.mjs", "--backend", "cpu", *common], None),
            ("TF.js wasm", ["node", PEERS / "tfjs_peer.mjs", "--backend", "wasm", *common], None),
            ("brain.js", ["node", PEERS / "brainjs_peer.mjs", *common], None),
        ]
    only = {s.strip() for s in a.only.split(",") if s.strip()}
    rows = []
    for name, cmd, _ in peers:
        if only and name not in only:
            continue
        row = run_peer(name, cmd, BENCH, timeout=60 + 4 * 8 * a.seconds + 3 * a.solve_budget)
        if "error" not in row:
            summarize(row)
        rows.append(row)
    by_name = {r["name"]: r for r in rows}
    ref = by_name.get("Carry native")
    ref = ref if ref and "error" not in ref else None

    br, size = None, None
    if not a.smoke and not (a.site / "carry.wasm").exists() and a.site == DEFAULT_SITE and not a.no_install:
        # The page is built the way serve.py builds it (setup of the web sources, then the web preset).
        log("no built page: python3 tools/setup.py --web; cmake --preset web; cmake --build --preset web")
        env = dict(os.environ, NODE_PATH="/usr/share/nodejs")
        subprocess.run([sys.executable, str(ROOT / "tools" / "setup.py"), "--web", "--tests"], check=True)
        subprocess.run(["cmake", "--preset", "web"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["cmake", "--build", "--preset", "web", "--target", "carry", "carry-test", "-j2"], cwd=ROOT,
                       env=env, check=True, stdout=subprocess.DEVNULL)
    if not a.smoke and (a.site / "carry.wasm").exists():
        size = page_size(a.site)
        log("browser: headless Chromium")
        # The fps scenarios are started through the test page's hook (the same app plus
        # tests/support/test_hooks.cpp, built next to site/); the shipped page has none.
        test_site = a.site.parent / "test-site"
        br = browser(test_site if (test_site / "carry.wasm").exists() else a.site, 3.0)
        log("browser: idle CPU, frames, memory per embedded frame (issue 15)")
        br["frames"] = frames_bench(a.site, a.idle_seconds)
    elif not a.smoke:
        notes.append(f"no built page at {a.site}: run `python3 serve.py` (or the web preset) first")

    wasm_row = by_name.get("Carry wasm")
    if br and "error" not in br and wasm_row and "error" not in wasm_row:
        # The app's full-speed mode trains for train_budget_ms = 8 ms of every frame (playground.h).
        sps = wasm_row["steps_per_second"]
        br["work_per_frame_8ms"] = {
            "note": "derived: Carry wasm throughput x 8 ms, the app's full-speed training budget per frame",
            "sequence_steps_H3_B1": sps.get("3x1", 0) * 0.008, "sequence_steps_H3_B32": sps.get("3x32", 0) * 0.008,
            "sequences_8bit_H3_B32": sps.get("3x32", 0) * 0.008 / 9}
    core = core_throughput(native, wasm, a.seconds if a.smoke else max(a.seconds, 2.0))
    tg = targets(by_name, br or {}, core or {})
    a.out.mkdir(parents=True, exist_ok=True)
    report = {
        "machine": machine(), "load_before": load_before, "load_after": os.getloadavg(),
        "settings": {"seconds": a.seconds, "solve_budget": a.solve_budget, "max_sequences": a.max_sequences,
                     "seeds": a.seeds, "bits": 8, "recipe": "bench/peers/RECIPE.md"},
        "rows": rows, "core_throughput_64bit": core, "browser": br, "page_size": size, "targets": tg, "notes": notes,
    }
    chart_err = None
    if rows:
        chart_err = chart(rows, a.out / "bench.png")
        if chart_err:
            notes.append("chart: " + chart_err)
    report["total_seconds"] = time.perf_counter() - started
    (a.out / "bench.json").write_text(json.dumps(report, indent=1) + "\n")

    m = report["machine"]
    print(f"Carry benchmark: {m['cpu']}, {m['cores']} cores, {m['memory']}; load {load_before[0]:.2f} before, "
          f"{report['load_after'][0]:.2f} after; {a.seconds:g} s per throughput row, 8-bit training sums")
    print("Throughput in sequence-steps/s with Carry native's ratio to the peer in parentheses; time to solve:")
    print(f"H=3, batch 8, seeds {a.seeds}, <= {a.max_sequences} sequences, {a.solve_budget:g} s budget per peer.\n")
    print(table(rows, ref))
    if core:
        print("\ncore throughput (carry-bench core: 64-bit training sums, best of 5 slices), M sequence-steps/s,"
              " ratio to native in parentheses:")
        nat = core.get("native", {})
        for name, r in core.items():
            if "error" in r:
                print(f"  {name:16} {r['error']}")
                continue
            cells = [f"H{c.replace('x', ' B')} {r[c] / 1e6:.2f}" + ("" if name == "native" or not nat.get(c) else f" ({r[c] / nat[c]:.2f}x)")
                     for c in ("3x1", "3x32", "16x1", "16x32") if c in r]
            label = f"native ({r.get('kernels')} kernels)" if name == "native" else name
            print(f"  {label:32} " + ", ".join(cells))
    if size:
        print(f"\npage: {size['raw'] / 1024:.0f} KiB raw, {size['gzip'] / 1024:.0f} KiB gzip "
              + "(" + ", ".join("%s %.0f/%.0f" % (k, v["raw"] / 1024, v["gzip"] / 1024) for k, v in size["files"].items())
              + " KiB raw/gzip)")
    if br:
        if "error" in br:
            print(f"browser: {br['error']}")
        else:
            ff = br.get("first_frame_ms", [])
            print(f"browser (headless Chromium, WebGL on SwiftShader, 1280x800): first frame "
                  f"{', '.join(f'{x:.0f}' for x in ff)} ms (3 fresh loads; carry.ready, layout settled: "
                  f"{', '.join(f'{x:.0f}' for x in br.get('ready_ms', []))} ms); downloads done at "
                  + "; ".join(", ".join(f"{k} {v} ms" for k, v in b.items()) for b in br.get("first_frame_breakdown_ms", [])))
            for k, v in br.get("scenarios", {}).items():
                if "fps" in v:
                    print(f"  {k:10} {v['fps']:5.1f} fps; per frame: main-thread script {v['script_ms_per_frame']:.1f} ms, "
                          f"of which waiting in WebGL getParameter (GPU process) {v['gl_sync_wait_ms_per_frame']:.1f} ms, "
                          f"Carry's own work {v['own_work_ms_per_frame']:.1f} ms")
                else:
                    print(f"  {k:10} {v['error'][:80]}")
            if br.get("frames"):
                print_frames(br["frames"])
            w = br.get("work_per_frame_8ms")
            if w:
                print(f"work per frame at the app's 8 ms full-speed budget (from Carry wasm throughput): "
                      f"{w['sequences_8bit_H3_B32']:.0f} 8-bit sequences (H=3), "
                      f"{w['sequence_steps_H3_B32']:.3g} sequence-steps")
    print("\ntargets:")
    for t in tg:
        v = t["value"]
        vs = "-" if v is None else (f"{v:.3g}x" if t["unit"] == "x" else f"{v:.0f} {t['unit']}" if t["unit"] == "ms"
                                    else f"{v:.2f}" if t["unit"] == "M/s" else f"{v:.1f} {t['unit']}")
        state = "n/a" if t["met"] is None else ("met" if t["met"] else "MISSED")
        print(f"  {state:6} {t['target']}: {vs} (need {'<=' if t['unit'] == 'ms' else '>='} {t['need']})")
    for n in notes:
        print(f"note: {n}")
    print(f"\nwrote {a.out / 'bench.json'}" + ("" if chart_err else f" and {a.out / 'bench.png'}")
          + f" in {report['total_seconds']:.0f} s")
    return 1 if any("error" in r for r in rows) and a.smoke else 0


if __name__ == "__main__":
    sys.exit(main())
