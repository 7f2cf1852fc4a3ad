"""Progress of a run: a tqdm bar on a terminal, one line per report otherwise."""

from __future__ import annotations

from typing import Any

from .outcome import Outcome, Status


class Progress:
    """A tqdm bar on a terminal, one plain line per report otherwise."""

    def __init__(self, total: int, stream: Any):
        self.stream = stream
        self.bar = None
        if total and hasattr(stream, "isatty") and stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="report", file=stream, dynamic_ncols=True)
        self.done = 0
        self.total = total

    def note(self, text: str) -> None:
        if self.bar is not None:
            self.bar.write(text, file=self.stream)
        else:
            print(text, file=self.stream, flush=True)

    def advance(self, outcome: Outcome) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_postfix_str(outcome.name)
            if outcome.status is Status.FAILED:
                self.bar.write(outcome.line(), file=self.stream)
        else:
            print(f"[{self.done}/{self.total}] {outcome.line()}", file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
