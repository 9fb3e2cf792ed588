"""How SeaTunnel converts a configured value to an option's type: pure functions over plain values.

Three ways a value is read, each modelled here (no rule code; the rules in `stlint.checks` and the
catalog's `OptionSpec.check_value` turn the verdicts into findings):

* `judge` — `ConfigUtil.convertValue` (seatunnel-api, `configuration/util/ConfigUtil.java`, the same
  code in 2.3.8 ... 2.3.13), behind every `ReadonlyConfig.get/getOptional`. SeaTunnel renders the
  job's HOCON to JSON and reads it back with Jackson (`ReadonlyConfig.fromConfig`), so a value
  arrives as a String, Integer/Long/BigInteger, Double, Boolean, List or Map. For a simple type
  (Boolean, Integer, Long, String, an enum) the own conversion runs first (`convertToBoolean`:
  "true"/"false" in any case; `Integer.parseInt`/`Long.parseLong` of the text; `convertToEnum`: a
  constant's name in any case; String: the value's JSON text); when it throws an
  IllegalArgumentException, and for every other type, Jackson reads the value's text
  (`convertToJsonString`) as the option's type with its default features: a fraction is truncated
  to an integer (ACCEPT_FLOAT_AS_INT), a number is a boolean (0 false, any other true), a number in
  range is the enum constant at that position, anything else that is no JSON of that type throws
  "Json parsing exception, value '...', and expected type '...'" (`FAILURE`; the line per release
  is the catalog's `schema_keys.conversion`). A list of strings given something else is, after
  that failure, split at commas. Checked against the real classes (SeaTunnel pins Jackson 2.13.3).
* `parse_number` — `Integer.parseInt(value.toString())` / `Long.parseLong(...)` of the value in
  the Jackson map (Zeta reads a few `env` keys so: `JobMaster`, `SubPlan`, `FlowControlStrategy`):
  a Double prints as `2.5`, which fails.
* `typesafe` — the raw Typesafe Config 1.3.x getters (`Config.getInt/getLong/getBoolean/getEnum`,
  what the Flink and Spark starters and legacy connector code call): a string is parsed as a
  number with `Long.parseLong`, else `Double.parseDouble` (which trims), and a number is
  truncated to an integer (`ConfigNumber.intValueRangeChecked` checks the int range); a boolean is
  `true`/`yes`/`on` or `false`/`no`/`off` exactly; an enum is `Enum.valueOf` of the exact name.
  Checked against Typesafe Config 1.3.1's jar (`getInt("2.5")` is 2, `getBoolean("TRUE")` throws,
  `getEnum(..., "batch")` throws).

A verdict (`Verdict`) is None when the value is read as meant; else `fail` (the job fails) or not
(SeaTunnel goes on with `reads`; `value` is what it goes on with, when that is a plain value).
"""

from __future__ import annotations

import json
import re
from typing import Any

# ConfigUtil.convertValue's exception when the catalog has none recorded (the text of 2.3.8 ... 2.3.13)
FAILURE = "Json parsing exception, value '%s', and expected type '%s'"
NOVALUE = object()  # Verdict.value when SeaTunnel goes on with no plain value

INT_RANGE = {"int": (-(2**31), 2**31 - 1), "long": (-(2**63), 2**63 - 1)}
JWS = " \t\n\r"  # what Jackson skips before a value


def java_str(x: Any, limit: int = 80) -> str:
    """`String.valueOf(x)` as Java prints the Jackson value (lists `[a, b]`, maps `{k=v}`), shortened."""
    if x is None:
        t = "null"
    elif isinstance(x, bool):
        t = "true" if x else "false"
    elif isinstance(x, float):
        t = java_double(x)
    elif isinstance(x, list):
        t = "[" + ", ".join(java_str(i, limit) for i in x) + "]"
    elif isinstance(x, dict):
        t = "{" + ", ".join(f"{k}={java_str(i, limit)}" for k, i in x.items()) + "}"
    else:
        t = str(x)
    return t if len(t) <= limit else t[:limit - 3] + "..."


