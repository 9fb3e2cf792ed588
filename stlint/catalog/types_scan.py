"""Mechanical scan of the type names SeaTunnel's schema parser accepts in one release.

Called by `stlint catalog build` (one hook in `extract.CatalogBuilder.build`); it adds a `types`
entry to the catalog JSON, read by `stlint.rowtypes`. Source:
`SeaTunnelDataTypeConvertorUtil.deserializeSeaTunnelDataType` (seatunnel-api), which
`ReadonlyConfigParser` calls for every `schema.fields` value and `schema.columns[].type`:

* `compatibleTypeDeclare`: the legacy aliases (`case "LONG": return "BIGINT";`);
* `SqlType.valueOf(name.toUpperCase().replace(" ", ""))`: the `SqlType` enum constants;
* the `case X:` labels of `deserializeSeaTunnelDataType`'s switch: the constants that map to a
  type (the others reach `default: throw CommonError.unsupportedDataType(...)`);
* `parseComplexDataType`: the prefixes (`SqlType.MAP.name()` ...) and `{` for a row;
* `parseArrayType`: the element types an array may hold;
* the message of `CommonErrorCode.UNSUPPORTED_DATA_TYPE` and the decimal message, with file:line.

Only names, constants and messages are extracted (facts), never code.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["scan_types"]

CONVERTOR = "org.apache.seatunnel.api.table.catalog.SeaTunnelDataTypeConvertorUtil"
SQLTYPE = "org.apache.seatunnel.api.table.type.SqlType"
ERRCODE = "org.apache.seatunnel.common.exception.CommonErrorCode"


def _method_body(text: str, name: str) -> tuple[str, int] | None:
    """(body text, offset of the body) of the first method called `name` (brace matching)."""
    m = re.search(r"\b" + re.escape(name) + r"\s*\([^)]*\)\s*(?:throws[^{]*)?\{", text)
    if not m:
        return None
    i = m.end()
    depth = 1
    j = i
    while j < len(text) and depth:
        c = text[j]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == '"':
            j += 1
            while j < len(text) and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
        j += 1
    return text[i:j - 1], i


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _rel(path: str) -> str:
    p = path.replace("\\", "/")
    for root in ("seatunnel-api/", "seatunnel-common/"):
        if root in p:
            return p[p.index(root):]
    return p.rsplit("/", 1)[-1]


def scan_types(index: Any) -> dict[str, Any] | None:
    """The `types` catalog entry, or None when the release has no such parser."""
    conv = index.top.get(CONVERTOR)
    sqlt = index.top.get(SQLTYPE)
    if not conv or not sqlt:
        return None
    st = index.read(sqlt)
    em = re.search(r"enum\s+SqlType\s*\{([^;}]*)", st)
    if not em:
        return None
    sql_types = [c for c in re.findall(r"\b([A-Z][A-Z0-9_]*)\b", em.group(1))]
    text = index.read(conv)
    out: dict[str, Any] = {"sql_types": sql_types}
    b = _method_body(text, "compatibleTypeDeclare")
    aliases: dict[str, str] = {}
    if b:
        for a, t in re.findall(r'case\s+"([A-Z_]+)"\s*:\s*return\s+"([A-Z_]+)"', b[0]):
            aliases[a] = t
    out["aliases"] = aliases
    b = _method_body(text, "deserializeSeaTunnelDataType")
    if b is None:
        return None
    body, at = b
    out["simple"] = [c for c in re.findall(r"case\s+([A-Z][A-Z0-9_]*)\s*:", body) if c in sql_types]
    m = re.search(r"CommonError\.unsupportedDataType", body)
    where = {"parser": f"{_rel(conv)}:{_line(text, at)}"}
    if m:
        where["unsupported"] = f"{_rel(conv)}:{_line(text, at + m.start())}"
    b = _method_body(text, "parseComplexDataType")
    complex_: list[str] = []
    if b:
        complex_ = re.findall(r"startsWith\(\s*SqlType\.([A-Z_]+)\.name\(\)\s*\)", b[0])
        if 'startsWith("{")' in b[0].replace(" ", ""):
            complex_.append("ROW")
        m = re.search(r"CommonError\.unsupportedDataType", b[0])
        if m:
            where["unsupported_complex"] = f"{_rel(conv)}:{_line(text, b[1] + m.start())}"
    out["complex"] = complex_
    b = _method_body(text, "parseArrayType")
    out["array_elements"] = re.findall(r"case\s+([A-Z][A-Z0-9_]*)\s*:", b[0]) if b else []
    b = _method_body(text, "parseDecimalType")
    if b:
        m = re.search(r'new\s+RuntimeException\(\s*"([^"]*)"', b[0])
        if m:
            out["decimal_message"] = m.group(1)
            where["decimal"] = f"{_rel(conv)}:{_line(text, b[1] + m.start())}"
    ec = index.top.get(ERRCODE)
    if ec:
        et = index.read(ec)
        m = re.search(r'UNSUPPORTED_DATA_TYPE\s*\(\s*"([^"]+)"\s*,\s*"([^"]+)"', et)
        if m:
            out["unsupported_message"] = m.group(2)
            out["unsupported_code"] = m.group(1)
            where["message"] = f"{_rel(ec)}:{_line(et, m.start())}"
    out["where"] = where
    return out
