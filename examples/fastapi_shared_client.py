"""Recipe: FastAPI with one shared async client, opened and closed by the lifespan.

Every request uses the same ``th.Client`` (one connection pool, one limiter for
the whole app), reached through a dependency. Run it::

    pip install thulium-async fastapi uvicorn
    export THULIUM_BASE_URL=https://acme.thulium.com/api THULIUM_USER=... THULIUM_PASSWORD=...
    uvicorn examples.fastapi_shared_client:app

``lifespan`` and ``record_count`` are plain async functions: the tests drive them
without FastAPI installed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import thulium_async as th


@asynccontextmanager
async def lifespan(app: Any) -> AsyncIterator[None]:
    """Open the client when the app starts; close it (and its connections) at shutdown."""
    async with th.Client.from_env() as client:
        app.state.thulium = client
        yield


async def record_count(campaign_id: str, client: th.Client) -> dict[str, Any]:
    """``GET /campaigns/{campaign_id}/records/count``."""
    return {
        "campaign": campaign_id,
        "records": await client.outbounds.records.list(campaign_id).count(),
    }


try:
    from typing import Annotated

    from fastapi import Depends, FastAPI, Request
except ImportError:  # FastAPI is not a dependency of thulium_async
    pass
else:

    def thulium(request: Request) -> th.Client:
        """The app's shared client (a FastAPI dependency)."""
        client: th.Client = request.app.state.thulium
        return client

    app = FastAPI(lifespan=lifespan)

    @app.get("/campaigns/{campaign_id}/records/count")
    async def record_count_route(
        campaign_id: str, client: Annotated[th.Client, Depends(thulium)]
    ) -> dict[str, Any]:
        """The route: ``record_count`` with the shared client."""
        return await record_count(campaign_id, client)
