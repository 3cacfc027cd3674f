"""Replacing a campaign in Elasticsearch/OpenSearch without delete-by-query (清除旧发布).

A re-published campaign's documents carry a new ``publication`` id. The replacement step then
finds the campaign's documents of any other publication (scroll API) and deletes them in bulk,
each only if it is still the version the search saw (``if_seq_no``/``if_primary_term``): a
document re-written meanwhile is left alone. Both steps are in the core of every Elasticsearch 8
and OpenSearch node; ``_delete_by_query`` (the reindex module) is not on the dev/CI node.
"""

from __future__ import annotations

from govspider.index.client import SearchClient

#: the spool's op type of a replacement step (never sent to the server as a bulk action)
PRUNE = "govspider_prune"
#: per-document results of a conditional delete that mean "nothing left to delete"
GONE = {404, 409}


class PruneFailed(Exception):
    """Old documents could not all be deleted; the step is retried later (from the spool)."""


def prune_action(campaign: str, publication: str) -> dict:
    """The spooled form of "delete ``campaign``'s documents not of ``publication``"."""
    return {"_op_type": PRUNE, "_id": f"{PRUNE}:{campaign}:{publication}", "campaign": campaign,
            "publication": publication}


def prune_campaign(client: SearchClient, prefix: str, campaign: str, publication: str) -> int:
    """Delete ``campaign``'s findings and verdicts under ``prefix`` whose publication differs;
    returns how many were deleted."""
    indices = f"{prefix}-findings-*,{prefix}-verdicts-*"
    # the search must see every document written so far (an earlier publication a moment ago
    # included); one rewritten since it was seen is spared by its seq_no, whatever the refresh
    client.refresh(indices)
    query = {"bool": {"filter": [{"term": {"campaign": campaign}}],
                      "must_not": [{"term": {"publication": publication}}]}}
    hits = client.scan(indices, query, _source=False, seq_no_primary_term=True, size=1000)
    deletes = ({"_op_type": "delete", "_index": hit["_index"], "_id": hit["_id"],
                "if_seq_no": hit["_seq_no"], "if_primary_term": hit["_primary_term"]} for hit in hits)
    removed, failures = 0, []
    for ok, item in client.streaming_bulk(deletes, chunk_size=1000, raise_on_error=False,
                                          raise_on_exception=False, max_retries=3):
        info = item.get("delete", {})
        if ok:
            removed += 1
        elif info.get("status") not in GONE:
            failures.append(f"{info.get('_id')}: {info.get('status')} {str(info.get('error'))[:200]}")
    if failures:
        raise PruneFailed(f"{len(failures)} old documents of campaign {campaign} not deleted, e.g. {failures[0]}")
    return removed  # searchable as deleted at the next refresh (1 s, templates' refresh_interval)
