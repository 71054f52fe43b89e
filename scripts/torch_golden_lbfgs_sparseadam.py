#!/usr/bin/python3
"""Golden trajectories from PyTorch for the two torch.optim rules that do not fit
scripts/torch_golden.py's shape (a recorded gradient per parameter per step):

- LBFGS evaluates the function itself, so its fixtures name a deterministic function both
  sides evaluate (Rosenbrock's chain, or a quadratic given by its matrix and vector) instead
  of gradients, and record, after every step(closure), the parameters, the loss step()
  returned and torch's state (func_evals, n_iter, t, the history's length).
  -> test/fixtures/torch/lbfgs/<id>.json
- SparseAdam needs sparse gradients: each step touches a random non-empty subset of each
  parameter's rows (torch 1.13 fails on an empty sparse gradient of a rank-3 parameter;
  2.x skips it, still counting the step, as seedgrad does); sometimes a row twice, which torch coalesces by
  summing; sometimes a touched row whose gradient is zero). The fixture holds a
  `seedgrad trace` input with the dense gradient and the touched rows of every step, the
  parameters after every step, and the moments after the last.
  -> test/fixtures/torch/sparseadam/<id>.json

Run with Debian's python3-torch (1.13):  /usr/bin/python3 scripts/torch_golden_lbfgs_sparseadam.py
Float64 throughout, in an arithmetic that rounds each operation as IEEE 754 does, as
seedgrad does (the script re-runs itself with the environment for it):
- torch's baseline CPU kernels (ATEN_CPU_CAPABILITY=default): its AVX2 kernels compute
  add_(d, alpha=t) with a fused multiply-add, one rounding where JavaScript has two;
- Debian's reference BLAS (libblas3, /usr/lib/x86_64-linux-gnu/blas) for torch's dot,
  which adds the products in order: OpenBLAS, where it is the libblas.so.3 alternative,
  sums in SIMD lanes with fused multiply-adds.
L-BFGS on Rosenbrock grows such a last-bit difference to 1e-4 within a few dozen
iterations, so without these the fixtures would depend on the machine.
"""
import json
import os
import sys

REFERENCE_BLAS = "/usr/lib/x86_64-linux-gnu/blas"
if os.environ.get("SEEDGRAD_GOLDEN_ARITHMETIC") != "ieee":
    if not os.path.exists(os.path.join(REFERENCE_BLAS, "libblas.so.3")):
        sys.exit("torch_golden_lbfgs_sparseadam.py needs Debian's reference BLAS in %s (apt-get install libblas3)" % REFERENCE_BLAS)
    library_path = ":".join(p for p in [REFERENCE_BLAS, os.environ.get("LD_LIBRARY_PATH", "")] if p)
    env = dict(os.environ, ATEN_CPU_CAPABILITY="default", LD_LIBRARY_PATH=library_path, SEEDGRAD_GOLDEN_ARITHMETIC="ieee")
    os.execve(sys.executable, [sys.executable] + sys.argv, env)

import torch  # noqa: E402  (in the environment set above)

torch.set_default_dtype(torch.float64)

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "torch")


def flat(t):
    return [float(x) for x in t.detach().reshape(-1).tolist()]


# ---------------------------------------------------------------------------- LBFGS

def sequential_sum(terms):
    """Left to right, as the TypeScript side adds (torch's .sum() may pair terms differently)."""
    total = terms[0]
    for term in terms[1:]:
        total = total + term
    return total


def rosenbrock_chain(x):
    """sum_i 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2 over the concatenated parameters."""
    return sequential_sum(100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2)


def quadratic(a, b):
    return lambda x: 0.5 * x.dot(a.mv(x)) - b.dot(x)


# (id, function, initial params {name: (shape, values)}, torch kwargs, seedgrad options, steps)
def lbfgs_cases():
    gen = torch.Generator().manual_seed(2024)
    m = torch.randn(7, 7, generator=gen)
    a = m.mm(m.t()) / 7 + torch.eye(7)
    b = torch.randn(7, generator=gen)
    # Four values in all: torch's .abs().sum() (the first step length, min(1, 1/|g|_1)·lr) adds
    # up to four values left to right, as seedgrad does, and longer vectors in its own lane order.
    chain_start = {"w": ([1, 2], [-1.2, 1.0]), "v": ([2], [-0.5, 0.8])}
    quadratic_start = {"w": ([2, 2], flat(torch.randn(4, generator=gen))), "v": ([3], flat(torch.randn(3, generator=gen)))}
    quad = {"name": "quadratic", "a": [flat(row) for row in a], "b": flat(b)}
    rosen = {"name": "rosenbrock-chain"}
    point = {"point": ([2], [-1.5, 2.0])}
    return [
        ("rosenbrock_default", rosen, point, {}, {}, 4),
        ("rosenbrock_strong_wolfe", rosen, point, dict(line_search_fn="strong_wolfe"), dict(lineSearchFn="strong_wolfe"), 4),
        ("rosenbrock_lr_history", rosen, point, dict(lr=0.5, max_iter=7, history_size=3), dict(learningRate=0.5, maxIter=7, historySize=3), 8),
        ("chain_strong_wolfe_history", rosen, chain_start, dict(line_search_fn="strong_wolfe", history_size=4, max_iter=10),
         dict(lineSearchFn="strong_wolfe", historySize=4, maxIter=10), 8),
        ("quadratic_history", quad, quadratic_start, dict(lr=0.3, history_size=3, max_iter=6, max_eval=9), dict(learningRate=0.3, historySize=3, maxIter=6, maxEval=9), 6),
        ("quadratic_strong_wolfe", quad, quadratic_start, dict(line_search_fn="strong_wolfe", history_size=2, max_iter=4),
         dict(lineSearchFn="strong_wolfe", historySize=2, maxIter=4), 5),
    ]


