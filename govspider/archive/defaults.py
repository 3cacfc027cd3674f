"""Defaults of the web archive, named like the settings that override them."""

GOVSPIDER_WARC_ENABLED = True
#: rotation size: ISO 28500's informative annex recommends files of about 1 GB
GOVSPIDER_WARC_MAX_BYTES = 1_000_000_000
GOVSPIDER_WARC_PREFIX = "govspider"
