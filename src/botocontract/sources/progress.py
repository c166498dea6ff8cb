"""What fetching wheels says while it runs: on stderr, and only to a person watching it.

Reports go to stdout, often into a file (``changelog … --format html > page.html``), so progress
is drawn on stderr whenever stderr is a terminal, whatever stdout is. It is silent with
``--quiet``, in CI (``CI`` set) and when stderr is not a terminal (a log, a
pipe), where a redrawn bar would only be noise. A fetch that takes over a second leaves one line
(``fetching botocore 1.40.3 … 13.2 MB in 1.8 s``), so a slow start is explained after the bar is
gone.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rich loads only when progress is shown
    from rich.console import Console

SLOW_S = 1.0  # a fetch that takes longer leaves its line


def shown(*, quiet: bool = False) -> bool:
    """Whether progress is drawn: someone watches stderr, nobody asked for silence, and this is
    not CI (``CI`` set to any non-empty value, as CI services set it)."""
    return not quiet and not os.environ.get("CI") and sys.stderr.isatty()


def fetched_line(requirement: str, size: int, seconds: float) -> str:
    """The line a slow fetch leaves, ``requirement`` as ``botocore 1.40.3``."""
    return f"fetching {requirement} … {size / 1e6:.1f} MB in {seconds:.1f} s"


class Progress:
    """The fetches of one cache: a bar over a batch, a spinner over a single fetch, and one line
    per slow fetch. Does nothing unless ``enabled``; fetches may run on several threads."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._console: Console | None = None
        self._drawing = False  # rich draws one live display at a time: a bar or a spinner
        self._lock = threading.Lock()

    def _stderr(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=True)
        return self._console

    @contextmanager
    def batch(self, label: str, total: int) -> Iterator[Callable[[], None]]:
        """A bar over ``total`` fetches; call what it yields once per fetch done."""
        if not self.enabled:
            yield lambda: None
            return
        from rich.progress import Progress as Bar

        with Bar(console=self._stderr(), transient=True) as bar:
            task = bar.add_task(label, total=total)
            with self._lock:
                self._drawing = True
            try:
                yield lambda: bar.advance(task)
            finally:
                with self._lock:
                    self._drawing = False

    @contextmanager
    def fetching(self, requirement: str) -> Iterator[Callable[[int], None]]:
        """Around one fetch (``requirement`` as ``botocore 1.40.3``): a spinner unless a bar is
        up, then the line of a slow fetch. Call what it yields with the size fetched, in bytes."""
        if not self.enabled:
            yield lambda _size: None
            return
        start = time.monotonic()
        fetched: list[int] = []
        spinner = None
        with self._lock:
            if not self._drawing:
                spinner = self._stderr().status(f"fetching {requirement} …")
                spinner.start()
                self._drawing = True
        try:
            yield fetched.append
        finally:
            if spinner is not None:
                spinner.stop()
                with self._lock:
                    self._drawing = False
            seconds = time.monotonic() - start
            if fetched and seconds > SLOW_S:
                # printed through the console, it lands above a bar that is still up
                self._stderr().print(
                    fetched_line(requirement, fetched[0], seconds), highlight=False, markup=False
                )
