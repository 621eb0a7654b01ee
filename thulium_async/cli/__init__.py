"""The ``thulium`` command: the client's main jobs without writing code.

```
thulium demo                                   # the whole job on an embedded fake
thulium campaigns list
thulium records import contacts.csv --campaign 00001
thulium records export --campaign 00001 --output records.csv
thulium records set-status --campaign 00001 --status-id 5 numbers.txt
thulium fake-server --port 8080
```

Needs the ``cli`` extra (``pip install "thulium-async[cli]"``: typer and rich);
``import thulium_async`` never imports this package. Connection settings come
from ``--base-url``/``--user``/``--password`` or THULIUM_BASE_URL /
THULIUM_USER / THULIUM_PASSWORD; ``--fake`` runs a command against an
in-process fake account instead.
"""

from ._app import app, main

__all__ = ["app", "main"]
