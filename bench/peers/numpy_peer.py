"""numpy peer: the recipe (RECIPE.md) with backpropagation through time written by hand."""
from __future__ import annotations

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


class Trainer:
    def __init__(self, hidden: int, batch: int, seed: int):
        rng = np.random.default_rng(seed)
        H = hidden
        fh, fo = 2 + H + 1, H + 1
        self.p = {
            "W_in": 2 * rng.standard_normal((H, 2)) / np.sqrt(fh),
            "W_rec": 2 * rng.standard_normal((H, H)) / np.sqrt(fh),
            "b_hid": 2 * rng.standard_normal(H) / np.sqrt(fh),
            "w_out": 2 * rng.standard_normal(H) / np.sqrt(fo),
            "b_out": 2 * rng.standard_normal(()) / np.sqrt(fo),
            "h0": np.full(H, 0.5),
        }
        self.v = {k: np.zeros_like(w) for k, w in self.p.items()}

    def forward(self, x):
        p = self.p
        T, B, _ = x.shape
        hs = np.empty((T + 1, B, p["W_in"].shape[0]))
        hs[0] = p["h0"]
        for t in range(T):
            hs[t + 1] = sigmoid(x[t] @ p["W_in"].T + hs[t] @ p["W_rec"].T + p["b_hid"])
        out = sigmoid(hs[1:] @ p["w_out"] + p["b_out"])  # (T, B)
        return hs, out

    def predict(self, x):
        return (self.forward(x)[1] >= 0.5).astype(np.float64)

    def step(self, x, y):
        p = self.p
        T, B, _ = x.shape
        hs, out = self.forward(x)
        dlogit = (out - y) / B  # d(mean over batch of summed CE)/d(output logit)
        g = {k: np.zeros_like(w) for k, w in p.items()}
        g["w_out"] = np.einsum("tbh,tb->h", hs[1:], dlogit)
        g["b_out"] = dlogit.sum()
        dh_next = np.zeros_like(hs[0])
        for t in range(T - 1, -1, -1):
            dh = dlogit[t][:, None] * p["w_out"] + dh_next
            h = hs[t + 1]
            dz = dh * h * (1.0 - h)
            g["W_in"] += dz.T @ x[t]
            g["W_rec"] += dz.T @ hs[t]
            g["b_hid"] += dz.sum(0)
            dh_next = dz @ p["W_rec"]
        g["h0"] = dh_next.sum(0)
        norm = np.sqrt(sum(float(np.sum(v * v)) for v in g.values()))
        scale = 1.0 / norm if norm > 1.0 else 1.0
        for k in p:
            self.v[k] = 0.8 * self.v[k] - 0.2 * scale * g[k]
            p[k] = p[k] + self.v[k]


if __name__ == "__main__":
    common.main(Trainer, {"numpy": np.__version__})
