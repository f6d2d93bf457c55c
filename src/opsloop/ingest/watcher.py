"""The watched inbox: file-system events plus a periodic rescan; a file is taken only once its size
and mtime have been stable for `ingest.stable_seconds` (it may still be being written)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from opsloop.ingest.files import is_candidate
from opsloop.settings import IngestSettings

log = logging.getLogger(__name__)


@dataclass
class _Seen:
    size: int
    mtime_ns: int
    stable_since: float


class StabilityTracker:
    """Remembers each candidate's last (size, mtime) and reports those unchanged for long enough."""

    def __init__(self, stable_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.stable_seconds = stable_seconds
        self._clock = clock
        self._seen: dict[Path, _Seen] = {}
        self._lock = threading.Lock()

    def note(self, path: Path) -> None:
        with self._lock:
            self._seen.setdefault(path, _Seen(-1, -1, self._clock()))

    def forget(self, path: Path) -> None:
        with self._lock:
            self._seen.pop(path, None)

    def pending(self) -> int:
        with self._lock:
            return len(self._seen)

    def ready(self) -> list[Path]:
        """Candidates whose size and mtime have not changed for `stable_seconds` (sorted)."""
        now = self._clock()
        ready: list[Path] = []
        with self._lock:
            for path, seen in list(self._seen.items()):
                try:
                    stat = path.stat()
                except FileNotFoundError:
                    del self._seen[path]
                    continue
                if (stat.st_size, stat.st_mtime_ns) != (seen.size, seen.mtime_ns):
                    self._seen[path] = _Seen(stat.st_size, stat.st_mtime_ns, now)
                elif now - seen.stable_since >= self.stable_seconds:
                    ready.append(path)
        return sorted(ready)


class _Handler(FileSystemEventHandler):
    def __init__(self, on_path: Callable[[Path], None]) -> None:
        self._on_path = on_path

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if raw:
                self._on_path(Path(raw if isinstance(raw, str) else raw.decode()))


class InboxWatcher:
    """Calls `handle(paths)` with batches of ready files until `stop()` is called."""

    def __init__(
        self,
        inbox: Path,
        settings: IngestSettings,
        handle: Callable[[list[Path]], None],
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.inbox = inbox
        self.settings = settings
        self.handle = handle
        self.tracker = StabilityTracker(settings.stable_seconds, clock)
        self._clock = clock
        self._stop = threading.Event()

    def _consider(self, path: Path) -> None:
        try:
            inside = path.resolve().is_relative_to(self.inbox.resolve())
        except OSError:
            return
        if inside and path.is_file() and is_candidate(path, self.settings.ignore_suffixes, root=self.inbox):
            self.tracker.note(path)

    def rescan(self) -> None:
        for path in self.inbox.rglob("*"):
            if path.is_file():
                self._consider(path)

    def poll_once(self) -> list[Path]:
        """One check: hand the ready files over. Returns them (for tests and logs)."""
        ready = self.tracker.ready()
        if ready:
            try:
                self.handle(ready)
            except Exception:  # the watcher keeps going whatever one batch does
                log.exception(
                    "handling %d file(s) failed; they stay in the inbox for the next pass", len(ready)
                )
            finally:
                for path in ready:
                    self.tracker.forget(path)
        return ready

    def run(self) -> None:
        self.inbox.mkdir(parents=True, exist_ok=True)
        observer = Observer()
        observer.schedule(_Handler(self._consider), str(self.inbox), recursive=True)
        observer.start()
        log.info(
            "watching %s (stable after %.1fs, rescan every %.0fs)",
            self.inbox,
            self.settings.stable_seconds,
            self.settings.rescan_seconds,
        )
        try:
            self.rescan()
            next_rescan = self._clock() + self.settings.rescan_seconds
            while not self._stop.wait(self.settings.poll_seconds):
                if self._clock() >= next_rescan:
                    self.rescan()
                    next_rescan = self._clock() + self.settings.rescan_seconds
                self.poll_once()
        finally:
            observer.stop()
            observer.join(timeout=5)

    def stop(self) -> None:
        self._stop.set()
