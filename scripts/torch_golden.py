#!/usr/bin/python3
"""Golden optimizer trajectories from PyTorch, for seedgrad's torch convention.

Writes one JSON fixture per case to test/fixtures/torch/<id>.json. Each fixture holds a
`seedgrad trace` input (optimizer, options in seedgrad's camelCase keys, float64 params
of rank 1-3, and the gradient of every step) and the trajectory PyTorch produced:
the parameters after each of 100 steps.

Run with Debian's python3-torch (1.13):  /usr/bin/python3 scripts/torch_golden.py
Follows docs/optimizers.md §7: float64 default dtype (NAdam keeps mu_product in the
default dtype), NAdam with foreach=True (the single-tensor path of 1.13 multiplies mu_t
in twice), and SGD given its lr explicitly (1.13 has no default).

The gradients are those of a noisy quadratic, 0.5*(p - target) + 0.3*noise, taken at the
parameters torch reached, and recorded; seedgrad replays the recorded sequence.
"""
import json
import os
import sys
import zlib

import torch

torch.set_default_dtype(torch.float64)

STEPS = 100
SHAPES = {"w": [2, 3], "b": [3], "k": [2, 2, 2]}
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "torch")

# (id, torch class name, torch kwargs, seedgrad optimizer, seedgrad options)
CASES = [
    ("adam_default", "Adam", {}, "adam", {}),
    ("adam_tuned_l2", "Adam", dict(lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1), "adam",
     dict(learningRate=0.01, beta1=0.8, beta2=0.99, epsilon=1e-6, weightDecay=0.1)),
    ("amsgrad", "Adam", dict(lr=0.01, amsgrad=True), "adam", dict(learningRate=0.01, amsgrad=True)),
    ("amsgrad_l2", "Adam", dict(lr=0.005, amsgrad=True, weight_decay=0.05), "adam",
     dict(learningRate=0.005, amsgrad=True, weightDecay=0.05)),
    ("adamw_default", "AdamW", {}, "adamw", {}),
    ("adamw_amsgrad", "AdamW", dict(lr=0.01, betas=(0.85, 0.995), weight_decay=0.1, amsgrad=True), "adamw",
     dict(learningRate=0.01, beta1=0.85, beta2=0.995, weightDecay=0.1, amsgrad=True)),
    ("adamax_default", "Adamax", {}, "adamax", {}),
    ("adamax_l2", "Adamax", dict(lr=0.01, betas=(0.8, 0.99), eps=1e-4, weight_decay=0.1), "adamax",
     dict(learningRate=0.01, beta1=0.8, beta2=0.99, epsilon=1e-4, weightDecay=0.1)),
    ("nadam_default", "NAdam", dict(foreach=True), "nadam", {}),
    ("nadam_l2", "NAdam", dict(lr=0.01, betas=(0.85, 0.99), eps=1e-6, weight_decay=0.1, foreach=True), "nadam",
     dict(learningRate=0.01, beta1=0.85, beta2=0.99, epsilon=1e-6, weightDecay=0.1)),
    ("nadam_momentum_decay", "NAdam", dict(momentum_decay=0.05, foreach=True), "nadam", dict(momentumDecay=0.05)),
    ("sgd_default", "SGD", dict(lr=1e-3), "sgd", {}),
    ("sgd_momentum", "SGD", dict(lr=0.01, momentum=0.9), "sgd", dict(learningRate=0.01, momentum=0.9)),
    ("sgd_nesterov", "SGD", dict(lr=0.01, momentum=0.9, nesterov=True), "sgd",
     dict(learningRate=0.01, momentum=0.9, nesterov=True)),
    ("sgd_dampening_l2", "SGD", dict(lr=0.01, momentum=0.8, dampening=0.3, weight_decay=0.01), "sgd",
     dict(learningRate=0.01, momentum=0.8, dampening=0.3, weightDecay=0.01)),
    ("rmsprop_default", "RMSprop", {}, "rmsprop", {}),
    ("rmsprop_centered", "RMSprop", dict(lr=0.001, centered=True), "rmsprop", dict(learningRate=0.001, centered=True)),
    ("rmsprop_momentum", "RMSprop", dict(lr=0.001, alpha=0.95, momentum=0.9), "rmsprop",
     dict(learningRate=0.001, rho=0.95, momentum=0.9)),
    ("rmsprop_centered_momentum_l2", "RMSprop", dict(lr=0.001, centered=True, momentum=0.5, weight_decay=1e-3), "rmsprop",
     dict(learningRate=0.001, centered=True, momentum=0.5, weightDecay=1e-3)),
    ("adadelta_default", "Adadelta", {}, "adadelta", {}),
    ("adadelta_l2", "Adadelta", dict(lr=0.5, rho=0.95, eps=1e-7, weight_decay=0.1), "adadelta",
     dict(learningRate=0.5, rho=0.95, epsilon=1e-7, weightDecay=0.1)),
    ("adagrad_default", "Adagrad", {}, "adagrad", {}),
    ("adagrad_decay_l2", "Adagrad", dict(lr=0.05, lr_decay=0.01, weight_decay=0.05, initial_accumulator_value=0.1, eps=1e-6),
     "adagrad", dict(learningRate=0.05, lrDecay=0.01, weightDecay=0.05, initialAccumulatorValue=0.1, epsilon=1e-6)),
    ("rprop_default", "Rprop", {}, "rprop", {}),
    ("rprop_tuned", "Rprop", dict(lr=0.05, etas=(0.3, 1.5), step_sizes=(1e-3, 0.2)), "rprop",
     dict(learningRate=0.05, etaMinus=0.3, etaPlus=1.5, stepSizeMin=1e-3, stepSizeMax=0.2)),
    ("asgd_default", "ASGD", {}, "asgd", {}),
    ("asgd_averaging_l2", "ASGD", dict(lr=0.05, lambd=0.01, alpha=0.5, t0=10, weight_decay=0.01), "asgd",
     dict(learningRate=0.05, lambd=0.01, alpha=0.5, t0=10, weightDecay=0.01)),
    ("radam_default", "RAdam", {}, "radam", {}),
    ("radam_l2", "RAdam", dict(lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1), "radam",
     dict(learningRate=0.01, beta1=0.8, beta2=0.99, epsilon=1e-6, weightDecay=0.1)),
]

