// Tokenizes HOCON snippets with the real TextMate engine VS Code uses (vscode-textmate +
// vscode-oniguruma) and checks the scopes of the interesting tokens.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { before, test } from "node:test";
import * as oniguruma from "vscode-oniguruma";
import * as vsctm from "vscode-textmate";

const ROOT = path.resolve(__dirname, "..", "..");
let grammar: vsctm.IGrammar;

before(async () => {
  const wasm = fs.readFileSync(path.join(ROOT, "node_modules", "vscode-oniguruma", "release", "onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => {
      if (scope !== "source.hocon") return null;
      const p = path.join(ROOT, "syntaxes", "hocon.tmLanguage.json");
      return vsctm.parseRawGrammar(fs.readFileSync(p, "utf8"), p);
    },
  });
  const g = await registry.loadGrammar("source.hocon");
  assert.ok(g);
  grammar = g;
});

/** [text, innermost scope] for every token of the document. */
function tokenize(src: string): [string, string[]][] {
  let stack = vsctm.INITIAL;
  const out: [string, string[]][] = [];
  for (const line of src.split("\n")) {
    const r = grammar.tokenizeLine(line, stack);
    for (const t of r.tokens) {
      const text = line.slice(t.startIndex, t.endIndex);
      if (text.trim()) out.push([text, t.scopes]);
    }
    stack = r.ruleStack;
  }
  return out;
}

function scopeOf(src: string, text: string, nth = 0): string {
  const hits = tokenize(src).filter(([t]) => t === text);
  assert.ok(hits[nth], `no token ${JSON.stringify(text)} in ${JSON.stringify(tokenize(src).map(([t]) => t))}`);
  return hits[nth][1][hits[nth][1].length - 1];
}

const JOB = `# A job
env {
  job.mode = "BATCH"
  parallelism = 2
  checkpoint.interval: 10000
}
source {
  Jdbc {
    url = "jdbc:mysql://db:3306/x"   // comment
    password = "\${MYSQL_PASSWORD}"
    fetch_size = "\${ROWS:100}"
    query = """select *
      from t"""
    enabled = true
    partition_column = null
    tags = [a, "b", 1.5, -3e2]
    plugin_output = \${?OUT}
    mode += BATCH_2
  }
}
include "common.conf"
include required(file("/etc/x.conf"))
`;

test("comments: # and //", () => {
  assert.equal(scopeOf(JOB, " A job"), "comment.line.number-sign.hocon");
  assert.equal(scopeOf(JOB, "#"), "punctuation.definition.comment.hocon");
  assert.equal(scopeOf(JOB, " comment"), "comment.line.double-slash.hocon");
  // `//` inside a quoted string is not a comment
  assert.equal(scopeOf(JOB, "jdbc:mysql://db:3306/x"), "string.quoted.double.hocon");
});

test("keys, including dotted and section keys", () => {
  assert.equal(scopeOf(JOB, "job.mode"), "support.type.property-name.hocon");
  assert.equal(scopeOf(JOB, "parallelism"), "support.type.property-name.hocon");
  assert.equal(scopeOf(JOB, "checkpoint.interval"), "support.type.property-name.hocon");
  assert.equal(scopeOf(JOB, "url"), "support.type.property-name.hocon");
  assert.equal(scopeOf(JOB, "env"), "entity.name.type.section.hocon");
  assert.equal(scopeOf(JOB, "Jdbc"), "entity.name.type.section.hocon");
  assert.equal(scopeOf(JOB, "+="), "keyword.operator.assignment.hocon");
});

test("strings and triple-quoted strings", () => {
  assert.equal(scopeOf(JOB, "BATCH"), "string.quoted.double.hocon");
  assert.equal(scopeOf(JOB, "jdbc:mysql://db:3306/x"), "string.quoted.double.hocon");
  assert.equal(scopeOf(JOB, "select *"), "string.quoted.triple.hocon");
  assert.equal(scopeOf(JOB, "      from t"), "string.quoted.triple.hocon");
  assert.equal(scopeOf(JOB, "a"), "string.unquoted.hocon");
  assert.equal(scopeOf(JOB, "BATCH_2"), "string.unquoted.hocon");
});

test("placeholders inside strings: ${VAR} and ${VAR:default}", () => {
  assert.equal(scopeOf(JOB, "MYSQL_PASSWORD"), "variable.other.placeholder.hocon");
  assert.equal(scopeOf(JOB, "ROWS"), "variable.other.placeholder.hocon");
  assert.equal(scopeOf(JOB, "100"), "constant.other.placeholder-default.hocon");
});

test("substitutions: ${?path}", () => {
  assert.equal(scopeOf(JOB, "?"), "keyword.operator.optional.hocon");
  assert.equal(scopeOf(JOB, "OUT"), "variable.other.substitution.hocon");
  assert.equal(scopeOf("a = ${b.c}", "b.c"), "variable.other.substitution.hocon");
});

test("numbers, booleans, null", () => {
  assert.equal(scopeOf(JOB, "2"), "constant.numeric.hocon");
  assert.equal(scopeOf(JOB, "10000"), "constant.numeric.hocon");
  assert.equal(scopeOf(JOB, "1.5"), "constant.numeric.hocon");
  assert.equal(scopeOf(JOB, "-3e2"), "constant.numeric.hocon");
  assert.equal(scopeOf(JOB, "true"), "constant.language.boolean.hocon");
  assert.equal(scopeOf(JOB, "null"), "constant.language.null.hocon");
  // a version or a duration is an unquoted string, not a number
  assert.equal(scopeOf("v = 2.3.9-dev", "2.3.9-dev"), "string.unquoted.hocon");
  assert.equal(scopeOf("t = 10s", "10s"), "string.unquoted.hocon");
  assert.equal(scopeOf("t = trueish", "trueish"), "string.unquoted.hocon");
});

test("include", () => {
  assert.equal(scopeOf(JOB, "include", 0), "keyword.control.import.hocon");
  assert.equal(scopeOf(JOB, "include", 1), "keyword.control.import.hocon");
  assert.equal(scopeOf(JOB, "required"), "support.function.include.hocon");
  assert.equal(scopeOf(JOB, "file"), "support.function.include.hocon");
  // `include` as an ordinary key stays a key
  assert.equal(scopeOf("include = 1", "include"), "support.type.property-name.hocon");
});

test("several members on one line", () => {
  const src = "a { b = 1, c = x }";
  assert.equal(scopeOf(src, "a"), "entity.name.type.section.hocon");
  assert.equal(scopeOf(src, "b"), "support.type.property-name.hocon");
  assert.equal(scopeOf(src, "c"), "support.type.property-name.hocon");
  assert.equal(scopeOf(src, "x"), "string.unquoted.hocon");
});

test("quoted keys", () => {
  assert.equal(scopeOf('"a.b" = 1', '"a.b"'), "support.type.property-name.hocon");
});

test("an unterminated string ends at the end of the line", () => {
  const toks = tokenize('a = "oops\nb = 1');
  assert.deepEqual(toks.find(([t]) => t === "b")?.[1].slice(-1), ["support.type.property-name.hocon"]);
});
