#!/usr/bin/python3
"""Golden forward values and gradients of seedgrad's ops from PyTorch, in float64.

Writes test/fixtures/torch-ops.json: a list of cases, each a seedgrad op call and what
PyTorch computes for its torch equivalent: the output, the gradient of every tensor
input for a recorded random cotangent (torch.autograd.grad), and the output's tangent
J·u for recorded random input tangents u (torch.autograd.functional.jvp). The cases cover
broadcasting, size-1 axes, scalars (rank 0), empty dimensions, and the kinks and ties
whose conventions docs/autograd.md states (there seedgrad is called with PyTorch's
convention, { ties: 'split' }). test/autograd/torch-ops.test.ts replays every case
through seedgrad and compares, and fails when an op with a torch equivalent has no case.

Run with Debian's python3-torch (1.13):  /usr/bin/python3 scripts/torch_ops_golden.py

In a case's "args" (seedgrad's argument list), {"$input": k} stands for input tensor k;
everything else is passed as it is. Non-finite numbers are written as the strings
"NaN", "Infinity" and "-Infinity" (JSON has no literal for them).
"""
import json
import math
import os

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "torch-ops.json")
generator = torch.Generator().manual_seed(20261129)


def uniform(shape, low=-2.0, high=2.0):
    return low + (high - low) * torch.rand(shape, generator=generator)


def grid(shape, points):
    """Values drawn from `points`: ties and kink points come often."""
    index = torch.randint(len(points), shape, generator=generator)
    return torch.tensor(points)[index]


def number(v):
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def encode(t):
    return {"shape": list(t.shape), "data": [number(v) for v in t.detach().reshape(-1).tolist()]}


I0, I1, I2 = {"$input": 0}, {"$input": 1}, {"$input": 2}
cases = []


def case(case_id, op, inputs, args, torch_fn, differentiable=None):
    """One op call: seedgrad's `op(*args)` against `torch_fn(*inputs)`; `differentiable` lists the inputs with gradients (default all)."""
    differentiable = list(range(len(inputs))) if differentiable is None else differentiable
    leaves = [x.clone().requires_grad_(i in differentiable) for i, x in enumerate(inputs)]
    out = torch_fn(*leaves)
    cotangent = torch.randn(out.shape, generator=generator)
    wanted = [leaves[i] for i in differentiable]
    grads = torch.autograd.grad(out, wanted, cotangent, allow_unused=True) if out.requires_grad and wanted else [None] * len(wanted)
    gradients = [None] * len(inputs)
    for i, g in zip(differentiable, grads):
        gradients[i] = encode(g if g is not None else torch.zeros_like(inputs[i]))
    # Forward mode: J·u for random tangents u of the differentiable inputs (torch.autograd.functional.jvp).
    tangents = [torch.randn(inputs[i].shape, generator=generator) for i in differentiable]

    def of_differentiable(*xs):
        full = list(inputs)
        for i, x in zip(differentiable, xs):
            full[i] = x
        return torch_fn(*full)

    _, tangent_out = torch.autograd.functional.jvp(of_differentiable, tuple(inputs[i] for i in differentiable), tuple(tangents))
    input_tangents = [None] * len(inputs)
    for i, u in zip(differentiable, tangents):
        input_tangents[i] = encode(u)
    cases.append({
        "id": case_id, "op": op, "args": args,
        "inputs": [encode(x) for x in inputs],
        "output": encode(out), "cotangent": encode(cotangent), "gradients": gradients,
        "tangents": input_tangents, "outputTangent": encode(tangent_out),
    })


# Arithmetic: broadcasting both ways, size-1 axes, rank 0, an empty dimension, a number operand.
for name, fn in [("add", torch.add), ("sub", torch.sub), ("mul", torch.mul)]:
    case(f"{name}_same_shape", name, [uniform([2, 3]), uniform([2, 3])], [I0, I1], fn)
    case(f"{name}_broadcast", name, [uniform([2, 1, 3]), uniform([4, 1])], [I0, I1], fn)
    case(f"{name}_size1_axes", name, [uniform([1, 3]), uniform([2, 1])], [I0, I1], fn)
    case(f"{name}_scalar", name, [uniform([]), uniform([3, 2])], [I0, I1], fn)
    case(f"{name}_empty", name, [uniform([0, 3]), uniform([3])], [I0, I1], fn)
