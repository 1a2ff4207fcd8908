"""bench/run.py's PNG: training throughput (grouped bars per H x batch, log scale) and median time to
solve (log scale, solve rate on each bar). Reads the rows as JSON on stdin; Debian's matplotlib."""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

rows = [r for r in json.load(sys.stdin) if not r.get("error")]
configs = ["3x1", "3x32", "16x1", "16x32"]
colors = ["#d62728", "#ff7f0e", "#1f77b4", "#17becf", "#9467bd", "#8c564b", "#e377c2", "#2ca02c", "#7f7f7f"]

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(15, 6.5), gridspec_kw={"width_ratios": [2.0, 1]})
n = len(rows)
width = 0.8 / max(n, 1)
for i, r in enumerate(rows):
    xs = [k + (i - (n - 1) / 2) * width for k in range(len(configs))]
    ys = [r["steps_per_second"].get(c) or 0 for c in configs]
    ax1.bar(xs, ys, width, label=r["name"], color=colors[i % len(colors)])
ax1.set_yscale("log")
ax1.set_xticks(range(len(configs)))
ax1.set_xticklabels([f"H={c.split('x')[0]}, batch {c.split('x')[1]}" for c in configs])
ax1.set_ylabel("sequence-steps per second (log scale, higher is better)")
ax1.set_title("Training throughput, 8-bit sums")
ax1.grid(axis="y", which="major", alpha=0.3)
ax1.legend(fontsize=9, ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.08), frameon=False)

names = [r["name"] for r in rows]
secs = [r.get("median_solve_seconds") for r in rows]
ys = [s if s else 0 for s in secs]
bars = ax2.barh(range(n), ys, color=[colors[i % len(colors)] for i in range(n)])
ax2.set_xscale("log")
ax2.set_yticks(range(n))
ax2.set_yticklabels(names)
ax2.invert_yaxis()
ax2.set_xlabel("wall seconds (log scale, lower is better)")
ax2.set_title(f"Median time to solve\n(H=3, batch 8, seeds 1-{max((r['seeds'] for r in rows), default=0)}, solved seeds only)")
positive = [s for s in secs if s]
if positive:
    ax2.set_xlim(min(positive) / 3, max(positive) * 300)
for i, (r, s) in enumerate(zip(rows, secs)):
    label = f"{r['solved']}/{r['seeds']} solved" if s else f"none solved (0/{r['seeds']})"
    if r.get("not_run"):
        label += f", {r['not_run']} not run (budget)"
    ax2.text(s * 1.15 if s else (min(positive) / 2.5 if positive else 1), i, label, va="center", fontsize=8)
ax2.grid(axis="x", which="major", alpha=0.3)
fig.tight_layout()
fig.savefig(sys.argv[1], dpi=110)
