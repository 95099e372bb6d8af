"""One fwdesk per user and data folder, with real local sockets: a second launch asks the first
to come to the front instead of starting, and a socket left by a crash is taken over."""

from __future__ import annotations

import socket
import uuid
from pathlib import Path

from PySide6.QtCore import QDir

from fwdesk.ui.single_instance import InstanceServer, server_name


def unique_name() -> str:
    return f"fwdesk-test-{uuid.uuid4().hex[:12]}"


def test_a_second_launch_hands_over_to_the_first(qtbot):
    name = unique_name()
    first = InstanceServer(name)
    assert first.claim() and first.listening
    with qtbot.waitSignal(first.raise_requested, timeout=5000):
        second = InstanceServer(name)
        assert second.claim() is False, "the second launch is told to exit"
    assert not second.listening
    first.close()


def test_after_the_first_quits_the_next_launch_runs(qtbot):
    name = unique_name()
    first = InstanceServer(name)
    assert first.claim()
    first.close()
    again = InstanceServer(name)
    assert again.claim() and again.listening
    again.close()


def test_a_socket_left_by_a_crashed_fwdesk_is_taken_over(qtbot):
    name = unique_name()
    left = Path(QDir.tempPath()) / name
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(str(left))  # bound, never listening: what a killed process leaves behind
    stale.close()
    assert left.exists()
    server = InstanceServer(name)
    assert server.claim() and server.listening
    server.close()


def test_names_differ_per_data_folder(tmp_path):
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert server_name(tmp_path / "a") == server_name(tmp_path / "a")
