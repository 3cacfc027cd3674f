"""The finding-index interface (索引): what ``govspider run``, ``index`` and ``search`` rely on."""

from __future__ import annotations

from typing import Iterable


class FindingIndex:
    """Findings and site verdicts, searchable by Chinese text and filtered by rule/region/campaign.

    ``index_findings``/``index_verdicts`` are idempotent (same finding, same id: re-publishing a
    campaign never duplicates) and return how many documents the index holds now from this call.
    ``search`` returns finding dicts (best first) with ``finding_id``.
    """

    uri: str = ""

    def index_findings(self, findings: Iterable[dict]) -> int:
        raise NotImplementedError

    def index_verdicts(self, verdicts: Iterable[dict]) -> int:
        raise NotImplementedError

    def publish_campaign(self, campaign: str, findings: Iterable[dict], verdicts: Iterable[dict]) -> dict:
        """Replace everything the index holds of ``campaign`` by these findings and verdicts, so a
        problem fixed since the last analysis leaves search. Returns counts: ``findings``,
        ``verdicts`` (indexed now), ``removed`` (older documents deleted now), ``spooled`` and
        ``pending`` (waiting for the server), ``rejected`` (refused for good)."""
        raise NotImplementedError

    def search(self, text: str, rule: str | None = None, region: str | None = None,
               campaign: str | None = None, limit: int = 50) -> list[dict]:
        raise NotImplementedError

    def verdicts(self, campaign: str | None = None, region: str | None = None,
                 limit: int = 1000) -> list[dict]:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
