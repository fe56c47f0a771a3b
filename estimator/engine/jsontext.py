"""JSON text to Python values that every later step can handle, or a DesignError naming where.

Every surface that reads JSON a client sent (the API's parsers, the CLI, the examples)
decodes it here, so that what reaches validation is plain Python that can be stored,
printed and encoded again:

- integers too long for Python's int parser (over 4,300 digits) become +/-infinity, which
  validation refuses as too large, naming the field, like any other number over the limit;
- NaN and Infinity literals are kept: validation refuses them naming their field;
- a string (or object key) holding an unpaired UTF-16 surrogate ("\\ud800"), which no
  database or encoder can store, is refused naming where it is;
- text that is not UTF-8, or nested past Python's recursion limit, is refused.
"""

import json
import sys

from estimator.engine.errors import DesignError, FieldError

# Python refuses to parse integers longer than this (CVE-2020-10735); past it, a number is
# as good as infinite for an estimate.
_INT_DIGITS = getattr(sys, "get_int_max_str_digits", lambda: 4300)() or 4300


def _int(text: str) -> int | float:
    digits = len(text.lstrip("-"))
    if digits >= _INT_DIGITS:
        return float("-inf") if text.startswith("-") else float("inf")
    return int(text)


def path_label(path: tuple) -> str:
    """("workloads", 0, "name") -> "workloads[0].name", as validation names fields."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _is_encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def unencodable_strings(value, path: tuple = ()) -> list[FieldError]:
    """Errors for every string or key in `value` that UTF-8 cannot encode (lone surrogates)."""
    errors: list[FieldError] = []
    stack = [(value, path)]
    while stack:  # iterative: a deep document must not exhaust the stack here either
        item, where = stack.pop()
        if isinstance(item, str):
            if not _is_encodable(item):
                errors.append(FieldError(path_label(where), _SURROGATE))
        elif isinstance(item, dict):
            for key, child in item.items():
                if isinstance(key, str) and not _is_encodable(key):
                    shown = key.encode("utf-8", "backslashreplace").decode("ascii", "replace")
                    errors.append(FieldError(path_label(where), f'the key "{shown}" {_SURROGATE}'))
                    continue
                stack.append((child, (*where, key)))
        elif isinstance(item, list):
            stack.extend((child, (*where, index)) for index, child in enumerate(item))
    return sorted(errors, key=lambda error: error.path)


_SURROGATE = "holds an unpaired UTF-16 surrogate (\\ud800-\\udfff), which is not valid Unicode"


def loads(text: str | bytes):
    """The JSON value of `text`; DesignError for text that is not JSON or not storable."""
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as error:
            raise DesignError([FieldError("", f"not valid UTF-8 at byte {error.start}")]) from None
    try:
        value = json.loads(text, parse_int=_int)
    except RecursionError:
        raise DesignError([FieldError("", "document is nested too deeply")]) from None
    except ValueError as error:
        raise DesignError([FieldError("", f"not valid JSON: {error}")]) from None
    errors = unencodable_strings(value)
    if errors:
        raise DesignError(errors)
    return value
