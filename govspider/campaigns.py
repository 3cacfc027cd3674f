"""Campaigns (抽查批次): which sites a check covers — a seeded sample per group — and its record.

:func:`sample_sites` draws, in every group (``by="region"``: per 市州), ``ceil(fraction × size)``
sites and at least one, the way a notice samples "不少于 50%" per prefecture; the draw is
reproducible from ``seed``. A sampled portal brings its paired online service hall (政务服务网) so
the portal-vs-hall comparison (两张皮) can run. :func:`new_campaign` builds the campaign record
(id, as-of, ruleset, sampled sites, how they were drawn) stored in the page store.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import uuid
from collections import defaultdict

from govspider.sites import Site

GROUP_FIELDS = ("region", "level", "kind", "county")


def sample_sites(sites: list[Site], fraction: float = 1.0, by: str | None = "region", seed: int | None = None) -> list[Site]:
    """A seeded sample of ``sites``: per group of ``by``, ceil(fraction × n) sites, at least 1.

    Keeps the registry's order. ``fraction`` in (0, 1]; ``by=None`` samples the whole list as one group.
    """
    if not 0 < fraction <= 1:
        raise ValueError(f"--sample must be a fraction in (0, 1], e.g. 0.5 (got {fraction})")
    if by is not None and by not in GROUP_FIELDS:
        raise ValueError(f"--by must be one of {', '.join(GROUP_FIELDS)} (got {by!r})")
    groups: dict[str, list[int]] = defaultdict(list)
    for i, site in enumerate(sites):
        groups[(getattr(site, by) or "") if by else ""].append(i)
    chosen: set[int] = set()
    for name, members in sorted(groups.items()):
        count = max(1, math.ceil(fraction * len(members) - 1e-9))
        rng = random.Random(f"{seed}|{by}|{name}")
        chosen.update(rng.sample(members, count))
    by_code = {s.site_code: i for i, s in enumerate(sites)}
    for i in list(chosen):
        hall = sites[i].service_hall
        if hall and hall in by_code:
            chosen.add(by_code[hall])
    return [s for i, s in enumerate(sites) if i in chosen]


def new_campaign_id(as_of: dt.date) -> str:
    return f"{as_of.isoformat()}-{uuid.uuid4().hex[:8]}"


def new_campaign(sites: list[Site], as_of: dt.date, ruleset: str = "2019", fraction: float = 1.0,
                 by: str | None = "region", seed: int | None = None, campaign_id: str | None = None,
                 robots_ignored: bool = False) -> dict:
    """The campaign record (storage/base.py shape) for a sample of ``sites``."""
    from govspider.crawling.records import campaign_record

    sampled = sample_sites(sites, fraction, by, seed)
    record = campaign_record(campaign_id or new_campaign_id(as_of), sampled, as_of, ruleset, robots_ignored)
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    picked = {s.site_code for s in sampled}
    for site in sites:
        key = (getattr(site, by) or "") if by else ""
        groups[key][0] += 1
        groups[key][1] += site.site_code in picked
    record["sample"] = {"fraction": fraction, "by": by, "seed": seed, "registry_sites": len(sites),
                        "sampled_sites": len(sampled),
                        "groups": {k: {"sites": v[0], "sampled": v[1]} for k, v in sorted(groups.items())}}
    return record
