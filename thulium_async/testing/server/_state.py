"""The fake account's in-memory state: every collection and the id sequences."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..._converter import DEFAULT_TIMEZONE
from ..account._store import AccountStore
from ..agents._models import Agent
from ..agents._store import AgentsStore
from ..calls._store import CallsStore
from ..campaigns._events import record_saved_event
from ..campaigns._models import DEFAULT_STATUS_NAMES, SYSTEM_STATUSES, Campaign, Record, Status
from ..chats._store import ChatsStore
from ..crm._models import Customer
from ..crm._store import CrmStore
from ..tickets._store import TicketsStore
from ._clock import minute_stamp, stamp
from ._errors import not_found

if TYPE_CHECKING:
    from ...webhooks import WebhookEvent

__all__ = ["State"]


class State:
    """Everything the fake account holds, plus its id sequences.

    ``wall_clock`` gives the account's local time as a naive datetime (the API
    speaks local time without an offset); tests pin it for reproducible dates.
    Each area beyond the campaigns and customers keeps its data in its own store.
    """

    def __init__(self, wall_clock: Callable[[], datetime.datetime] | None = None) -> None:
        # The account's zone: the API's wall times are local to it (events carry it).
        self.timezone: datetime.tzinfo = DEFAULT_TIMEZONE
        # By default the account's own local time, not the machine's: a client
        # reading create dates in the account's zone must see true instants.
        self.wall_clock = wall_clock or self._local_now
        self.agents_store = AgentsStore()
        self.calls = CallsStore()
        self.chats = ChatsStore()
        self.crm = CrmStore()
        self.tickets = TicketsStore()
        self.account = AccountStore()
        self.campaigns: dict[str, Campaign] = {}
        # Deletion is queued in Thulium; such campaigns are gone for the API but
        # remembered so a second delete reports ALREADY_QUEUED.
        self.deleting: set[str] = set()
        self.customers: dict[int, Customer] = {}
        self.agents: dict[str, Agent] = {}
        # Account-wide custom-field names, in creation order (values are unused).
        self.custom_fields: dict[str, None] = {}
        self.next_record_id = 1
        self.next_customer_id = 1
        self.next_agent_id = 1
        self.next_outbound_id = 1
        self.next_status_id = 1
        # Webhook subscriptions: each gets every event the account emits.
        self.event_listeners: list[Callable[[WebhookEvent], None]] = []
        self.add_agent("", name="Automat", surname="Automat", active="", outbound_mode="manual")

    def _local_now(self) -> datetime.datetime:
        return datetime.datetime.now(self.timezone).replace(tzinfo=None)

    def now(self) -> str:
        """The local time as ``YYYY-MM-DD hh:mm`` (the format of most dates of the API)."""
        return minute_stamp(self.wall_clock())

    def now_seconds(self) -> str:
        """The local time as ``YYYY-MM-DD hh:mm:ss`` (calls, agent statuses, chats)."""
        return stamp(self.wall_clock())

    def moment(self) -> datetime.datetime:
        """The local time to the second: what the fake dates changes with."""
        return self.wall_clock().replace(microsecond=0)

    def aware(self, moment: datetime.datetime) -> datetime.datetime:
        """A local wall time as an aware datetime in the account's zone (for events)."""
        return moment.replace(tzinfo=self.timezone)

    def emit(self, build: Callable[[], WebhookEvent]) -> None:
        """Hand an event to every webhook subscription; built only when someone listens.

        Areas call this where the state change happens, so a subscription sees
        the events in the order the changes were made.
        """
        if self.event_listeners:
            event = build()
            for listener in self.event_listeners:
                listener(event)

    def record_saved(self, campaign: Campaign, record: Record, previous: Status) -> None:
        """Emit OUTBOUND_RECORD_SAVED for a record edited through the API."""
        self.emit(lambda: record_saved_event(self, campaign, record, previous))

    # -- ids ---------------------------------------------------------------------------

    def new_record_id(self) -> int:
        """The next record id (account-wide, like a database sequence)."""
        rid = self.next_record_id
        self.next_record_id += 1
        return rid

    def new_status(self, name: str, system_status: str, dictionary_id: int | None) -> Status:
        """A status with a fresh account-unique id."""
        status = Status(self.next_status_id, name, system_status, dictionary_id)
        self.next_status_id += 1
        return status

    def free_campaign_id(self) -> str:
        """The lowest unused five-digit campaign id."""
        n = 1
        while f"{n:05d}" in self.campaigns or f"{n:05d}" in self.deleting:
            n += 1
        return f"{n:05d}"

    # -- lookups that answer 404 -------------------------------------------------------

    def campaign(self, campaign_id: str) -> Campaign:
        """The campaign, or a 404."""
        try:
            return self.campaigns[campaign_id]
        except KeyError:
            raise not_found("campaign_not_found") from None

    def customer(self, customer_id: int) -> Customer:
        """The customer, or a 404."""
        try:
            return self.customers[customer_id]
        except KeyError:
            raise not_found("customer_not_found") from None

    # -- creation ----------------------------------------------------------------------

    def add_agent(self, login: str, **fields: Any) -> Agent:
        """Create an agent with the next id."""
        agent = Agent(self.next_agent_id, login, **fields)
        self.next_agent_id += 1
        self.agents[login] = agent
        return agent

    def add_customer(self, customer_id: int | None = None, **fields: Any) -> Customer:
        """Create a customer with the given or the next id."""
        if customer_id is None:
            customer_id = self.next_customer_id
        if customer_id in self.customers:
            raise ValueError(f"customer {customer_id} already exists")
        self.next_customer_id = max(self.next_customer_id, customer_id + 1)
        customer = Customer(customer_id, **fields)
        for name in customer.custom_fields:
            self.custom_fields.setdefault(name, None)
        self.customers[customer_id] = customer
        return customer

    def default_statuses(self) -> list[Status]:
        """One status per system status, mapped to dictionary ids 1-8."""
        return [
            self.new_status(DEFAULT_STATUS_NAMES[system], system, dictionary_id)
            for dictionary_id, system in enumerate(SYSTEM_STATUSES, start=1)
        ]

    def add_campaign(
        self,
        campaign_id: str,
        *,
        name: str,
        crm: bool,
        dialer: str,
        fields: tuple[str, ...] = (),
        statuses: list[Status] | None = None,
        **settings: Any,
    ) -> Campaign:
        """Create a campaign with the next internal number (``outbound_id``)."""
        campaign = Campaign(
            campaign_id,
            self.next_outbound_id,
            name,
            crm,
            dialer,
            fields,
            self.default_statuses() if statuses is None else statuses,
            **settings,
        )
        self.next_outbound_id += 1
        self.campaigns[campaign_id] = campaign
        return campaign
