"""What the tampering facts (govspider/extract/defacement.py) add to extraction, on real pages.

    python bench/bench_defacement.py [--rounds 15] [--pages DIR]

Extracts the pages of ../shared/realworld/pages with and without the ``defacement_facts`` hook,
alternating the two in every round (a shared machine's noise hits both alike), and prints the
median CPU time per page of each and their ratio, plus the hook's own median time per page.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--pages", type=Path, default=next(
        (p / "shared" / "realworld" / "pages" for p in ROOT.parents if (p / "shared" / "realworld").is_dir()), None))
    args = parser.parse_args()
    import govspider.extract.core as core
    from govspider.extract import extract_page_and_text
    from govspider.extract.document import parse

    pages = [(p.read_bytes(), "http://www.example.gov.cn/a/t20180301_1.html") for p in sorted(args.pages.glob("*.html"))]
    hook = core.defacement_facts

    def once() -> float:
        start = time.process_time()
        for body, url in pages:
            extract_page_and_text(body, url)
        return (time.process_time() - start) / len(pages)

    with_hook, without = [], []
    for _ in range(args.rounds):
        core.defacement_facts = hook
        with_hook.append(once())
        core.defacement_facts = lambda doc: {}
        without.append(once())
    core.defacement_facts = hook
    docs = [parse(body, url) for body, url in pages]
    alone = []
    for _ in range(args.rounds):
        start = time.process_time()
        for doc in docs:
            hook(doc)
        alone.append((time.process_time() - start) / len(docs))
    a, b, c = (statistics.median(x) * 1000 for x in (with_hook, without, alone))
    print(f"{len(pages)} real pages, {args.rounds} rounds (median CPU ms per page)")
    print(f"extraction with the tampering facts    {a:7.3f}")
    print(f"extraction without them                {b:7.3f}")
    print(f"ratio                                  {a / b:7.3f}")
    print(f"defacement_facts alone                 {c:7.3f}  ({c / b * 100:.1f}% of extraction)")


if __name__ == "__main__":
    main()
