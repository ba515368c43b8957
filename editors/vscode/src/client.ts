// The language client: finds the server, starts `cablelint lsp`, answers the
// server's `workspace/configuration` with the cleaned `cablelint` settings.
import * as fs from "node:fs";
import * as os from "node:os";
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";
import { findServer, Found } from "./serverPath";
import { serverSettings } from "./settings";

export const CLIENT_ID = "cablelint";

const probe = {
  isExecutableFile(file: string): boolean {
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile()) return false;
      if (process.platform !== "win32") fs.accessSync(file, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
};

export function locateServer(context: vscode.ExtensionContext): Found {
  const config = vscode.workspace.getConfiguration("cablelint");
  return findServer(
    {
      setting: config.get<string>("server.path") ?? "",
      extensionDir: context.extensionPath,
      platform: process.platform,
      arch: process.arch,
      envPath: process.env.PATH ?? "",
      home: os.homedir(),
      workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    },
    probe,
  );
}

/** Tells the user the server is missing, with a button to the setting. */
export async function reportMissingServer(found: Found, output: vscode.OutputChannel): Promise<void> {
  let message: string;
  if (found.kind === "missing-setting") {
    message = `cablelint: the server set in cablelint.server.path was not found or is not executable: ${found.file}`;
  } else if (found.kind === "not-found") {
    message =
      "cablelint: the language server was not found. Install cablelint (it must be on PATH) or set cablelint.server.path to the cablelint executable.";
    output.appendLine(`Looked for the server in:\n  ${found.searched.join("\n  ")}`);
  } else return;
  output.appendLine(message);
  const choice = await vscode.window.showErrorMessage(message, "Open Settings", "Show Output");
  if (choice === "Open Settings") {
    await vscode.commands.executeCommand("workbench.action.openSettings", "cablelint.server.path");
  } else if (choice === "Show Output") {
    output.show(true);
  }
}

function currentSettings() {
  const section = vscode.workspace.getConfiguration("cablelint");
  return serverSettings({
    profile: section.get("profile"),
    severity: section.get("severity"),
    ignore: section.get("ignore"),
    unsafeFixes: section.get("unsafeFixes"),
    romanisation: section.get("romanisation"),
    logLevel: section.get("logLevel"),
    docsBaseUrl: section.get("docsBaseUrl"),
  });
}

export function createClient(serverFile: string, output: vscode.OutputChannel): LanguageClient {
  // vscode-languageclient appends `--stdio` for the stdio transport.
  const run = { command: serverFile, args: ["lsp"], transport: TransportKind.stdio };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: "cable", scheme: "file" },
      { language: "cable", scheme: "untitled" },
    ],
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions: { cablelint: currentSettings() },
    middleware: {
      workspace: {
        // Answer with the settings the server understands, not the raw section.
        configuration: (params, token, next) => {
          const wantsOurs = params.items.map((item) => item.section === "cablelint");
          if (!wantsOurs.some(Boolean)) return next(params, token);
          return wantsOurs.map((ours) => (ours ? currentSettings() : null));
        },
      },
    },
  };
  return new LanguageClient(CLIENT_ID, "cablelint", serverOptions, clientOptions);
}

/** Pull model: tell the server the settings changed; it asks for them. */
export function notifySettingsChanged(client: LanguageClient): void {
  if (client.isRunning()) {
    void client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }
}
