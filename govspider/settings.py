"""Scrapy settings of govspider (scrapy.cfg → here): polite, bounded, safe whole-site crawling.

Users change settings, not code (docs/crawling.md lists the ones that matter): caps
(``GOVSPIDER_MAX_PAGES``, ``GOVSPIDER_MAX_DEPTH``), politeness (``CONCURRENT_REQUESTS_PER_DOMAIN``,
AutoThrottle), robots (``ROBOTSTXT_OBEY``; ``--ignore-robots`` is recorded in the campaign),
rendering (``GOVSPIDER_PLAYWRIGHT``), the store (``GOVSPIDER_STORE_URI``) and the pipeline order
(``ITEM_PIPELINES``).
"""

from pipelines import ITEM_PIPELINES_BASE

from govspider.crawling.render import launch_options

BOT_NAME = "govspider"
SPIDER_MODULES = ["govspider.spiders"]
NEWSPIDER_MODULE = "govspider.spiders"
USER_AGENT = "Mozilla/5.0 (compatible; govspider/0.1; 政府网站抽查)"

# --- safety: no remote-control door, no telnet console
REMOTE_CONTROL_ENABLED = False
TELNETCONSOLE_ENABLED = False

# --- what a check may fetch
ROBOTSTXT_OBEY = True
GOVSPIDER_MAX_PAGES = 2000          # pages per site
GOVSPIDER_MAX_DEPTH = 12            # clicks from the home page (pagination counts)
GOVSPIDER_MAX_LINK_CHECKS = 0       # link checks per site beyond crawled pages (0 = 4 × max pages)
GOVSPIDER_LINK_TIMEOUT = 5.0        # seconds; a link check that times out is recorded as failed
GOVSPIDER_TEXT_MAX_CHARS = 20000    # visible text kept per page
GOVSPIDER_EXTRACT_MAX_BYTES = 2 * 1024 * 1024  # bytes of a page given to extraction
GOVSPIDER_PAGE_MAX_BYTES = 4 * 1024 * 1024     # a page body stops here (the part read is kept, marked truncated)
GOVSPIDER_EXTRACT_INLINE_BYTES = 64 * 1024     # pages up to this size are extracted without a thread hand-over
GOVSPIDER_ROBOTS_TIMEOUT = 10.0     # seconds for robots.txt (one retry)
GOVSPIDER_MAX_URL_LENGTH = 512
GOVSPIDER_MAX_QUERY_PARAMS = 8
GOVSPIDER_MAX_QUERY_VARIANTS = 200  # distinct query strings per path (query-parameter explosions)
GOVSPIDER_MAX_SEGMENT_REPEATS = 3
GOVSPIDER_STORE_URI = "sqlite:///govspider-store.sqlite"
GOVSPIDER_RULESET = "2019"

# --- politeness: many sites at once, at most 2 requests in flight per site
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 2
CONCURRENT_REQUESTS_PER_IP = 0
DOWNLOAD_DELAY = 0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 10.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.5
# items of one response processed in parallel: a page gives 2-3 (link record, site state, page) and
# Scrapy starts this many asyncio tasks per response whatever it gives (its default, 100, was ~8%
# of the crawl's CPU)
CONCURRENT_ITEMS = 8
# Scrapy re-reads each callback's source (inspect + ast) per response to warn about generators that
# return values; its cache is keyed by bound methods, which die after each call (~4% of crawl CPU)
WARN_ON_GENERATOR_RETURN_VALUE = False
SCHEDULER_PRIORITY_QUEUE = "scrapy.pqueues.DownloaderAwarePriorityQueue"
SCHEDULER_DISK_QUEUE = "govspider.crawling.diskqueue.JsonFifoDiskQueue"  # JSON, never pickle
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"
REQUEST_FINGERPRINTER_CLASS = "govspider.crawling.fingerprint.SessionlessFingerprinter"
DEPTH_LIMIT = 0                     # the spider applies GOVSPIDER_MAX_DEPTH per site
DEPTH_STATS_VERBOSE = False

