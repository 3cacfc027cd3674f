"""The ``govspider`` command line: one click group whose commands load when they are used."""

from __future__ import annotations

import importlib
import importlib.util

import click

#: command name -> module under govspider.commands exposing ``command``
COMMANDS = {
    "sandbox": "sandbox",
    "extract": "extract",
    "crawl": "crawl",
    "run": "run",
    "demo": "demo",
    "analyzers": "analyzers",
    "compare": "compare",
    "campaign": "campaign",
    "worker": "worker",
    "analyze": "analyze",
    "report": "report",
    "schedule": "schedule",
    "search": "search",
    "index": "index",
    "evidence": "evidence",
    "watch": "watch",
    "notify": "notify",
    "review": "review",
}


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs (fast --help, no heavy imports)."""

    def list_commands(self, ctx):
        return sorted(name for name in COMMANDS if self._spec(name) is not None)

    def get_command(self, ctx, name):
        module = self._spec(name)
        if module is None:
            return None
        return importlib.import_module(module).command

    @staticmethod
    def _spec(name):
        if name not in COMMANDS:
            return None
        module = f"govspider.commands.{COMMANDS[name]}"
        return module if importlib.util.find_spec(module) else None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="govspider")
def main():
    """govspider — 政府网站抽查: crawl government sites, find problems, score, report."""


if __name__ == "__main__":
    main()
