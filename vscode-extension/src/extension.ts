import * as cp from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";
import {
  Candidate,
  Environment,
  expandPath,
  initializationOptions,
  ProbeResult,
  resolveServer,
  StlintSettings,
} from "./serverCommand";
import { registerPipeline } from "./pipeline";
import { statusText, VERSION_REQUEST, VersionInfo, versionPicks } from "./versionStatus";

const LANGUAGE_ID = "seatunnel-hocon";
const RESTART_KEYS = ["stlint.path", "stlint.interpreter", "stlint.args", "stlint.seatunnelVersion"];

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let starting: Promise<void> | undefined;
let statusItem: vscode.StatusBarItem;
let lastInfo: VersionInfo | undefined;

/** The active file's catalog version (asked from the server) in the status bar. */
async function updateStatus(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const doc = editor?.document;
  if (!client || !doc || doc.languageId !== LANGUAGE_ID) {
    statusItem.hide();
    return;
  }
  try {
    const info = await client.sendRequest<VersionInfo | null>(VERSION_REQUEST, { uri: doc.uri.toString() });
    if (!info) {
      statusItem.hide();
      return;
    }
    lastInfo = info;
    const { text, tooltip } = statusText(info);
    statusItem.text = text;
    statusItem.tooltip = tooltip;
    statusItem.show();
  } catch (e) {
    output.appendLine(`[stlint] ${VERSION_REQUEST}: ${String(e)}`);
  }
}

/** Quick pick of the available catalogs; writes `stlint.seatunnelVersion` (the server restarts). */
async function pickVersion(): Promise<void> {
  if (!lastInfo) await updateStatus();
  const info = lastInfo;
  if (!info) {
    void vscode.window.showInformationMessage("stlint: open a SeaTunnel job to pick its SeaTunnel version.");
    return;
  }
  const cfg = vscode.workspace.getConfiguration("stlint");
  const picked = await vscode.window.showQuickPick(versionPicks(info, cfg.get<string>("seatunnelVersion", "")), {
    title: "SeaTunnel version stlint checks against",
    placeHolder: `active: ${info.version}`,
  });
  if (!picked) return;
  const target = vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  await cfg.update("seatunnelVersion", picked.value === "" ? undefined : picked.value, target);
}

function readSettings(): StlintSettings {
  const cfg = vscode.workspace.getConfiguration("stlint");
  const ws = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const vars = { home: os.homedir(), workspaceFolder: ws, env: process.env };
  return {
    path: expandPath(cfg.get<string>("path", ""), vars),
    interpreter: expandPath(cfg.get<string>("interpreter", ""), vars),
    args: cfg.get<string[]>("args", []),
    seatunnelVersion: cfg.get<string>("seatunnelVersion", ""),
  };
}

function which(name: string): string | undefined {
  const exts = process.platform === "win32" ? (process.env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";") : [""];
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const p = path.join(dir, name + ext);
      try {
        fs.accessSync(p, fs.constants.X_OK);
        if (fs.statSync(p).isFile()) return p;
      } catch {
        /* not here */
      }
    }
  }
  return undefined;
}

