"""``python -m thulium_async.testing --port 8080``: run the fake Thulium server."""

from .server._cli import main

raise SystemExit(main())
