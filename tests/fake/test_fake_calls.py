"""Calls over plain HTTP: connections, their topics, recordings and their audio."""

from __future__ import annotations

import datetime as dt
import io
import wave

import httpx2
import pytest
from fake_support import error

from thulium_async.testing import FakeThulium


async def ids(http: httpx2.AsyncClient, url: str = "connections", **params: object) -> list[str]:
    response = await http.get(url, params=params)
    assert response.status_code == 200, response.text
    return [item["connection_id"] for item in response.json()["result"]]


def full_call(fake: FakeThulium) -> str:
    """A recorded queue call of jkowalski with a customer, a ticket, tags and a topic."""
    group = fake.add_topic_group("Sprzedaż")
    topic = fake.add_topic("Zamówienie", group_id=group)
    queue = fake.add_queue("Sprzedaż", topic_groups=[group])
    customer = fake.add_customer(name="Anna", surname="Zięba", phone_number="600100200")
    return fake.add_call(
        connection_id="1416225570.341",
        date="2014-07-07 11:08:15",
        src="600100200",
        dst="1234",
        duration=129,
        billsec=104,
        user_login="jkowalski",
        queue_id=queue,
        topic_id=topic,
        customer_id=customer,
        ticket_id=3,
        tags=["vip", "new"],
        disconnected_by="Customer",
        transferred_to="anowak",
        recording=b"RIFF-audio",
        folder="sprzedaz",
    )


async def test_a_connection_has_the_documented_fields_in_order(api, fake):
    full_call(fake)
    response = await api.get("connections")
    assert response.status_code == 200
    body = response.json()
    assert body == {
        "count": 1,
        "result": [
            {
                "date": "2014-07-07 11:08",
                "src": "600100200",
                "dst": "1234",
                "disposition": "ANSWERED",
                "ticket_id": 3,
                "outbound_result": "",
                "duration": 129,
                "billsec": 104,
                "operator": "siptrunk",
                "filename": "sprzedaz/2014-07-07/2014-07-07_110815_1416225570.341.wav",
                "user": "Jan Kowalski",
                "user_login": "jkowalski",
                "connection_id": "1416225570.341",
                "type": "INBOUND",
                "queue_id": 1,
                "topic_id": 1,
                "customer_id": 1,
                "disconnected_by": "Customer",
                "transferred_to": "anowak",
            }
        ],
    }
    assert list(body["result"][0])[:3] == ["date", "src", "dst"]


async def test_missing_values_are_empty_strings(http, fake):
    fake.add_call(disposition="NO ANSWER", src="500100200", dst="600700800")
    [call] = (await http.get("connections")).json()["result"]
    assert call["disposition"] == "NO ANSWER"
    assert (call["billsec"], call["filename"], call["user"], call["user_login"]) == (0, "", "", "")
    assert (call["ticket_id"], call["queue_id"], call["topic_id"], call["customer_id"]) == (
        "",
        "",
        "",
        "",
    )


async def test_include_tags_and_topics(http, fake):
    full_call(fake)
    plain = (await http.get("connections")).json()["result"][0]
    assert "tags" not in plain
    assert "topics" not in plain
    params = {"include_tags": "true", "include_topics": "true"}
    rich = (await http.get("connections", params=params)).json()["result"][0]
    assert rich["tags"] == ["vip", "new"]
    assert rich["topics"] == [
        {"id": 1, "name": "Zamówienie", "show_custom_fields": True, "group_name": "Sprzedaż"}
    ]
    assert list(rich)[-2:] == ["tags", "topics"]
    off = (await http.get("connections", params={"include_tags": "false"})).json()["result"][0]
    assert "tags" not in off


