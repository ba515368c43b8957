// Commands that work on the active cable: fix all, explain a rule, list officials.
import * as vscode from "vscode";
import { LanguageClient } from "vscode-languageclient/node";
import { Official, officialsRequest } from "./protocol";

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append("cablelint");

function activeCable(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== "cable") {
    void vscode.window.showInformationMessage("cablelint: open a .cable file first.");
    return undefined;
  }
  return editor;
}

/** Applies the server's `source.fixAll.cablelint` action to the whole file. */
export async function fixAll(): Promise<void> {
  const editor = activeCable();
  if (!editor) return;
  const document = editor.document;
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      "vscode.executeCodeActionProvider",
      document.uri,
      whole,
      FIX_ALL_KIND.value,
    )) ?? [];
  const action = actions.find((a) => a.kind && FIX_ALL_KIND.contains(a.kind) && a.edit);
  if (!action?.edit || action.edit.size === 0) {
    void vscode.window.setStatusBarMessage("cablelint: nothing to fix automatically", 3000);
    return;
  }
  const applied = await vscode.workspace.applyEdit(action.edit);
  if (!applied) void vscode.window.showWarningMessage("cablelint: the fixes could not be applied (the file changed?).");
}

function codeOf(diagnostic: vscode.Diagnostic): { code: string; target?: vscode.Uri } | undefined {
  const c = diagnostic.code;
  if (c === undefined) return undefined;
  if (typeof c === "object") return { code: String(c.value), target: c.target };
  return { code: String(c) };
}

/** Opens the documentation of the rule whose finding is under the cursor. */
export async function explainRule(): Promise<void> {
  const editor = activeCable();
  if (!editor) return;
  const position = editor.selection.active;
  const ours = vscode.languages
    .getDiagnostics(editor.document.uri)
    .filter((d) => d.source === "cablelint" && codeOf(d));
  let here = ours.filter((d) => d.range.contains(position));
  if (!here.length) here = ours.filter((d) => d.range.start.line <= position.line && position.line <= d.range.end.line);
  if (!here.length) {
    void vscode.window.showInformationMessage("cablelint: no finding under the cursor. Put the cursor on a squiggle.");
    return;
  }
  let chosen = here[0];
  if (here.length > 1) {
    const picked = await vscode.window.showQuickPick(
      here.map((d) => ({ label: codeOf(d)!.code, description: d.message, d })),
      { title: "Which finding?" },
    );
    if (!picked) return;
    chosen = picked.d;
  }
  const { code, target } = codeOf(chosen)!;
  if (!target) {
    void vscode.window.showInformationMessage(`cablelint ${code}: ${chosen.message} (the server gave no documentation link).`);
    return;
  }
  if (target.scheme === "file") {
    // Rule pages are Markdown shipped with the server: show them rendered.
    await vscode.commands.executeCommand("markdown.showPreview", target);
  } else {
    await vscode.env.openExternal(target);
  }
}

/** Lists the officials the server found, and jumps to the one picked. */
export async function listOfficials(getClient: () => LanguageClient | undefined): Promise<void> {
  const editor = activeCable();
  if (!editor) return;
  const client = getClient();
  if (!client?.isRunning()) {
    void vscode.window.showWarningMessage("cablelint: the language server is not running.");
    return;
  }
  let officials: Official[] | null;
  try {
    officials = await client.sendRequest(officialsRequest, {
      textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) },
    });
  } catch (error) {
    if ((error as { code?: number }).code === -32601) {
      void vscode.window.showWarningMessage(
        "cablelint: this version of the server does not know officials yet (no cablelint/officials request). Update cablelint.",
      );
      return;
    }
    throw error;
  }
  if (!officials?.length) {
    void vscode.window.showInformationMessage("cablelint: no officials found in this document.");
    return;
  }
  const picked = await vscode.window.showQuickPick(
    officials.map((o) => ({
      label: o.name,
      description: o.post ?? "",
      detail: [o.names?.length ? o.names.join(" · ") : "", `${o.ranges.length} mention${o.ranges.length === 1 ? "" : "s"}`]
        .filter(Boolean)
        .join(" — "),
      official: o,
    })),
    { title: `Officials in ${vscode.workspace.asRelativePath(editor.document.uri)}`, matchOnDescription: true },
  );
  const first = picked?.official.ranges[0];
  if (first) {
    const range = client.protocol2CodeConverter.asRange(first);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}
