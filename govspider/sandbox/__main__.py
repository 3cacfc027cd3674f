"""``python -m govspider.sandbox serve …``: the sandbox CLI without the govspider entry point."""

from govspider.sandbox.cli import command

if __name__ == "__main__":
    command(prog_name="python -m govspider.sandbox")
