"""Crawl machinery shared by the embedded and the distributed crawl: URL policy, trap guards,
link availability checks, JS-rendering decisions, downloader middlewares and the progress display."""
