"""The crawl's on-disk request queue in JSON (``SCHEDULER_DISK_QUEUE``), never pickle.

Scrapy's default disk queues pickle requests: whoever can write the job directory could make the
crawler load arbitrary objects. Requests go to disk as JSON instead (the encoding of the shared
queue, :mod:`govspider.distributed.serialize`); a request that is not JSON-able raises
``ValueError``, which Scrapy answers by keeping that one request in memory.

The queue only spills the frontier to disk while a crawl runs; it is not what a crawl resumes
from (the page store is: :mod:`govspider.crawling.resume`).
"""

from __future__ import annotations

from pathlib import Path

from queuelib import queue
from scrapy.utils.request import request_from_dict

from govspider.distributed import serialize


class JsonFifoDiskQueue(queue.FifoDiskQueue):
    def __init__(self, crawler, key: str):
        self.spider = crawler.spider
        Path(key).parent.mkdir(parents=True, exist_ok=True)
        super().__init__(key)

    @classmethod
    def from_crawler(cls, crawler, key: str, *args, **kwargs):
        return cls(crawler, key)

    def push(self, request) -> None:
        try:
            data = serialize.dumps(request.to_dict(spider=self.spider))
        except TypeError as exc:
            raise ValueError(str(exc)) from exc
        super().push(data)

    def pop(self):
        data = super().pop()
        return request_from_dict(serialize.loads(data), spider=self.spider) if data else None

    def peek(self):
        data = super().peek()
        return request_from_dict(serialize.loads(data), spider=self.spider) if data else None
