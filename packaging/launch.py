"""Entry point of the frozen app (PyInstaller runs a script, not a console-script entry)."""

from fwdesk.app import main

raise SystemExit(main())
