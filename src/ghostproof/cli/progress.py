"""The progress bar of a batch audit on stderr (a terminal only); errors are printed above it as they happen."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn


class Bar:
    def __init__(self, total: int) -> None:
        self._bar = Progress(
            TextColumn("ghostproof audit"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.description}"),
            console=Console(stderr=True),
            transient=True,
        )
        self._bar.start()
        self._task: TaskID = self._bar.add_task("", total=total)

    def advance(self, path: str, error: str | None) -> None:
        if error:
            self._bar.console.print(f"ghostproof: {error}", markup=False, highlight=False)
        self._bar.update(self._task, advance=1, description=Path(path).name)

    def close(self) -> None:
        self._bar.stop()
