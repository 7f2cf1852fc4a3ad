"""The kernels' sockets (jpbudget.reports.provisioner): private Unix sockets, not TCP ports.

Each test prepares a kernel's launch as jupyter_client does (``pre_launch``: the connection file
is written), without starting the kernel; tests/test_forkserver.py starts real kernels both
ways (forked and afresh) and reads their connection from inside.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest
from jpbudget.reports import execute
from jpbudget.reports.forkserver import ForkServer
from jpbudget.reports.provisioner import (
    ForkedProvisioner,
    PrivateSocketProvisioner,
    provisioner_for,
)
from jupyter_client.manager import AsyncKernelManager

pytestmark = pytest.mark.skipif(os.name != "posix", reason="Unix sockets: POSIX only")


def prepare(manager: AsyncKernelManager, kind: type = PrivateSocketProvisioner):
    """``manager``'s kernel prepared for launch; returns (provisioner, connection file)."""
    provisioner = kind(kernel_id="k1", kernel_spec=manager.kernel_spec, parent=manager)
    manager.provisioner = provisioner
    asyncio.run(provisioner.pre_launch())
    return provisioner, json.loads(Path(manager.connection_file).read_text(encoding="utf-8"))


@pytest.fixture
def manager(tmp_path):
    km = AsyncKernelManager(kernel_name=execute.DEFAULT_KERNEL)
    km.connection_file = str(tmp_path / "kernel-k1.json")
    yield km
    km.cleanup_connection_file()


@pytest.mark.parametrize("kind", [PrivateSocketProvisioner, ForkedProvisioner])
def test_a_kernel_gets_unix_sockets_in_a_private_folder_gone_after_it(manager, kind):
    provisioner, connection = prepare(manager, kind)
    folder = Path(connection["ip"]).parent
    assert connection["transport"] == "ipc"
    assert connection["ip"] == str(folder / "k")
    ports = sorted(connection[f"{c}_port"] for c in ("shell", "iopub", "stdin", "control", "hb"))
    assert ports == [1, 2, 3, 4, 5]  # sockets k-1 ... k-5 of a folder no other kernel uses
    assert folder.name.startswith("jpbudget-kernel-")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700  # no other user of the machine
    asyncio.run(provisioner.cleanup(restart=False))
    assert not folder.exists()


def test_a_restarted_kernel_keeps_its_folder(manager):
    provisioner, connection = prepare(manager)
    asyncio.run(provisioner.cleanup(restart=True))
    assert Path(connection["ip"]).parent.is_dir()
    asyncio.run(provisioner.cleanup(restart=False))
    assert not Path(connection["ip"]).parent.exists()


def test_a_folder_too_long_for_a_socket_path_keeps_tcp(manager, tmp_path, monkeypatch):
    deep = tmp_path / ("d" * 90)  # the folder's sockets would pass the 107 bytes of sun_path
    deep.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(deep))
    provisioner, connection = prepare(manager)
    assert (connection["transport"], connection["ip"]) == ("tcp", "127.0.0.1")
    assert provisioner.socket_folder is None
    assert list(deep.iterdir()) == []  # the folder tried is not left behind


def test_a_socket_path_is_measured_in_bytes(manager, monkeypatch):
    # 62 characters but 102 bytes: the 20 kanji of the folder's name take 3 bytes each
    short = Path(tempfile.mkdtemp(prefix="j", dir="/tmp"))
    try:
        kanji = short / ("予算" * 10)
        kanji.mkdir()
        monkeypatch.setattr("tempfile.tempdir", str(kanji))
        provisioner, connection = prepare(manager)
        assert (connection["transport"], provisioner.socket_folder) == ("tcp", None)
    finally:
        shutil.rmtree(short)


@pytest.mark.parametrize(
    ("trait", "value"), [("shell_port", 52301), ("ip", "0.0.0.0"), ("transport", "ipc")]
)
def test_a_transport_address_or_port_set_on_the_manager_is_kept(manager, trait, value):
    setattr(manager, trait, value)
    provisioner, connection = prepare(manager)
    assert provisioner.socket_folder is None
    assert connection["transport"] == manager.transport
    assert connection["ip"] == manager.ip


def test_the_runner_starts_a_kernel_afresh_on_private_sockets(manager, monkeypatch):
    from jupyter_client.provisioning import KernelProvisionerFactory

    monkeypatch.setattr(
        KernelProvisionerFactory.instance(), "default_provisioner_name", "local-provisioner"
    )
    assert type(provisioner_for(manager, None)) is PrivateSocketProvisioner


def test_the_runner_forks_a_kernel_from_its_template_on_private_sockets(manager):
    template = object.__new__(ForkServer)  # never asked to fork here
    chosen = provisioner_for(manager, template)
    assert type(chosen) is ForkedProvisioner and chosen.forks is template


def test_a_provisioner_the_process_or_the_kernel_spec_names_is_left_to_jupyter_client(manager):
    # this test session's default is the forked provisioner (conftest.py)
    assert provisioner_for(manager, None) is None
    manager.kernel_spec.metadata["kernel_provisioner"] = {"provisioner_name": "local-provisioner"}
    assert provisioner_for(manager, None) is None


def test_a_manager_that_caches_tcp_ports_gets_unix_sockets_all_the_same(manager):
    assert manager.cache_ports  # jupyter_client's default for TCP, fixed once read
    provisioner, connection = prepare(manager)
    assert connection["transport"] == "ipc" and not manager.cache_ports
    asyncio.run(provisioner.cleanup(restart=False))


def test_a_launch_that_fails_leaves_no_socket_folder_nor_connection_file(manager):
    provisioner, connection = prepare(manager)
    assert Path(manager.connection_file).is_file()
    with pytest.raises(FileNotFoundError):
        asyncio.run(provisioner.launch_kernel(["/nonexistent/python", "-f", "x.json"]))
    assert not Path(connection["ip"]).parent.exists()
    assert not Path(manager.connection_file).exists()


def test_no_writable_temporary_folder_keeps_tcp(manager, tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "missing"))  # mkdtemp cannot make it
    provisioner, connection = prepare(manager)
    assert (connection["transport"], provisioner.socket_folder) == ("tcp", None)
