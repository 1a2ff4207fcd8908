#!/usr/bin/env python3
"""Set up everything Carry needs to build and test, from Debian's archive only.

Used by `serve.py` and `tools/test.py`; runnable on its own:

    python3 tools/setup.py [--web] [--desktop] [--tests]

What it does, each step skipped when already done (a second run does nothing slow):
  1. Debian binary packages: installs the missing ones with apt-get (as root); when not root,
     prints the exact `apt-get install` line and stops.
  2. Debian *source* packages `imgui` (1.86) and `libsdl2` (2.26.5): fetched with a private apt
     state (the system's apt configuration is never touched) into `.cache/debian-src/`, verified
     against the SHA-256 lines of their `.dsc`, unpacked into `.cache/src/`. A file that fails
     verification is deleted and fetched again, never used.
  3. SDL2 built for WebAssembly straight from its sources with emcc, in the configuration SDL ships
     for Emscripten (SDL_config_emscripten.h), installed into `.cache/sdl2-web/` (about 30 s once;
     a stamp file records what was built).
Everything lands in `.cache/`, which git ignores: no third-party source is ever committed.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache"
SRC_CACHE = CACHE / "debian-src"
UNPACKED = CACHE / "src"
SDL2_WEB_PREFIX = CACHE / "sdl2-web"

# Binary packages, by what needs them.
PACKAGES = {
    "core": ["g++", "cmake", "make", "doctest-dev", "nlohmann-json3-dev", "libcli11-dev"],
    "desktop": ["libsdl2-dev", "libgl-dev", "libgl1-mesa-dri", "fonts-dejavu-core", "fonts-inter"],
    "web": ["emscripten", "nodejs", "fonts-dejavu-core", "fonts-inter", "python3-fonttools"],
    # chromium: browser tests; clang-14 + its runtime libs: libFuzzer targets (fuzz/run.py);
    # python3-matplotlib: the soak test's chart (tools/soak.py); python3-numpy: bench.smoke's peer;
    # xclip + xdotool: the desktop clipboard test puts text on X's clipboard and presses Ctrl+V.
    "tests": ["chromium", "xvfb", "xauth", "clang-14", "libclang-rt-14-dev", "python3-matplotlib",
              "python3-numpy", "xclip", "xdotool"],
}
# Source packages: name -> (version prefix we build against, orig tarball pattern).
SOURCES = {
    "imgui": ("1.86", re.compile(r"imgui_1\.86\+ds\.orig\.tar\.xz$")),
    "libsdl2": ("2.26.5", re.compile(r"libsdl2_2\.26\.5\+dfsg\.orig\.tar\.gz$")),
}
EMSCRIPTEN_TOOLCHAIN = Path("/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake")


def log(msg: str) -> None:
    print(f"[setup] {msg}", file=sys.stderr, flush=True)


def fail(msg: str) -> "NoReturn":  # type: ignore[name-defined]
    print(f"[setup] error: {msg}", file=sys.stderr, flush=True)
    sys.exit(1)


def emscripten_env() -> dict[str, str]:
    """Debian's emcc needs Debian's node module folder (TOOLCHAIN.md trap 1)."""
    env = dict(os.environ)
    env["NODE_PATH"] = "/usr/share/nodejs"
    return env


def run(cmd: list[str], **kw) -> None:
    log("$ " + " ".join(str(c) for c in cmd))
    subprocess.run(cmd, check=True, **kw)


# ---------------------------------------------------------------------------------------------
# 1. Binary packages
# ---------------------------------------------------------------------------------------------
def missing_packages(names: list[str]) -> list[str]:
    missing = []
    for name in dict.fromkeys(names):
        out = subprocess.run(["dpkg-query", "-W", "-f=${Status}", name],
                             capture_output=True, text=True)
        if out.returncode != 0 or "install ok installed" not in out.stdout:
            missing.append(name)
    return missing


def ensure_packages(names: list[str]) -> None:
    missing = missing_packages(names)
    if not missing:
        return
    line = "apt-get install -y --no-install-recommends " + " ".join(missing)
    if os.geteuid() != 0:
        fail(f"missing Debian packages: {' '.join(missing)}\n  run as root:  {line}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    log(f"installing {len(missing)} Debian packages: {' '.join(missing)}")
    run(["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL)
    run(["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing], env=env,
        stdout=subprocess.DEVNULL)


# ---------------------------------------------------------------------------------------------
# 2. Source packages, verified against their .dsc
# ---------------------------------------------------------------------------------------------
def dsc_checksums(dsc: Path) -> dict[str, str]:
    """The `Checksums-Sha256:` section of a .dsc: file name -> sha256."""
    sums, inside = {}, False
    for line in dsc.read_text(errors="replace").splitlines():
        if line.startswith("Checksums-Sha256:"):
            inside = True
        elif inside and line.startswith(" "):
            digest, _size, name = line.split()
            sums[name] = digest
        elif inside:
            break
    return sums


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def private_apt_options() -> list[str]:
    """apt options for a private deb-src state under .cache/apt (the system's stays untouched)."""
    state = CACHE / "apt"
    (state / "lists" / "partial").mkdir(parents=True, exist_ok=True)
    parts = state / "sources.d"
    parts.mkdir(exist_ok=True)
    system = Path("/etc/apt/sources.list.d/debian.sources")
    if system.exists():  # deb822 format (Debian 12's default)
        text = re.sub(r"^Types:.*$", "Types: deb-src", system.read_text(), flags=re.M)
        (parts / "debian.sources").write_text(text)
        source_list = "/dev/null"
    else:  # classic one-line format
        lines = [l.replace("deb ", "deb-src ", 1) for l in Path("/etc/apt/sources.list").read_text().splitlines()
                 if l.startswith("deb ")]
        (state / "sources.list").write_text("\n".join(lines) + "\n")
        source_list = str(state / "sources.list")
    return ["-o", f"Dir::Etc::SourceList={source_list}", "-o", f"Dir::Etc::SourceParts={parts}",
            "-o", f"Dir::State::Lists={state / 'lists'}", "-o", "APT::Sandbox::User=root"]


def verified_sources(name: str) -> tuple[Path, Path] | None:
    """(dsc, orig tarball) if both are in the cache and every checksum in the .dsc matches."""
    version, pattern = SOURCES[name]
    for dsc in sorted(SRC_CACHE.glob(f"{name}_{version}*.dsc")):
        sums = dsc_checksums(dsc)
        origs = [SRC_CACHE / f for f in sums if pattern.search(f)]
        if not origs:
            continue
        ok = True
        for fname, digest in sums.items():
            f = SRC_CACHE / fname
            if f.exists() and sha256(f) != digest:
                log(f"{fname}: SHA-256 does not match its .dsc; deleting it so it is fetched again")
                f.unlink()
                ok = False
        if ok and origs[0].exists():
            return dsc, origs[0]
    return None


def fetch_sources(name: str) -> tuple[Path, Path]:
    found = verified_sources(name)
    if found:
        return found
    SRC_CACHE.mkdir(parents=True, exist_ok=True)
    opts = private_apt_options()
    for attempt in (1, 2, 3):
        log(f"fetching Debian source package {name} (attempt {attempt})")
        if not any((CACHE / "apt" / "lists").glob("*Sources*")):
            run(["apt-get", *opts, "update", "-q"], stdout=subprocess.DEVNULL)
        run(["apt-get", *opts, "source", "--download-only", "-q", name], cwd=SRC_CACHE,
            stdout=subprocess.DEVNULL)
        found = verified_sources(name)
        if found:
            return found
        time.sleep(2)
    fail(f"could not fetch a verified source package for {name}")


def unpack(name: str, tarball: Path, dest: Path) -> Path:
    """Unpack the orig tarball into dest (top folder stripped); re-unpacks if the tarball changed."""
    stamp = dest / ".carry-unpacked-from"
    digest = sha256(tarball)
    if stamp.exists() and stamp.read_text().strip() == digest:
        return dest
    if dest.exists():
        shutil.rmtree(dest)
    tmp = dest.with_name(dest.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    log(f"unpacking {tarball.name}")
    with tarfile.open(tarball) as tar:
        tar.extractall(tmp, filter="data") if hasattr(tarfile, "data_filter") else tar.extractall(tmp)
    tops = list(tmp.iterdir())
    (tops[0] if len(tops) == 1 and tops[0].is_dir() else tmp).rename(dest)
    if tmp.exists():
        shutil.rmtree(tmp)
    stamp.write_text(digest + "\n")
    return dest


def ensure_sources() -> dict[str, Path]:
    dirs = {}
    for name, folder in (("imgui", "imgui"), ("libsdl2", "SDL2")):
        _dsc, orig = fetch_sources(name)
        dirs[name] = unpack(name, orig, UNPACKED / folder)
    return dirs


# ---------------------------------------------------------------------------------------------
# 3. SDL2 for WebAssembly
# ---------------------------------------------------------------------------------------------
# SDL's own CMake spends about 4 minutes on ~320 configure checks under Emscripten (each one an
# emcc link) before a 20-second build. The answers are already in SDL's source: include/SDL_config.h
# picks SDL_config_emscripten.h when __EMSCRIPTEN__ is defined (the configuration Emscripten's own
# -sUSE_SDL=2 ships). So the library is built straight from the files that configuration needs:
# the core, the Emscripten drivers, and the dummy/generic ones for what the browser lacks.
SDL2_WEB_RECIPE = "direct-1"  # bump when the list or the flags change: the stamp then rebuilds
SDL2_WEB_SOURCES = """
    SDL.c SDL_assert.c SDL_dataqueue.c SDL_error.c SDL_guid.c SDL_hints.c SDL_list.c SDL_log.c SDL_utils.c
    atomic/SDL_atomic.c atomic/SDL_spinlock.c
    audio/SDL_audio.c audio/SDL_audiocvt.c audio/SDL_audiodev.c audio/SDL_audiotypecvt.c audio/SDL_mixer.c
    audio/SDL_wave.c audio/emscripten/SDL_emscriptenaudio.c audio/disk/SDL_diskaudio.c
    audio/dummy/SDL_dummyaudio.c
    cpuinfo/SDL_cpuinfo.c dynapi/SDL_dynapi.c
    events/SDL_clipboardevents.c events/SDL_displayevents.c events/SDL_dropevents.c events/SDL_events.c
    events/SDL_gesture.c events/SDL_keyboard.c events/SDL_keysym_to_scancode.c events/SDL_mouse.c
    events/SDL_quit.c events/SDL_scancode_tables.c events/SDL_touch.c events/SDL_windowevents.c
    file/SDL_rwops.c filesystem/emscripten/SDL_sysfilesystem.c
    haptic/SDL_haptic.c haptic/dummy/SDL_syshaptic.c
    joystick/SDL_gamecontroller.c joystick/SDL_joystick.c joystick/controller_type.c
    joystick/emscripten/SDL_sysjoystick.c
    loadso/dlopen/SDL_sysloadso.c locale/SDL_locale.c locale/emscripten/SDL_syslocale.c
    main/dummy/SDL_dummy_main.c misc/SDL_url.c misc/emscripten/SDL_sysurl.c
    power/SDL_power.c power/emscripten/SDL_syspower.c
    render/SDL_d3dmath.c render/SDL_render.c render/SDL_yuv_sw.c render/opengl/SDL_render_gl.c
    render/opengl/SDL_shaders_gl.c render/opengles/SDL_render_gles.c render/opengles2/SDL_render_gles2.c
    render/opengles2/SDL_shaders_gles2.c render/software/SDL_blendfillrect.c
    render/software/SDL_blendline.c render/software/SDL_blendpoint.c render/software/SDL_drawline.c
    render/software/SDL_drawpoint.c render/software/SDL_render_sw.c render/software/SDL_rotate.c
    render/software/SDL_triangle.c
    sensor/SDL_sensor.c sensor/dummy/SDL_dummysensor.c
    stdlib/SDL_crc16.c stdlib/SDL_crc32.c stdlib/SDL_getenv.c stdlib/SDL_iconv.c stdlib/SDL_malloc.c
    stdlib/SDL_qsort.c stdlib/SDL_stdlib.c stdlib/SDL_string.c stdlib/SDL_strtokr.c
    thread/SDL_thread.c thread/generic/SDL_syscond.c thread/generic/SDL_sysmutex.c
    thread/generic/SDL_syssem.c thread/generic/SDL_systhread.c thread/generic/SDL_systls.c
    timer/SDL_timer.c timer/unix/SDL_systimer.c
    video/SDL_RLEaccel.c video/SDL_blit.c video/SDL_blit_0.c video/SDL_blit_1.c video/SDL_blit_A.c
    video/SDL_blit_N.c video/SDL_blit_auto.c video/SDL_blit_copy.c video/SDL_blit_slow.c video/SDL_bmp.c
    video/SDL_clipboard.c video/SDL_egl.c video/SDL_fillrect.c video/SDL_pixels.c video/SDL_rect.c
    video/SDL_shape.c video/SDL_stretch.c video/SDL_surface.c video/SDL_video.c video/SDL_yuv.c
    video/dummy/SDL_nullevents.c video/dummy/SDL_nullframebuffer.c video/dummy/SDL_nullvideo.c
    video/emscripten/SDL_emscriptenevents.c video/emscripten/SDL_emscriptenframebuffer.c
    video/emscripten/SDL_emscriptenmouse.c video/emscripten/SDL_emscriptenopengles.c
    video/emscripten/SDL_emscriptenvideo.c video/yuv2rgb/yuv_rgb.c
""".split()


def ensure_sdl2_web(sdl_src: Path) -> Path:
    stamp = SDL2_WEB_PREFIX / ".carry-built-from"
    want = (sdl_src / ".carry-unpacked-from").read_text().strip() + " " + SDL2_WEB_RECIPE
    if stamp.exists() and stamp.read_text().strip() == want and (SDL2_WEB_PREFIX / "lib" / "libSDL2.a").exists():
        return SDL2_WEB_PREFIX
    build = CACHE / "build" / "sdl2-web"
    for d in (build, SDL2_WEB_PREFIX):
        if d.exists():
            shutil.rmtree(d)
    missing = [f for f in SDL2_WEB_SOURCES if not (sdl_src / "src" / f).is_file()]
    if missing:
        fail(f"SDL2's source lacks {', '.join(missing)}: SDL2_WEB_SOURCES was written for 2.26.5")
    log(f"building SDL2 for WebAssembly ({len(SDL2_WEB_SOURCES)} files, once; about 30 s on 2 cores)")
    t0 = time.time()
    env = emscripten_env()
    emcc, emar = shutil.which("emcc", path=env.get("PATH")), shutil.which("emar", path=env.get("PATH"))
    if not emcc or not emar:
        fail("emcc/emar not found: install Debian's emscripten (tools/setup.py --web does)")
    objects = [build / (f.replace("/", "_") + ".o") for f in SDL2_WEB_SOURCES]
    build.mkdir(parents=True)

    def compile_one(pair: tuple[str, Path]) -> subprocess.CompletedProcess:
        src, obj = pair
        return subprocess.run([emcc, "-c", str(sdl_src / "src" / src), "-o", str(obj), "-O2", "-w",
                               f"-I{sdl_src / 'include'}", "-DNDEBUG"], env=env, capture_output=True, text=True)

    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(compile_one, zip(SDL2_WEB_SOURCES, objects)))
    for src, r in zip(SDL2_WEB_SOURCES, results):
        if r.returncode != 0:
            sys.stderr.write(r.stderr[-3000:])
            fail(f"compiling SDL2's {src} for WebAssembly failed")
    (SDL2_WEB_PREFIX / "lib").mkdir(parents=True)
    subprocess.run([emar, "rcs", str(SDL2_WEB_PREFIX / "lib" / "libSDL2.a"), *map(str, objects)], env=env, check=True)
    headers = SDL2_WEB_PREFIX / "include" / "SDL2"
    headers.mkdir(parents=True)
    for h in (sdl_src / "include").glob("*.h"):
        shutil.copy2(h, headers / h.name)
    stamp.write_text(want + "\n")
    log(f"SDL2 for WebAssembly built in {time.time() - t0:.0f} s")
    return SDL2_WEB_PREFIX


# ---------------------------------------------------------------------------------------------
# Entry points used by serve.py and tools/test.py
# ---------------------------------------------------------------------------------------------
def ensure_ready(web: bool = False, desktop: bool = False, tests: bool = False) -> None:
    groups = ["core"] + (["web"] if web else []) + (["desktop"] if desktop else []) + (["tests"] if tests else [])
    ensure_packages([p for g in groups for p in PACKAGES[g]])
    if web or desktop:
        dirs = ensure_sources()
        if web:
            ensure_sdl2_web(dirs["libsdl2"])


def cmake_build(preset: str, target: str | None = None) -> Path:
    """Configure (first time) and build a CMake preset; returns its build folder."""
    build = ROOT / "build" / preset
    env = emscripten_env()
    if not (build / "CMakeCache.txt").exists():
        run(["cmake", "--preset", preset], cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    cmd = ["cmake", "--build", "--preset", preset, f"-j{os.cpu_count() or 2}"]
    if target:
        cmd += ["--target", target]
    run(cmd, cwd=ROOT, env=env)
    return build


def build_web() -> Path:
    """Build the web app; returns the static site folder (index.html, carry.js, carry.wasm, ...)."""
    return cmake_build("web", target="carry") / "site"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--web", action="store_true", help="also what the WebAssembly build needs")
    ap.add_argument("--desktop", action="store_true", help="also what the desktop app needs")
    ap.add_argument("--tests", action="store_true", help="also what the tests need (Chromium, Xvfb)")
    args = ap.parse_args()
    try:
        ensure_ready(web=args.web, desktop=args.desktop, tests=args.tests)
    except subprocess.CalledProcessError as e:
        fail(f"command failed with exit code {e.returncode}: {' '.join(map(str, e.cmd))}")
    log("ready")
    return 0


if __name__ == "__main__":
    sys.exit(main())
