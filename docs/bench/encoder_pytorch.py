#!/usr/bin/python3
"""PyTorch side of `belladonna bench encoder`: the same encoder passes, measured the same way.

Runs upstream's own architecture: pass the path of madebyollin/taesd's `taesd.py` (commit
5cccb12dc72074a4be35680c3b108548a7c69978); nothing of it is copied here. Reference only, never a
runtime dependency of Belladonna. Prints one JSON object per line:

  {"what": "forward"|"forward+backward", "width": W, "height": H, "ms": [...], "cpu_ms": C,
   "peak_mb": P, "rss_before_mb": R, "minor_faults": F}
  {"what": "loop", "width": W, "height": H, "steps": S, "ms": [T], "cpu_ms": C, ...}

Times are wall milliseconds per run; cpu_ms is the process's user + system time over all runs.

Peak RSS is VmHWM from /proc/self/status, reset before each measurement by writing 5 to
/proc/self/clear_refs (Linux >= 4.0), exactly as the Java side does.
"""
import argparse
import importlib.util
import json
import random
import resource
import sys
import time

import torch

# family id -> (constructor name in taesd.py, latent channels, use_midblock_gn)
FAMILIES = {
    "taef2": ("Encoder", 32, True),
    "taesana": ("F32Encoder", 32, None),
    "taesd": ("Encoder", 4, False),
    "taesdxl": ("Encoder", 4, False),
    "taesd3": ("Encoder", 16, False),
    "taef1": ("Encoder", 16, False),
}


def proc():
    """(rss MB, peak MB, minor faults, CPU ms: user + system, all threads) of this process."""
    status = open("/proc/self/status").read()
    field = lambda name: int(status.split(name + ":")[1].split()[0]) / 1024
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return field("VmRSS"), field("VmHWM"), usage.ru_minflt, (usage.ru_utime + usage.ru_stime) * 1000


def load_taesd(path):
    """Upstream's taesd.py, imported from where it lies."""
    spec = importlib.util.spec_from_file_location("taesd", path)
    taesd = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(taesd)
    return taesd


def load_encoder(taesd, family, weights):
    """A family's encoder from upstream's constructors, frozen: gradients go to the input only, as in Belladonna."""
    name, channels, midblock_gn = FAMILIES[family]
    ctor = getattr(taesd, name)
    encoder = ctor(channels) if midblock_gn is None else ctor(channels, use_midblock_gn=midblock_gn)
    encoder.load_state_dict(torch.load(weights, map_location="cpu"))
    return encoder.eval().requires_grad_(False)


def reset_peak():
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")


def pixels(height, width):
    # Same distribution as the Java side (uniform [0, 1)); the values themselves do not matter.
    g = torch.Generator().manual_seed(1)
    return torch.rand(1, 3, height, width, generator=g)


def measure(what, width, height, runs, warmup, step):
    for _ in range(warmup):
        step()
    rss, _, faults, cpu = proc()
    reset_peak()
    ms = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        ms.append((time.perf_counter() - start) * 1000)
    _, peak, faults_after, cpu_after = proc()
    print(json.dumps({"what": what, "width": width, "height": height, "ms": [round(m, 1) for m in ms],
                      "cpu_ms": round(cpu_after - cpu), "peak_mb": round(peak), "rss_before_mb": round(rss),
                      "minor_faults": faults_after - faults}), flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--taesd-py", required=True, help="path to upstream taesd.py")
    p.add_argument("--weights", required=True, help="encoder .pth")
    p.add_argument("--family", default="taef2", choices=sorted(FAMILIES))
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--sizes", default="256x256,512x512,776x512", help="WxH list")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--loops", default="", help="WxH list for the PGD-like loop, e.g. 560x360,776x512")
    p.add_argument("--steps", type=int, default=8)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    encoder = load_encoder(load_taesd(a.taesd_py), a.family, a.weights)
    print(json.dumps({"what": "setup", "torch": torch.__version__, "threads": torch.get_num_threads(),
                      "python": sys.version.split()[0]}), flush=True)

    for size in filter(None, a.sizes.split(",")):
        width, height = map(int, size.split("x"))
        x = pixels(height, width)

        def forward():
            with torch.no_grad():
                encoder(x).sum().item()

        def forward_backward():
            xg = x.clone().requires_grad_(True)
            encoder(xg).sum().backward()
            xg.grad.sum().item()

        measure("forward", width, height, a.runs, a.warmup, forward)
        measure("forward+backward", width, height, a.runs, a.warmup, forward_backward)

    for size in filter(None, a.loops.split(",")):
        width, height = map(int, size.split("x"))
        loop(encoder, width, height, a.steps)


def loop(encoder, width, height, steps):
    """Signed-gradient PGD toward a random latent: what a protection does per step, without the extras."""
    work = pixels(height, width)
    with torch.no_grad():
        target = torch.randn(encoder(work).shape, generator=torch.Generator().manual_seed(2))
    rss, _, faults, cpu = proc()
    reset_peak()
    start = time.perf_counter()
    delta = torch.zeros_like(work)
    for _ in range(steps):
        d = delta.clone().requires_grad_(True)
        loss = (encoder((work + d).clamp(0, 1)) - target).square().mean()
        loss.backward()
        with torch.no_grad():
            delta = (delta - d.grad.sign() / 255).clamp(-8 / 255, 8 / 255)
    checksum = delta.abs().sum().item()
    ms = (time.perf_counter() - start) * 1000
    _, peak, faults_after, cpu_after = proc()
    print(json.dumps({"what": "loop", "width": width, "height": height, "steps": steps, "ms": [round(ms, 1)],
                      "cpu_ms": round(cpu_after - cpu), "peak_mb": round(peak), "rss_before_mb": round(rss),
                      "minor_faults": faults_after - faults,
                      "checksum": round(checksum, 3)}), flush=True)


if __name__ == "__main__":
    main()
