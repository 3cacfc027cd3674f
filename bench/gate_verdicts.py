"""The verdict gate by hand: precision/recall per rule and macro, and vetoes on near-miss pages,
for the analyzers of this checkout and (``--baseline REV``) of another revision, on the same pages.

    python bench/gate_verdicts.py --seed 131 --seed 167 [--baseline 1387e04] [--ruleset 2019]

Each seed's province (this checkout's sandbox, near misses included) is walked through
``Province.respond`` (no HTTP) and extracted once into a SQLite store; this checkout's
``analyze_campaign`` runs on it, and the baseline's analyzers run on the very same stored pages in
a subprocess that imports ``analyzers`` and ``govspider`` from ``git archive REV`` (so only the
analyzers differ). A finding on a near-miss page is a false positive; a veto on one is what the
issue counts. Review findings (this checkout) are counted apart: they neither score nor veto.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
AS_OF = dt.date(2026, 11, 15)

#: run inside the baseline tree: its own analyzers (from its own pyproject entry points) on the store
BASELINE = r"""
import datetime as dt, importlib, json, sys, tomllib
from analyzers.registry import Loaded, check_analyzer
from govspider.analysis import analyze_campaign
from govspider.storage import open_store
eps = tomllib.load(open(sys.argv[1], "rb"))["project"]["entry-points"]["govspider.analyzers"]
items = []
for name, value in sorted(eps.items()):
    module, _, attr = value.partition(":")
    items.append(Loaded(check_analyzer(getattr(importlib.import_module(module), attr)), name, value, "baseline"))
store = open_store(sys.argv[2])
findings = analyze_campaign(store, sys.argv[3], sys.argv[4], analyzers=items, write=False)
json.dump(findings, sys.stdout, ensure_ascii=False, default=str)
"""


def walk(seed: int, store_uri: str, campaign: str):
    from analyzers.sandbox_pages import fill_store
    from govspider.sandbox.province import build_province
    from govspider.storage import open_store

    province = build_province(seed=seed, as_of=AS_OF, scale="small")
    with open_store(store_uri) as store:
        fill_store(province, store, campaign, run_page_analyzers=False)
    return province


def baseline_findings(rev: str, store_uri: str, campaign: str, ruleset: str, tmp: Path) -> list[dict]:
    tree = tmp / f"baseline-{rev}"
    if not tree.exists():
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "analyzers", "govspider", "pipelines", "pyproject.toml"],
                                 check=True, capture_output=True).stdout
        tarfile.open(fileobj=BytesIO(archive)).extractall(tree)
    env = {"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin", "GOVSPIDER_STATE_DIR": str(tmp / "state")}
    # -I would drop the venv's site-packages; -P keeps them but puts the baseline tree first
    proc = subprocess.run([sys.executable, "-P", "-c", f"import sys; sys.path.insert(0, {str(tree)!r})\n" + BASELINE,
                           str(tree / "pyproject.toml"), store_uri, campaign, ruleset],
                          capture_output=True, text=True, env=env, cwd=tree)
    if proc.returncode:
        raise SystemExit(f"baseline {rev} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout)


def report(name: str, findings: list[dict], truth: list[dict], rules: list[str]) -> dict:
    from govspider.findings import counts, macro_average, near_miss_hits, precision_recall

    table = precision_recall(findings, truth)
    hits = near_miss_hits(findings, truth)
    vetoes = [(f, t) for f, t in hits if f.get("severity") == "veto" and counts(f)]
    review = sum(1 for f in findings if f.get("review"))
    print(f"\n== {name}: {len(findings)} findings ({review} for review), near-miss hits {len(hits)}, "
          f"vetoes on near misses {len(vetoes)}")
    print(f"{'rule_id':32s} {'found':>5s} {'truth':>5s} {'P':>5s} {'R':>5s}")
    for rule in rules:
        row = table.get(rule, {"findings": 0, "truth": 0, "precision": 1.0, "recall": 1.0})
        print(f"{rule:32s} {row['findings']:5d} {row['truth']:5d} {row['precision']:5.2f} {row['recall']:5.2f}")
    macro = macro_average(table, rules)
    print(f"{'macro':32s} {'':5s} {'':5s} {macro['precision']:5.2f} {macro['recall']:5.2f}")
    for f, t in vetoes:
        print(f"  veto on near miss: {f['rule_id']} {f['site_code']} {t['key']} — {t['details']['why']}")
    return {"table": table, "macro": macro, "near_miss_hits": len(hits), "near_miss_vetoes": len(vetoes)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, action="append", required=True)
    parser.add_argument("--baseline", default=None, help="git revision whose analyzers to compare (e.g. 1387e04)")
    parser.add_argument("--ruleset", default="2019")
    args = parser.parse_args()
    from analyzers.registry import load_analyzers
    from govspider.analysis import analyze_campaign
    from govspider.storage import open_store

    rules = sorted({rule for item in load_analyzers() for rule in item.analyzer.rule_ids})
    with tempfile.TemporaryDirectory(prefix="gate-") as name:
        tmp = Path(name)
        for seed in args.seed:
            store_uri = f"sqlite:///{tmp / f'seed{seed}.sqlite'}"
            province = walk(seed, store_uri, f"seed{seed}")
            misses = sum(1 for t in province.truth if t.get("expect") == "none")
            print(f"\n######## seed {seed}: {len(province.truth) - misses} defects, {misses} near misses")
            with open_store(store_uri) as store:
                mine = analyze_campaign(store, f"seed{seed}", args.ruleset, write=False)
            report(f"this checkout, seed {seed}, ruleset {args.ruleset}", mine, province.truth, rules)
            if args.baseline:
                base = baseline_findings(args.baseline, store_uri, f"seed{seed}", args.ruleset, tmp)
                report(f"baseline {args.baseline}, seed {seed}, ruleset {args.ruleset}", base, province.truth, rules)


if __name__ == "__main__":
    main()
