/**
 * Pure logic for finding the stlint language server: no `vscode` import, no I/O of its own.
 * Everything that touches the machine (PATH lookup, file checks, probing a command) is passed in,
 * so the resolution order is unit-testable (see src/test/serverCommand.test.ts).
 *
 * Resolution order:
 *   1. `stlint.path`         explicit stlint executable          -> <path> lsp
 *   2. `stlint.interpreter`  a Python with stlint installed      -> <python> -m stlint lsp
 *   3. `stlint` on PATH                                          -> stlint lsp
 *   4. python3 (python on Windows)                               -> python3 -m stlint lsp
 * For the interpreter-based candidates the module entry point `-m stlint.lsp` is tried too, for
 * stlint versions whose CLI does not register the `lsp` subcommand yet.
 */

export interface StlintSettings {
  /** `stlint.path`: explicit stlint executable. */
  path?: string;
  /** `stlint.interpreter`: a Python interpreter to run `-m stlint` with. */
  interpreter?: string;
  /** `stlint.args`: extra arguments for the server. */
  args?: readonly string[];
  /** `stlint.seatunnelVersion`. */
  seatunnelVersion?: string;
}

export type CandidateSource = "path" | "interpreter" | "PATH" | "python";

/** One way to start the server; `args` do not yet contain the version, user args or `--stdio`. */
export interface Candidate {
  command: string;
  args: string[];
  source: CandidateSource;
  /** Human-readable form, for logs and error messages. */
  display: string;
}

export interface ServerCommand {
  command: string;
  args: string[];
  source: CandidateSource;
  display: string;
}

export interface Environment {
  platform: NodeJS.Platform | string;
  /** Absolute path of `name` on PATH, or undefined. */
  which(name: string): string | undefined;
}

/** Expand `~` and `${env:VAR}` / `${userHome}` / `${workspaceFolder}` in a setting value. */
export function expandPath(
  value: string,
  vars: { home?: string; workspaceFolder?: string; env?: Record<string, string | undefined> } = {},
): string {
  let v = value.trim();
  if (vars.home && (v === "~" || v.startsWith("~/") || v.startsWith("~\\"))) {
    v = vars.home + v.slice(1);
  }
  v = v.replace(/\$\{(env:([A-Za-z_][A-Za-z0-9_]*)|userHome|workspaceFolder)\}/g, (m, _all, envName) => {
    if (envName !== undefined) return vars.env?.[envName] ?? "";
    if (m === "${userHome}") return vars.home ?? m;
    return vars.workspaceFolder ?? m;
  });
  return v;
}

function candidate(command: string, args: string[], source: CandidateSource): Candidate {
  const quote = (s: string) => (/[\s"']/.test(s) ? JSON.stringify(s) : s);
  return { command, args, source, display: [command, ...args].map(quote).join(" ") };
}

function pythonCandidates(python: string, source: CandidateSource): Candidate[] {
  return [candidate(python, ["-m", "stlint", "lsp"], source), candidate(python, ["-m", "stlint.lsp"], source)];
}

/**
 * The ordered list of ways to start the server. An explicit `stlint.path` or `stlint.interpreter`
 * is the only candidate family considered: a wrong explicit setting must be reported, not
 * silently replaced by another stlint.
 */
export function serverCandidates(settings: StlintSettings, env: Environment): Candidate[] {
  const path = settings.path?.trim();
  if (path) return [candidate(path, ["lsp"], "path")];
  const interpreter = settings.interpreter?.trim();
  if (interpreter) return pythonCandidates(interpreter, "interpreter");
  const out: Candidate[] = [];
  const onPath = env.which(env.platform === "win32" ? "stlint.exe" : "stlint") ?? env.which("stlint");
  if (onPath) out.push(candidate(onPath, ["lsp"], "PATH"));
  const py = env.platform === "win32" ? ["python", "py"] : ["python3", "python"];
  for (const name of py) {
    const found = env.which(name);
    if (found) {
      out.push(...pythonCandidates(found, "python"));
      break;
    }
  }
  return out;
}

/** What probing a candidate (`<command> <args> --help`) told us. */
export interface ProbeResult {
  ok: boolean;
  /** Combined stdout+stderr of the probe (used to detect supported options). */
  output: string;
  /** Why it failed (spawn error, exit code), for the error message. */
  error?: string;
}

/** Arguments that start the server from a probed candidate. */
export function serverArgs(c: Candidate, settings: StlintSettings, helpText = ""): string[] {
  const args = [...c.args];
  const version = settings.seatunnelVersion?.trim();
  // Pass --seatunnel-version only to servers that know it (their --help mentions it); the version
  // also travels in initializationOptions, so an older server still gets it.
  if (version && (helpText === "" || helpText.includes("--seatunnel-version"))) {
    args.push("--seatunnel-version", version);
  }
  for (const a of settings.args ?? []) if (a !== "--stdio") args.push(a);
  args.push("--stdio");
  return args;
}

export function initializationOptions(settings: StlintSettings): { seatunnelVersion?: string } {
  const v = settings.seatunnelVersion?.trim();
  return v ? { seatunnelVersion: v } : {};
}

export type Resolution =
  | { ok: true; server: ServerCommand; tried: { candidate: Candidate; result: ProbeResult }[] }
  | { ok: false; tried: { candidate: Candidate; result: ProbeResult }[]; message: string };

/**
 * Probe candidates in order and return the first that works.
 * `probe` runs `<command> <args> --help` and reports whether it exited 0.
 */
export async function resolveServer(
  settings: StlintSettings,
  env: Environment,
  probe: (c: Candidate) => Promise<ProbeResult> | ProbeResult,
): Promise<Resolution> {
  const tried: { candidate: Candidate; result: ProbeResult }[] = [];
  for (const c of serverCandidates(settings, env)) {
    const result = await probe(c);
    tried.push({ candidate: c, result });
    if (result.ok) {
      return {
        ok: true,
        server: { command: c.command, args: serverArgs(c, settings, result.output), source: c.source, display: c.display },
        tried,
      };
    }
  }
  return { ok: false, tried, message: notFoundMessage(settings, tried) };
}

/** The notification shown when no candidate works. */
export function notFoundMessage(
  settings: StlintSettings,
  tried: { candidate: Candidate; result: ProbeResult }[],
): string {
  if (settings.path?.trim()) {
    return (
      `stlint: the language server could not be started with "stlint.path" = ${settings.path.trim()}` +
      ` (${tried[0]?.result.error ?? "failed"}). Install stlint with "pip install stlint" and point ` +
      `"stlint.path" at its executable, or clear the setting to use stlint from PATH.`
    );
  }
  if (settings.interpreter?.trim()) {
    return (
      `stlint: ${settings.interpreter.trim()} cannot run "-m stlint lsp". Install stlint into that ` +
      `interpreter (${settings.interpreter.trim()} -m pip install stlint) or change "stlint.interpreter".`
    );
  }
  const what = tried.length ? ` (tried: ${tried.map((t) => t.candidate.display).join("; ")})` : "";
  return (
    `stlint is not installed or has no language server${what}. ` +
    `Install it with "pip install stlint", or set "stlint.path" to the stlint executable ` +
    `(or "stlint.interpreter" to a Python that has it).`
  );
}