def java_double(x: float) -> str:
    """`Double.toString`: plain between 10^-3 and 10^7, else `d.dddE±n`; Infinity, NaN."""
    if x != x:
        return "NaN"
    if x in (float("inf"), float("-inf")):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0 or 1e-3 <= abs(x) < 1e7:
        t = repr(x)
        if "e" not in t:
            return t if "." in t else t + ".0"
        t = f"{x:.17f}".rstrip("0")
        return t + "0" if t.endswith(".") else t
    m, _, e = repr(x).partition("e")
    if not e:  # repr gave a plain number (>= 1e7 below 1e16)
        ip, _, fp = repr(abs(x)).partition(".")
        digits = (ip + fp).rstrip("0") or "0"
        return ("-" if x < 0 else "") + digits[0] + "." + (digits[1:] or "0") + "E" + str(len(ip) - 1)
    if "." not in m:
        m += ".0"
    return f"{m}E{int(e)}"


def json_text(x: Any) -> str:
    """`ConfigUtil.convertToJsonString`: a string as it is, anything else as Jackson writes it."""
    return x if isinstance(x, str) else json.dumps(x, separators=(",", ":"), ensure_ascii=False)


def _reject(_c: str) -> Any:
    raise ValueError("not JSON")  # NaN, Infinity: Jackson refuses them by default


_DECODER = json.JSONDecoder(parse_constant=_reject)


def jackson(text: str) -> tuple[str, Any]:
    """The first JSON value Jackson reads from `text`: ("value", v), ("empty", None) or ("bad", None).
    What follows the value is not read (FAIL_ON_TRAILING_TOKENS is off), but a root-level number must
    end at white space or the end (`01`, `0x10`, `1,2` fail) and a literal (`true`, `null`) must not
    run on into a name (`truex`)."""
    t = text.lstrip(JWS)
    if not t:
        return "empty", None
    try:
        v, end = _DECODER.raw_decode(t)
    except ValueError:
        return "bad", None
    nxt = t[end:end + 1]
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if nxt and nxt not in JWS:
            return "bad", None
    elif (v is None or isinstance(v, bool)) and nxt and (nxt.isalnum() or nxt in "_$"):
        return "bad", None
    return "value", v


def java_int(s: str) -> int | None:
    """`Integer.parseInt`/`Long.parseLong` of `s` (sign and ASCII digits only), or None."""
    return int(s) if re.fullmatch(r"[+-]?[0-9]+", s) else None


def what(x: Any) -> str:
    if isinstance(x, bool):
        return "a boolean"
    if isinstance(x, (int, float)):
        return "a number"
    if isinstance(x, str):
        return "a string"
    if isinstance(x, list):
        return "a list"
    if isinstance(x, dict):
        return "an object"
    return "null"


class Verdict:
    """What SeaTunnel does with a value: `fail` (the job fails) or not (it goes on with `reads`)."""

    __slots__ = ("fail", "why", "reads", "npe", "fix", "at", "value", "error", "where", "also")

    def __init__(self, fail: bool, why: str, reads: str | None = None, npe: bool = False,
                 fix: str | None = None, at=None, value: Any = NOVALUE, error: str | None = None) -> None:
        self.fail = fail
        self.why = why  # what is wrong with the value, for the message
        self.reads = reads  # what SeaTunnel goes on with (warnings)
        self.npe = npe  # the failure is a NullPointerException, not ConfigUtil's message
        self.fix = fix  # replacement text for the value (same meaning for SeaTunnel, or the evident intent)
        self.at = at  # the item of a list the finding points at (None: the value)
        self.value = value  # what SeaTunnel goes on with (a warning), when a plain value
        self.error = error  # the exception's text when it is not ConfigUtil's message (other readers)
        self.where = None  # file:line of the read (set by the caller that knows it)
        self.also = None  # another reader's failing verdict, when the read path is not known