def function_of(spec):
    if spec["name"] == "rosenbrock-chain":
        return rosenbrock_chain
    return quadratic(torch.tensor(spec["a"]), torch.tensor(spec["b"]))


def run_lbfgs(case):
    case_id, spec, start, kwargs, options, steps = case
    params = [torch.tensor(values).reshape(shape).requires_grad_(True) for shape, values in start.values()]
    f = function_of(spec)
    opt = torch.optim.LBFGS(params, **kwargs)

    def closure():
        opt.zero_grad()
        loss = f(torch.cat([p.reshape(-1) for p in params]))
        loss.backward()
        return loss

    records = []
    for _ in range(steps):
        loss = opt.step(closure)
        state = opt.state[params[0]]
        records.append({
            "loss": float(loss),
            "params": [flat(p) for p in params],
            "funcEvals": state["func_evals"],
            "nIter": state["n_iter"],
            "t": float(state["t"]) if "t" in state else None,
            "historyLength": len(state["old_dirs"]) if "old_dirs" in state else 0,
        })
    call = "torch.optim.LBFGS(params, %s)" % ", ".join("%s=%r" % kv for kv in kwargs.items())
    return {
        "id": case_id,
        "generatedBy": "scripts/torch_golden_lbfgs_sparseadam.py",
        "torch": {"version": torch.__version__, "call": call, "defaultDtype": "float64"},
        "function": spec,
        "options": options,
        "params": [{"name": n, "shape": shape, "data": values} for n, (shape, values) in start.items()],
        "steps": records,
    }


# ------------------------------------------------------------------------ SparseAdam

SPARSE_SHAPES = {"users": [7, 3], "items": [5], "cube": [4, 2, 2]}
SPARSE_STEPS = 60
SPARSE_CASES = [
    ("sparseadam_default", {}, {}, False),
    ("sparseadam_tuned_duplicates", dict(lr=0.01, betas=(0.8, 0.99), eps=1e-6),
     dict(learningRate=0.01, beta1=0.8, beta2=0.99, epsilon=1e-6), True),
]


def run_sparseadam(index, case):
    case_id, kwargs, options, duplicates = case
    gen = torch.Generator().manual_seed(3000 + index)
    params = {n: torch.randn(s, generator=gen) for n, s in SPARSE_SHAPES.items()}
    targets = {n: torch.randn(s, generator=gen) for n, s in SPARSE_SHAPES.items()}
    initial = [{"name": n, "shape": SPARSE_SHAPES[n], "data": flat(params[n])} for n in SPARSE_SHAPES]
    for p in params.values():
        p.requires_grad_(True)
    opt = torch.optim.SparseAdam(list(params.values()), **kwargs)
    grads, touched, trajectory = [], [], []
    for _ in range(SPARSE_STEPS):
        step_grads, step_rows = [], []
        for n, p in params.items():
            shape = SPARSE_SHAPES[n]
            rows = sorted(torch.randperm(shape[0], generator=gen)[: int(torch.randint(1, shape[0] + 1, (1,), generator=gen))].tolist())
            lookups = list(rows)
            if duplicates and rows and float(torch.rand(1, generator=gen)) < 0.5:
                lookups.append(rows[int(torch.randint(0, len(rows), (1,), generator=gen))])
            values = 0.5 * (p.detach()[lookups] - targets[n][lookups]) + 0.3 * torch.randn([len(lookups)] + shape[1:], generator=gen)
            if rows and float(torch.rand(1, generator=gen)) < 0.3:
                values[0] = 0  # a touched row with a zero gradient: touched is not "non-zero"
            sparse = torch.sparse_coo_tensor(torch.tensor([lookups], dtype=torch.long).reshape(1, -1), values, shape)
            dense = sparse.to_dense()
            step_grads.append(flat(dense))
            step_rows.append(rows)
            p.grad = sparse
        grads.append(step_grads)
        touched.append(step_rows)
        opt.step()
        trajectory.append([flat(p) for p in params.values()])
    states = {n: {"m": flat(opt.state[p]["exp_avg"]), "v": flat(opt.state[p]["exp_avg_sq"])} for n, p in params.items()}
    call = "torch.optim.SparseAdam(params, %s)" % ", ".join("%s=%r" % kv for kv in kwargs.items())
    return {
        "id": case_id,
        "generatedBy": "scripts/torch_golden_lbfgs_sparseadam.py",
        "torch": {"version": torch.__version__, "call": call, "defaultDtype": "float64"},
        "input": {
            "optimizer": "sparseadam",
            "convention": "torch",
            "options": options,
            "dtype": "float64",
            "params": initial,
            "grads": grads,
            "touchedRows": touched,
        },
        "trajectory": trajectory,
        "finalStates": states,
    }


def write(folder, fixture):
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, fixture["id"] + ".json")
    with open(path, "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
        f.write("\n")
    print("wrote", os.path.relpath(path), file=sys.stderr)


def main():
    for case in lbfgs_cases():
        write(os.path.join(ROOT, "lbfgs"), run_lbfgs(case))
    for index, case in enumerate(SPARSE_CASES):
        write(os.path.join(ROOT, "sparseadam"), run_sparseadam(index, case))


if __name__ == "__main__":
    main()