case("add_number", "add", [uniform([2, 2])], [I0, 2.5], lambda a: a + 2.5)
case("sub_number_first", "sub", [uniform([3])], [1.5, I0], lambda a: 1.5 - a)
case("div_broadcast", "div", [uniform([2, 3]), uniform([3], 0.5, 2.0)], [I0, I1], torch.div)
case("div_size1", "div", [uniform([3, 1]), uniform([1, 4], -2.0, -0.5)], [I0, I1], torch.div)
case("div_empty", "div", [uniform([2, 0]), uniform([1], 0.5, 2.0)], [I0, I1], torch.div)
case("neg", "neg", [uniform([2, 3])], [I0], torch.neg)
case("square", "square", [uniform([4])], [I0], torch.square)
case("square_empty", "square", [uniform([0])], [I0], torch.square)
for p in [2.0, 0.5, -1.5, 0.0, 3.0]:
    case(f"pow_{p}", "pow", [uniform([2, 3], 0.2, 2.0)], [I0, p], lambda a, p=p: torch.pow(a, p))

# Unary functions, on their domains.
case("exp", "exp", [uniform([2, 3], -3.0, 3.0)], [I0], torch.exp)
case("log", "log", [uniform([5], 0.1, 5.0)], [I0], torch.log)
case("log1p", "log1p", [uniform([5], -0.9, 5.0)], [I0], torch.log1p)
case("sqrt", "sqrt", [uniform([2, 2], 0.1, 5.0)], [I0], torch.sqrt)
case("abs", "abs", [uniform([6])], [I0], torch.abs)
case("abs_at_kink", "abs", [torch.tensor([0.0, -0.0, 1.0, -1.0])], [I0], torch.abs)
case("relu", "relu", [uniform([2, 3])], [I0], torch.relu)
case("relu_at_kink", "relu", [torch.tensor([0.0, -0.0, 0.5, -0.5])], [I0], torch.relu)
case("sigmoid", "sigmoid", [uniform([7], -8.0, 8.0)], [I0], torch.sigmoid)
case("tanh", "tanh", [uniform([7], -3.0, 3.0)], [I0], torch.tanh)
case("softplus", "softplus", [uniform([7], -8.0, 8.0)], [I0], F.softplus)
case("sin", "sin", [uniform([6], -4.0, 4.0)], [I0], torch.sin)
case("cos", "cos", [uniform([6], -4.0, 4.0)], [I0], torch.cos)
case("exp_scalar", "exp", [uniform([])], [I0], torch.exp)
case("tanh_empty", "tanh", [uniform([3, 0])], [I0], torch.tanh)

# Compare: ties and bounds included, with PyTorch's convention for ties.
case("maximum_broadcast", "maximum", [uniform([2, 3]), uniform([3])], [I0, I1], torch.maximum)
case("minimum_broadcast", "minimum", [uniform([2, 1]), uniform([1, 3])], [I0, I1], torch.minimum)
case("maximum_ties_split", "maximum", [grid([3, 3], [-1.0, 0.0, 1.0]), grid([3, 3], [-1.0, 0.0, 1.0])], [I0, I1, {"ties": "split"}], torch.maximum)
case("minimum_ties_split", "minimum", [grid([3, 3], [-1.0, 0.0, 1.0]), grid([3], [-1.0, 0.0, 1.0])], [I0, I1, {"ties": "split"}], torch.minimum)
case("clamp", "clamp", [uniform([8])], [I0, -0.5, 1.0], lambda a: torch.clamp(a, -0.5, 1.0))
case("clamp_at_bounds", "clamp", [torch.tensor([-0.5, 1.0, -1.0, 2.0, 0.25])], [I0, -0.5, 1.0], lambda a: torch.clamp(a, -0.5, 1.0))