def judge(x: Any, type_: str, element_type: str | None = None, enum_values: list[str] | None = None) -> Verdict | None:
    """SeaTunnel's reading of the Jackson value `x` for a value of type `type_` (ConfigUtil.convertValue):
    None when it reads the value as meant."""
    t = type_
    if t == "boolean":
        if isinstance(x, bool):
            return None
        if isinstance(x, str):
            if x.upper() in ("TRUE", "FALSE"):
                return None
            kind, v = jackson(x)
        else:
            kind, v = "value", x
        if kind == "value" and v is None:
            return Verdict(True, "is the text null", npe=True)
        if kind == "value" and isinstance(v, bool):
            return None
        if kind == "value" and isinstance(v, str):
            w = v.strip(JAVA_SPACE)  # Jackson's Boolean from a JSON string: true/True/false/False
            if w in ("true", "True", "false", "False"):
                return None
            if not w:
                return None  # an empty JSON string: Jackson's empty-string coercion, not modelled
        if kind == "value" and isinstance(v, int):
            b = "true" if v != 0 else "false"
            return Verdict(False, f"is {'a number' if not isinstance(x, str) else 'a number in a string'}, not "
                            "true or false", reads=f"{b} (Jackson reads 0 as false, any other number as true)", fix=b,
                           value=v != 0)
        fix = None
        if isinstance(x, str) and x.strip().lower() in ("yes", "on", "no", "off"):
            fix = "true" if x.strip().lower() in ("yes", "on") else "false"
        return Verdict(True, "is not true or false", fix=fix)
    if t in ("int", "long"):
        lo, hi = INT_RANGE[t]
        word = "an integer" if t == "int" else "a long integer"
        if isinstance(x, bool) or isinstance(x, (list, dict)):
            return Verdict(True, f"is {what(x)}, not {word}")
        n = x if isinstance(x, int) else (java_int(x) if isinstance(x, str) else None)
        if n is not None and lo <= n <= hi:
            return None
        kind, v = ("value", x) if isinstance(x, (int, float)) else jackson(str(x))
        if kind == "value" and v is None:
            return Verdict(True, "is the text null", npe=True)
        if kind == "value" and isinstance(v, (int, float)) and not isinstance(v, bool):
            if not (lo <= v <= hi):
                return Verdict(True, f"is out of the range of {word} ({lo} to {hi})")
            if isinstance(v, float) and not v.is_integer():
                return Verdict(False, f"is not {word}", reads=f"{int(v)} (Jackson drops the fraction)",
                               value=int(v))
            return None
        if kind == "value" and isinstance(v, str):
            w = v.strip(JAVA_SPACE)  # Jackson parses a JSON string's text as the number
            n = java_int(w)
            if not w or (n is not None and lo <= n <= hi):
                return None  # (an empty one: Jackson's empty-string coercion, not modelled)
        return Verdict(True, f"is not {word}")
    if t == "enum":
        values = enum_values or []
        if isinstance(x, str):
            if x.upper() in {e.upper() for e in values}:
                return None
            kind, v = jackson(x)
            if kind == "value" and v is None:
                return Verdict(True, "is the text null", npe=True)
            if kind == "value" and isinstance(v, str) and v in values:
                return Verdict(False, "is a quoted name inside a string", value=v, reads=f"{v} (Jackson reads the JSON "
                                "string)", fix=v)
            if kind == "value" and isinstance(v, int) and not isinstance(v, bool) and 0 <= v < len(values):
                return Verdict(False, f"is a number in a string, not one of {', '.join(values)}",
                                reads=f"{values[v]} (Jackson takes a number as the constant at that position)", value=values[v],
                                fix=values[v])
            return None  # a name that is not a constant: invalid-schema-enum
        if isinstance(x, int) and not isinstance(x, bool) and 0 <= x < len(values):
            return Verdict(False, f"is a number, not one of {', '.join(values)}",
                            reads=f"{values[x]} (Jackson takes a number as the constant at that position)", value=values[x],
                            fix=values[x])
        if x is None:
            return None
        return Verdict(True, f"is {what(x)}, not one of {', '.join(values)}")
    if t == "string":
        if isinstance(x, (list, dict)):
            return Verdict(False, f"is {what(x)}, not a string",
                            reads=f"its JSON text `{java_str(json_text(x), 60)}` (ConfigUtil.convertToJsonString)")
        return None
    if t == "map":
        if isinstance(x, dict):
            return None
        if isinstance(x, str):
            kind, v = jackson(x)
            if kind == "value" and isinstance(v, dict):
                return None
            if kind == "value" and v is None:
                return Verdict(True, "is the text null", npe=True)
        return Verdict(True, f"is {what(x)}, not an object")
    if t == "list" and element_type in ("map", "object"):
        if isinstance(x, list):
            # Jackson reads the whole list first (an entry that is no object fails it), then each
            # entry becomes a ReadonlyConfig: a null one fails at its first read
            for i, it in enumerate(x):
                if it is not None and not isinstance(it, dict):
                    return Verdict(True, f"is {what(it)}, where an object belongs", at=i)
            for i, it in enumerate(x):
                if it is None:
                    return Verdict(True, "is null, where an object belongs", npe=True, at=i)
            return None
        if isinstance(x, str):
            kind, v = jackson(x)
            if kind == "value" and isinstance(v, list) and all(isinstance(i, dict) for i in v):
                return None
            if kind == "value" and v is None:
                return Verdict(True, "is the text null", npe=True)
        return Verdict(True, f"is {what(x)}, not a list of objects")
    if t == "list" and element_type == "string":
        if isinstance(x, list):
            for i, it in enumerate(x):
                if isinstance(it, (list, dict)):
                    return Verdict(False, f"is {what(it)}, where a name belongs",
                                    reads=f"its JSON text `{java_str(json_text(it), 60)}` as that element", at=i)
            return None
        if isinstance(x, dict):
            parts = [p.strip() for p in java_str(x, 10**6).split(",")]
            return Verdict(False, "is an object, not a list", reads=f"the list {parts_text(parts)} (its text split at commas)")
        if isinstance(x, str):
            kind, v = jackson(x)
            if kind == "value" and isinstance(v, list) and not any(isinstance(i, (list, dict)) for i in v):
                return None
            if kind == "value" and v is None:
                return Verdict(True, "is the text null", npe=True)
            parts = java_split(x)
            if any(not p or any(c in p for c in "[]{}\"'") for p in parts):
                fix = as_list(x)
                return Verdict(False, "is a string, not a list", reads=f"the list {parts_text(parts)} (the string split "
                                "at commas)", fix=fix)
        return None  # a plain `"a, b"`: SeaTunnel splits it at commas as meant (and logs a recommendation)
    return None


