"""Check YAML trees against the JSON Schemas in generator/schemas and explain each failure."""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from ..problems import Location, Problem, codes
from .yamltree import Mapping, Node, node_at, to_plain

SCHEMAS = ("annotation", "actors", "topics", "pair")


@cache
def load_schema(name: str) -> dict[str, Any]:
    """Return the parsed schema `name` (annotation, actors, topics, pair)."""
    text = resources.files("generator").joinpath(f"schemas/{name}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """Replace local `#/$defs/...` references by their targets (the schemas have no cycles)."""
    if isinstance(node, list):
        return [_inline_refs(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target = _inline_refs(defs[ref.removeprefix("#/$defs/")], defs)
        return {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return {k: _inline_refs(v, defs) for k, v in node.items() if k != "$defs"}


@cache
def _validator(name: str) -> Draft202012Validator:
    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    # Resolving $ref on every claim costs a fifth of validation time; resolve once here.
    return Draft202012Validator(_inline_refs(schema, schema.get("$defs", {})))


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    return f"the text '{value}'" if len(str(value)) <= 60 else "a long text"


def _field(error: ValidationError) -> str:
    names = [str(step) for step in error.absolute_path if isinstance(step, str)]
    return f"'{names[-1]}'" if names else "this file"


def _describe(error: ValidationError) -> str:
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    return description or "as FORMAT.md describes"


_TYPES = {"object": "a mapping (key: value lines)", "array": "a list", "string": "text"}


def _explain(error: ValidationError) -> str:
    """Say what was expected and what was found, in the curator's terms."""
    field, found = _field(error), _kind(error.instance)
    value: Any = error.validator_value
    instance: Any = error.instance
    match error.validator:
        case "type" if error.instance in ("", None):
            expected = _TYPES.get(str(error.validator_value), str(error.validator_value))
            return f"{field} is empty; write {expected} here"
        case "type" if value == "array" and isinstance(instance, str):
            items = [part for part in re.split(r"[\s,;/_-]+", instance) if part]
            return f"{field} must be a list, but this is {found}; write it as [{', '.join(items)}]"
        case "type":
            expected = _TYPES.get(str(error.validator_value), str(error.validator_value))
            return f"{field} must be {expected}, but this is {found}"
        case "required":
            missing = [k for k in value if k not in instance]
            return f"missing required field '{missing[0]}'; add it"
        case "dependentRequired":
            given = _unmet_dependency(value, instance)
            needed = [k for k in value[given] if k not in instance]
            return f"'{given}' is given, so '{needed[0]}' is required; add it"
        case "pattern" if isinstance(instance, str) and not instance.strip():
            blank = " (only white space)" if instance else ""
            wanted = _schema(error).get("description") or "text here, or leave the field out"
            return f"{field} is empty{blank}; write {wanted}"
        case "pattern":
            return f"'{error.instance}' is not valid for {field}: expected {_describe(error)}"
        case "minLength":
            return f"{field} is empty; write {_describe(error)}"
        case "maxLength":
            return (
                f"{field} is {len(instance):,} characters long, over the limit of "
                f"{value:,}; shorten it"
            )
        case "minItems" | "maxItems":
            return f"{field} must be {_describe(error)}; found {found}"
        case "enum":
            allowed = ", ".join(str(v) for v in value)
            return f"{field} must be one of: {allowed}; found {found}"
        case "anyOf" if error.instance == "" or error.instance == []:
            return f"{field} is empty; write {_describe(error)}"
        case "anyOf" if isinstance(instance, str) and not instance.strip():
            return f"{field} is empty (only white space); write {_describe(error)}"
        case "anyOf":
            return f"{field} must be {_describe(error)}; found {found}"
    return f"{field}: {error.message}"


def _unknown_keys(error: ValidationError, tree: Node) -> list[Problem]:
    node = node_at(tree, tuple(error.absolute_path))
    allowed = sorted(_schema(error).get("properties", {}))
    problems: list[Problem] = []
    if not isinstance(node, Mapping):
        return problems
    for key, _ in node.items:
        if key.value in allowed:
            continue
        close = difflib.get_close_matches(key.value, allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(allowed)}"
        problems.append(
            Problem(key.loc, codes.UNKNOWN_FIELD, f"unknown field '{key.value}'; {hint}")
        )
    return problems


def _bad_key(error: ValidationError, tree: Node) -> Problem:
    node = node_at(tree, tuple(error.absolute_path))
    key = node.key(str(error.instance)) if isinstance(node, Mapping) else None
    loc = key.loc if key is not None else node.loc
    return Problem(
        loc, codes.INVALID_ID, f"'{error.instance}' is not a valid id: expected {_describe(error)}"
    )


def _schema(error: ValidationError) -> dict[str, Any]:
    """The schema (part) that failed; jsonschema also allows booleans, which ours never are."""
    return error.schema if isinstance(error.schema, dict) else {}


def _leaf_errors(errors: Any) -> list[ValidationError]:
    return sorted(errors, key=lambda e: (list(map(str, e.absolute_path)), e.validator))


def _misspelt(error: ValidationError) -> bool:
    """Say whether a missing field is present under a misspelt key (reported as unknown)."""
    if error.validator != "required" or not isinstance(error.instance, dict):
        return False
    value: Any = error.validator_value
    missing = [k for k in value if k not in error.instance]
    typos = [k for k in error.instance if k not in _schema(error).get("properties", {})]
    return all(difflib.get_close_matches(k, typos, n=1) for k in missing)


@cache
def _fast(name: str) -> Any:
    """The schema compiled to Python code: twenty times quicker to say yes than jsonschema.

    It only decides whether a file is valid (most are); jsonschema then explains a file
    that is not, every failure with its place. tests/test_schemas.py holds the two to the
    same verdicts.
    """
    schema = _draft7(_inline_refs(load_schema(name), load_schema(name).get("$defs", {})))
    del schema["$schema"]
    return fastjsonschema.compile(schema, use_default=False)


def _draft7(node: Any) -> Any:
    """Say the schema in draft 7, which the compiler knows: the keywords our schemas use mean
    the same there, but for `dependentRequired`, which draft 7 spelt `dependencies`."""
    if isinstance(node, list):
        return [_draft7(item) for item in node]
    if not isinstance(node, dict):
        return node
    return {
        ("dependencies" if k == "dependentRequired" else k): _draft7(v) for k, v in node.items()
    }


def is_valid(name: str, plain: Any) -> bool:
    """Say whether plain data (dicts, lists, strings) satisfies schema `name`."""
    try:
        _fast(name)(plain)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _unmet_dependency(value: Any, instance: Any) -> str:
    """The field given whose dependent fields (dependentRequired) are not all there."""
    return str(
        next(k for k, needs in value.items() if k in instance and set(needs) - set(instance))
    )


def _where(error: ValidationError, node: Node) -> Location:
    """Point at the field that makes another required, else at the value that failed."""
    if error.validator == "dependentRequired" and isinstance(node, Mapping):
        key = node.key(_unmet_dependency(error.validator_value, error.instance))
        if key is not None:
            return key.loc
    return node.loc


def check_schema(name: str, tree: Node) -> list[Problem]:
    """Validate a YAML tree against schema `name`; every failure becomes a located problem."""
    plain = to_plain(tree)
    if is_valid(name, plain):
        return []
    problems: list[Problem] = []
    for error in _leaf_errors(_validator(name).iter_errors(plain)):
        if _misspelt(error):
            continue
        if error.validator == "additionalProperties" and "properties" in _schema(error):
            problems.extend(_unknown_keys(error, tree))
        elif error.validator == "propertyNames" or (
            error.schema_path and "propertyNames" in error.schema_path
        ):
            problems.append(_bad_key(error, tree))
        else:
            node = node_at(tree, tuple(error.absolute_path))
            missing = error.validator in ("required", "dependentRequired")
            code = codes.MISSING_FIELD if missing else codes.INVALID_VALUE
            problems.append(Problem(_where(error, node), code, _explain(error)))
    return problems
