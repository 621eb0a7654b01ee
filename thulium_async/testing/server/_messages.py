"""Error messages of the fake, in English and Polish, with their numeric codes.

Thulium publishes no list of error codes, so the codes here are the fake's own:
stable, grouped by kind (1xxx auth, 2xxx not found, 3xxx validation, 5xxx server),
so tests can assert on them without depending on the wording.
"""

from __future__ import annotations

__all__ = ["MESSAGES", "render"]

# key -> (code, English template, Polish template)
MESSAGES: dict[str, tuple[int, str, str]] = {
    "auth_failed": (
        1001,
        "Authentication failed: wrong user or password.",
        "Uwierzytelnianie nie powiodło się: błędny użytkownik lub hasło.",
    ),
    "unknown_uri": (1404, "Not found: {method} {path}.", "Nie znaleziono: {method} {path}."),
    "not_simulated": (
        1501,
        "not simulated by FakeThulium: {method} {path}",
        "nieobsługiwane przez FakeThulium: {method} {path}",
    ),
    "campaign_not_found": (2001, "Campaign not found.", "Nie znaleziono kampanii."),
    "record_not_found": (2002, "Record not found.", "Nie znaleziono rekordu."),
    "customer_not_found": (2003, "Customer not found.", "Nie znaleziono klienta."),
    "agent_not_found": (2004, "Agent not found.", "Nie znaleziono agenta."),
    "status_not_found": (3001, "Status not found.", "Nie znaleziono statusu."),
    "duplicate_phone": (
        3002,
        "Phone number already exists in the campaign.",
        "Numer telefonu już istnieje w kampanii.",
    ),
    "duplicate_customer": (
        3003,
        "Customer already exists in the campaign.",
        "Klient już istnieje w kampanii.",
    ),
    "duplicate_identifier": (
        3004,
        "Identifier already exists in the campaign.",
        "Identyfikator już istnieje w kampanii.",
    ),
    "duplicated_number_edit": (
        3005,
        "Duplicated numbers cannot be edited.",
        "Zduplikowanych numerów nie można edytować.",
    ),
    "unknown_record_fields": (
        3006,
        "Unknown record field(s): {names}.",
        "Nieznane pola rekordu: {names}.",
    ),
    "record_fields_crm": (
        3007,
        "record_fields can only be set in non-CRM campaigns.",
        "Pola record_fields można ustawić tylko w kampaniach innych niż CRM.",
    ),
    "crm_campaign": (
        3008,
        "Campaign {id} is a CRM campaign.",
        "Kampania {id} jest kampanią CRM.",
    ),
    "not_crm_campaign": (
        3009,
        "Campaign {id} is not a CRM campaign.",
        "Kampania {id} nie jest kampanią CRM.",
    ),
    "agent_login_required": (
        3010,
        "agent_login is required for a MY_RECORD status.",
        "Pole agent_login jest wymagane dla statusu MY_RECORD.",
    ),
    "next_call_date_required": (
        3011,
        "next_call_date is required for a {system_status} status.",
        "Pole next_call_date jest wymagane dla statusu {system_status}.",
    ),
    "invalid_datetime": (
        3012,
        "Wrong date format of {name}: expected YYYY-MM-DD hh:mm.",
        "Nieprawidłowy format daty w polu {name}: oczekiwano RRRR-MM-DD gg:mm.",
    ),
    "invalid_date": (
        3013,
        "Wrong date format of {name}: expected YYYY-MM-DD.",
        "Nieprawidłowy format daty w polu {name}: oczekiwano RRRR-MM-DD.",
    ),
    "invalid_phone": (
        3014,
        "Wrong format of phone number.",
        "Nieprawidłowy format numeru telefonu.",
    ),
    "required": (3015, "{name} is required.", "Pole {name} jest wymagane."),
    "invalid_value": (
        3016,
        "Invalid value of {name}: expected {expected}.",
        "Nieprawidłowa wartość pola {name}: oczekiwano {expected}.",
    ),
    "limit_too_high": (
        3017,
        "limit must not be greater than {max}.",
        "Parametr limit nie może być większy niż {max}.",
    ),
    "unknown_params": (
        3018,
        "Unknown query parameter(s): {names}.",
        "Nieznane parametry zapytania: {names}.",
    ),
    "unknown_fields": (
        3019,
        "Unknown field(s) in the request body: {names}.",
        "Nieznane pola w treści żądania: {names}.",
    ),
    "invalid_json": (
        3020,
        "The request body is not a valid JSON object.",
        "Treść żądania nie jest poprawnym obiektem JSON.",
    ),
    "call_in_progress": (
        3021,
        "The record is in a call and cannot be deleted.",
        "Rekord jest w trakcie połączenia i nie może zostać usunięty.",
    ),
    "campaign_id_taken": (
        3022,
        "Campaign id {id} is already used.",
        "Identyfikator kampanii {id} jest już zajęty.",
    ),
    "invalid_campaign_id": (
        3023,
        "Campaign id must be five digits.",
        "Identyfikator kampanii musi składać się z pięciu cyfr.",
    ),
    "empty_list": (
        3024,
        "{name} must be a non-empty list.",
        "Pole {name} musi być niepustą listą.",
    ),
    "invalid_filter_date": (
        3026,
        "Wrong date format of {name}: "
        "expected YYYY-MM-DD, YYYY-MM-DD hh:mm or YYYY-MM-DD hh:mm:ss.",
        "Nieprawidłowy format daty w polu {name}: oczekiwano RRRR-MM-DD, RRRR-MM-DD gg:mm "
        "lub RRRR-MM-DD gg:mm:ss.",
    ),
    "date_order": (
        3027,
        "date_from must not be later than date_to.",
        "Pole date_from nie może być późniejsze niż date_to.",
    ),
    # Each area below keeps its own code ranges: not found 20N0-20N9, other
    # errors 3N00-3N99 (N: agents 1, chats 2, crm 3, tickets 4, calls 5, account 6).
    # -- agents area --
    "user_not_found": (2010, "User not found.", "Nie znaleziono użytkownika."),
    "agent_group_not_found": (2011, "Agent group not found.", "Nie znaleziono grupy agentów."),
    "login_taken": (
        3100,
        "Login {login} is already taken.",
        "Login {login} jest już zajęty.",
    ),
    "number_taken": (
        3101,
        "Number {number} is already assigned to another agent.",
        "Numer {number} jest już przypisany do innego agenta.",
    ),
    "agent_inactive": (3102, "Agent {login} is inactive.", "Agent {login} jest nieaktywny."),
    "agent_state": (
        3103,
        "Cannot {action}: the agent's status is {agent_status}.",
        "Nie można wykonać akcji {action}: agent ma status {agent_status}.",
    ),
    "already_paused": (
        3104,
        "The agent is already on pause {pause_id}.",
        "Agent ma już przerwę {pause_id}.",
    ),
    "pause_not_found": (3105, "Unknown pause_id {pause_id}.", "Nieznane pause_id {pause_id}."),
    "softphone_required": (
        3106,
        "Cannot {action}: the agent does not use the Thulium Softphone.",
        "Nie można wykonać akcji {action}: agent nie korzysta z Thulium Softphone.",
    ),
    "no_phone": (
        3107,
        "The agent has no SIP account to call from.",
        "Agent nie ma konta SIP, z którego można dzwonić.",
    ),
    "already_on_hold": (3108, "The call is already on hold.", "Połączenie jest już wstrzymane."),
    "not_on_hold": (3109, "The call is not on hold.", "Połączenie nie jest wstrzymane."),
    "already_muted": (3110, "The phone is already muted.", "Telefon jest już wyciszony."),
    "not_muted": (3111, "The phone is not muted.", "Telefon nie jest wyciszony."),
    "not_recording": (
        3112,
        "The call is not being recorded.",
        "Połączenie nie jest nagrywane.",
    ),
    "no_campaign": (
        3113,
        "The agent is not assigned to any active campaign.",
        "Agent nie jest przypisany do żadnej aktywnej kampanii.",
    ),
    "not_in_campaign": (
        3114,
        "The agent is not assigned to campaign {id}.",
        "Agent nie jest przypisany do kampanii {id}.",
    ),
    "campaign_inactive": (
        3115,
        "Campaign {id} is not active.",
        "Kampania {id} nie jest aktywna.",
    ),
    "not_customer_number": (
        3116,
        "Phone number {phone_number} does not belong to customer {customer_id}.",
        "Numer telefonu {phone_number} nie należy do klienta {customer_id}.",
    ),
    "customer_without_phone": (
        3117,
        "Customer {customer_id} has no phone number.",
        "Klient {customer_id} nie ma numeru telefonu.",
    ),
    "no_preview_campaign": (
        3118,
        "The agent is not assigned to any active preview campaign.",
        "Agent nie jest przypisany do żadnej aktywnej kampanii preview.",
    ),
    "no_preview_record": (
        3119,
        "No record left to call in the agent's preview campaigns.",
        "Brak rekordów do zadzwonienia w kampaniach preview agenta.",
    ),
    "transfer_target_busy": (
        3120,
        "Agent {login} cannot take the call now (status {agent_status}).",
        "Agent {login} nie może teraz odebrać połączenia (status {agent_status}).",
    ),
    # -- chats area --
    "chat_conversation_not_found": (
        2020,
        "Chat conversation not found.",
        "Nie znaleziono konwersacji czatu.",
    ),
    "chat_queue_not_found": (2021, "Chat queue not found.", "Nie znaleziono kolejki czatu."),
    "chat_conversation_closed": (
        3200,
        "The chat conversation is already closed.",
        "Konwersacja czatu jest już zakończona.",
    ),
    # -- crm area --
    "company_not_found": (2030, "Company not found.", "Nie znaleziono firmy."),
    "field_group_not_found": (
        2031,
        "Customer field group not found.",
        "Nie znaleziono grupy pól klienta.",
    ),
    "field_group_item_not_found": (
        2032,
        "Customer field group item not found.",
        "Nie znaleziono wiersza grupy pól klienta.",
    ),
    "nip_taken": (
        3300,
        "NIP {nip} is already used by another company.",
        "Numer NIP {nip} jest już używany przez inną firmę.",
    ),
    "company_record": (
        3301,
        "Customer {id} is the record of company {company_id}: its company_id cannot change.",
        "Klient {id} jest rekordem firmy {company_id}: jego company_id nie może się zmienić.",
    ),
    "field_not_in_group": (
        3302,
        "Field {field_id} is not a field of group {group_id}.",
        "Pole {field_id} nie należy do grupy {group_id}.",
    ),
    # -- tickets area --
    "ticket_not_found": (2040, "Ticket not found.", "Nie znaleziono zgłoszenia."),
    "ticket_attachment_not_found": (
        2041,
        "Attachment not found in the ticket.",
        "Nie znaleziono załącznika w zgłoszeniu.",
    ),
    "ticket_mailbox_unknown": (
        3400,
        "to: {address} is not a mailbox of the account.",
        "to: {address} nie jest skrzynką pocztową konta.",
    ),
    "ticket_queue_unknown": (
        3401,
        "ticket_queue_id: ticket queue {id} does not exist.",
        "ticket_queue_id: kolejka zgłoszeń {id} nie istnieje.",
    ),
    "ticket_category_unknown": (
        3402,
        "category_id: ticket category {id} does not exist.",
        "category_id: kategoria zgłoszeń {id} nie istnieje.",
    ),
    "ticket_status_unknown": (
        3403,
        "status_id: ticket status {id} does not exist.",
        "status_id: status zgłoszenia {id} nie istnieje.",
    ),
    "ticket_substatus_unknown": (
        3404,
        "substatus_id: {id} is not a sub-status of ticket status {status_id}.",
        "substatus_id: {id} nie jest podstatusem statusu zgłoszenia {status_id}.",
    ),
    "ticket_user_unknown": (
        3405,
        "user_login: there is no user {login}.",
        "user_login: nie ma użytkownika {login}.",
    ),
    "ticket_customer_unknown": (
        3406,
        "customer_id: customer {id} does not exist.",
        "customer_id: klient {id} nie istnieje.",
    ),
    "attachment_token_invalid": (
        3407,
        "attachments: token {token} is unknown, expired or already used.",
        "attachments: token {token} jest nieznany, wygasł lub został już użyty.",
    ),
    "temporary_file_empty": (
        3408,
        "The uploaded file is empty.",
        "Przesłany plik jest pusty.",
    ),
    # -- calls area --
    "connection_not_found": (2050, "Connection not found.", "Nie znaleziono połączenia."),
    "connection_topic_not_found": (
        2051,
        "No topic is saved for this connection.",
        "Dla tego połączenia nie zapisano tematu.",
    ),
    "recording_not_found": (2052, "Recording not found.", "Nie znaleziono nagrania."),
    "queue_not_found": (2053, "Queue not found.", "Nie znaleziono kolejki."),
    "invalid_datetime_seconds": (
        3501,
        "Wrong date format of {name}: expected YYYY-MM-DD hh:mm:ss.",
        "Nieprawidłowy format daty w polu {name}: oczekiwano RRRR-MM-DD gg:mm:ss.",
    ),
    # -- account area --
    "todo_not_found": (2060, "Task not found.", "Nie znaleziono zadania."),
    "webhook_not_found": (2061, "Webhook not found.", "Nie znaleziono webhooka."),
    "unknown_user": (
        3600,
        "Unknown user {login} in {name}.",
        "Nieznany użytkownik {login} w polu {name}.",
    ),
    "unknown_webhook_actions": (
        3601,
        "Unknown webhook action(s) in actions: {names}.",
        "Nieznane akcje webhooka w polu actions: {names}.",
    ),
    "too_many_requests": (4291, "Too many requests.", "Zbyt wiele żądań."),
    "server_error": (5000, "Internal server error.", "Wewnętrzny błąd serwera."),
    "bad_gateway": (5002, "Bad gateway.", "Błąd bramy."),
    "unavailable": (
        5003,
        "Service temporarily unavailable.",
        "Usługa chwilowo niedostępna.",
    ),
}


def render(key: str, params: dict[str, object], polish: bool) -> tuple[int, str]:
    """The code and the message for ``key`` in the chosen language."""
    code, english, polish_text = MESSAGES[key]
    return code, (polish_text if polish else english).format(**params)
