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
    # Each area below keeps its own code ranges: not found 20N0-20N9, other
    # errors 3N00-3N99 (N: agents 1, chats 2, crm 3, tickets 4, calls 5, account 6).
    # -- agents area --
    # -- chats area --
    # -- crm area --
    # -- tickets area --
    # -- calls area --
    # -- account area --
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