function probe(c: Candidate): Promise<ProbeResult> {
  return new Promise((resolve) => {
    cp.execFile(
      c.command,
      [...c.args, "--help"],
      { timeout: 15000, windowsHide: true, maxBuffer: 1 << 20 },
      (err, stdout, stderr) => {
        const out = `${stdout ?? ""}${stderr ?? ""}`;
        if (!err) return resolve({ ok: true, output: out });
        const e = err as NodeJS.ErrnoException & { code?: string | number };
        const why =
          e.code === "ENOENT" ? "not found" : e.code === "EACCES" ? "not executable" :
          typeof e.code === "number" ? `exit code ${e.code}: ${out.trim().split("\n").pop() ?? ""}` : e.message;
        resolve({ ok: false, output: out, error: why });
      },
    );
  });
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const settings = readSettings();
  const env: Environment = { platform: process.platform, which };
  output.appendLine(`[stlint] resolving the language server (settings: ${JSON.stringify(settings)})`);
  const res = await resolveServer(settings, env, probe);
  for (const t of res.tried) {
    output.appendLine(`[stlint]   ${t.candidate.display} --help: ${t.result.ok ? "ok" : t.result.error}`);
  }
  if (!res.ok) {
    output.appendLine(`[stlint] ${res.message}`);
    // Not awaited: activation must not wait for the user to dismiss the notification.
    void vscode.window.showErrorMessage(res.message, "Open Settings", "Show Output").then((choice) => {
      if (choice === "Open Settings") {
        void vscode.commands.executeCommand("workbench.action.openSettings", "stlint.");
      } else if (choice === "Show Output") {
        output.show(true);
      }
    });
    return;
  }
  const { command, args } = res.server;
  output.appendLine(`[stlint] starting: ${[command, ...args].join(" ")}`);
  const serverOptions: ServerOptions = {
    run: { command, args },
    debug: { command, args },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: LANGUAGE_ID },
      { scheme: "untitled", language: LANGUAGE_ID },
    ],
    outputChannel: output,
    traceOutputChannel: output,
    initializationOptions: initializationOptions(settings),
    synchronize: { configurationSection: "stlint" },
  };
  // The id "stlint" makes vscode-languageclient honour the `stlint.trace.server` setting.
  client = new LanguageClient("stlint", "stlint", serverOptions, clientOptions);
  try {
    await client.start();
    output.appendLine("[stlint] language server running");
    void updateStatus();
  } catch (e) {
    const msg = `stlint: the language server failed to start (${[command, ...args].join(" ")}): ${String(e)}`;
    output.appendLine(msg);
    void vscode.window.showErrorMessage(msg, "Show Output").then((c) => c && output.show(true));
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  lastInfo = undefined;
  if (c) {
    try {
      await c.stop();
    } catch (e) {
      output.appendLine(`[stlint] stopping the server: ${String(e)}`);
    }
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  if (starting) await starting;
  starting = (async () => {
    await stopClient();
    await startClient(context);
  })();
  try {
    await starting;
  } finally {
    starting = undefined;
  }
}

let statusTimer: NodeJS.Timeout | undefined;
function scheduleStatus(): void {
  if (statusTimer) clearTimeout(statusTimer);
  statusTimer = setTimeout(() => {
    statusTimer = undefined;
    void updateStatus();
  }, 300);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("stlint", { log: true });
  statusItem = vscode.window.createStatusBarItem("stlint.seatunnelVersion", vscode.StatusBarAlignment.Right, 100);
  statusItem.name = "stlint: SeaTunnel version";
  statusItem.command = "stlint.pickSeatunnelVersion";
  context.subscriptions.push(
    output,
    statusItem,
    vscode.commands.registerCommand("stlint.pickSeatunnelVersion", () => pickVersion()),
    vscode.window.onDidChangeActiveTextEditor(() => void updateStatus()),
    // the file's own `# stlint: seatunnel-version=` comment may change while typing
    vscode.workspace.onDidSaveTextDocument((d) => d === vscode.window.activeTextEditor?.document && void updateStatus()),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document &&
          e.contentChanges.some((c) => c.text.includes("seatunnel-version") || c.rangeLength > 0 || c.text.includes("\n"))) {
        scheduleStatus();
      }
    }),
    vscode.commands.registerCommand("stlint.restartServer", () => restart(context)),
    vscode.commands.registerCommand("stlint.showOutput", () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (RESTART_KEYS.some((k) => e.affectsConfiguration(k))) {
        output.appendLine("[stlint] settings changed, restarting the server");
        void restart(context);
      }
    }),
    { dispose: () => void stopClient() },
  );
  registerPipeline(context, () => client, LANGUAGE_ID); // "SeaTunnel: Show Pipeline" + code lens (pipeline.ts)
  await restart(context);
}

export function deactivate(): Thenable<void> | undefined {
  return stopClient();
}
