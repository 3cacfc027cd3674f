"""Index templates from deploy/elasticsearch/templates, renamed for an index prefix."""

from __future__ import annotations

import json
import os
from pathlib import Path

#: template file stem -> what it holds
KINDS = ("findings", "verdicts")


def templates_dir() -> Path:
    """``GOVSPIDER_ES_TEMPLATES`` or deploy/elasticsearch/templates of this checkout."""
    env = os.environ.get("GOVSPIDER_ES_TEMPLATES")
    path = Path(env) if env else Path(__file__).resolve().parents[2] / "deploy" / "elasticsearch" / "templates"
    if not path.is_dir():
        raise FileNotFoundError(
            f"index templates not found at {path}: set GOVSPIDER_ES_TEMPLATES to the directory "
            "holding govspider-findings.json and govspider-verdicts.json")
    return path


def load_templates(prefix: str = "govspider") -> dict[str, dict]:
    """Template name -> body, with every ``govspider-`` name (patterns, aliases) as ``prefix-``."""
    out = {}
    for kind in KINDS:
        text = (templates_dir() / f"govspider-{kind}.json").read_text(encoding="utf-8")
        if prefix != "govspider":
            text = text.replace('"govspider-', f'"{prefix}-')
        out[f"{prefix}-{kind}"] = json.loads(text)
    return out
