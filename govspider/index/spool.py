"""Disk spool (缓存队列) for bulk actions the search server could not take: nothing is lost.

Actions that failed for a transient reason (server down, batch rejected with 429/5xx) are written
atomically to JSONL files and replayed, oldest first, when the server is back. Actions the server
refused for good (a 4xx mapping error) go to ``rejected.jsonl`` beside them, with the reason.
"""

from __future__ import annotations

import itertools
import json
import os
import time
from pathlib import Path
from typing import Callable, Iterable

_SEQ = itertools.count()


class Spool:
    """One directory of ``*.jsonl`` batches; ``drain(send)`` replays them through ``send``."""

    def __init__(self, directory: str | Path):
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)

    def files(self) -> list[Path]:
        return sorted(self.dir.glob("batch-*.jsonl"))

    def _write(self, path: Path, actions: Iterable[dict]) -> int:
        tmp = path.with_suffix(".tmp")
        count = 0
        with open(tmp, "w", encoding="utf-8") as out:
            for action in actions:
                out.write(json.dumps(action, ensure_ascii=False, default=str) + "\n")
                count += 1
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
        return count

    def put(self, actions: list[dict]) -> int:
        """Write ``actions`` as one new batch file; returns how many were spooled."""
        if not actions:
            return 0
        name = f"batch-{time.time_ns():020d}-{os.getpid()}-{next(_SEQ):06d}.jsonl"
        return self._write(self.dir / name, actions)

    @staticmethod
    def read(path: Path) -> list[dict]:
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]

    def pending(self) -> int:
        """Number of spooled actions waiting for the server."""
        total = 0
        for path in self.files():
            with open(path, "rb") as f:
                total += sum(1 for line in f if line.strip())
        return total

    def reject(self, actions: list[dict], reasons: list[str]) -> None:
        """Keep actions the server refused for good, with the reason, for a human to look at."""
        with open(self.dir / "rejected.jsonl", "a", encoding="utf-8") as out:
            for action, reason in zip(actions, reasons):
                out.write(json.dumps({"reason": reason, "action": action}, ensure_ascii=False, default=str) + "\n")

    def drain(self, send: Callable[[list[dict]], list[dict]]) -> int:
        """Replay batches oldest first. ``send`` returns the actions still failing; a batch with
        failures is rewritten with just those and draining stops (the server is still unwell)."""
        done = 0
        for path in self.files():
            actions = self.read(path)
            failed = send(actions)
            done += len(actions) - len(failed)
            if failed:
                self._write(path, failed)
                break
            path.unlink()
        return done