# State the trajectory does not show, recorded after the last step for the cases that have
# it: torch's state name -> seedgrad's (ASGD's average and per-parameter eta and mu).
FINAL_STATE = {"ASGD": {"ax": "average", "eta": "eta", "mu": "mu"}}

# The first cases' seeds follow their position; a case added later takes its seed from its
# id, so cases added in any order (or reordered by a rebase) leave every fixture unchanged.
POSITIONAL_SEEDS = 21


def flat(t):
    return [float(x) for x in t.detach().reshape(-1).tolist()]


def run_case(index, case):
    case_id, torch_name, kwargs, optimizer, options = case
    seed = 1000 + index if index < POSITIONAL_SEEDS else zlib.crc32(case_id.encode())
    gen = torch.Generator().manual_seed(seed)
    params = {n: torch.randn(s, generator=gen) for n, s in SHAPES.items()}
    targets = {n: torch.randn(s, generator=gen) for n, s in SHAPES.items()}
    initial = [{"name": n, "shape": SHAPES[n], "data": flat(params[n])} for n in SHAPES]
    for p in params.values():
        p.requires_grad_(True)
    opt = getattr(torch.optim, torch_name)(list(params.values()), **kwargs)
    grads, trajectory = [], []
    for _ in range(STEPS):
        step_grads = []
        for n, p in params.items():
            g = 0.5 * (p.detach() - targets[n]) + 0.3 * torch.randn(SHAPES[n], generator=gen)
            step_grads.append(flat(g))
            p.grad = g.clone()
        grads.append(step_grads)
        opt.step()
        trajectory.append([flat(p) for p in params.values()])
    final_state = {
        n: {ours: flat(opt.state[p][theirs]) for theirs, ours in FINAL_STATE[torch_name].items()}
        for n, p in params.items()
    } if torch_name in FINAL_STATE else None
    call = "torch.optim.%s(params, %s)" % (torch_name, ", ".join("%s=%r" % kv for kv in kwargs.items()))
    return {
        "id": case_id,
        "generatedBy": "scripts/torch_golden.py",
        "torch": {"version": torch.__version__, "call": call, "defaultDtype": "float64"},
        "input": {
            "optimizer": optimizer,
            "convention": "torch",
            "options": options,
            "dtype": "float64",
            "params": initial,
            "grads": grads,
        },
        "trajectory": trajectory,
        **({"finalState": final_state} if final_state is not None else {}),
    }


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for index, case in enumerate(CASES):
        fixture = run_case(index, case)
        path = os.path.join(OUT_DIR, case[0] + ".json")
        with open(path, "w") as f:
            json.dump(fixture, f, separators=(",", ":"))
            f.write("\n")
        print("wrote", os.path.relpath(path), file=sys.stderr)


if __name__ == "__main__":
    main()
