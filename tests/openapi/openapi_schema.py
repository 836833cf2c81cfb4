"""Validation of emulator responses against Kintone's official OpenAPI file.

The spec is read from ``../shared/kintone-rest-api/openapi.yaml`` relative to
the repository root (CI has shared/ beside the clone), or from the path in
``$KINTONE_OPENAPI_SPEC``. It is never copied into the repository.

Three relaxations, each a documented fact and nothing more:

1. The deviation the facts sheet documents: the real service sends IDs,
   revisions, counts and numbers as JSON strings, so every ``integer`` also
   accepts a string of digits and every ``number`` a decimal string.
2. ``null`` where the spec's own description says null is returned (e.g.
   ``totalCount`` when not requested, ``spaceId``/``threadId`` of an app
   outside a space, ``states``/``actions`` of an app that never used process
   management) although its ``type`` leaves null out.
3. ``oneOf`` is read as ``anyOf``: the spec uses it for alternatives that
   overlap (the answer of PUT records.json, ``{"id","revision"}``, fits both
   of its array shapes), so with ``oneOf`` no real body could pass.
"""

import copy
import os
import re
from functools import lru_cache
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC_URI = "urn:kintone-rest-api:openapi"
INTEGER_STRING = r"^-?[0-9]+$"
NUMBER_STRING = r"^-?[0-9]+(\.[0-9]+)?$"


def spec_path() -> Path:
    env = os.environ.get("KINTONE_OPENAPI_SPEC")
    if env:
        return Path(env)
    return REPO_ROOT.parent / "shared" / "kintone-rest-api" / "openapi.yaml"


def _types(schema: dict) -> list:
    # A "type" key may also be a property *named* type inside "properties".
    kind = schema.get("type")
    if isinstance(kind, str):
        return [kind]
    if isinstance(kind, list) and all(isinstance(k, str) for k in kind):
        return list(kind)
    return []


def documents_null(schema: dict) -> bool:
    """The description says null is returned, but the type omits null."""
    description = schema.get("description")
    kinds = _types(schema)
    return (isinstance(description, str) and re.search(r"\bnull\b", description) is not None
            and bool(kinds) and "null" not in kinds)


