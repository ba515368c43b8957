// Entry point: registers the commands and the status-bar item, treats the
// files named by `cablelint.files.include` as cables, and runs the client.
import * as vscode from "vscode";
import { LanguageClient } from "vscode-languageclient/node";
import { createClient, locateServer, notifySettingsChanged, reportMissingServer } from "./client";
import { explainRule, fixAll, listOfficials } from "./commands";
import { changeProfile, ProfileStatus } from "./statusBar";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let status: ProfileStatus;

export interface CablelintApi {
  /** The client, once started (for tests and other extensions). */
  client(): LanguageClient | undefined;
  /** What the status-bar item shows for the active cable. */
  status(): ProfileStatus;
}

export async function activate(context: vscode.ExtensionContext): Promise<CablelintApi> {
  output = vscode.window.createOutputChannel("cablelint");
  status = new ProfileStatus(() => client);
  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand("cablelint.restartServer", () => restart(context)),
    vscode.commands.registerCommand("cablelint.showOutput", () => output.show(true)),
    vscode.commands.registerCommand("cablelint.fixAll", fixAll),
    vscode.commands.registerCommand("cablelint.explainRule", explainRule),
    vscode.commands.registerCommand("cablelint.listOfficials", () => listOfficials(() => client)),
    vscode.commands.registerCommand("cablelint.changeProfile", () => changeProfile(status)),
    vscode.workspace.onDidOpenTextDocument(adoptIfIncluded),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration("cablelint.server.path")) {
        const choice = await vscode.window.showInformationMessage(
          "cablelint: the server path changed. Restart the server now?",
          "Restart",
        );
        if (choice === "Restart") await restart(context);
      } else if (e.affectsConfiguration("cablelint.files.include")) {
        vscode.workspace.textDocuments.forEach(adoptIfIncluded);
      } else if (e.affectsConfiguration("cablelint") && client) {
        notifySettingsChanged(client);
      }
    }),
    { dispose: () => void client?.stop() },
  );
  vscode.workspace.textDocuments.forEach(adoptIfIncluded);
  await start(context);
  return { client: () => client, status: () => status };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const found = locateServer(context);
  if (found.kind === "missing-setting" || found.kind === "not-found") {
    await reportMissingServer(found, output);
    return;
  }
  output.appendLine(`Starting ${found.file} lsp (${found.kind === "setting" ? "cablelint.server.path" : found.kind === "bundled" ? "shipped with the extension" : "found on PATH"})`);
  client = createClient(found.file, output);
  try {
    await client.start();
  } catch (error) {
    const message = `cablelint: the server failed to start: ${error instanceof Error ? error.message : String(error)}`;
    output.appendLine(message);
    const choice = await vscode.window.showErrorMessage(message, "Show Output", "Open Settings");
    if (choice === "Show Output") output.show(true);
    if (choice === "Open Settings") await vscode.commands.executeCommand("workbench.action.openSettings", "cablelint.server.path");
    return;
  }
  status.serverRestarted();
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  const old = client;
  client = undefined;
  if (old) {
    try {
      await old.stop(5000);
    } catch (error) {
      output.appendLine(`Stopping the old server: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  await start(context);
}

/** Gives the `cable` language to files matching `cablelint.files.include`. */
function adoptIfIncluded(document: vscode.TextDocument): void {
  if (document.languageId === "cable" || document.uri.scheme !== "file") return;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  if (!folder) return;
  const patterns = vscode.workspace.getConfiguration("cablelint", document.uri).get<string[]>("files.include") ?? [];
  const matches = patterns.some(
    (glob) => glob.trim() && vscode.languages.match({ pattern: new vscode.RelativePattern(folder, glob.trim()) }, document) > 0,
  );
  if (matches) void vscode.languages.setTextDocumentLanguage(document, "cable");
}
