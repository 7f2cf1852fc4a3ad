"""The runner's kernel client: ready once the kernel has answered, without waiting for silence.

jupyter_client's ``wait_for_ready`` asks the kernel for its ``kernel_info`` and, once it has the
reply and one message on IOPub, reads IOPub until nothing has come for 0.2 s: every kernel the
runner starts cost 0.2 s or more of waiting in which nothing ran (a run of 28 reports, one
kernel at a time, waited some 10 s in all, with the 0.1 s steps of jupyter_client's wait for
a kernel to exit).

:class:`ReadyClient` is ready as soon as both channels have answered the same request: the
``kernel_info_reply`` on the shell channel, and on IOPub the ``idle`` status whose parent is
that request (the kernel publishes it after the reply, so IOPub is connected and that
request's messages have all come). Each round asks anew and waits for the answers to that
request only: replies to earlier ones (a kernel slow to start answers them all at once) are
passed over, so that a status IOPub lost for one of them cannot hold the wait up. Messages of
earlier requests left on IOPub are not the runner's concern: papermill (nbclient) reads only
the messages whose parent is the request it sent. A kernel that does not answer within the
timeout, or dies, fails as before.
"""

from __future__ import annotations

import time
from queue import Empty
from typing import Any

from jupyter_client.asynchronous import AsyncKernelClient

__all__ = ["IOPUB_WAIT", "ReadyClient"]

#: How long the client waits for IOPub to answer a ``kernel_info`` request before asking again
#: (the same as jupyter_client's check that IOPub is connected).
IOPUB_WAIT = 0.2


class ReadyClient(AsyncKernelClient):
    """An asyncio kernel client whose ``wait_for_ready`` ends when the kernel has answered."""

    async def wait_for_ready(self, timeout: float | None = None) -> None:  # type: ignore[override]
        deadline = time.monotonic() + (timeout if timeout is not None else float("inf"))
        while True:
            request = self.kernel_info()
            reply = await self._answered(request, min(1.0, max(deadline - time.monotonic(), 0.0)))
            if reply is not None:
                self._handle_kernel_info_reply(reply)
                return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:g} seconds")

    async def _answered(self, request: str, shell_wait: float) -> dict[str, Any] | None:
        """The ``kernel_info_reply`` to ``request`` on the shell channel within ``shell_wait``
        seconds (replies to earlier requests are passed over), once IOPub has published the
        idle status of ``request``; None if either is not seen."""
        end = time.monotonic() + shell_wait
        while True:
            try:
                reply = await self.shell_channel.get_msg(timeout=max(end - time.monotonic(), 0.0))
            except Empty:
                return None
            if (
                reply.get("msg_type") == "kernel_info_reply"
                and reply.get("parent_header", {}).get("msg_id") == request
            ):
                break
        end = time.monotonic() + IOPUB_WAIT
        while (left := end - time.monotonic()) > 0:
            try:
                message = await self.iopub_channel.get_msg(timeout=left)
            except Empty:
                return None
            if (
                message.get("msg_type") == "status"
                and message.get("parent_header", {}).get("msg_id") == request
                and message.get("content", {}).get("execution_state") == "idle"
            ):
                return reply
        return None
