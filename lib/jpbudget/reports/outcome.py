"""What happened to each report in a run."""

from __future__ import annotations

import dataclasses
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


@dataclasses.dataclass
class Outcome:
    """What happened to one report in a run."""

    name: str
    status: str  # "built", "failed", "interrupted", "up to date"
    seconds: float = 0.0
    reasons: tuple[str, ...] = ()
    error: str | None = None
    failed_notebook: Path | None = None

    def line(self) -> str:
        if self.status == "built":
            return f"{self.name}: built in {self.seconds:.1f}s ({', '.join(self.reasons)})"
        if self.status == "failed":
            return f"{self.name}: FAILED after {self.seconds:.1f}s: {self.error}"
        return f"{self.name}: {self.status}"


@dataclasses.dataclass
class RunResult:
    outcomes: list[Outcome]
    interrupted: bool = False

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def built(self) -> list[str]:
        return [o.name for o in self.outcomes if o.status == "built"]

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return EXIT_INTERRUPTED
        return EXIT_FAILED if self.failed else EXIT_OK
