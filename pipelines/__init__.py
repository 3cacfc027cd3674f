"""Scrapy item pipelines of govspider, in one base order: extract → bounds → analyze → store.

``ITEM_PIPELINES_BASE`` is the order, declared once; govspider/settings.py uses it as
``ITEM_PIPELINES``. Users change that dict in their settings (``None`` disables a stage, another
number moves it), never code — e.g. ``{"pipelines.analyze.AnalyzePipeline": None}`` crawls and
stores without page analyzers.
"""

ITEM_PIPELINES_BASE = {
    "pipelines.extract.ExtractPipeline": 100,   # page → facts + text, then follow its links
    "pipelines.bounds.BoundsPipeline": 150,     # facts cut to the caps of govspider.bounds
    "pipelines.analyze.AnalyzePipeline": 200,   # page-scope analyzers → page["findings"]
    "pipelines.store.StorePipeline": 300,       # pages, link checks, site states → the page store
}