@pytest.fixture
def calls(fake: FakeThulium) -> dict[str, str]:
    """Five calls across two days, queues, topics, customers, agents and tags."""
    queue = fake.add_queue("Sprzedaż")
    other_queue = fake.add_queue("Serwis")
    topic = fake.add_topic("Zamówienie")
    customer = fake.add_customer(phone_number="600100200")

    def add(name: str, date: str, **fields: object) -> tuple[str, str]:
        return name, fake.add_call(date=date, duration=30, **fields)  # type: ignore[arg-type]

    return dict(
        [
            add("early", "2014-07-04 00:00:00", src="600100200", dst="1234", customer_id=customer),
            add("noon", "2014-07-04 12:34:59", user_login="jkowalski", queue_id=queue),
            add("late", "2014-07-04 23:59:59", user_login="anowak", tags=["vip"]),
            add("next", "2014-07-05 00:00:00", queue_id=other_queue, topic_id=topic),
            add("later", "2014-07-05 12:35:00", tags=["new", "x"], type="OUTBOUND"),
        ]
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["early", "noon", "late", "next", "later"]),
        ({"date_from": "2014-07-05"}, ["next", "later"]),
        ({"date_to": "2014-07-04"}, ["early", "noon", "late"]),
        ({"date_from": "2014-07-04 12:34"}, ["noon", "late", "next", "later"]),
        ({"date_to": "2014-07-04 12:34"}, ["early", "noon"]),  # the whole minute
        ({"date_from": "2014-07-04 12:35", "date_to": "2014-07-05 12:34"}, ["late", "next"]),
        ({"date_from": "2014-07-06"}, []),
        ({"src": "600100200"}, ["early"]),
        ({"dst": "1234"}, ["early"]),
        ({"user_login": "jkowalski"}, ["noon"]),
        ({"user_login": "nobody"}, []),
        ({"queue_id": "1"}, ["noon"]),
        ({"queue_id": "2"}, ["next"]),
        ({"topic_id": "1"}, ["next"]),
        ({"customer_id": "1"}, ["early"]),
        ({"customer_id": "99"}, []),
        ({"tags[]": ["vip", "new"]}, ["late", "later"]),
        ({"tags[]": "x"}, ["later"]),
        ({"user_login": "anowak", "tags[]": "vip", "date_to": "2014-07-04"}, ["late"]),
    ],
)
async def test_connection_filters(http, calls, params, expected):
    """Expected in start order; connections are listed newest first."""
    assert await ids(http, **params) == [calls[name] for name in reversed(expected)]


async def test_connection_id_filter(http, calls):
    assert await ids(http, connection_id=calls["late"]) == [calls["late"]]
    assert await ids(http, connection_id="1.1") == []


async def test_paging_with_count(http, fake):
    made = [fake.add_call(date=f"2024-05-06 10:{n // 60:02d}:{n % 60:02d}") for n in range(250)]
    response = await http.get("connections", params={"offset": 200})
    body = response.json()
    assert body["count"] == 250
    newest_first = made[::-1]
    assert [c["connection_id"] for c in body["result"]] == newest_first[200:]
    page = (await http.get("connections", params={"limit": 7, "offset": 10})).json()
    assert page["count"] == 250
    assert [c["connection_id"] for c in page["result"]] == newest_first[10:17]
    assert len((await http.get("connections")).json()["result"]) == 100
    filtered = await http.get("connections", params={"limit": 1, "date_to": "2024-05-06 10:00"})
    assert filtered.json()["count"] == 60


async def test_an_older_call_ending_during_a_scan_is_read_once_at_the_end(http, fake):
    """Newest first by start: a call started before the others lands on the last page."""
    ongoing = fake.add_call(date="2024-05-06 09:00:00", ongoing=True)
    first = fake.add_call(date="2024-05-06 10:00:00")
    second = fake.add_call(date="2024-05-06 11:00:00")
    assert [c["connection_id"] for c in fake.connections()] == [first, second]
    assert [c["connection_id"] for c in fake.connections(ongoing=True)] == [
        first,
        second,
        ongoing,
    ]
    page_one = (await http.get("connections", params={"limit": 1})).json()
    assert page_one["count"] == 2
    fake.finish_call(ongoing, duration=90, billsec=80, recording=True)
    seen = [c["connection_id"] for c in page_one["result"]]
    offset = 1
    while True:
        page = (await http.get("connections", params={"limit": 1, "offset": offset})).json()
        if not page["result"]:
            break
        seen += [c["connection_id"] for c in page["result"]]
        offset += 1
    assert seen == [second, first, ongoing]
    assert page["count"] == 3
    assert await ids(http, "recordings") == [ongoing]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"date_from": "2014-7-4"},
            "date_from: expected YYYY-MM-DD, YYYY-MM-DD hh:mm or YYYY-MM-DD hh:mm:ss.",
        ),
        (
            {"date_to": "2014-07-04 12:34:99"},
            "date_to: expected YYYY-MM-DD, YYYY-MM-DD hh:mm or YYYY-MM-DD hh:mm:ss.",
        ),
        (
            {"date_to": "2014-02-30"},
            "date_to: expected YYYY-MM-DD, YYYY-MM-DD hh:mm or YYYY-MM-DD hh:mm:ss.",
        ),
        ({"queue_id": "abc"}, "Invalid value of queue_id: expected an integer."),
        ({"customer_id": "0"}, "Invalid value of customer_id: expected a positive integer."),
        ({"include_tags": "yes"}, "Invalid value of include_tags: expected true or false."),
        ({"limit": "101"}, "limit must not be greater than 100."),
        ({"offset": "-1"}, "Invalid value of offset"),
        ({"tags": "vip"}, "Unknown query parameter(s): tags."),
        ({"order": "date"}, "Unknown query parameter(s): order."),
    ],
)
async def test_connection_list_validation(http, calls, params, message):
    status, text, code = error(await http.get("connections", params=params))
    assert status == 400
    assert message in text
    assert 3000 <= code < 4000


