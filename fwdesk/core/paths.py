"""Where fwdesk keeps its files: platformdirs' places, or one folder when FWDESK_HOME is set.

FWDESK_HOME makes a portable install (everything beside the app) and lets every test run in
its own temporary folder without touching the real user profile.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "fwdesk"
HOME_VARIABLE = "FWDESK_HOME"


@dataclass(frozen=True)
class AppPaths:
    config: Path
    data: Path
    cache: Path
    logs: Path

    @classmethod
    def detect(cls) -> AppPaths:
        home = os.environ.get(HOME_VARIABLE, "").strip()
        if home:
            root = Path(home).expanduser()
            return cls(root / "config", root / "data", root / "cache", root / "logs")
        return cls(
            Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        )

    def ensure(self) -> AppPaths:
        for folder in (self.config, self.data, self.cache, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
        return self

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    @property
    def log_file(self) -> Path:
        return self.logs / "fwdesk.log"

    @property
    def demo_state_file(self) -> Path:
        return self.data / "demo-orders.json"


RESOURCES = Path(__file__).resolve().parents[2] / "resources"
"""Icons, the desktop entry and sample files: beside the package in a source tree, and in the
frozen app's _internal folder."""