def relax_numbers(node):
    """Returns a copy of a schema tree with the three relaxations of this
    module applied (see the module documentation)."""
    if isinstance(node, list):
        return [relax_numbers(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {("anyOf" if key == "oneOf" else key): relax_numbers(value) for key, value in node.items()}
    if documents_null(node):
        return {"anyOf": [_relax_number_type(out), {"type": "null"}]}
    return _relax_number_type(out)


def _relax_number_type(out: dict):
    kinds = _types(out)
    numeric = [k for k in kinds if k in ("integer", "number")]
    if numeric and "string" not in kinds:
        pattern = INTEGER_STRING if numeric == ["integer"] else NUMBER_STRING
        numeric_alternative = {k: v for k, v in out.items() if k != "type"}
        numeric_alternative["type"] = kinds
        # A string alternative that accepts only digits; every other keyword
        # (enum, minimum, ...) still applies to real numbers.
        return {"anyOf": [numeric_alternative, {"type": "string", "pattern": pattern}]}
    return out


@lru_cache(maxsize=1)
def load_spec() -> dict:
    path = spec_path()
    if not path.is_file():
        raise FileNotFoundError(
            f"OpenAPI spec not found at {path}: the repository expects shared/ beside it, "
            "or set KINTONE_OPENAPI_SPEC"
        )
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as f:
        return yaml.load(f, Loader=loader)


@lru_cache(maxsize=1)
def relaxed_registry() -> Registry:
    spec = relax_numbers(copy.deepcopy(load_spec()))
    resource = Resource.from_contents(spec, default_specification=DRAFT202012)
    return Registry().with_resource(SPEC_URI, resource)


def _pointer_escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def response_pointer(path: str, method: str, status: str = "200") -> str:
    """The JSON pointer of a response body schema in the spec."""
    spec = load_spec()
    operation = spec["paths"].get(path, {}).get(method.lower())
    if operation is None:
        raise KeyError(f"the spec has no {method.upper()} {path}")
    content = operation["responses"][status]["content"]
    media = "application/json" if "application/json" in content else next(iter(content))
    return "/".join(
        ["#", "paths", _pointer_escape(path), method.lower(), "responses", status,
         "content", _pointer_escape(media), "schema"]
    )


@lru_cache(maxsize=None)
def validator(path: str, method: str) -> Draft202012Validator:
    schema = {"$ref": SPEC_URI + response_pointer(path, method)}
    return Draft202012Validator(schema, registry=relaxed_registry())


def response_schema(path: str, method: str) -> dict:
    """The (unrelaxed) response schema as written in the spec."""
    node = load_spec()
    for token in response_pointer(path, method).split("/")[1:]:
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


def problems(path: str, method: str, body) -> list:
    """Every way `body` breaks the response schema of `method path`, plus
    top-level keys the schema does not document. Empty when valid."""
    found = [
        f"{'/'.join(str(p) for p in error.absolute_path) or '<body>'}: {error.message}"
        for error in validator(path, method).iter_errors(body)
    ]
    documented = response_schema(path, method).get("properties")
    if documented and isinstance(body, dict):
        found += [f"{key}: not in the spec's response" for key in body if key not in documented]
    return found


# The spec describes a record's fields with an undiscriminated anyOf (one of
# whose branches accepts anything), so a whole-body check says little about
# values. Each field is therefore also checked against the value schema the
# spec gives for its "type".
VALUE_SCHEMAS = {
    "CALC": "RecordsGetCalcSimpleValue",
    "CATEGORY": "RecordsGetCategorySimpleValue",
    "DATE": "RecordsGetDateSimpleValue",
    "DATETIME": "RecordsGetDatetimeSimpleValue",
    "NUMBER": "RecordsGetDecimalSimpleValue",
    "RICH_TEXT": "RecordsGetEditorSimpleValue",
    "FILE": "RecordsGetFileSimpleValue",
    "LINK": "RecordsGetLinkSimpleValue",
    "CREATED_TIME": "RecordsGetModifiedAtSimpleValue",
    "UPDATED_TIME": "RecordsGetModifiedAtSimpleValue",
    "CREATOR": "RecordsGetModifierSimpleValue",
    "MODIFIER": "RecordsGetModifierSimpleValue",
    "MULTI_LINE_TEXT": "RecordsGetMultipleLineTextSimpleValue",
    "CHECK_BOX": "RecordsGetMultipleSelectSimpleValue",
    "MULTI_SELECT": "RecordsGetMultipleSelectSimpleValue",
    "RECORD_NUMBER": "RecordsGetRecordIdSimpleValue",
    "SUBTABLE": "RecordsGetSimpleTableValue",
    "SINGLE_LINE_TEXT": "RecordsGetSingleLineTextSimpleValue",
    "DROP_DOWN": "RecordsGetSingleSelectSimpleValue",
    "RADIO_BUTTON": "RecordsGetSingleSelectSimpleValue",
    "STATUS": "RecordsGetStatusSimpleValue",
    "TIME": "RecordsGetTimeSimpleValue",
    "USER_SELECT": "RecordsGetUserSelectSimpleValue",
    "STATUS_ASSIGNEE": "RecordsGetUserSelectSimpleValue",
    "ORGANIZATION_SELECT": "RecordsGetOrganizationSelectSimpleValue",
    "GROUP_SELECT": "RecordsGetGroupSelectSimpleValue",
    "__REVISION__": "RecordsGetRevisionSimpleValue",
    "__ID__": "RecordsGetRawRecordIdSimpleValue",
}
# Facts §8: a blank DROP_DOWN, DATE or TIME is null (the spec says string).
NULL_WHEN_BLANK = {"DROP_DOWN", "DATE", "TIME"}
# `format: number` in the value schemas: a decimal string, or "" when blank.
DECIMAL_STRING = re.compile(r"^(-?[0-9]+(\.[0-9]+)?)?$")


@lru_cache(maxsize=None)
def value_validator(schema_name: str) -> Draft202012Validator:
    checker = FormatChecker(formats=())
    checker.checks("number")(lambda v: not isinstance(v, str) or DECIMAL_STRING.match(v) is not None)
    return Draft202012Validator(
        {"$ref": f"{SPEC_URI}#/components/schemas/{schema_name}"},
        registry=relaxed_registry(),
        format_checker=checker,
    )


def record_problems(record: dict, where: str = "record") -> list:
    """Checks each field of a record (and of its table rows) against the
    value schema of its type."""
    found = []
    for code, field in record.items():
        kind = field.get("type") if isinstance(field, dict) else None
        name = VALUE_SCHEMAS.get(kind)
        if name is None:
            found.append(f"{where}.{code}: unknown type {kind!r}")
            continue
        if kind in NULL_WHEN_BLANK and field.get("value") is None:
            continue
        for error in value_validator(name).iter_errors(field):
            path = "/".join(str(p) for p in error.absolute_path)
            found.append(f"{where}.{code} ({kind}) {path}: {error.message}")
        if kind == "SUBTABLE" and isinstance(field.get("value"), list):
            for i, row in enumerate(field["value"]):
                if not isinstance(row, dict) or not isinstance(row.get("value"), dict):
                    found.append(f"{where}.{code}[{i}]: a row needs an object value")
                    continue
                found += record_problems(row["value"], f"{where}.{code}[{i}]")
    return found
