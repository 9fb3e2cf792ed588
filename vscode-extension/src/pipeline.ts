// "SeaTunnel: Show Pipeline": a side panel with the job's plugin graph, drawn by the language
// server (custom request `stlint/pipeline`, see stlint/lsp/pipeline.py), updated as you type.
// Clicking a node moves the cursor to that plugin. Works offline: the panel loads nothing (strict
// CSP, no remote resources); the SVG comes from the server and carries no script.
import * as crypto from "crypto";
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";

export const SHOW_PIPELINE = "stlint.showPipeline";
const METHOD = "stlint/pipeline";
const DEBOUNCE_MS = 300;

interface PipelineNode {
  id: string;
  kind: string;
  plugin: string;
  line: number; // 0-based LSP position of the plugin's name
  character: number;
  status: string;
}

interface PipelineAnswer {
  uri: string;
  version: number | null;
  isJob: boolean;
  svg: string | null;
  nodes: PipelineNode[];
}

// a line opening the source section: `source {`, `source = {`, `source: [`
const SOURCE_LINE = /^\s*source\s*(\{|[=:]\s*[[{])/;

class PipelinePanel {
  private panel: vscode.WebviewPanel | undefined;
  private doc: vscode.TextDocument | undefined;
  private nodes: PipelineNode[] = [];
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;

  constructor(private readonly getClient: () => LanguageClient | undefined, private readonly languageId: string) {}

  show(doc: vscode.TextDocument): void {
    this.doc = doc;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        "stlint.pipeline",
        "Pipeline",
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, localResourceRoots: [], retainContextWhenHidden: true },
      );
      this.panel.webview.html = this.html(this.panel.webview);
      this.panel.webview.onDidReceiveMessage((m) => void this.onMessage(m));
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        if (this.timer) clearTimeout(this.timer);
      });
    } else {
      this.panel.reveal(undefined, true);
    }
    void this.refresh();
  }

  onChange(e: vscode.TextDocumentChangeEvent): void {
    if (!this.panel || !this.doc || e.document.uri.toString() !== this.doc.uri.toString()) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), DEBOUNCE_MS);
  }

  onActiveEditor(editor: vscode.TextEditor | undefined): void {
    if (!this.panel || !editor || editor.document.languageId !== this.languageId) return;
    if (this.doc && editor.document.uri.toString() === this.doc.uri.toString()) return;
    this.doc = editor.document;
    void this.refresh();
  }

  private async refresh(): Promise<void> {
    const panel = this.panel;
    const doc = this.doc;
    const client = this.getClient();
    if (!panel || !doc) return;
    const name = doc.uri.path.split("/").pop() ?? "job";
    panel.title = `Pipeline: ${name}`;
    if (!client || !client.isRunning()) {
      void panel.webview.postMessage({ type: "message", text: "The stlint language server is not running." });
      return;
    }
    const seq = ++this.seq;
    let answer: PipelineAnswer | null;
    try {
      answer = await client.sendRequest<PipelineAnswer | null>(METHOD, { textDocument: { uri: doc.uri.toString() } });
    } catch (e) {
      if (seq === this.seq) void panel.webview.postMessage({ type: "message", text: `stlint: ${String(e)}` });
      return;
    }
    if (seq !== this.seq || this.panel !== panel) return; // a newer request is on its way
    if (!answer || !answer.isJob || !answer.svg) {
      this.nodes = [];
      void panel.webview.postMessage({ type: "message", text: `${name} is not a SeaTunnel job.` });
      return;
    }
    this.nodes = answer.nodes;
    void panel.webview.postMessage({ type: "update", svg: answer.svg, version: answer.version });
  }

  private async onMessage(m: { type?: string; id?: string }): Promise<void> {
    if (m?.type !== "reveal" || !this.doc) return;
    const node = this.nodes.find((n) => n.id === m.id);
    if (!node) return;
    const pos = new vscode.Position(node.line, node.character);
    const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.doc?.uri.toString());
    const editor = await vscode.window.showTextDocument(this.doc, {
      viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One,
      selection: new vscode.Range(pos, pos),
      preserveFocus: false,
    });
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private html(webview: vscode.Webview): string {
    const nonce = crypto.randomBytes(16).toString("base64");
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource} 'unsafe-inline'`,
      `script-src 'nonce-${nonce}'`,
      "img-src data:",
    ].join("; ");
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style>
  body { margin: 0; padding: 8px; background: var(--vscode-editor-background); }
  #message { color: var(--vscode-foreground); font-family: var(--vscode-font-family); padding: 8px; }
  #graph svg { background: #fff; border-radius: 4px; max-width: 100%; height: auto; }
  #graph g.node:hover rect { stroke-width: 3; }
</style>
</head>
<body>
<div id="message">Drawing the pipeline…</div>
<div id="graph"></div>
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  const graph = document.getElementById("graph");
  const message = document.getElementById("message");
  window.addEventListener("message", (ev) => {
    const m = ev.data || {};
    if (m.type === "update") {
      // the server's SVG: escaped text, no script, no external reference
      const doc = new DOMParser().parseFromString(m.svg, "image/svg+xml");
      const svg = doc.documentElement;
      if (svg.nodeName !== "svg") { message.textContent = "The pipeline could not be drawn."; return; }
      graph.replaceChildren(document.importNode(svg, true));
      graph.dataset.version = String(m.version);
      message.textContent = "";
      message.style.display = "none";
    } else if (m.type === "message") {
      graph.replaceChildren();
      message.style.display = "";
      message.textContent = m.text;
    }
  });
  graph.addEventListener("click", (ev) => {
    const node = ev.target.closest && ev.target.closest("g.node");
    if (node) vscode.postMessage({ type: "reveal", id: node.getAttribute("data-id") });
  });
</script>
</body>
</html>`;
  }
}

class SourceLens implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const n = Math.min(doc.lineCount, 20000);
    for (let i = 0; i < n; i++) {
      const line = doc.lineAt(i);
      if (SOURCE_LINE.test(line.text)) {
        return [new vscode.CodeLens(line.range, { title: "Show Pipeline", command: SHOW_PIPELINE, arguments: [doc.uri] })];
      }
    }
    return [];
  }
}

export function registerPipeline(
  context: vscode.ExtensionContext,
  getClient: () => LanguageClient | undefined,
  languageId: string,
): void {
  const panel = new PipelinePanel(getClient, languageId);
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_PIPELINE, async (uri?: vscode.Uri) => {
      let doc: vscode.TextDocument | undefined;
      if (uri instanceof vscode.Uri) doc = await vscode.workspace.openTextDocument(uri);
      else doc = vscode.window.activeTextEditor?.document;
      if (!doc || doc.languageId !== languageId) {
        void vscode.window.showInformationMessage("Open a SeaTunnel job to show its pipeline.");
        return;
      }
      panel.show(doc);
    }),
    vscode.languages.registerCodeLensProvider({ language: languageId }, new SourceLens()),
    vscode.workspace.onDidChangeTextDocument((e) => panel.onChange(e)),
    vscode.window.onDidChangeActiveTextEditor((e) => panel.onActiveEditor(e)),
  );
}
