"""The runner's kernel client is ready once the kernel has answered (jpbudget.reports.client)."""

from __future__ import annotations

import asyncio
from queue import Empty

import pytest
from jpbudget.reports import client, execute


class Channel:
    """A kernel channel that has ``messages`` waiting; empty, it times out at once."""

    def __init__(self, messages: list[dict]):
        self.messages = list(messages)

    async def get_msg(self, timeout: float | None = None) -> dict:
        if not self.messages:
            raise Empty
        return self.messages.pop(0)


class Kernel(client.ReadyClient):
    """A ReadyClient talking to a scripted kernel: one list of shell and of IOPub messages per
    ``kernel_info`` request it sends."""

    def __init__(self, rounds: list[tuple[list[dict], list[dict]]], alive: bool = True):
        super().__init__()
        self.rounds, self.alive, self.asked, self.handled = list(rounds), alive, 0, []
        self.shell, self.iopub = Channel([]), Channel([])

    @property
    def shell_channel(self):
        return self.shell

    @property
    def iopub_channel(self):
        return self.iopub

    def kernel_info(self) -> str:
        self.asked += 1
        if self.rounds:
            shell, iopub = self.rounds.pop(0)
            self.shell.messages += shell
            self.iopub.messages += iopub
        return f"k{self.asked}"

    async def _async_is_alive(self) -> bool:
        return self.alive

    def _handle_kernel_info_reply(self, msg: dict) -> None:
        self.handled.append(msg)


def reply(request: str) -> dict:
    return {"msg_type": "kernel_info_reply", "parent_header": {"msg_id": request}, "content": {}}


def status(request: str, state: str) -> dict:
    return {
        "msg_type": "status",
        "parent_header": {"msg_id": request},
        "content": {"execution_state": state},
    }


def test_ready_once_the_reply_and_the_idle_status_of_its_request_have_come():
    kernel = Kernel([([reply("k1")], [status("k1", "busy"), status("k1", "idle")])])
    asyncio.run(kernel.wait_for_ready(timeout=10))
    assert kernel.asked == 1 and kernel.handled == [reply("k1")]


def test_without_the_idle_status_of_its_request_the_kernel_is_asked_again():
    # IOPub not yet connected when the first request was answered: its status was lost
    kernel = Kernel(
        [
            ([reply("k1")], [status("k0", "idle")]),
            ([reply("k2")], [status("k2", "busy"), status("k2", "idle")]),
        ]
    )
    asyncio.run(kernel.wait_for_ready(timeout=10))
    assert kernel.asked == 2 and kernel.handled == [reply("k2")]


def test_replies_to_earlier_requests_are_passed_over():
    # slow to start: the first request goes unanswered in its round, then both replies come;
    # the first request's status is lost (IOPub subscribed late)
    kernel = Kernel(
        [
            ([], []),
            ([reply("k1"), reply("k2")], [status("k2", "busy"), status("k2", "idle")]),
        ]
    )
    asyncio.run(kernel.wait_for_ready(timeout=10))
    assert kernel.asked == 2 and kernel.handled == [reply("k2")]


def test_a_kernel_that_died_before_answering_is_an_error():
    kernel = Kernel([], alive=False)
    with pytest.raises(RuntimeError, match="Kernel died before replying to kernel_info"):
        asyncio.run(kernel.wait_for_ready(timeout=10))


def test_a_kernel_that_does_not_answer_in_time_is_an_error():
    kernel = Kernel([])
    with pytest.raises(RuntimeError, match=r"Kernel didn't respond in 0\.05 seconds"):
        asyncio.run(kernel.wait_for_ready(timeout=0.05))
    assert kernel.asked >= 1 and kernel.handled == []


def test_the_kernels_of_a_run_have_this_client():
    manager = execute.KernelJob().kernel_manager_class()(kernel_name=execute.DEFAULT_KERNEL)
    assert manager.client_factory is client.ReadyClient
