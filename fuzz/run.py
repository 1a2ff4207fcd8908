#!/usr/bin/env python3
"""Build and run Carry's libFuzzer targets (Debian clang-14, -fsanitize=fuzzer,address,undefined).

    python3 fuzz/run.py --seconds 600                 # every target, 10 minutes each, one at a time
    python3 fuzz/run.py --seconds 5 binary_text       # one target, a few seconds
    python3 fuzz/run.py --seconds 4 --opt 0           # what CTest runs (fuzz.smoke): an -O0 build
    python3 fuzz/run.py --replay                      # only replay seeds + regressions, no fuzzing
    python3 fuzz/run.py --list

No CMake preset: this script compiles the core's sources it needs with clang++-14 straight into
build/fuzz/ (objects with -fsanitize=fuzzer-no-link, cached by mtime) and links one binary per
target. Each run
  1. replays fuzz/corpus/<target>/ (the small checked-in seeds) and fuzz/regressions/<target>/
     (every input that ever crashed a target: they must stay fixed),
  2. fuzzes for --seconds with a working corpus in build/fuzz/corpus/<target>/ (seeded from the
     checked-in one, grows between runs, never committed) and the target's dictionary if any,
  3. prints executions, cov (covered edges), ft (features) and corpus size from libFuzzer's final
     line; a crash/leak/timeout leaves its input in build/fuzz/artifacts/<target>/ and makes the
     script exit 1. Copy that input into fuzz/regressions/<target>/ once fixed.
Targets whose sources do not exist (yet) are skipped with a note. Needs clang-14 and libclang-rt-14-dev (tools/setup.py installs them).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FUZZ = ROOT / "fuzz"
OUT = ROOT / "build" / "fuzz"
CXX = os.environ.get("CARRY_FUZZ_CXX", "clang++-14")
OPT = 1  # -O level of the fuzz build (--opt); each level keeps its own objects and binaries
SAN = "address,undefined"
CFLAGS = ["-std=c++20", "-gline-tables-only", "-fno-omit-frame-pointer", "-fno-sanitize-recover=undefined",
          f"-I{ROOT / 'src'}", "-DCARRY_VERSION=\"fuzz\"", "-DCARRY_FUZZ=1"]

# name -> (harness, extra sources beyond src/core/*.cpp, dictionary, max_len)
TARGETS = {
    "binary_text": ("fuzz_binary_text.cpp", [], None, 5000),
    "model_file": ("fuzz_model_file.cpp", [], "model_file.dict", 16384),
    # Issue 6's pure functions (in src/core, so the glob above already compiles them).
    "url_state": ("fuzz_url_state.cpp", ["src/core/url_state.cpp"], None, 4096),
    "js_api_validate": ("fuzz_js_api_validate.cpp", ["src/core/js_api_validate.cpp"], "model_file.dict", 16384),
    # Issue 16: a lesson file from the site (its steps' links go through the settings table).
    "lesson": ("fuzz_lesson.cpp", ["src/core/lesson.cpp"], None, 16384),
    # Issue 19: a task's text form (a link's task=, a model file, carry-cli --task).
    "task": ("fuzz_task.cpp", [], None, 2048),
}


def log(msg: str) -> None:
    print(f"[fuzz] {msg}", flush=True)


def available(name: str) -> tuple[bool, str]:
    harness, extra, _, _ = TARGETS[name]
    missing = [p for p in [f"fuzz/{harness}", *extra] if not (ROOT / p).exists()]
    return (not missing, "missing " + ", ".join(missing) if missing else "")


def compile_obj(src: Path, obj: Path, flags: list[str]) -> None:
    if obj.exists() and obj.stat().st_mtime >= src.stat().st_mtime and not any(
            h.stat().st_mtime > obj.stat().st_mtime for h in (ROOT / "src").rglob("*.h")):
        return
    obj.parent.mkdir(parents=True, exist_ok=True)
    tmp = obj.with_name(f"{obj.name}.{os.getpid()}.tmp")
    cmd = [CXX, *CFLAGS, f"-O{OPT}", *flags, "-c", str(src), "-o", str(tmp)]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.stderr.write(r.stderr)
        raise SystemExit(f"[fuzz] compile failed: {src}")
    os.replace(tmp, obj)


def build(name: str) -> Path:
    harness, extra, _, _ = TARGETS[name]
    lib_flags = [f"-fsanitize=fuzzer-no-link,{SAN}"]
    sources = sorted(set((ROOT / "src" / "core").glob("*.cpp")) | {ROOT / p for p in extra})
    objs = [OUT / f"obj-O{OPT}" / (s.relative_to(ROOT).as_posix().replace("/", "_") + ".o") for s in sources]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as ex:
        list(ex.map(lambda so: compile_obj(so[0], so[1], lib_flags), zip(sources, objs)))
    hobj = OUT / f"obj-O{OPT}" / f"fuzz_{name}.o"
    compile_obj(FUZZ / harness, hobj, [f"-fsanitize=fuzzer,{SAN}"])
    exe = OUT / (f"fuzz_{name}" if OPT == 1 else f"fuzz_{name}-O{OPT}")
    if not exe.exists() or any(o.stat().st_mtime > exe.stat().st_mtime for o in [hobj, *objs]):
        # Link beside it, then rename: a copy of the old binary may still be running (a long run
        # next to CTest's fuzz.smoke), and writing over a running executable fails (ETXTBSY).
        tmp = exe.with_name(f"{exe.name}.{os.getpid()}.tmp")
        subprocess.run([CXX, f"-fsanitize=fuzzer,{SAN}", str(hobj), *map(str, objs), "-o", str(tmp)], check=True)
        os.replace(tmp, exe)
    return exe


def fuzz_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=0")
    env.setdefault("UBSAN_OPTIONS", "halt_on_error=1:print_stacktrace=1")
    return env


def replay(name: str, exe: Path) -> bool:
    """Runs every checked-in seed and regression input once (no mutation)."""
    files = [p for d in (FUZZ / "corpus" / name, FUZZ / "regressions" / name) if d.is_dir()
             for p in sorted(d.iterdir()) if p.is_file()]
    if not files:
        return True
    r = subprocess.run([str(exe), *map(str, files)], capture_output=True, text=True, env=fuzz_env())
    if r.returncode != 0:
        sys.stderr.write(r.stderr[-4000:])
        log(f"{name}: REPLAY FAILED")
        return False
    log(f"{name}: replayed {len(files)} seed/regression inputs, all fine")
    return True


def fuzz(name: str, exe: Path, seconds: int, jobs_nice: bool) -> dict:
    _, _, dictionary, max_len = TARGETS[name]
    work = OUT / "corpus" / name
    work.mkdir(parents=True, exist_ok=True)
    for p in (FUZZ / "corpus" / name).iterdir():
        if p.is_file() and not (work / p.name).exists():
            shutil.copy(p, work / p.name)
    art = OUT / "artifacts" / name
    art.mkdir(parents=True, exist_ok=True)
    cmd = [str(exe), str(work), f"-max_total_time={seconds}", f"-max_len={max_len}", "-timeout=10",
           "-rss_limit_mb=2048", f"-artifact_prefix={art}/", "-print_final_stats=1"]
    if dictionary:
        cmd.append(f"-dict={FUZZ / dictionary}")
    if jobs_nice:
        cmd = ["nice", "-n", "19", *cmd]
    log(f"{name}: fuzzing {seconds} s")
    t0 = time.time()
    r = subprocess.run(cmd, capture_output=True, text=True, env=fuzz_env())
    (OUT / f"{name}.log").write_text(r.stderr)
    stats = {"target": name, "seconds": round(time.time() - t0), "rc": r.returncode}
    for line in r.stderr.splitlines():
        m = re.match(r"#(\d+)\s+\w+\s+cov: (\d+) ft: (\d+) corp: (\d+)/(\S+)", line)
        if m:
            stats.update(execs=int(m[1]), cov=int(m[2]), ft=int(m[3]), corpus=int(m[4]), corpus_size=m[5])
        m = re.match(r"stat::number_of_executed_units: (\d+)", line)
        if m:
            stats["execs"] = int(m[1])
        m = re.match(r"stat::average_exec_per_sec:\s+(\d+)", line)
        if m:
            stats["exec_per_s"] = int(m[1])
    crashes = sorted(p.name for p in art.iterdir())
    stats["artifacts"] = crashes
    ok = r.returncode == 0
    log(f"{name}: {'ok' if ok else 'FOUND A PROBLEM'}  " + "  ".join(f"{k}={v}" for k, v in stats.items() if k != "target"))
    if not ok:
        sys.stderr.write("\n".join(r.stderr.splitlines()[-60:]) + "\n")
    return stats


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("targets", nargs="*", help=f"default: all of {list(TARGETS)} that exist")
    ap.add_argument("--seconds", type=int, default=10, help="fuzzing time per target (default 10)")
    ap.add_argument("--replay", action="store_true", help="only replay seeds and regressions")
    ap.add_argument("--nice", action="store_true", help="run the fuzzer under nice -n 19")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--opt", type=int, choices=(0, 1), default=1,
                    help="optimisation of the fuzz build (default 1; CTest's smoke uses 0: it compiles in half "
                         "the time, and a few seconds of fuzzing need no speed)")
    args = ap.parse_args()
    global OPT
    OPT = args.opt
    if args.list:
        for n in TARGETS:
            ok, why = available(n)
            print(n, "ready" if ok else f"(skipped: {why})")
        return 0
    if not shutil.which(CXX):
        raise SystemExit(f"[fuzz] {CXX} not found: apt-get install clang-14 libclang-rt-14-dev "
                         "(python3 tools/setup.py --fuzz)")
    unknown = [t for t in args.targets if t not in TARGETS]
    if unknown:
        ap.error(f"unknown target(s) {unknown}; known: {list(TARGETS)}")
    names = args.targets or list(TARGETS)
    failed = False
    for name in names:
        ok, why = available(name)
        if not ok:
            log(f"{name}: skipped ({why})")
            if args.targets:
                failed = True
            continue
        exe = build(name)
        if not replay(name, exe):
            failed = True
            continue
        if not args.replay and args.seconds > 0:
            failed |= fuzz(name, exe, args.seconds, args.nice)["rc"] != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
