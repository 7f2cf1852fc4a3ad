"""What happened to each report in a run."""

from __future__ import annotations

import dataclasses
import enum
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class Status(enum.StrEnum):
    """The state a report ends a run in (its value is the word the summary prints)."""

    BUILT = "built"
    FAILED = "failed"
    INTERRUPTED = "interrupted"
    UP_TO_DATE = "up to date"


@dataclasses.dataclass
class Outcome:
    """What happened to one report in a run."""

    name: str
    status: Status
    seconds: float = 0.0
    reasons: tuple[str, ...] = ()
    error: str | None = None
    failed_notebook: Path | None = None

    def line(self) -> str:
        if self.status is Status.BUILT:
            return f"{self.name}: built in {self.seconds:.1f}s ({', '.join(self.reasons)})"
        if self.status is Status.FAILED:
            return f"{self.name}: FAILED after {self.seconds:.1f}s: {self.error}"
        return f"{self.name}: {self.status.value}"


@dataclasses.dataclass
class RunResult:
    """The outcome of every selected report, in manifest order."""

    outcomes: list[Outcome]
    interrupted: bool = False
    signum: int | None = None  # the signal that interrupted the run (SIGINT, SIGTERM)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status is Status.FAILED]

    @property
    def built(self) -> list[str]:
        return [o.name for o in self.outcomes if o.status is Status.BUILT]

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 128 + self.signum if self.signum else EXIT_INTERRUPTED
        return EXIT_FAILED if self.failed else EXIT_OK
