"""A jupyter_client kernel provisioner that forks kernels from a warm template when it can.

The runner gives each of its kernel managers one (with its process's template, :mod:`.forkserver`).
Registered as the ``jpbudget-forked-provisioner`` entry point, it can also be made the default
of a process that starts many kernels of its own (the test suite does, for nbval and papermill):
given no template, it uses the process's shared one (:func:`.forkserver.shared`). When a template cannot
fork (it is gone, or refuses), the kernel starts the ordinary way; when it fails halfway (a
kernel may have started on the connection's ports), the kernel start fails with its message.
"""

from __future__ import annotations

import os
from typing import Any

from jupyter_client.provisioning import LocalProvisioner

from .forkserver import (
    ForkedProcess,
    ForkServer,
    ForkServerError,
    ForkServerFailed,
    shared,
    usable,
)

#: The entry point name (group ``jupyter_client.kernel_provisioners``, in pyproject.toml).
NAME = "jpbudget-forked-provisioner"


class ForkedProvisioner(LocalProvisioner):
    """jupyter_client's local provisioner, launching through a fork server when it can."""

    #: The template to fork from; None: the process's shared template (:func:`.shared`).
    forks: ForkServer | None = None

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
        forks = self.forks if self.forks is not None else shared(cmd)
        if forks is None or not usable(cmd):
            return await super().launch_kernel(cmd, **kwargs)
        env = kwargs.get("env")
        try:
            self.process = forks.fork(
                cmd,
                env=env if env is not None else os.environ,
                cwd=kwargs.get("cwd"),
                stdout=kwargs.get("stdout"),
                stderr=kwargs.get("stderr"),
            )
        except ForkServerFailed:
            raise  # a kernel may have started on this connection's ports: no second one
        except ForkServerError:  # none started: start it the ordinary way
            return await super().launch_kernel(cmd, **kwargs)
        self.pid = self.pgid = self.process.pid  # the kernel leads its own session
        self.cwd = kwargs.get("cwd", os.getcwd())
        return self.connection_info

    async def send_signal(self, signum: int) -> None:
        """A forked kernel is signalled only while it runs (see ``ForkedProcess.signal_group``);
        jupyter_client's own way signals its process group by number, even after it ended."""
        if isinstance(self.process, ForkedProcess):
            self.process.signal_group(signum)
            return
        await super().send_signal(signum)
