"""jupyter_client kernel provisioners: kernels on private Unix sockets, forked from a warm
template when they can be.

:class:`PrivateSocketProvisioner`: the kernel and its client talk over Unix sockets in a folder
of their own (mode 0700), not over TCP ports of 127.0.0.1. jupyter_client picks a kernel's TCP
ports by binding to port 0 and closing again, then the kernel binds them: in between, any
process of the machine may take one (kernels started in parallel, servers, the outgoing
connections of a browser), and the kernel dies with "Address already in use" before it answers
("Kernel died before replying to kernel_info"). Sockets in a fresh private folder cannot be
taken, nor reached by another user of the machine. Where Unix sockets are not available (not
POSIX), or the folder cannot be made or its path would be too long for a socket's, the kernel
uses TCP as before.

:class:`ForkedProvisioner`, the same with kernels forked from a warm template (:mod:`.forkserver`):
the runner gives each of its kernel managers one (with its process's template).
Registered as the ``jpbudget-forked-provisioner`` entry point, it can also be made the default
of a process that starts many kernels of its own (the test suite does, for nbval and papermill):
given no template, it uses the process's shared one (:func:`.forkserver.shared`). When a
template cannot fork (it is gone, or refuses), the kernel starts the ordinary way; when it fails
halfway (a kernel may have started on the connection's sockets), the kernel start fails with its
message.
"""

from __future__ import annotations

import os
import shutil
import tempfile
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
#: The longest path of a Unix socket, in bytes (``sun_path`` holds 108 bytes on Linux, 104 on
#: macOS, with its final NUL), with the room ``-<port>`` takes after the folder's socket prefix.
_SOCKET_PATH_MAX = 103 - len("-99999")


class PrivateSocketProvisioner(LocalProvisioner):
    """jupyter_client's local provisioner, with the kernel's sockets in a private folder."""

    #: The folder of this kernel's sockets (None: TCP), removed once the kernel is shut down.
    socket_folder: str | None = None

    async def pre_launch(self, **kwargs: Any) -> dict[str, Any]:
        manager = self.parent
        if manager is not None and self.socket_folder is None and _private_sockets(manager):
            try:
                folder = tempfile.mkdtemp(prefix="jpbudget-kernel-")  # mode 0700, a new name
            except OSError:  # no writable temporary folder: TCP, as jupyter_client does
                folder = None
            if (
                folder is not None
                and len(os.fsencode(os.path.join(folder, "k"))) <= _SOCKET_PATH_MAX
            ):
                self.socket_folder = folder
                manager.transport = "ipc"
                manager.ip = os.path.join(folder, "k")  # sockets k-1 ... k-5
                manager.cache_ports = False  # jupyter_client's cache holds TCP ports only
            elif folder is not None:
                os.rmdir(folder)
        try:
            return await super().pre_launch(**kwargs)
        except BaseException:
            self._remove_socket_folder()
            raise

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
        try:
            return await self._launch(cmd, **kwargs)
        except BaseException:  # no kernel: nothing will clean up after it
            self._remove_socket_folder()
            if self.parent is not None:  # nor after its connection file (jupyter_client's own
                self.parent.cleanup_connection_file()  # way: only if the manager wrote it)
            raise

    async def _launch(self, cmd: list[str], **kwargs: Any) -> Any:
        return await super().launch_kernel(cmd, **kwargs)

    async def cleanup(self, restart: bool = False) -> None:
        await super().cleanup(restart=restart)
        if not restart:
            self._remove_socket_folder()

    def _remove_socket_folder(self) -> None:
        if self.socket_folder is not None:
            shutil.rmtree(self.socket_folder, ignore_errors=True)
            self.socket_folder = None


def _private_sockets(manager: Any) -> bool:
    """Whether ``manager``'s kernel can take private Unix sockets: on POSIX, for a kernel
    that would listen on TCP ports of this machine's loopback address, none chosen yet."""
    from jupyter_client.localinterfaces import localhost

    if os.name != "posix" or manager.transport != "tcp" or manager.ip != localhost():
        return False
    ports = ("shell_port", "iopub_port", "stdin_port", "hb_port", "control_port")
    return not any(getattr(manager, port, 0) for port in ports)


class ForkedProvisioner(PrivateSocketProvisioner):
    """The private-socket provisioner, launching through a fork server when it can."""

    #: The template to fork from; None: the process's shared template (:func:`.shared`).
    forks: ForkServer | None = None

    async def _launch(self, cmd: list[str], **kwargs: Any) -> Any:
        forks = self.forks if self.forks is not None else shared(cmd)
        if forks is None or not usable(cmd):
            return await super()._launch(cmd, **kwargs)
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
            return await super()._launch(cmd, **kwargs)
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


def provisioner_for(manager: Any, forks: ForkServer | None) -> LocalProvisioner | None:
    """The provisioner of a kernel the runner starts: forked from ``forks`` if given, else
    started afresh, on private sockets either way; None where the kernel spec or the process
    names a provisioner of its own (``kernel_provisioner`` in the spec's metadata, or a
    default other than jupyter_client's local one), which jupyter_client then creates."""
    from jupyter_client.provisioning import KernelProvisionerFactory

    if forks is None:
        named = "kernel_provisioner" in (manager.kernel_spec.metadata or {})
        default = KernelProvisionerFactory.instance().default_provisioner_name
        if named or default != "local-provisioner":
            return None
    kind = PrivateSocketProvisioner if forks is None else ForkedProvisioner
    provisioner = kind(kernel_id=manager.kernel_id, kernel_spec=manager.kernel_spec, parent=manager)
    if forks is not None:
        provisioner.forks = forks
    return provisioner
