#!/usr/bin/env python3
"""Whole-process wall time of the example service: a normal start, --check-config (valid and broken files) and
--settings-schema, 15 alternating-free rounds each after 2 warm-up runs, no Consul. Usage (from the repository root):

    dotnet publish docs/examples/OrdersService -c Release -o /tmp/orders-pub
    python3 benchmarks/Startup/check-config.py /tmp/orders-pub
"""
import os
import statistics
import subprocess
import sys
import time

published = sys.argv[1]
broken = os.path.abspath("docs/examples/OrdersService/broken")
environment = dict(os.environ, CONSUL_HTTP_ADDR="")


def run(arguments):
    started = time.perf_counter()
    result = subprocess.run(["dotnet", "OrdersService.dll", *arguments], cwd=published, capture_output=True, env=environment)
    return time.perf_counter() - started, result.returncode


cases = [
    ("start (prints its settings, stops)", []),
    ("--check-config, valid files", ["--check-config"]),
    ("--check-config, broken files", [f"--contentRoot={broken}", "--check-config"]),
    ("--settings-schema", ["--settings-schema"]),
]
for _, arguments in cases:
    run(arguments)
    run(arguments)
print("| Run | median | min | exit |\n|---|---|---|---|")
for name, arguments in cases:
    times, codes = [], set()
    for _ in range(15):
        elapsed, code = run(arguments)
        times.append(elapsed)
        codes.add(code)
    print(f"| {name} | {statistics.median(times) * 1000:.0f} ms | {min(times) * 1000:.0f} ms | {', '.join(map(str, sorted(codes)))} |")
