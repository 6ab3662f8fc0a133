"""Validates the OpenAPI document and real API responses against it.

usage: validate_openapi.py DOCUMENT.json RESPONSES.json

DOCUMENT.json is what GET /openapi.json served. RESPONSES.json is a list of
{"method", "path" (the documented path template), "status", "body"} recorded by the Swift
test from real requests. Each body must validate against the schema the document gives for
that path, method and status. Prints one line per failure and a closing "N passed, N failed".
"""
import json
import sys

from jsonschema import Draft202012Validator
from openapi_spec_validator import validate


def resolve(document, item):
    """Follows local $refs ("#/components/responses/NotFound") to what they name."""
    while isinstance(item, dict) and "$ref" in item:
        node = document
        for part in item["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        item = node
    return item


def main():
    document = json.load(open(sys.argv[1]))
    responses = json.load(open(sys.argv[2]))
    passed = failed = 0
    try:
        validate(document)
        passed += 1
    except Exception as error:  # the validator raises its own exception types
        print(f"FAIL the document is not valid OpenAPI: {error}")
        failed += 1
    for response in responses:
        label = f"{response['method'].upper()} {response['path']} -> {response['status']}"
        operation = document["paths"].get(response["path"], {}).get(response["method"].lower())
        if operation is None:
            print(f"FAIL {label}: no such operation in the document")
            failed += 1
            continue
        described = operation["responses"].get(str(response["status"]))
        if described is None:
            print(f"FAIL {label}: status not documented")
            failed += 1
            continue
        described = resolve(document, described)
        schema = described["content"]["application/json"]["schema"]
        validator = Draft202012Validator({**schema, "components": document["components"]}, format_checker=Draft202012Validator.FORMAT_CHECKER)
        errors = sorted(validator.iter_errors(response["body"]), key=lambda e: list(e.path))
        if errors:
            for error in errors[:5]:
                print(f"FAIL {label}: at {'/'.join(map(str, error.path)) or '(root)'}: {error.message[:300]}")
            failed += 1
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
