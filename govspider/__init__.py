"""govspider: crawl government websites, find what the spot-check rules name, score and report."""

__version__ = "0.1.0"
