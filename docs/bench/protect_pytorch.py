#!/usr/bin/python3
"""PyTorch side of `belladonna bench protect --pytorch TAESD_PY`: a row's encoder passes, measured the same way.

For one bench row: load the encoders of the families measured (optimised and held out), run STEPS steps in
which each optimised family does a forward and a backward pass to the input at the working size (the same
passes Belladonna's loop does, one family after another), then the verification's forward passes of every
measured family (1, plus 2 per robustness transform when --robustness). Upstream's own architecture: pass the
path of madebyollin/taesd's `taesd.py` (commit 5cccb12dc72074a4be35680c3b108548a7c69978); nothing of it is
copied here. Reference only, never a runtime dependency of Belladonna. Prints one JSON line:

  {"peak_mb": P, "seconds": S, "steps": N, "optimise": [...], "measure": [...], "torch": "1.13..."}

Peak RSS is VmHWM from /proc/self/status, reset before the weights are loaded by writing 5 to
/proc/self/clear_refs (Linux >= 4.0), as the Java side does before each row.
"""
import argparse
import json
import os
import time

import torch

from encoder_pytorch import load_encoder, load_taesd, proc, reset_peak   # the same loading and /proc reading


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--taesd-py", required=True)
    p.add_argument("--models", required=True, help="folder holding <family>_encoder.pth")
    p.add_argument("--size", default="512x512", help="working size WxH")
    p.add_argument("--steps", type=int, default=12)
    p.add_argument("--optimise", default="taef2")
    p.add_argument("--measure", default="taef2", help="every family measured (optimised and held out)")
    p.add_argument("--robustness", default="true")
    p.add_argument("--threads", type=int, default=os.cpu_count())
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    taesd = load_taesd(a.taesd_py)
    reset_peak()
    start = time.perf_counter()

    encoders = {}
    for family in a.measure.split(","):
        encoders[family] = load_encoder(taesd, family, os.path.join(a.models, family + "_encoder.pth"))

    width, height = map(int, a.size.split("x"))
    g = torch.Generator().manual_seed(1)
    work = torch.rand(1, 3, height, width, generator=g)
    with torch.no_grad():
        targets = {f: e(torch.rand(1, 3, height, width, generator=g)) for f, e in encoders.items()}
    delta = torch.zeros_like(work)
    optimised = a.optimise.split(",")
    for _ in range(a.steps):
        grad = torch.zeros_like(work)
        for f in optimised:   # one family after another, as Belladonna's loop does
            d = delta.clone().requires_grad_(True)
            loss = (encoders[f]((work + d).clamp(0, 1)) - targets[f]).pow(2).sum().sqrt()
            loss.backward()
            grad += d.grad
        delta = (delta - grad.sign() * (2 / 255)).clamp(-10 / 255, 10 / 255)
    passes = 1 + (8 if a.robustness == "true" else 0)
    with torch.no_grad():
        for _ in range(passes):
            for e in encoders.values():
                e((work + delta).clamp(0, 1)).sum().item()
    print(json.dumps({"peak_mb": round(proc()[1]), "seconds": round(time.perf_counter() - start, 1),
                      "steps": a.steps, "optimise": optimised, "measure": list(encoders),
                      "torch": torch.__version__, "threads": torch.get_num_threads()}), flush=True)


if __name__ == "__main__":
    main()