# Reductions: axes (negative too), keepdims, all axes, scalars and empty dimensions.
def axes_of(axes, ndim):
    return list(range(ndim)) if axes is None else axes

for name, fn in [("sum", torch.sum), ("mean", torch.mean)]:
    case(f"{name}_all", name, [uniform([2, 3])], [I0], lambda a, fn=fn: fn(a))
    case(f"{name}_axis", name, [uniform([2, 3, 2])], [I0, 1], lambda a, fn=fn: fn(a, dim=1))
    case(f"{name}_axes_keepdims", name, [uniform([2, 3, 2])], [I0, [0, -1], True], lambda a, fn=fn: fn(a, dim=[0, -1], keepdim=True))
    case(f"{name}_size1_axis", name, [uniform([3, 1])], [I0, 1], lambda a, fn=fn: fn(a, dim=1))
    case(f"{name}_scalar", name, [uniform([])], [I0], lambda a, fn=fn: fn(a))
    case(f"{name}_empty_all", name, [uniform([0, 3])], [I0], lambda a, fn=fn: fn(a))
    case(f"{name}_empty_axis", name, [uniform([0, 3])], [I0, 0], lambda a, fn=fn: fn(a, dim=0))
case("max_all", "max", [uniform([3, 4])], [I0], lambda a: torch.amax(a, dim=[0, 1]))
case("max_axis_keepdims", "max", [uniform([2, 3, 4])], [I0, -1, True], lambda a: torch.amax(a, dim=-1, keepdim=True))
case("max_axes", "max", [uniform([2, 3, 4])], [I0, [0, 2]], lambda a: torch.amax(a, dim=[0, 2]))
case("max_ties_split", "max", [grid([3, 4], [0.0, 1.0, 2.0])], [I0, 1, False, {"ties": "split"}], lambda a: torch.amax(a, dim=1))
case("max_all_ties_split", "max", [grid([2, 3], [0.0, 1.0])], [I0, None, False, {"ties": "split"}], lambda a: a.max())
case("max_empty_other_axis", "max", [uniform([0, 3])], [I0, 1], lambda a: torch.amax(a, dim=1))

# matmul with each transpose flag, and empty inner and outer dimensions.
for ta in [False, True]:
    for tb in [False, True]:
        a = uniform([4, 3] if ta else [3, 4])
        b = uniform([2, 4] if tb else [4, 2])
        case(f"matmul_{int(ta)}{int(tb)}", "matmul", [a, b], [I0, I1, {"transposeA": ta, "transposeB": tb}],
             lambda x, y, ta=ta, tb=tb: (x.T if ta else x) @ (y.T if tb else y))
case("matmul_empty_inner", "matmul", [uniform([2, 0]), uniform([0, 3])], [I0, I1], torch.matmul)
case("matmul_empty_rows", "matmul", [uniform([0, 3]), uniform([3, 2])], [I0, I1], torch.matmul)

# dense = act(x·W + b), as torch.relu(x @ W + b).
case("dense_linear", "dense", [uniform([3, 4]), uniform([4, 2]), uniform([2])], [I0, I1, I2, "linear"], lambda x, w, b: x @ w + b)
case("dense_relu", "dense", [uniform([3, 4]), uniform([4, 5]), uniform([5])], [I0, I1, I2, "relu"], lambda x, w, b: torch.relu(x @ w + b))