def as_list(s: str) -> str | None:
    """`"[a, b]"` (a list written inside a string) as the HOCON list `[a, b]`, or None."""
    t = s.strip()
    if not (t.startswith("[") and t.endswith("]")) or "[" in t[1:-1] or "]" in t[1:-1]:
        return None
    items = [i.strip().strip("\"'").strip() for i in t[1:-1].split(",")]
    if not all(items):
        return None
    return "[" + ", ".join(i if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", i) else json.dumps(i, ensure_ascii=False)
                           for i in items) + "]"


def java_split(s: str) -> list[str]:
    """`s.split(",")` then `String.trim` each: Java drops trailing empty parts (but `""` gives `[""]`)."""
    parts = s.split(",")
    while len(parts) > 1 and parts[-1] == "":
        parts.pop()
    return [p.strip(JAVA_SPACE) for p in parts]


JAVA_SPACE = "".join(chr(c) for c in range(33))  # what String.trim removes


def parts_text(parts: list[str]) -> str:
    shown = ", ".join(f"`{p}`" if p else '`""`' for p in parts[:5])
    return "[" + shown + (", ..." if len(parts) > 5 else "") + "]"


def failure(conv, x: Any, type_name: str, limit: int = 80) -> str:
    """ConfigUtil.convertValue's exception text for the Jackson value `x` (`String.format(...)`)."""
    parts = (conv.get("failure") or FAILURE).split("%s")
    args = [java_str(x, limit), type_name]
    out = parts[0]
    for i, rest in enumerate(parts[1:]):
        out += (args[i] if i < len(args) else "%s") + rest
    return out


# --------------------------------------------------------------------------------------------
# option values (ReadonlyConfig.get -> ConfigUtil.convertValue), the other readers


def _java_double_text(s: str) -> float | None:
    """`Double.parseDouble(s)`: trims, accepts a trailing f/F/d/D, `NaN`, `Infinity`; or None."""
    t = s.strip(JAVA_SPACE)
    if re.fullmatch(r"[+-]?(NaN|Infinity)", t):
        return float(t.replace("Infinity", "inf").replace("NaN", "nan"))
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?", t):
        return None  # (hexadecimal floating literals are not modelled: read as not a number)
    try:
        return float(t.rstrip("fFdD"))
    except ValueError:
        return None


