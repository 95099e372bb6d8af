"""Where fwdesk keeps its files: platformdirs' places, or one folder when FWDESK_HOME is set.

FWDESK_HOME makes a portable install (everything beside the app) and lets every test run in
its own temporary folder without touching the real user profile.
"""

from __future__ import annotations

import getpass
import logging
import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import platformdirs

APP_NAME = "fwdesk"
HOME_VARIABLE = "FWDESK_HOME"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AppPaths:
    config: Path
    data: Path
    cache: Path
    logs: Path
    stand_ins: tuple[tuple[Path, Path, str], ...] = ()
    """(folder, temporary folder used instead, why) for each folder that cannot be written."""

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
        """Makes the folders. One that cannot be written is replaced for this session by a
        temporary folder, except a data or config folder that already exists: what is there
        is still read in place (the stores and settings say what they cannot save)."""
        changes: dict[str, Path] = {}
        stand_ins = []
        for kind in ("config", "data", "cache", "logs"):
            folder: Path = getattr(self, kind)
            problem = _unwritable(folder)
            if problem is None or (kind in ("config", "data") and folder.is_dir()):
                continue
            spare = Path(tempfile.gettempdir()) / f"{APP_NAME}-{login_name()}" / kind
            spare.mkdir(parents=True, exist_ok=True)
            log.warning("%s cannot be written (%s); using %s this session", folder, problem, spare)
            changes[kind] = spare
            stand_ins.append((folder, spare, problem))
        return replace(self, **changes, stand_ins=tuple(stand_ins)) if changes else self

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    @property
    def log_file(self) -> Path:
        return self.logs / "fwdesk.log"

    @property
    def demo_state_file(self) -> Path:
        return self.data / "demo-orders.json"


def _unwritable(folder: Path) -> str | None:
    """Why nothing can be written in `folder` (made if missing); None when it can."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            return None
    except OSError as problem:
        return problem.strerror or str(problem)


def login_name() -> str:
    """The user's login name, for names that must differ per user (temporary folders, the
    single-instance socket)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a service account without one)
        return "user"


RESOURCES = Path(__file__).resolve().parents[2] / "resources"
"""Icons, the desktop entry and sample files: beside the package in a source tree, and in the
frozen app's _internal folder."""
