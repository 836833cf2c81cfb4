"""The relaxations of the spec are exactly the documented ones: integers and
numbers may be digit strings, null is allowed where the description says so,
oneOf means anyOf; nothing else passes that did not before."""

from jsonschema import Draft202012Validator

from openapi_schema import problems, record_problems, relax_numbers


def accepts(schema, value):
    return Draft202012Validator(relax_numbers(schema)).is_valid(value)


def test_integers_accept_digit_strings_only():
    schema = {"type": "integer", "format": "long"}
    assert accepts(schema, 12)
    assert accepts(schema, "12")
    assert accepts(schema, "-3")
    assert not accepts(schema, "12.5")
    assert not accepts(schema, "twelve")
    assert not accepts(schema, "")
    assert not accepts(schema, True)
    assert not accepts(schema, None)


def test_numbers_accept_decimal_strings():
    schema = {"type": "number"}
    assert accepts(schema, "12.50")
    assert accepts(schema, 1.5)
    assert not accepts(schema, "1e5")
    assert not accepts(schema, "1,000")


def test_strings_booleans_and_property_names_are_untouched():
    schema = {"type": "object", "properties": {"type": {"type": "string"}, "flag": {"type": "boolean"}},
              "required": ["type"]}
    assert relax_numbers(schema) == schema
    assert not accepts(schema, {"type": 1})
    assert not accepts(schema, {"type": "x", "flag": "true"})


def test_nested_integers_in_arrays_are_relaxed():
    schema = {"type": "object", "properties": {"ids": {"type": "array", "items": {"type": "integer"}}}}
    assert accepts(schema, {"ids": ["1", "22"]})
    assert not accepts(schema, {"ids": ["1", "x"]})


def test_the_spec_itself_rejects_a_wrong_records_body():
    assert problems("/k/v1/records.json", "get", {"records": "none"})
    assert problems("/k/v1/record.json", "post", {"id": "abc", "revision": "1"})
    assert problems("/k/v1/apps.json", "get", {"apps": [], "appz": []})
    assert not problems("/k/v1/record.json", "post", {"id": "92", "revision": "1"})


def test_null_only_where_the_description_documents_it():
    documented = {"type": "integer", "description": "If not, null is returned."}
    assert accepts(documented, None)
    assert accepts(documented, "7")
    assert not accepts(documented, "x")
    silent = {"type": "integer", "description": "The App ID."}
    assert not accepts(silent, None)
    nullified = {"type": "object", "description": "`null` is returned for Apps that never ..."}
    assert accepts(nullified, None)
    assert accepts(nullified, {})
    assert not accepts(nullified, [])


def test_one_of_means_any_of():
    # "ab" fits both alternatives: oneOf would refuse it, anyOf accepts it.
    schema = {"oneOf": [{"type": "string"}, {"type": "string", "maxLength": 3}]}
    assert accepts(schema, "ab")
    assert accepts(schema, "abcdef")
    assert not accepts(schema, 5)


def test_the_spec_documents_the_nulls_it_is_relaxed_for():
    assert not problems("/k/v1/records.json", "get", {"records": [], "totalCount": None})
    assert not problems("/k/v1/app/status.json", "get",
                        {"enable": False, "states": None, "actions": None, "revision": "1"})
    assert problems("/k/v1/record.json", "post", {"id": None, "revision": "1"})


def test_record_values_are_checked_by_their_type():
    good = {
        "$id": {"type": "__ID__", "value": "3"},
        "n": {"type": "NUMBER", "value": "-12.50"},
        "blank_n": {"type": "NUMBER", "value": ""},
        "d": {"type": "DATE", "value": None},
        "u": {"type": "USER_SELECT", "value": [{"code": "sato", "name": "Sato"}]},
        "t": {"type": "SUBTABLE", "value": [{"id": "9", "value": {"x": {"type": "NUMBER", "value": "1"}}}]},
    }
    assert record_problems(good) == []
    assert record_problems({"n": {"type": "NUMBER", "value": "12a"}})
    assert record_problems({"n": {"type": "NUMBER", "value": 12}}), "record values are strings"
    assert record_problems({"s": {"type": "SINGLE_LINE_TEXT", "value": None}})
    assert record_problems({"u": {"type": "USER_SELECT", "value": "sato"}})
    assert record_problems({"c": {"type": "CREATOR", "value": {"name": "no code"}}})
    assert record_problems({"t": {"type": "SUBTABLE", "value": [{"id": "1", "value": {
        "x": {"type": "CHECK_BOX", "value": "a"}}}]}})
    assert record_problems({"x": {"type": "NO_SUCH_TYPE", "value": ""}})