def judge_option(x: Any, type_: str, element_type: str | None = None,
                 enum_values: list[str] | None = None) -> Verdict | None:
    """`ReadonlyConfig.get(option)` of the Jackson value `x`: None when SeaTunnel reads it as meant.
    A null is no value (the option's default). Unlike a schema key (`judge`), a name that is no
    constant of an enum fails here, and float/double and lists of scalars are modelled too."""
    if x is None:
        return None  # ReadonlyConfig.getOptional: a null value is absent (the default applies)
    if type_ == "string":
        # a list or an object for a declared String option: connectors read some of them with
        # `toConfig().getStringList(...)` (IoTDB's node_urls), so the JSON text is not what they see
        return None
    if type_ == "enum":
        v = judge(x, type_, element_type, enum_values)
        if v is None and isinstance(x, str) and enum_values and x.upper() not in {e.upper() for e in enum_values}:
            return Verdict(True, f"is not one of {', '.join(enum_values)}")
        return v
    if type_ in ("float", "double", "decimal"):
        # convertToFloat/Double: Double.parseDouble(toString()) after the Number cases; then Jackson
        if isinstance(x, (list, dict)):
            return Verdict(True, f"is {what(x)}, not a number")
        if isinstance(x, bool) or isinstance(x, (int, float)):
            return None  # (a boolean: Jackson's coercion to a number is not modelled)
        if _java_double_text(x) is not None:
            return None
        kind, v = jackson(x)
        if kind == "value" and (isinstance(v, (int, float)) or (isinstance(v, str) and _java_double_text(v) is not None)):
            return None
        if kind == "empty" or (kind == "value" and isinstance(v, str) and not v.strip(JAVA_SPACE)):
            return None  # an empty string: Jackson's empty-string coercion, not modelled
        if kind == "value" and v is None:
            return Verdict(True, "is the text null", npe=True)
        return Verdict(True, "is not a number")
    if type_ == "list" and element_type in ("int", "long", "boolean", "enum", "float", "double"):
        if isinstance(x, dict):
            return None  # (its text split at commas: not modelled)
        items: list[Any] | None = x if isinstance(x, list) else None
        if items is None and isinstance(x, str):
            kind, v = jackson(x)
            items = v if kind == "value" and isinstance(v, list) else None
        if items is not None:
            # Jackson reads the list (a fraction truncated, a number's text a number ...); what it
            # cannot read fails the list (the split fallback converts each element the same way)
            for i, it in enumerate(items):
                e = judge_option(it, element_type, None, enum_values)
                if e is not None and e.fail:
                    return Verdict(True, f"has an element that {e.why}" if not e.npe else "has a null element",
                                   at=i if isinstance(x, list) else None)
            return None
        # a scalar: Jackson cannot read it as a list, so it is split at commas and each part goes
        # through the own conversion only (ConfigUtil.convertToList)
        for part in java_split(json_text(x)):
            if element_type in ("int", "long"):
                lo, hi = INT_RANGE[element_type]
                n = java_int(part)
                ok = n is not None and lo <= n <= hi
            elif element_type == "boolean":
                ok = part.upper() in ("TRUE", "FALSE")
            elif element_type == "enum":
                ok = not enum_values or part.upper() in {e.upper() for e in enum_values}
            else:
                ok = _java_double_text(part) is not None
            if not ok:
                return Verdict(True, f"has the part `{java_str(part, 40)}` (split at commas), which is no "
                               f"{element_type} value")
        return None
    return judge(x, type_, element_type, enum_values)


def parse_number(x: Any, type_: str) -> Verdict | None:
    """`Integer.parseInt(v.toString())` / `Long.parseLong(...)` of the Jackson map's value `x`."""
    if x is None or type_ not in INT_RANGE:
        return None
    t = java_str(x, 10**6) if not isinstance(x, str) else x
    lo, hi = INT_RANGE[type_]
    n = java_int(t)
    if n is not None and lo <= n <= hi:
        return None
    word = "an integer" if type_ == "int" else "a long integer"
    why = f"is out of the range of {word} ({lo} to {hi})" if n is not None else f"is not {word}"
    return Verdict(True, why, error=f'NumberFormatException: For input string: "{java_str(t, 60)}"')


