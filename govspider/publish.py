"""Publishing a stored campaign (发布): score its findings, then replace the campaign in the search
index with its findings and site verdicts.

The full stack's last step, after the crawl: ``govspider analyze --campaign ID`` and the scheduled
job (:func:`govspider.schedule.finish_campaigns`) call :func:`analyze_and_publish`. The index is
``--es`` / ``GOVSPIDER_INDEX`` / ``GOVSPIDER_ES_URL`` or the embedded default
(:func:`govspider.index.default_index_uri`); while Elasticsearch is down the documents wait in the
spool (:mod:`govspider.index.spool`) and the next publish or ``govspider index --flush-spool``
sends them. Re-publishing replaces: a problem fixed since the last analysis leaves search.
"""

from __future__ import annotations

import datetime as dt

from govspider.analysis import analyze_campaign, campaign_sites
from govspider.index import open_index
from govspider.scoring import score_campaign


def campaign_verdicts(record: dict, findings: list[dict], ruleset: str | None = None) -> tuple[list[dict], list[dict]]:
    """(site verdicts, region table) of a stored campaign ``record`` under its ruleset."""
    return score_campaign(findings, campaign_sites(record), str(ruleset or record.get("ruleset") or "2019"),
                          campaign=record)


def publish(index_uri: str, campaign: str, findings: list[dict], verdicts: list[dict]) -> dict:
    """Replace ``campaign`` in the index at ``index_uri``; the counts of ``publish_campaign`` plus
    ``index`` (where they went)."""
    with open_index(index_uri) as index:
        return {**index.publish_campaign(campaign, findings, verdicts), "index": index.uri}


def analyze_and_publish(store, record: dict, index_uri: str, ruleset: str | None = None,
                        progress: bool = False) -> dict:
    """Analyze the campaign ``record`` (its findings replace the stored ones), score it and
    publish; returns ``findings``, ``verdicts``, ``regions`` and ``published`` (the counts)."""
    ruleset = str(ruleset or record.get("ruleset") or "2019")
    as_of = dt.date.fromisoformat(str(record["as_of"])[:10])
    findings = analyze_campaign(store, record["id"], ruleset, as_of=as_of, progress=progress)
    verdicts, regions = campaign_verdicts(record, findings, ruleset)
    published = publish(index_uri, record["id"], findings, verdicts)
    return {"findings": findings, "verdicts": verdicts, "regions": regions, "published": published}
