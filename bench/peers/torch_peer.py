"""PyTorch peer: the recipe (RECIPE.md) as a user would write it: explicit Elman cell with
torch.sigmoid (nn.RNN has no logistic nonlinearity), autograd for BPTT,
clip_grad_norm_ and torch.optim.SGD with momentum. float64 like Carry and the numpy peer.
--threads N sets torch.set_num_threads(N) (and interop threads to 1)."""
from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402

torch.set_default_dtype(torch.float64)


class Trainer:
    def __init__(self, hidden: int, batch: int, seed: int):
        g = torch.Generator().manual_seed(seed)
        H = hidden
        fh, fo = (2 + H + 1) ** 0.5, (H + 1) ** 0.5

        def par(*shape, scale):
            return torch.nn.Parameter(2 * torch.randn(*shape, generator=g) / scale)

        self.W_in = par(H, 2, scale=fh)
        self.W_rec = par(H, H, scale=fh)
        self.b_hid = par(H, scale=fh)
        self.w_out = par(H, scale=fo)
        self.b_out = par(1, scale=fo)
        self.h0 = torch.nn.Parameter(torch.full((H,), 0.5))
        self.params = [self.W_in, self.W_rec, self.b_hid, self.w_out, self.b_out, self.h0]
        self.opt = torch.optim.SGD(self.params, lr=0.2, momentum=0.8)

    def forward(self, x):
        T, B, _ = x.shape
        h = self.h0.expand(B, -1)
        hs = []
        for t in range(T):
            h = torch.sigmoid(x[t] @ self.W_in.T + h @ self.W_rec.T + self.b_hid)
            hs.append(h)
        return torch.stack(hs) @ self.w_out + self.b_out  # output logits (T, B)

    def prepare(self, batches):
        return self

    def step(self, x, y):
        x = torch.from_numpy(x)
        y = torch.from_numpy(y)
        logits = self.forward(x)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, y, reduction="sum") / x.shape[1]
        self.opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.params, 1.0)
        self.opt.step()

    def predict(self, x):
        with torch.no_grad():
            return (self.forward(torch.from_numpy(x)) >= 0.0).double().numpy()


if __name__ == "__main__":
    args = common.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    common.main(Trainer, {"torch": torch.__version__, "threads": torch.get_num_threads()})