def typesafe(x: Any, type_: str, enum_values: list[str] | None = None, enum_name: str | None = None) -> Verdict | None:
    """Typesafe Config 1.3.x `getInt`/`getLong`/`getBoolean`/`getEnum` of the HOCON value `x`."""
    if type_ in INT_RANGE:
        word = "an integer" if type_ == "int" else "a long integer"
        if isinstance(x, bool) or x is None or isinstance(x, (list, dict)):
            got = "NULL" if x is None else {bool: "BOOLEAN", list: "LIST", dict: "OBJECT"}[type(x)]
            return Verdict(True, f"is {what(x)}, not {word}",
                           error=f"ConfigException: has type {got} rather than NUMBER")
        if isinstance(x, str):
            n = java_int(x)
            f: float | None = float(n) if n is not None else _java_double_text(x)
            if f is None:
                return Verdict(True, f"is not {word}", error="ConfigException: has type STRING rather than NUMBER")
            num: Any = n if n is not None else f
        else:
            num = x
        if isinstance(num, float):
            whole = 0 if num != num else int(max(min(num, 2**63 - 1), -(2**63)))
        else:
            whole = num
        lo, hi = INT_RANGE[type_]
        if type_ == "int" and not (lo <= whole <= hi):
            return Verdict(True, f"is out of the range of {word} ({lo} to {hi})",
                           error=f"ConfigException: has type out-of-range value {java_str(x, 40)} rather than "
                                 "32-bit integer")
        if isinstance(num, float) and not num.is_integer():
            return Verdict(False, f"is not {word}", reads=f"{whole} (Typesafe Config drops the fraction)", value=whole)
        return None
    if type_ == "boolean":
        if isinstance(x, bool):
            return None
        if isinstance(x, str) and x in ("true", "yes", "on", "false", "no", "off"):
            return None
        got = "NULL" if x is None else ("STRING" if isinstance(x, str) else "NUMBER" if isinstance(x, (int, float))
                                        else "LIST" if isinstance(x, list) else "OBJECT")
        return Verdict(True, "is not true or false (Typesafe Config takes true/yes/on, false/no/off, in lower case)",
                       error=f"ConfigException: has type {got} rather than BOOLEAN")
    if type_ == "enum":
        if isinstance(x, (list, dict)) or x is None:
            return Verdict(True, f"is {what(x)}, not one of {', '.join(enum_values or [])}",
                           error="ConfigException: has type " + ("NULL" if x is None else "LIST" if isinstance(x, list)
                                                                 else "OBJECT") + " rather than STRING")
        s = json_text(x) if not isinstance(x, str) else x
        if enum_values and s not in enum_values:
            return Verdict(True, f"is not one of {', '.join(enum_values)} (Typesafe Config's getEnum matches the exact "
                           "name)", error=f"ConfigException: The enum class {enum_name or 'of the option'} has no constant "
                                          f"of the name '{java_str(s, 60)}' (should be one of [{', '.join(enum_values)}].)")
        return None
    return None


def java_class(fqn: str | None) -> str | None:
    """How Java prints the enum's Class (`class a.b.Outer$Inner`), from its dotted name."""
    if not fqn:
        return None
    parts = fqn.split(".")
    i = next((n for n, x in enumerate(parts) if x[:1].isupper()), len(parts) - 1)
    return "class " + ".".join(parts[:i]) + "." + "$".join(parts[i:])


def java_type_name(type_: str, java_type: str | None, enum_class: str | None = None) -> str:
    """`Type.getTypeName()` of an option's type, as ConfigUtil's message prints it."""
    if type_ == "enum":
        cls = java_class(enum_class)
        return cls[len("class "):] if cls else (java_type or "enum")
    jt = java_type or type_

    def q(m: re.Match) -> str:
        n = m.group(1)
        return ("java.util." if n in ("List", "Map") else "java.lang.") + n

    return re.sub(r"\s*,\s*", ", ", re.sub(r"\b(List|Map|String|Object|Boolean|Integer|Long)\b", q, jt))
