"""The banner says DEMO, TEST or LIVE unmistakably, and trusts the server about test mode."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from window_checks import connected

from fwdesk.connection import DEMO_KEYS, Connection
from fwdesk.core.accounts import Account, Mode
from fwdesk.sandbox.config import SandboxConfig
from fwdesk.sandbox.core import Sandbox
from fwdesk.sandbox.transport import SandboxTransport
from fwdesk.ui.main_window import MainWindow
from fwdesk.ui.widgets.banner import ModeBanner


def test_each_mode_has_its_own_title_colour_and_button(qtbot):
    banner = ModeBanner()
    qtbot.addWidget(banner)
    looks = {}
    for mode in Mode:
        banner.show_mode(mode, f"{mode.value} detail")
        looks[mode] = banner.styleSheet()
        assert banner.detail.text() == f"{mode.value} detail"
        assert banner.connect_button.isHidden() is (mode is not Mode.DEMO)
        assert banner.accessibleName().endswith(f"{mode.value} detail")
    assert banner.title.text() == "LIVE"  # the last mode shown
    assert len(set(looks.values())) == 3


def test_a_live_account_whose_app_is_in_test_mode_shows_test(open_window, qtbot):
    """A newly registered FinerWorks app imports every order as a test order (API.md 1.4)."""
    window: MainWindow = open_window("--demo")
    sandbox = Sandbox(SandboxConfig(app_live_mode=False))

    def factory(sleep):
        from fwdesk.api.client import FinerWorksClient

        return FinerWorksClient(
            DEMO_KEYS,
            "https://api.example/v3/",
            transport=SandboxTransport(sandbox.handle),
            sleep=sleep,
        )

    live = Connection(Mode.LIVE, "Production", "https://api.example/v3/", factory, Account("Shop"))
    window.use_connection(live)
    assert window.banner.mode is Mode.LIVE
    qtbot.waitUntil(lambda: connected(window), timeout=5000)
    QCoreApplication.processEvents()
    assert window.banner.mode is Mode.TEST
    assert "not printed, shipped or billed" in window.banner.detail.text()
