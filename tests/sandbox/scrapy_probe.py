"""A plain Scrapy spider (run by test_scrapy.py with `scrapy runspider`): fetches the given URLs and
yields what Scrapy decoded. Proxying comes only from the http_proxy environment variable."""

import scrapy


class ProbeSpider(scrapy.Spider):
    name = "probe"
    custom_settings = {"REMOTE_CONTROL_ENABLED": False, "ROBOTSTXT_OBEY": False, "LOG_LEVEL": "WARNING",
                       "TELNETCONSOLE_ENABLED": False, "RETRY_ENABLED": False, "DOWNLOAD_TIMEOUT": 10,
                       "HTTPERROR_ALLOW_ALL": True}

    def __init__(self, urls="", **kw):
        super().__init__(**kw)
        self.urls = [u for u in urls.split(",") if u]

    async def start(self):
        for url in self.urls:
            yield scrapy.Request(url, dont_filter=True)

    def parse(self, response):
        yield {"url": response.url, "status": response.status, "encoding": getattr(response, "encoding", None),
               "title": response.css("title::text").get(), "h1": response.css("h1::text").get(),
               "proxied": "proxy" in response.request.meta}
