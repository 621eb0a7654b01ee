"""Every simulated endpoint: the routes each area declares in its own ``_routes``.

Anything not in ``ROUTES`` is answered with 501 by the app. ``SIMULATED_ENDPOINTS``
is the published coverage list (``"METHOD path"``, paths relative to ``/api/``).
"""

from __future__ import annotations

from .account._routes import ROUTES as ACCOUNT
from .agents._routes import ROUTES as AGENTS
from .calls._routes import ROUTES as CALLS
from .campaigns._routes import ROUTES as CAMPAIGNS
from .chats._routes import ROUTES as CHATS
from .crm._routes import ROUTES as CRM
from .server._routing import Route
from .tickets._routes import ROUTES as TICKETS

__all__ = ["ROUTES", "SIMULATED_ENDPOINTS"]

ROUTES: tuple[Route, ...] = (*CAMPAIGNS, *CRM, *AGENTS, *CHATS, *TICKETS, *CALLS, *ACCOUNT)

SIMULATED_ENDPOINTS: tuple[str, ...] = tuple(route.name for route in ROUTES)