# Shape ops, empty dimensions included.
case("reshape", "reshape", [uniform([2, 3, 2])], [I0, [3, -1]], lambda a: a.reshape(3, -1))
case("reshape_size1", "reshape", [uniform([6])], [I0, [1, 6, 1]], lambda a: a.reshape(1, 6, 1))
case("reshape_empty", "reshape", [uniform([0, 3])], [I0, [3, 0]], lambda a: a.reshape(3, 0))
case("transpose_reverse", "transpose", [uniform([2, 3, 4])], [I0], lambda a: a.permute(2, 1, 0))
case("transpose_perm", "transpose", [uniform([2, 3, 4])], [I0, [1, 2, 0]], lambda a: a.permute(1, 2, 0))
case("transpose_empty", "transpose", [uniform([0, 2])], [I0], lambda a: a.permute(1, 0))
case("concat_axis0", "concat", [uniform([1, 3]), uniform([2, 3])], [[I0, I1], 0], lambda a, b: torch.cat([a, b], 0))
case("concat_axis1", "concat", [uniform([2, 1]), uniform([2, 2]), uniform([2, 3])], [[I0, I1, I2], 1], lambda a, b, c: torch.cat([a, b, c], 1))
case("concat_empty_part", "concat", [uniform([0, 3]), uniform([2, 3])], [[I0, I1], 0], lambda a, b: torch.cat([a, b], 0))
case("slice", "slice", [uniform([3, 4])], [I0, [1, 0], [2, -1]], lambda a: a[1:3, 0:])
case("slice_empty", "slice", [uniform([3, 4])], [I0, [1, 2], [0, 2]], lambda a: a[1:1, 2:4])

# gather: rows by index, duplicates accumulating in the gradient; no indices at all.
case("gather", "gather", [uniform([4, 3])], [I0, [2, 0, 2, 3, 2]], lambda t: t[torch.tensor([2, 0, 2, 3, 2])])
case("gather_1d", "gather", [uniform([5])], [I0, [4, 4, 0]], lambda t: t[torch.tensor([4, 4, 0])])
case("gather_none", "gather", [uniform([4, 3])], [I0, []], lambda t: t[torch.tensor([], dtype=torch.long)])

# BCE with logits, each reduction, large logits, and the labels' gradient.
for reduction in ["mean", "sum", "none"]:
    case(f"bce_{reduction}", "binaryCrossEntropyWithLogits", [uniform([2, 3], -6.0, 6.0), uniform([2, 3], 0.0, 1.0)], [I0, I1, reduction],
         lambda z, y, r=reduction: F.binary_cross_entropy_with_logits(z, y, reduction=r))
case("bce_large_logits", "binaryCrossEntropyWithLogits", [torch.tensor([-1e4, -50.0, 50.0, 1e4]), torch.tensor([0.0, 1.0, 0.0, 1.0])], [I0, I1, "sum"],
     lambda z, y: F.binary_cross_entropy_with_logits(z, y, reduction="sum"))
case("bce_empty_sum", "binaryCrossEntropyWithLogits", [uniform([0]), uniform([0])], [I0, I1, "sum"],
     lambda z, y: F.binary_cross_entropy_with_logits(z, y, reduction="sum"))

# Where seedgrad's default convention differs from PyTorch's (docs/autograd.md): the test
# checks that these differ from PyTorch exactly where the documentation says.
case("maximum_ties_default", "maximum", [torch.tensor([1.0, 2.0, -1.0]), torch.tensor([1.0, 0.0, -1.0])], [I0, I1], torch.maximum)
case("max_ties_default", "max", [torch.tensor([[2.0, 0.0, 2.0], [1.0, 1.0, 1.0]])], [I0, 1], lambda a: torch.amax(a, dim=1))
case("bce_empty_mean", "binaryCrossEntropyWithLogits", [uniform([0]), uniform([0])], [I0, I1, "mean"],
     lambda z, y: F.binary_cross_entropy_with_logits(z, y, reduction="mean"))

# Ops without a torch equivalent to compare with: dropout (seedgrad's mask stream is its own).
NO_TORCH_EQUIVALENT = {"dropout": "its mask comes from seedgrad's own random stream"}

with open(OUT, "w") as f:
    json.dump({"torch": torch.__version__, "noTorchEquivalent": NO_TORCH_EQUIVALENT, "cases": cases}, f, indent=None, separators=(",", ":"))
    f.write("\n")
print(f"wrote {len(cases)} cases to {os.path.relpath(OUT)}")
