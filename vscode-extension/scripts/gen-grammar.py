#!/usr/bin/env python3
"""Generates syntaxes/hocon.tmLanguage.json (run from vscode-extension/: python3 scripts/gen-grammar.py).
The regexes are built from shared pieces here so that keys, values and unquoted strings agree."""
import json
# characters that end an unquoted HOCON token (Typesafe's "forbidden" set) plus whitespace
FORB = r'\s"$\{\}\[\]:=,+#`^?!@*&\\'
UNQ = rf'(?:[^{FORB}/]|/(?!/))'
QSTR = r'"(?:[^"\\]|\\.)*"'
KEY = rf'(?:{QSTR}|{UNQ})+'
g = {
  "$schema": "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
  "name": "SeaTunnel HOCON",
  "scopeName": "source.hocon",
  "fileTypes": ["conf", "hocon", "conf.template"],
  "patterns": [{"include": "#value-or-member"}],
  "repository": {
    "value-or-member": {"patterns": [
      {"include": "#comment"},
      {"include": "#include"},
      {"include": "#section-key"},
      {"include": "#key"},
      {"include": "#triple-string"},
      {"include": "#string"},
      {"include": "#substitution"},
      {"include": "#number"},
      {"include": "#constant"},
      {"include": "#punctuation"},
      {"include": "#unquoted"},
    ]},
    "comment": {"patterns": [
      {"name": "comment.line.number-sign.hocon", "match": r"(#).*$",
       "captures": {"1": {"name": "punctuation.definition.comment.hocon"}}},
      {"name": "comment.line.double-slash.hocon", "match": r"(//).*$",
       "captures": {"1": {"name": "punctuation.definition.comment.hocon"}}},
    ]},
    "include": {"patterns": [
      {"match": r"(?:^|(?<=[{,]))\s*(include)\b(?=\s*(?:\"|(?:required|file|url|classpath)\s*\())",
       "captures": {"1": {"name": "keyword.control.import.hocon"}}},
      {"match": r"\b(required|file|url|classpath)(\()",
       "captures": {"1": {"name": "support.function.include.hocon"},
                    "2": {"name": "punctuation.section.parens.begin.hocon"}}},
    ]},
    # a key whose value is an object: `Jdbc {`, `env {`, `a.b = {`
    "section-key": {
      "match": rf"(?:^|(?<=[{{,\[]))\s*({KEY})(?=\s*(?:\{{|(?:=|:)\s*\{{))",
      "captures": {"1": {"name": "entity.name.type.section.hocon"}},
    },
    "key": {
      "match": rf"(?:^|(?<=[{{,]))\s*({KEY})\s*(\+=|=|:)",
      "captures": {"1": {"name": "support.type.property-name.hocon"},
                   "2": {"name": "keyword.operator.assignment.hocon"}},
    },
    "triple-string": {
      "name": "string.quoted.triple.hocon",
      "begin": '"""', "end": '"""(?!")',
      "beginCaptures": {"0": {"name": "punctuation.definition.string.begin.hocon"}},
      "endCaptures": {"0": {"name": "punctuation.definition.string.end.hocon"}},
      "patterns": [{"include": "#placeholder"}],
    },
    "string": {
      "name": "string.quoted.double.hocon",
      "begin": '"', "end": r'"|$',
      "beginCaptures": {"0": {"name": "punctuation.definition.string.begin.hocon"}},
      "endCaptures": {"0": {"name": "punctuation.definition.string.end.hocon"}},
      "patterns": [
        {"name": "constant.character.escape.hocon", "match": r'\\(?:["\\/bfnrt]|u[0-9A-Fa-f]{4})'},
        {"name": "invalid.illegal.escape.hocon", "match": r"\\."},
        {"include": "#placeholder"},
      ],
    },
    # SeaTunnel variable placeholders inside strings: "${VAR}", "${VAR:default}"
    "placeholder": {
      "name": "meta.placeholder.hocon",
      "match": r"(\$\{)([A-Za-z_][A-Za-z0-9_.\-]*)(?:(:)([^}\"]*))?(\})",
      "captures": {
        "1": {"name": "punctuation.definition.template-expression.begin.hocon"},
        "2": {"name": "variable.other.placeholder.hocon"},
        "3": {"name": "punctuation.separator.default.hocon"},
        "4": {"name": "constant.other.placeholder-default.hocon"},
        "5": {"name": "punctuation.definition.template-expression.end.hocon"},
      },
    },
    # HOCON substitutions outside strings: ${path}, ${?path}
    "substitution": {
      "name": "meta.substitution.hocon",
      "match": r"(\$\{)(\?)?\s*([^}\s:]*)(?:(:)([^}]*))?\s*(\})",
      "captures": {
        "1": {"name": "punctuation.definition.template-expression.begin.hocon"},
        "2": {"name": "keyword.operator.optional.hocon"},
        "3": {"name": "variable.other.substitution.hocon"},
        "4": {"name": "punctuation.separator.default.hocon"},
        "5": {"name": "constant.other.placeholder-default.hocon"},
        "6": {"name": "punctuation.definition.template-expression.end.hocon"},
      },
    },
    "number": {
      "name": "constant.numeric.hocon",
      "match": r"(?<![^\s\[\]{},:=])-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?(?=$|[\s\[\]{},#]|//)",
    },
    "constant": {"patterns": [
      {"name": "constant.language.boolean.hocon",
       "match": r"(?<![^\s\[\]{},:=])(?:true|false)(?=$|[\s\[\]{},#]|//)"},
      {"name": "constant.language.null.hocon",
       "match": r"(?<![^\s\[\]{},:=])null(?=$|[\s\[\]{},#]|//)"},
    ]},
    "punctuation": {"patterns": [
      {"name": "punctuation.section.braces.begin.hocon", "match": r"\{"},
      {"name": "punctuation.section.braces.end.hocon", "match": r"\}"},
      {"name": "punctuation.section.brackets.begin.hocon", "match": r"\["},
      {"name": "punctuation.section.brackets.end.hocon", "match": r"\]"},
      {"name": "punctuation.separator.comma.hocon", "match": ","},
      {"name": "punctuation.section.parens.end.hocon", "match": r"\)"},
      {"name": "keyword.operator.assignment.hocon", "match": r"\+=|=|:"},
    ]},
    "unquoted": {"name": "string.unquoted.hocon", "match": rf"{UNQ}+"},
  },
}
json.dump(g, open("syntaxes/hocon.tmLanguage.json", "w"), indent=2)
