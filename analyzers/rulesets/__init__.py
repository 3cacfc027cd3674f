"""Ruleset tables: thresholds, points and word lists per national ruleset (2015 普查, 2019 检查指标).

Each ``<name>.yaml`` may name a ``base`` table (``common.yaml``) it is deep-merged over. Values
no reliable source confirms carry ``unverified: true`` (see /work/shared/rules/criteria.md).
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
RULESETS = ("2015", "2019")


class RulesetError(ValueError):
    """A ruleset name or file that cannot be used."""


def available() -> list[str]:
    return sorted(p.stem for p in HERE.glob("*.yaml") if p.stem != "common")


@functools.lru_cache(maxsize=16)
def _load(name: str) -> dict:
    path = Path(name) if name.endswith((".yaml", ".yml")) else HERE / f"{name}.yaml"
    if not path.is_file():
        raise RulesetError(f"unknown ruleset {name!r}: use one of {', '.join(available())} or a YAML file path")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    base = data.pop("base", None)
    if base:
        data = _merge(_load(base), data)
    data.setdefault("name", path.stem)
    return data


def load_ruleset(name: str | dict) -> dict:
    """The merged table of ruleset ``name`` (``2015``, ``2019`` or a YAML path); a copy."""
    if isinstance(name, dict):
        return name
    return copy.deepcopy(_load(str(name)))


def _merge(base: dict, over: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out
