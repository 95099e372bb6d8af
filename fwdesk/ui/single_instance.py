"""One fwdesk per user and data folder: a second launch hands over to the running window.

A double-click on the icon while fwdesk is open (or hidden behind other windows) must not
start a second app on the same data: the newcomer finds the first through a local socket
(a named pipe on Windows), asks it to come to the front, and exits. The name is per user and
per data folder, so portable installs and the test suite's private folders never meet.
A socket left behind by a crashed fwdesk answers no one and is replaced.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from fwdesk.core.paths import login_name

log = logging.getLogger(__name__)

CONNECT_MS = 500
"""How long a newcomer waits for a running fwdesk to answer; a live one answers at once
(its event loop runs), a stale socket refuses at once."""
RAISE = b"raise\n"


def server_name(data_folder: Path) -> str:
    key = hashlib.sha256(f"{login_name()}\0{data_folder.resolve()}".encode()).hexdigest()[:20]
    return f"fwdesk-{key}"


def hand_over(name: str) -> bool:
    """True when a running fwdesk took the request to come to the front (this one exits)."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write(RAISE)
    socket.waitForBytesWritten(CONNECT_MS)
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(CONNECT_MS)
    return True


class InstanceServer(QObject):
    """Listens for later launches; each one emits `raise_requested`."""

    raise_requested = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def claim(self) -> bool:
        """Starts listening; False when another fwdesk is already running here (it was asked
        to come to the front, and this one should exit)."""
        if hand_over(self._name):
            return False
        if self._server.listen(self._name):
            return True
        if hand_over(self._name):
            return False  # started in the same instant as this one, and listening first
        QLocalServer.removeServer(self._name)  # a crashed fwdesk's socket: no one answered
        if not self._server.listen(self._name):
            log.warning("second launches cannot be caught: %s", self._server.errorString())
        return True

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    def close(self) -> None:
        self._server.close()

    @Slot()
    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(self._read)
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._take(socket)

    @Slot()
    def _read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._take(socket)

    def _take(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(RAISE.strip()):
            self.raise_requested.emit()
