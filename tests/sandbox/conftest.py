"""Fixtures of the sandbox tests: the province of the session as-of date, built in-process."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from sandbox_helpers import AS_OF  # noqa: E402


@pytest.fixture(scope="session")
def province():
    from govspider.sandbox.province import build_province

    return build_province(seed=7, as_of=AS_OF, scale="small")


@pytest.fixture(scope="session")
def walked(province):
    from sandbox_walk import walk

    return walk(province)
