import { strict as assert } from "node:assert";
import { test } from "node:test";
import {
  Candidate,
  Environment,
  expandPath,
  initializationOptions,
  notFoundMessage,
  ProbeResult,
  resolveServer,
  serverArgs,
  serverCandidates,
} from "../serverCommand";

function env(onPath: Record<string, string>, platform = "linux"): Environment {
  return { platform, which: (n) => onPath[n] };
}
const LINUX = env({ stlint: "/usr/bin/stlint", python3: "/usr/bin/python3" });
const argv = (c: Candidate) => [c.command, ...c.args];

test("explicit stlint.path wins and is the only candidate", () => {
  const cs = serverCandidates({ path: "/opt/st/bin/stlint", interpreter: "/usr/bin/python3.12" }, LINUX);
  assert.deepEqual(cs.map(argv), [["/opt/st/bin/stlint", "lsp"]]);
  assert.equal(cs[0].source, "path");
});

test("stlint.interpreter runs -m stlint lsp, then -m stlint.lsp", () => {
  const cs = serverCandidates({ interpreter: "/venv/bin/python" }, LINUX);
  assert.deepEqual(cs.map(argv), [
    ["/venv/bin/python", "-m", "stlint", "lsp"],
    ["/venv/bin/python", "-m", "stlint.lsp"],
  ]);
  assert.ok(cs.every((c) => c.source === "interpreter"));
});

test("blank settings are ignored (whitespace only)", () => {
  const cs = serverCandidates({ path: "  ", interpreter: "" }, LINUX);
  assert.equal(cs[0].source, "PATH");
});

test("default order: stlint on PATH, then python3 -m stlint", () => {
  const cs = serverCandidates({}, LINUX);
  assert.deepEqual(cs.map(argv), [
    ["/usr/bin/stlint", "lsp"],
    ["/usr/bin/python3", "-m", "stlint", "lsp"],
    ["/usr/bin/python3", "-m", "stlint.lsp"],
  ]);
});

test("no stlint on PATH: python3, else python", () => {
  assert.deepEqual(serverCandidates({}, env({ python3: "/p3" })).map(argv)[0], ["/p3", "-m", "stlint", "lsp"]);
  assert.deepEqual(serverCandidates({}, env({ python: "/p" })).map(argv)[0], ["/p", "-m", "stlint", "lsp"]);
  assert.deepEqual(serverCandidates({}, env({})), []);
});

test("windows looks for stlint.exe and python", () => {
  const cs = serverCandidates({}, env({ "stlint.exe": "C:\\S\\stlint.exe", python: "C:\\P\\python.exe" }, "win32"));
  assert.deepEqual(cs.map((c) => c.command), ["C:\\S\\stlint.exe", "C:\\P\\python.exe", "C:\\P\\python.exe"]);
});

test("serverArgs: version, user args, then --stdio last", () => {
  const c = serverCandidates({}, LINUX)[0];
  assert.deepEqual(serverArgs(c, { seatunnelVersion: "2.3.9", args: ["--log-level", "debug"] }), [
    "lsp", "--seatunnel-version", "2.3.9", "--log-level", "debug", "--stdio",
  ]);
  assert.deepEqual(serverArgs(c, {}), ["lsp", "--stdio"]);
  // --stdio from the user is not duplicated
  assert.deepEqual(serverArgs(c, { args: ["--stdio"] }), ["lsp", "--stdio"]);
});

test("serverArgs: --seatunnel-version only if the server's --help knows it", () => {
  const c = serverCandidates({}, LINUX)[0];
  assert.deepEqual(serverArgs(c, { seatunnelVersion: "2.3.9" }, "usage: stlint lsp [--stdio]"), ["lsp", "--stdio"]);
  assert.deepEqual(serverArgs(c, { seatunnelVersion: "2.3.9" }, "usage: stlint lsp [--seatunnel-version V] [--stdio]"),
    ["lsp", "--seatunnel-version", "2.3.9", "--stdio"]);
});

test("initializationOptions carries seatunnelVersion", () => {
  assert.deepEqual(initializationOptions({ seatunnelVersion: " 2.3.10 " }), { seatunnelVersion: "2.3.10" });
  assert.deepEqual(initializationOptions({}), {});
});

test("resolveServer picks the first candidate whose probe succeeds", async () => {
  const seen: string[] = [];
  const probe = (c: Candidate): ProbeResult => {
    seen.push(argv(c).join(" "));
    // the CLI has no `lsp` subcommand yet, the module entry point works
    return c.args.includes("stlint.lsp") ? { ok: true, output: "" } : { ok: false, output: "", error: "exit code 2" };
  };
  const r = await resolveServer({ seatunnelVersion: "2.3.8" }, LINUX, probe);
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.deepEqual([r.server.command, ...r.server.args],
    ["/usr/bin/python3", "-m", "stlint.lsp", "--seatunnel-version", "2.3.8", "--stdio"]);
  assert.deepEqual(seen, ["/usr/bin/stlint lsp", "/usr/bin/python3 -m stlint lsp", "/usr/bin/python3 -m stlint.lsp"]);
});

test("resolveServer failure explains how to install", async () => {
  const r = await resolveServer({}, LINUX, () => ({ ok: false, output: "", error: "not found" }));
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.match(r.message, /pip install stlint/);
  assert.match(r.message, /stlint\.path/);
  assert.equal(r.tried.length, 3);
});

test("failure with an explicit path names the setting", () => {
  const c = serverCandidates({ path: "/nope/stlint" }, LINUX)[0];
  const msg = notFoundMessage({ path: "/nope/stlint" }, [{ candidate: c, result: { ok: false, output: "", error: "not found" } }]);
  assert.match(msg, /"stlint\.path" = \/nope\/stlint \(not found\)/);
  const msg2 = notFoundMessage({ interpreter: "/venv/bin/python" }, []);
  assert.match(msg2, /\/venv\/bin\/python -m pip install stlint/);
});

test("expandPath: ~, ${userHome}, ${env:X}, ${workspaceFolder}", () => {
  const vars = { home: "/home/u", workspaceFolder: "/ws", env: { VENV: "/v" } };
  assert.equal(expandPath("~/.venv/bin/stlint", vars), "/home/u/.venv/bin/stlint");
  assert.equal(expandPath("${userHome}/x", vars), "/home/u/x");
  assert.equal(expandPath("${env:VENV}/bin/python", vars), "/v/bin/python");
  assert.equal(expandPath("${workspaceFolder}/.venv/bin/python", vars), "/ws/.venv/bin/python");
  assert.equal(expandPath(" stlint ", vars), "stlint");
});
