"""``govspider sandbox``: the simulated province (see govspider/sandbox/cli.py)."""

from govspider.sandbox.cli import command

__all__ = ["command"]
