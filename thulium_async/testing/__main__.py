"""``python -m thulium_async.testing --port 8080``: run the fake Thulium server."""

from ._cli import main

raise SystemExit(main())