# --- robustness: timeouts, retries, sizes, redirects
DOWNLOAD_TIMEOUT = 20
RETRY_ENABLED = True
RETRY_TIMES = 2
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
REDIRECT_MAX_TIMES = 5
METAREFRESH_MAXDELAY = 5
COOKIES_ENABLED = True
DNS_TIMEOUT = 10

DOWNLOAD_FAIL_ON_DATALOSS = False   # a body shorter than its Content-Length is kept (page marked truncated)

# --- egress: one policy for every fetch (govspider/crawling/egress.py)
GOVSPIDER_HOSTS_FILE = None         # hosts(5) file authoritative for the names it lists (or $GOVSPIDER_HOSTS_FILE)
GOVSPIDER_EGRESS_UNRESOLVED = "proxy"  # a name that does not resolve here: "proxy" (the proxy decides) or "refuse"
TWISTED_DNS_RESOLVER = "govspider.crawling.egress.EgressNameResolver"

DOWNLOADER_MIDDLEWARES = {
    # before robots.txt and everything else: nothing outside the registered sites, nothing private
    "govspider.crawling.middlewares.SafetyMiddleware": 50,
    # next to the download handler: every response as received goes into the WARC archive
    "govspider.archive.middleware.ArchiveMiddleware": 950,
    # conditional revisits (If-None-Match / If-Modified-Since; 304 reuses stored facts): on only
    # when GOVSPIDER_REVISIT_FROM names the last visit's campaign
    "govspider.revisit.RevisitMiddleware": 585,
    # redirect hops are fetched even when seen before: loops and long chains leave a link record
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "govspider.crawling.middlewares.MetaRefreshMiddleware": 580,
    "govspider.crawling.middlewares.RedirectMiddleware": 600,
    "govspider.crawling.render.SettleMiddleware": 800,
    # next to the downloader: sees every retry and redirect hop of a homepage
    "govspider.crawling.middlewares.AttemptsMiddleware": 960,
}
GOVSPIDER_REVISIT_FROM = None       # campaign of the last visit (incremental recrawl)
GOVSPIDER_REVISIT_STORE = None      # its page store (default: GOVSPIDER_STORE_URI)
GOVSPIDER_REVISIT_CARRY_DAYS = 7    # rows of an unchanged page, confirmed < this many days ago, are carried over unasked
ITEM_PIPELINES = dict(ITEM_PIPELINES_BASE)
EXTENSIONS = {
    "govspider.crawling.progress.ProgressExtension": 500,
    # AutoThrottle, with a 304 of a conditional revisit counted as the healthy answer it is
    "scrapy.extensions.throttle.AutoThrottle": None,
    "govspider.revisit.RevisitAutoThrottle": 0,
    # spider.state is rebuilt from the page store on resume (crawling/resume.py), never unpickled
    "scrapy.extensions.spiderstate.SpiderState": None,
}
GOVSPIDER_RESUME = True             # an interrupted crawl of the same campaign and store resumes
GOVSPIDER_PROGRESS = False          # the rich progress display (govspider crawl turns it on)

# --- headless rendering only where needed (render_js: always | auto; Debian Chromium)
GOVSPIDER_PLAYWRIGHT = True
GOVSPIDER_RENDER_SETTLE_MS = 3000    # longest explicit wait for script-written content
DOWNLOAD_HANDLERS = {  # scrapy-playwright's, with Chromium behind the egress policy
    "http": "govspider.crawling.render.GuardedPlaywrightHandler",
    "https": "govspider.crawling.render.GuardedPlaywrightHandler",
}
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
PLAYWRIGHT_BROWSER_TYPE = "chromium"
PLAYWRIGHT_LAUNCH_OPTIONS = launch_options()
PLAYWRIGHT_ABORT_REQUEST = "govspider.crawling.render.abort_request"
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 30_000
PLAYWRIGHT_MAX_PAGES_PER_CONTEXT = 4
PLAYWRIGHT_MAX_CONTEXTS = 2

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
