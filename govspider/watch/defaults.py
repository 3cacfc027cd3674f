"""Defaults of the light daily check (govspider watch), named like the settings they fill."""

#: clicks from the homepage: 1 reaches the column and letter lists, 2 their second pages and sub-columns
GOVSPIDER_WATCH_MAX_DEPTH = 2
#: pages per site (a light check: a portal's navigation is 20-60 pages)
GOVSPIDER_WATCH_MAX_PAGES = 80
#: campaign-id prefix of the light checks (kept apart from full checks in trends)
WATCH_CAMPAIGN_PREFIX = "watch"
#: what the watch writes in its directory
WARNINGS_FILE = "warnings.jsonl"
STATE_FILE = "watch-state.json"
STORE_DIR = "store"
SPOOL_DIR = "notify-spool"