async def test_non_strict_mode_ignores_unknown_parameters(http, fake, calls):
    fake.strict = False
    assert len(await ids(http, tags="vip", order="date")) == 5


async def test_connection_topic(http, fake):
    connection = full_call(fake)
    first, second = fake.add_topic_field("Uwagi"), fake.add_topic_field("Kod", type="LONG_TEXT")
    fake.set_call_topic(
        connection,
        1,
        agent_login="jkowalski",
        comment="OK",
        custom_fields={second: "B", first: "A"},
    )
    response = await http.get(f"connections/{connection}/topic")
    assert (response.status_code, response.json()) == (
        200,
        {
            "topic_id": 1,
            "agent_login": "jkowalski",
            "comment": "OK",
            "custom_fields": [{"field_id": 1, "value": "A"}, {"field_id": 2, "value": "B"}],
        },
    )


async def test_connection_topic_not_found(http, fake):
    untopical = fake.add_call()
    assert error(await http.get(f"connections/{untopical}/topic")) == (
        404,
        "No topic is saved for this connection.",
        2051,
    )
    assert error(await http.get("connections/1.1/topic")) == (404, "Connection not found.", 2050)
    polish = await http.get("connections/1.1/topic", headers={"Accept-Language": "pl"})
    assert error(polish) == (404, "Nie znaleziono połączenia.", 2050)


async def test_an_ongoing_call_shows_its_saved_topic(http, fake):
    topic = fake.add_topic("Pomoc")
    call = fake.add_call(ongoing=True)
    fake.set_call_topic(call, topic, agent_login="anowak")
    assert (await http.get(f"connections/{call}/topic")).json()["agent_login"] == "anowak"
    assert await ids(http) == []


async def test_recordings_list_recorded_calls_by_creation_time(http, fake):
    unrecorded = fake.add_call(date="2014-07-04 10:00:00")
    evening = fake.add_call(
        date="2014-07-04 23:59:30", duration=60, type="OUTBOUND", recording=True
    )
    morning = fake.add_call(date="2014-07-05 08:00:00", recording=b"x", user_login="anowak")
    body = (await http.get("recordings")).json()
    assert body["count"] == 2
    assert body["result"][0] == {
        "date": "2014-07-04 23:59",
        "created_at": "2014-07-05 00:00",
        "src": "500100200",
        "dst": "3113",
        "disposition": "ANSWERED",
        "duration": 60,
        "billsec": 60,
        "filename": f"nagrania/2014-07-04/2014-07-04_235930_{evening}.wav",
        "user": "",
        "connection_id": evening,
        "type": "OUTBOUND",
    }
    assert body["result"][1]["user"] == "Anna Nowak"
    # recordings filter on when the file was made (the call's end), connections on the start
    assert await ids(http, "recordings", date_from="2014-07-05") == [evening, morning]
    assert await ids(http, date_from="2014-07-05") == [morning]
    assert await ids(http, "recordings", connection_id=unrecorded) == []
    assert await ids(http, "recordings", limit=1, offset=1) == [morning]
    assert fake.recordings() == body["result"]
    status, text, _ = error(await http.get("recordings", params={"user_login": "anowak"}))
    assert (status, text) == (400, "Unknown query parameter(s): user_login.")


async def test_stream_and_download_answer_the_audio(api, fake):
    audio = bytes(range(256)) * 1024  # 256 KiB: several 64 KiB chunks
    call = fake.add_call(date="2014-07-07 09:35:45", recording=audio, folder="sprzedaz")
    filename = f"sprzedaz/2014-07-07/2014-07-07_093545_{call}.wav"
    streamed = await api.get("recordings/stream", params={"filename": filename})
    assert streamed.status_code == 200
    assert streamed.content == audio
    assert streamed.headers["content-type"] == "audio/x-wav"
    assert streamed.headers["content-length"] == str(len(audio))
    assert "content-disposition" not in streamed.headers
    downloaded = await api.get("recordings/download", params={"filename": filename})
    assert downloaded.content == audio
    assert downloaded.headers["content-disposition"] == (
        f'attachment; filename="2014-07-07_093545_{call}.wav"'
    )


