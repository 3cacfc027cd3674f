"""Fixtures of the sandbox tests: the province of the session as-of date, built in-process."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from sandbox_helpers import AS_OF, FAMILY_SEEDS  # noqa: E402


@pytest.fixture(scope="session")
def province():
    from govspider.sandbox.province import build_province

    return build_province(seed=7, as_of=AS_OF, scale="small")


@pytest.fixture(scope="session")
def walked(province):
    from sandbox_walk import walk

    return walk(province)


@pytest.fixture(scope="session")
def family_provinces():
    """Provinces of seeds no other test uses (every family is drawn in each)."""
    from govspider.sandbox.province import build_province

    return [build_province(seed=seed, as_of=AS_OF, scale="small") for seed in FAMILY_SEEDS]
