"""The reference workload's NeuMF in PyTorch, the peer of `npm run bench:peers`.

The same model as seedgrad's and bench/tfjs-neumf.ts's (docs/protocol.md): GMF and MLP
branches with embeddings of 16, Dense 32->64->32->16 with ReLU and dropout 0.4 after the
first two, a 32->1 head, Keras's initialisers, binary cross-entropy on logits, Adam with
Keras's defaults (0.001, 0.9, 0.999, 1e-7), batch 2048, float32. It trains on the very
examples seedgrad trains on: bench/peers.ts writes each epoch's (user, item, label) arrays
to a file and sends its path on stdin; this process trains one epoch on it and answers
one JSON line (seconds of training, mean loss). Timing starts after the file is read.

Usage (bench/peers.ts runs it): python3 bench/torch_neumf.py USERS ITEMS THREADS
The first line it prints describes the process: torch's version, its thread count and
the BLAS and LAPACK libraries actually mapped into it (from /proc/self/maps): Debian's
python3-torch links the generic libblas.so.3, which is the reference BLAS unless an
optimised one (e.g. `apt-get install libopenblas0-pthread`) provides that alternative.
"""
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

D = 16
BATCH = 2048
DROPOUT = 0.4


def mapped_libraries():
    """The BLAS/LAPACK shared objects this process has mapped, by real path."""
    found = []
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split()[-1] if len(line.split()) >= 6 else ""
                name = os.path.basename(path).lower()
                if any(key in name for key in ("blas", "lapack", "mkl", "dnnl")) and path not in found:
                    found.append(path)
    except OSError:
        pass
    return [os.path.realpath(p) for p in found]


def glorot(fan_in, fan_out, gen):
    limit = math.sqrt(6 / (fan_in + fan_out))
    return torch.nn.Parameter(torch.empty(fan_in, fan_out).uniform_(-limit, limit, generator=gen))


class NeuMF(torch.nn.Module):
    def __init__(self, users, items, gen):
        super().__init__()
        embedding = lambda rows: torch.nn.Parameter(torch.empty(rows, D).uniform_(-0.05, 0.05, generator=gen))
        self.gmf_user, self.gmf_item = embedding(users), embedding(items)
        self.mlp_user, self.mlp_item = embedding(users), embedding(items)
        self.w0, self.b0 = glorot(2 * D, 4 * D, gen), torch.nn.Parameter(torch.zeros(4 * D))
        self.w1, self.b1 = glorot(4 * D, 2 * D, gen), torch.nn.Parameter(torch.zeros(2 * D))
        self.w2, self.b2 = glorot(2 * D, D, gen), torch.nn.Parameter(torch.zeros(D))
        self.wh, self.bh = glorot(2 * D, 1, gen), torch.nn.Parameter(torch.zeros(1))

    def forward(self, u, i):
        gmf = self.gmf_user[u] * self.gmf_item[i]
        h = torch.cat([self.mlp_user[u], self.mlp_item[i]], 1)
        h = F.dropout(F.relu(torch.addmm(self.b0, h, self.w0)), DROPOUT, True)
        h = F.dropout(F.relu(torch.addmm(self.b1, h, self.w1)), DROPOUT, True)
        h = F.relu(torch.addmm(self.b2, h, self.w2))
        return torch.addmm(self.bh, torch.cat([gmf, h], 1), self.wh).view(-1)


def train_epoch(model, optimizer, path):
    raw = np.fromfile(path, dtype=np.uint8)
    n = raw.size // 12
    users = torch.from_numpy(raw[: 4 * n].view(np.int32).astype(np.int64))
    items = torch.from_numpy(raw[4 * n : 8 * n].view(np.int32).astype(np.int64))
    labels = torch.from_numpy(raw[8 * n :].view(np.float32).copy())
    started = time.perf_counter()
    loss_sum = 0.0
    for begin in range(0, n, BATCH):
        end = min(n, begin + BATCH)
        optimizer.zero_grad(set_to_none=True)
        loss = F.binary_cross_entropy_with_logits(model(users[begin:end], items[begin:end]), labels[begin:end])
        loss.backward()
        optimizer.step()
        loss_sum += loss.item() * (end - begin)
    return {"seconds": time.perf_counter() - started, "loss": loss_sum / n}


def main():
    users, items, threads = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(threads)
    gen = torch.Generator().manual_seed(0)
    torch.manual_seed(0)
    model = NeuMF(users, items, gen)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001, betas=(0.9, 0.999), eps=1e-7)
    torch.ones(2, 2) @ torch.ones(2, 2)  # load the BLAS before reading the maps
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": mapped_libraries()}), flush=True)
    for line in sys.stdin:
        path = line.strip()
        if not path:
            break
        print(json.dumps(train_epoch(model, optimizer, path)), flush=True)


if __name__ == "__main__":
    main()