async def test_a_default_recording_is_a_real_wav_file(http, fake):
    fake.add_call(billsec=3, duration=5, recording=True)
    [listed] = fake.recordings()
    data = (await http.get("recordings/stream", params={"filename": listed["filename"]})).content
    with wave.open(io.BytesIO(data)) as audio:
        assert audio.getnframes() / audio.getframerate() == 3


async def test_unknown_or_missing_recording(http):
    for path in ("recordings/stream", "recordings/download"):
        response = await http.get(path, params={"filename": "nagrania/none.wav"})
        assert error(response) == (404, "Recording not found.", 2052)
        assert error(await http.get(path)) == (400, "filename is required.", 3015)
        assert error(await http.get(path, params={"filename": "x", "id": "1"}))[0] == 400


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"type": "INTERNAL"}, "type must be one of"),
        ({"disposition": "NO_ANSWER"}, "disposition must be one of"),
        ({"disposition": "BUSY", "billsec": 3}, "billsec"),
        ({"duration": 10, "billsec": 11}, "billsec"),
        ({"disposition": "FAILED", "recording": True}, "recording"),
        ({"ongoing": True, "recording": b"x"}, "recording"),
        ({"src": "12"}, "invalid value '12'"),
        ({"user_login": "nobody"}, "no agent"),
        ({"queue_id": 7}, "no queue"),
        ({"topic_id": 7}, "no topic"),
        ({"customer_id": 7}, "no customer"),
        ({"connection_id": "1416225570.341x"}, "malformed"),
        ({"date": "2014-07-07T10:00"}, "date must be"),
        ({"tags": [""]}, "tags"),
    ],
)
def test_add_call_refuses_impossible_calls(fake, fields, message):
    with pytest.raises(ValueError, match=message):
        fake.add_call(**fields)


def test_call_setup_helpers_refuse_unknown_references(fake):
    call = fake.add_call(connection_id="1.1")
    with pytest.raises(ValueError, match="taken"):
        fake.add_call(connection_id="1.1")
    with pytest.raises(ValueError, match="no ongoing call"):
        fake.finish_call(call)
    with pytest.raises(ValueError, match="no call"):
        fake.set_call_topic("2.2", 1)
    topic = fake.add_topic("Pomoc")
    with pytest.raises(ValueError, match="no topic field"):
        fake.set_call_topic(call, topic, custom_fields={5: "x"})
    with pytest.raises(ValueError, match="no agent"):
        fake.set_call_topic(call, topic, agent_login="nobody")


def test_calls_default_to_having_just_ended_and_join_the_tags():
    fake = FakeThulium(strict=True, wall_clock=lambda: dt.datetime(2024, 5, 6, 12, 0, 0))
    fake.add_call(duration=90, tags=["vip"])
    [call] = fake.connections()
    assert call["date"] == "2024-05-06 11:58"
    assert call["connection_id"].endswith(".1")
    assert int(call["connection_id"].split(".")[0]) == int(
        dt.datetime(2024, 5, 6, 11, 58, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))).timestamp()
    )
    assert fake.tags() == ["vip"]


async def test_a_call_added_with_a_topic_has_it_saved_by_its_agent(http, fake):
    topic = fake.add_topic("Pomoc")
    call = fake.add_call(topic_id=topic, user_login="anowak")
    response = await http.get(f"connections/{call}/topic")
    assert response.json() == {
        "topic_id": topic,
        "agent_login": "anowak",
        "comment": "",
        "custom_fields": [],
    }


def test_seed_calls_are_reproducible_finished_and_within_the_days():
    """Same seed, same calls; each agent takes its turn; all lie in the last ``days`` days."""
    now = dt.datetime(2026, 5, 20, 12, 0, 0)

    def seeded(seed: int) -> FakeThulium:
        fake = FakeThulium(strict=True, seed=seed, wall_clock=lambda: now)
        fake.add_agent("jkowalski", number=3113)
        fake.add_agent("anowak", number=3422)
        fake.seed_calls(300, days=7)
        return fake

    first, again, other = seeded(1).connections(), seeded(1).connections(), seeded(2).connections()
    assert first == again
    assert first != other
    assert len(first) == 300
    assert len({call["connection_id"] for call in first}) == 300
    assert {call["user_login"] for call in first} == {"jkowalski", "anowak"}
    assert {call["type"] for call in first} == {"INBOUND", "OUTBOUND"}
    dates = sorted(call["date"] for call in first)
    assert dates[0] >= "2026-05-13 11:50"
    assert dates[-1] <= "2026-05-20 11:50"
    answered = [call for call in first if call["disposition"] == "ANSWERED"]
    assert all(call["billsec"] == call["duration"] for call in answered)
    assert len(answered) > 150
    with pytest.raises(ValueError, match="days >= 1"):
        seeded(1).seed_calls(1, days=0)
