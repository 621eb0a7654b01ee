"""``python -m thulium_async.cli``: the ``thulium`` command."""

from ._app import main

main()
