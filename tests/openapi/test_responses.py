"""Every endpoint the emulator serves answers with a body that the official
OpenAPI description accepts (numbers as digit strings being the one
documented deviation). Each test makes real requests against the emulator
started with the demo dataset."""

import uuid

import pytest

from openapi_schema import problems, record_problems

V1 = "/k/v1/{}.json"
GUEST = "/k/guest/{{guestSpaceId}}/v1/{}.json"
GUEST_SPACE = 2
CUSTOMERS, DEALS, TASKS, PARTNERS = 1, 2, 3, 4
BENCH = 1000  # every queryable field type, a table, blanks


def valid(response, api, method, guest=False):
    """Asserts a 200 JSON answer whose body fits the spec; returns the body."""
    path = (GUEST if guest else V1).format(api)
    assert response.status == 200, f"{method} {path}: {response.status} {response.raw[:400]!r}"
    assert response.headers.get("Content-Type", "").startswith("application/json")
    body = response.json()
    found = problems(path, method, body)
    if method == "get" and api in ("records", "record", "records/cursor"):
        records = body.get("records") if isinstance(body.get("records"), list) else []
        if isinstance(body.get("record"), dict):
            records = [body["record"]]
        for i, record in enumerate(records):
            if isinstance(record, dict):
                found += record_problems(record, f"records[{i}]")
    assert not found, f"{method} {path}:\n" + "\n".join(found)
    return body


def test_apps(emulator):
    body = valid(emulator.call("GET", "apps"), "apps", "get")
    assert {a["appId"] for a in body["apps"]} >= {"1", "2", "3"}


def test_apps_in_the_guest_space(emulator):
    body = valid(emulator.call("GET", "apps", guest=GUEST_SPACE), "apps", "get", guest=True)
    assert [a["code"] for a in body["apps"]] == ["PARTNER"]


@pytest.mark.parametrize("app", [CUSTOMERS, DEALS, TASKS])
def test_app(emulator, app):
    body = valid(emulator.call("GET", "app", {"id": app}), "app", "get")
    assert body["appId"] == str(app)


def test_app_in_the_guest_space(emulator):
    response = emulator.call("GET", "app", {"id": PARTNERS}, guest=GUEST_SPACE)
    assert valid(response, "app", "get", guest=True)["code"] == "PARTNER"


@pytest.mark.parametrize("app", [CUSTOMERS, DEALS, TASKS, BENCH])
def test_form_fields(emulator, app):
    body = valid(emulator.call("GET", "app/form/fields", {"app": app}), "app/form/fields", "get")
    assert body["properties"]


def test_form_fields_of_the_guest_app(emulator):
    response = emulator.call("GET", "app/form/fields", {"app": PARTNERS}, guest=GUEST_SPACE)
    assert "contact_name" in valid(response, "app/form/fields", "get", guest=True)["properties"]


def test_preview_form_fields(emulator):
    response = emulator.call("GET", "preview/app/form/fields", {"app": DEALS})
    assert "line_items" in valid(response, "preview/app/form/fields", "get")["properties"]


@pytest.mark.parametrize("app", [CUSTOMERS, DEALS])
def test_form_layout(emulator, app):
    valid(emulator.call("GET", "app/form/layout", {"app": app}), "app/form/layout", "get")


def test_views(emulator):
    valid(emulator.call("GET", "app/views", {"app": DEALS}), "app/views", "get")


@pytest.mark.parametrize("app", [CUSTOMERS, TASKS])
def test_process_management_settings(emulator, app):
    body = valid(emulator.call("GET", "app/status", {"app": app}), "app/status", "get")
    assert body["enable"] is (app == TASKS)


def test_app_settings(emulator):
    body = valid(emulator.call("GET", "app/settings", {"app": CUSTOMERS}), "app/settings", "get")
    assert body["name"] == "Customers"


@pytest.mark.parametrize("app", [CUSTOMERS, DEALS, TASKS, BENCH])
def test_records_get(emulator, app):
    response = emulator.call("GET", "records", {"app": app, "totalCount": "true"})
    body = valid(response, "records", "get")
    assert body["records"] and body["totalCount"].isdigit()


def test_records_get_in_the_guest_space(emulator):
    response = emulator.call("GET", "records", {"app": PARTNERS}, guest=GUEST_SPACE)
    assert len(valid(response, "records", "get", guest=True)["records"]) == 8


@pytest.mark.parametrize("app", [DEALS, BENCH])
def test_record_get(emulator, app):
    body = valid(emulator.call("GET", "record", {"app": app, "id": 1}), "record", "get")
    assert body["record"]["$id"]["value"] == "1"


def test_records_of_every_field_type_through_a_cursor(emulator):
    created = valid(emulator.call("POST", "records/cursor", body={"app": BENCH, "size": 500}),
                    "records/cursor", "post")
    page = valid(emulator.call("GET", "records/cursor", {"id": created["id"]}), "records/cursor", "get")
    assert len(page["records"]) == 200 and page["next"] is False
    types = {field["type"] for record in page["records"] for field in record.values()}
    assert types >= {"SINGLE_LINE_TEXT", "MULTI_LINE_TEXT", "NUMBER", "CALC", "DATE", "TIME", "DATETIME",
                     "DROP_DOWN", "RADIO_BUTTON", "CHECK_BOX", "MULTI_SELECT", "USER_SELECT", "LINK",
                     "SUBTABLE", "RECORD_NUMBER", "CREATOR", "CREATED_TIME", "MODIFIER", "UPDATED_TIME"}


