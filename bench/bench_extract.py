"""Benchmark: extraction speed (pages per CPU-second) before vs after, on the same pages in the same run.

Run by hand from the repo root: ``python bench/bench_extract.py [--seconds 6] [--baseline REV] [--rounds 3]``.

Two corpora: the real pages of ../shared/realworld (4-435 KB, median 45 KB) and 400 pages of the
small sandbox province (drawn once by this tree's sandbox, then read by both sides from files).
Each side runs in its own process: ``after`` imports ``govspider.extract`` from this tree,
``before`` from a ``git worktree`` of ``--baseline`` (default 1387e04, the commit before issue 9).
Rounds alternate before/after so load swings on a shared machine hit both; the figure is pages
per CPU-second (``time.process_time``), a bare ``lxml`` parse of the same pages is printed as the
floor, and the ratio after/before is reported per round and as the median. Target: ratio ≥ 1.0
on the real pages (no regression).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BASELINE = "1387e04"


def _find_shared() -> Path:
    for parent in REPO.parents:
        if (parent / "shared" / "realworld").is_dir():
            return parent / "shared"
    raise SystemExit("../shared/realworld not found beside this checkout")


#: sandbox hazard pages (endless calendars, a 4 MB table, download traps): not typical pages
_HAZARD = re.compile(r"/calendar/|/big/|/download/|jsessionid|/redirect/|/xxgk/(?:list|detail)\.jsp")


def sandbox_corpus(out_dir: Path, limit: int = 400) -> Path:
    """Up to ``limit`` HTML pages of the small sandbox province, written as files + an index."""
    import datetime as dt
    from collections import deque
    from urllib.parse import urlsplit

    from govspider.extract import extract_page
    from govspider.sandbox.province import build_province

    province = build_province(seed=7, as_of=dt.date(2026, 11, 15), scale="small")
    hosts = {urlsplit(s.url).netloc for s in province.sites}
    queue = deque(f"http://{h}/" for h in sorted(hosts))
    seen, index = set(queue), []
    out_dir.mkdir(parents=True, exist_ok=True)
    while queue and len(index) < limit:
        url = queue.popleft()
        parts = urlsplit(url)
        status, headers, body = province.respond("GET", parts.netloc, parts.path + (f"?{parts.query}" if parts.query else ""), {})
        ctype = dict(headers).get("Content-Type", "")
        if status != 200 or not ctype.startswith("text/html"):
            continue
        name = f"{len(index):04d}.html"
        (out_dir / name).write_bytes(body)
        index.append({"file": name, "url": url, "content_type": ctype})
        for link in extract_page(body, url, ctype)["links"]:
            u = link["url"]
            if u not in seen and urlsplit(u).netloc in hosts and not _HAZARD.search(u):
                seen.add(u)
                queue.append(u)
    (out_dir / "index.json").write_text(json.dumps(index), encoding="utf-8")
    return out_dir


def load_pages(real_dir: Path, sandbox_dir: Path) -> dict[str, list[tuple[bytes, str, str | None]]]:
    real = [(p.read_bytes(), f"http://www.example.gov.cn/{p.stem}/t20180301_1.html", None) for p in sorted(real_dir.glob("*.html"))]
    index = json.loads((sandbox_dir / "index.json").read_text(encoding="utf-8"))
    sandbox = [((sandbox_dir / e["file"]).read_bytes(), e["url"], e["content_type"]) for e in index]
    return {"real": real, "sandbox": sandbox}


def rate(fn, pages, seconds: float) -> float:
    """Pages per CPU-second of ``fn`` over the corpus (at least one full pass, about ``seconds``)."""
    n, start = 0, time.process_time()
    while True:
        for body, url, ctype in pages:
            fn(body, url, ctype)
        n += len(pages)
        if time.process_time() - start >= seconds:
            return n / (time.process_time() - start)


def measure(real_dir: Path, sandbox_dir: Path, seconds: float) -> dict:
    """Mode ``--measure``: rates of the ``govspider.extract`` importable in this process."""
    import lxml.html

    from govspider.extract import extract_page_and_text

    corpora = load_pages(real_dir, sandbox_dir)
    extract_page_and_text(*corpora["real"][0][:2])  # imports and compiled patterns outside the clock
    out = {"module": str(Path(sys.modules["govspider.extract"].__file__).parents[2])}
    for name, pages in corpora.items():
        out[name] = rate(lambda b, u, c: extract_page_and_text(b, u, c), pages, seconds)
        out[f"{name}_parse"] = rate(lambda b, u, c: lxml.html.document_fromstring(b), pages, seconds / 3)
    return out


def baseline_tree(rev: str) -> Path:
    """A detached ``git worktree`` of ``rev`` (made once, reused by later runs)."""
    path = Path(tempfile.gettempdir()) / f"govspider-bench-base-{rev}"
    if not (path / "govspider" / "extract" / "__init__.py").is_file():
        subprocess.run(["git", "worktree", "add", "--detach", "--force", str(path), rev], cwd=REPO, check=True,
                       stdout=subprocess.DEVNULL)
    return path


def run_side(tree: Path, real_dir: Path, sandbox_dir: Path, seconds: float) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}
    cmd = [sys.executable, "-P", str(REPO / "bench" / "bench_extract.py"), "--measure", str(real_dir), str(sandbox_dir),
           "--seconds", str(seconds)]
    done = subprocess.run(cmd, env=env, cwd=tree, capture_output=True, text=True, check=False)
    lines = [l for l in done.stdout.splitlines() if l.startswith("{")]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"measuring {tree} failed:\n{done.stderr[-3000:]}")
    result = json.loads(lines[-1])
    if Path(result["module"]).resolve() != tree.resolve():
        raise SystemExit(f"{tree}: imported govspider from {result['module']} instead")
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=6.0, help="CPU seconds per corpus, side and round")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--baseline", default=BASELINE, help="git revision to compare with")
    ap.add_argument("--measure", nargs=2, metavar=("REAL_DIR", "SANDBOX_DIR"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure[0]), Path(args.measure[1]), args.seconds)))
        return
    real_dir = _find_shared() / "realworld" / "pages"
    sandbox_dir = sandbox_corpus(Path(tempfile.mkdtemp(prefix="govspider-bench-extract-")))
    corpora = load_pages(real_dir, sandbox_dir)
    for name, pages in corpora.items():
        sizes = [len(b) for b, _, _ in pages]
        print(f"{name:8s} corpus: {len(pages)} pages, median {statistics.median(sizes) / 1024:.1f} KiB, total {sum(sizes) / 1e6:.1f} MB")
    base = baseline_tree(args.baseline)
    rounds = []
    for i in range(args.rounds):
        before = run_side(base, real_dir, sandbox_dir, args.seconds)
        after = run_side(REPO, real_dir, sandbox_dir, args.seconds)
        rounds.append((before, after))
        print(f"round {i + 1}: " + "  ".join(
            f"{n}: before {before[n]:6.0f} after {after[n]:6.0f} pages/CPU-s ({after[n] / before[n]:.2f}x; "
            f"lxml parse {after[n + '_parse']:5.0f})" for n in corpora))
    for n in corpora:
        ratios = [a[n] / b[n] for b, a in rounds]
        print(f"{n:8s} after/before: median {statistics.median(ratios):.2f}x (rounds {', '.join(f'{r:.2f}' for r in ratios)}); "
              f"after {statistics.median(a[n] for _, a in rounds):.0f} pages/CPU-s, "
              f"{statistics.median(a[n] for _, a in rounds) / statistics.median(a[n + '_parse'] for _, a in rounds):.2f}x of a bare lxml parse")


if __name__ == "__main__":
    main()
