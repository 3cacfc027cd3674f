"""Extraction tests: their helpers (page_walk) import by name."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