def test_cursor_create_read_and_delete(emulator):
    created = valid(
        emulator.call("POST", "records/cursor", body={"app": DEALS, "size": 25, "fields": ["title", "line_items"]}),
        "records/cursor", "post",
    )
    assert created["totalCount"] == "60"
    pages = 0
    while True:
        page = valid(emulator.call("GET", "records/cursor", {"id": created["id"]}), "records/cursor", "get")
        pages += 1
        if not page["next"]:
            break
    assert pages == 3
    second = valid(emulator.call("POST", "records/cursor", body={"app": CUSTOMERS}), "records/cursor", "post")
    valid(emulator.call("DELETE", "records/cursor", body={"id": second["id"]}), "records/cursor", "delete")


def customer(name):
    return {"company_name": {"value": name}, "industry": {"value": "IT"}, "employees": {"value": "12"}}


def test_records_post_put_delete(emulator):
    added = valid(
        emulator.call("POST", "records", body={"app": CUSTOMERS, "records": [customer("OpenAPI A"), customer("OpenAPI B")]}),
        "records", "post",
    )
    assert len(added["ids"]) == 2
    updated = valid(
        emulator.call("PUT", "records", body={"app": CUSTOMERS, "records": [
            {"id": added["ids"][0], "record": {"notes": {"value": "updated"}}},
            {"updateKey": {"field": "company_name", "value": "OpenAPI B"}, "record": {"notes": {"value": "by key"}}},
        ]}),
        "records", "put",
    )
    assert [r["revision"] for r in updated["records"]] == ["2", "2"]
    upserted = valid(
        emulator.call("PUT", "records", body={"app": CUSTOMERS, "upsert": True, "records": [
            {"updateKey": {"field": "company_name", "value": "OpenAPI C"}, "record": {"notes": {"value": "new"}}},
        ]}),
        "records", "put",
    )
    assert upserted["records"][0]["operation"] == "INSERT"
    ids = added["ids"] + [upserted["records"][0]["id"]]
    valid(emulator.call("DELETE", "records", body={"app": CUSTOMERS, "ids": ids}), "records", "delete")


def test_record_post_and_put(emulator):
    added = valid(emulator.call("POST", "record", body={"app": CUSTOMERS, "record": customer("OpenAPI D")}), "record", "post")
    assert added["revision"] == "1"
    updated = valid(
        emulator.call("PUT", "record", body={"app": CUSTOMERS, "id": added["id"], "revision": "1",
                                             "record": {"country": {"value": "Japan"}}}),
        "record", "put",
    )
    assert updated["revision"] == "2"


def test_bulk_request(emulator):
    body = valid(
        emulator.call("POST", "bulkRequest", body={"requests": [
            {"method": "POST", "api": "/k/v1/record.json", "payload": {"app": CUSTOMERS, "record": customer("OpenAPI E")}},
            {"method": "PUT", "api": "/k/v1/records.json", "payload": {"app": CUSTOMERS, "records": [
                {"updateKey": {"field": "company_name", "value": "OpenAPI E"}, "record": {"notes": {"value": "bulk"}}}]}},
        ]}),
        "bulkRequest", "post",
    )
    assert len(body["results"]) == 2


def test_comments_post_get_delete(emulator):
    posted = valid(
        emulator.call("POST", "record/comment", body={"app": DEALS, "record": 3, "comment": {
            "text": "OpenAPI check コメント", "mentions": [{"code": "sato", "type": "USER"}]}}),
        "record/comment", "post",
    )
    listed = valid(emulator.call("GET", "record/comments", {"app": DEALS, "record": 3}), "record/comments", "get")
    assert any(c["id"] == posted["id"] for c in listed["comments"])
    valid(
        emulator.call("DELETE", "record/comment", body={"app": DEALS, "record": 3, "comment": posted["id"]}),
        "record/comment", "delete",
    )


def test_file_upload(emulator):
    boundary = uuid.uuid4().hex
    payload = (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="file"; filename="hello.txt"\r\n'
        "Content-Type: text/plain\r\n\r\n"
        "hello kintone\r\n"
        f"--{boundary}--\r\n"
    ).encode()
    response = emulator.call("POST", "file", raw_body=payload,
                             content_type=f"multipart/form-data; boundary={boundary}")
    assert valid(response, "file", "post")["fileKey"]


def not_started_tasks(emulator):
    response = emulator.call("GET", "records", {"app": TASKS, "query": 'Status in ("Not started") order by $id asc'})
    return [r["$id"]["value"] for r in response.json()["records"]]


def test_process_management_writes(emulator):
    first, second, third = not_started_tasks(emulator)[:3]
    valid(
        emulator.call("PUT", "record/status", body={"app": TASKS, "id": first, "action": "Start", "assignee": "sato"}),
        "record/status", "put",
    )
    body = valid(
        emulator.call("PUT", "records/status", body={"app": TASKS, "records": [
            {"id": second, "action": "Start", "assignee": "tanaka"},
            {"id": third, "action": "Start", "assignee": "suzuki"},
        ]}),
        "records/status", "put",
    )
    assert len(body["records"]) == 2
    valid(
        emulator.call("PUT", "record/assignees", body={"app": TASKS, "id": first, "assignees": ["tanaka"]}),
        "record/assignees", "put",
    )


def test_space(emulator):
    body = valid(emulator.call("GET", "space", {"id": 1}), "space", "get")
    assert body["name"] == "Sales"


def test_guest_space(emulator):
    body = valid(emulator.call("GET", "space", {"id": GUEST_SPACE}, guest=GUEST_SPACE), "space", "get", guest=True)
    assert body["isGuest"] is True
