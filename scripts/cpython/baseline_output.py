"""How the CPython baseline scripts report: one line per workload on stdout, and optionally the
same figures as JSON, so every script's output reads alike."""
import json
import sys


def report(results, json_path=None):
    """results: {workload name: (value, unit)}, printed in insertion order."""
    version = sys.version.split()[0]
    print("CPython", version, file=sys.stderr)
    for name, (value, unit) in results.items():
        print(f"{name}: {value:.1f} {unit}")
    if json_path:
        with open(json_path, "w") as f:
            json.dump({"python": version,
                       "results": {k: {"value": v, "unit": u} for k, (v, u) in results.items()}}, f, indent=2)
