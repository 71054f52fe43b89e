"""PyTorch's NeuMF step at the synthetic sizes of `npm run bench:scale`: the peer figure
for its growth item (docs/performance.md, "Growth with the data").

The model is bench/torch_neumf.py's (the reference workload's NeuMF, batch 2048); the
batches are uniform random (user, item, label) triples over each size's tables, since the
per-step cost depends on the shapes, not on which rows a batch names. For each size it
times STEPS steps (the first 20 not counted) with dense Adam over every parameter
(torch.optim.Adam, Keras's defaults), then with the embedding tables sparse
(nn.functional.embedding(sparse=True)) under torch.optim.SparseAdam and Adam for the rest,
PyTorch's answer to tables that outgrow a dense update.

Usage: python3 bench/torch_scale.py [THREADS] [STEPS]   (defaults 1 and 600)
"""
import importlib.util
import os
import sys
import time

try:
    import torch
    import torch.nn.functional as F
except ImportError:
    sys.exit("torch_scale.py: this python cannot import torch (Debian: apt-get install python3-torch, then run it with /usr/bin/python3)")

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("torch_neumf", os.path.join(here, "torch_neumf.py"))
torch_neumf = importlib.util.module_from_spec(spec)
spec.loader.exec_module(torch_neumf)

# bench/scale.ts's SIZES (users, items): about 143 interactions per user.
SIZES = {"0.5M": (3_500, 10_000), "5M": (35_000, 20_000), "20M": (140_000, 27_000)}
WARM_UP = 20


def sparse_forward(model, u, i):
    """torch_neumf.NeuMF.forward with the four lookups as sparse-gradient embeddings."""
    look = lambda table, rows: F.embedding(rows, table, sparse=True)
    gmf = look(model.gmf_user, u) * look(model.gmf_item, i)
    h = torch.cat([look(model.mlp_user, u), look(model.mlp_item, i)], 1)
    h = F.dropout(F.relu(torch.addmm(model.b0, h, model.w0)), torch_neumf.DROPOUT, True)
    h = F.dropout(F.relu(torch.addmm(model.b1, h, model.w1)), torch_neumf.DROPOUT, True)
    h = F.relu(torch.addmm(model.b2, h, model.w2))
    return torch.addmm(model.bh, torch.cat([gmf, h], 1), model.wh).view(-1)


def median_step_ms(users, items, steps, sparse):
    gen = torch.Generator().manual_seed(0)
    torch.manual_seed(0)
    model = torch_neumf.NeuMF(users, items, gen)
    tables = [model.gmf_user, model.gmf_item, model.mlp_user, model.mlp_item]
    if sparse:
        dense = [p for p in model.parameters() if all(p is not t for t in tables)]
        optimizers = [torch.optim.SparseAdam(tables, lr=0.001, betas=(0.9, 0.999), eps=1e-7), torch.optim.Adam(dense, lr=0.001, betas=(0.9, 0.999), eps=1e-7)]
        forward = lambda u, i: sparse_forward(model, u, i)
    else:
        optimizers = [torch.optim.Adam(model.parameters(), lr=0.001, betas=(0.9, 0.999), eps=1e-7)]
        forward = model
    u = torch.randint(0, users, (steps, torch_neumf.BATCH), generator=gen)
    i = torch.randint(0, items, (steps, torch_neumf.BATCH), generator=gen)
    y = torch.randint(0, 2, (steps, torch_neumf.BATCH), generator=gen).float()
    times = []
    for s in range(steps):
        started = time.perf_counter()
        for o in optimizers:
            o.zero_grad(set_to_none=True)
        F.binary_cross_entropy_with_logits(forward(u[s], i[s]), y[s]).backward()
        for o in optimizers:
            o.step()
        times.append(time.perf_counter() - started)
    kept = sorted(times[WARM_UP:])
    return 1000 * kept[len(kept) // 2]


def positive_integer(text, what, least):
    """`text` as an integer of at least `least`, or the script ends with one line saying what is wrong."""
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or value < least:
        sys.exit(f"torch_scale.py: {what} must be an integer of at least {least}, got {text!r}")
    return value


def main():
    threads = positive_integer(sys.argv[1], "THREADS", 1) if len(sys.argv) > 1 else 1
    steps = positive_integer(sys.argv[2], "STEPS", WARM_UP + 1) if len(sys.argv) > 2 else 600
    sizes = [size.strip() for size in os.environ.get("SEEDGRAD_SCALE_SIZES", "0.5M;5M").split(";")]
    unknown = [size for size in sizes if size not in SIZES]
    if unknown:
        sys.exit(f"torch_scale.py: SEEDGRAD_SCALE_SIZES: unknown size {unknown[0]!r}; give {', '.join(SIZES)}")
    torch.set_num_threads(threads)
    print(f"# PyTorch {torch.__version__}, {torch.get_num_threads()} thread(s), BLAS {torch_neumf.mapped_libraries()}; median ms per step of {steps - WARM_UP}")
    print("| size | parameters | Adam ms/step | SparseAdam tables + Adam ms/step |\n| --- | ---: | ---: | ---: |")
    for size in sizes:
        users, items = SIZES[size]
        parameters = (users + items) * 2 * torch_neumf.D + sum(a * b + b for a, b in [(32, 64), (64, 32), (32, 16), (32, 1)])
        dense, sparse = median_step_ms(users, items, steps, False), median_step_ms(users, items, steps, True)
        print(f"| {size} | {parameters:,} | {dense:.2f} | {sparse:.2f} |", flush=True)


if __name__ == "__main__":
    main()
