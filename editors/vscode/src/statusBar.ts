// The status-bar item: the active cable's profile and date; a click offers to
// change the profile. The server says which profile it chose and why through
// `cablelint/documentInfo`; a server without it still gives the date through
// the outline, and the profile is then what the file or the settings name.
import * as vscode from "vscode";
import { LanguageClient } from "vscode-languageclient/node";
import { BUILTIN_PROFILES } from "./profiles";
import { DocumentInfo, documentInfoRequest } from "./protocol";


const DIRECTIVE = /^% cablelint:[ \t]*profile(?:[ \t]+=?|=[ \t]+)[ \t]*(\S+)[ \t]*$/;

export interface Shown {
  profile: string;
  profileSource: string;
  date?: string;
  dateSource?: string;
}

export class ProfileStatus implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private timer: NodeJS.Timeout | undefined;
  private documentInfoMissing = false;
  /** Unanswered documentInfo requests per document, to bound the retries. */
  private retries = new Map<string, number>();
  private disposables: vscode.Disposable[] = [];
  /** What the item shows now (for tests and the change-profile picker). */
  shown: Shown | undefined;

  constructor(private getClient: () => LanguageClient | undefined) {
    this.item = vscode.window.createStatusBarItem("cablelint.profile", vscode.StatusBarAlignment.Right, 100);
    this.item.name = "cablelint profile and date";
    this.item.command = "cablelint.changeProfile";
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      // Diagnostics arrive after each analysis: the profile may have changed with the text.
      vscode.languages.onDidChangeDiagnostics((e) => {
        const doc = vscode.window.activeTextEditor?.document;
        if (doc && e.uris.some((u) => u.toString() === doc.uri.toString())) this.schedule(150);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration("cablelint")) this.schedule(300);
      }),
    );
  }

  serverRestarted(): void {
    this.documentInfoMissing = false;
    this.retries.clear();
    this.schedule(0);
  }

  schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delay);
  }

  private async update(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== "cable") {
      this.item.hide();
      return;
    }
    const document = editor.document;
    const fromServer = await this.fromServer(document);
    const shown = fromServer ?? (await this.fromOutline(document));
    if (vscode.window.activeTextEditor?.document !== document) return;
    // A running server that does not know the document yet (its didOpen or
    // first analysis still on the way) answers nothing: ask again shortly,
    // a bounded number of times, rather than keep the fallback until the
    // next edit.
    const key = document.uri.toString();
    if (!fromServer && this.getClient()?.isRunning() && !this.documentInfoMissing) {
      const tries = this.retries.get(key) ?? 0;
      if (tries < 20) {
        this.retries.set(key, tries + 1);
        this.schedule(250);
      }
    } else {
      this.retries.delete(key);
    }
    this.shown = shown;
    const date = shown.date ? ` · ${shown.date}` : "";
    this.item.text = `$(mail) ${shown.profile}${date}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**cablelint profile:** \`${shown.profile}\` (${shown.profileSource})\n\n`);
    tooltip.appendMarkdown(
      shown.date ? `**Document date:** ${shown.date}${shown.dateSource ? ` (${shown.dateSource})` : ""}\n\n` : "**Document date:** none found\n\n",
    );
    tooltip.appendMarkdown("Click to change the profile.");
    this.item.tooltip = tooltip;
    this.item.show();
  }

  private async fromServer(document: vscode.TextDocument): Promise<Shown | undefined> {
    const client = this.getClient();
    if (!client?.isRunning() || this.documentInfoMissing) return undefined;
    try {
      const info: DocumentInfo | null = await client.sendRequest(documentInfoRequest, {
        textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) },
      });
      if (!info) return undefined;
      const markers = info.profile.markers?.length ? `: ${info.profile.markers.join(", ")}` : "";
      return {
        profile: info.profile.id,
        profileSource: `${info.profile.source}${markers}`,
        date: info.date ?? undefined,
        dateSource: info.dateSource ?? undefined,
      };
    } catch (error) {
      // -32601: the server does not know the request; fall back for this session.
      if ((error as { code?: number }).code === -32601) this.documentInfoMissing = true;
      return undefined;
    }
  }

  /** Without `cablelint/documentInfo`: the directive or setting, and the outline's archive date. */
  private async fromOutline(document: vscode.TextDocument): Promise<Shown> {
    let profile = "auto";
    let profileSource = "detected by the server";
    for (let line = 0; line < Math.min(document.lineCount, 200); line++) {
      const m = DIRECTIVE.exec(document.lineAt(line).text);
      if (m) {
        profile = m[1];
        profileSource = `directive on line ${line + 1}`;
        break;
      }
    }
    const setting = vscode.workspace.getConfiguration("cablelint", document.uri).get<string>("profile")?.trim();
    if (profile === "auto" && setting) {
      profile = setting;
      profileSource = "cablelint.profile setting";
    }
    let date: string | undefined;
    try {
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
        "vscode.executeDocumentSymbolProvider",
        document.uri,
      );
      const archive = symbols?.find((s) => s.name === "Archive date");
      date = archive ? document.getText(archive.selectionRange).trim() || archive.detail : undefined;
    } catch {
      date = undefined;
    }
    return { profile, profileSource, date, dateSource: date ? "archive date line" : undefined };
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.item.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}

/** The picker behind the status-bar item: write a directive, or a workspace default. */
export async function changeProfile(status: ProfileStatus): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== "cable") return;
  const current = status.shown?.profile;
  type Item = vscode.QuickPickItem & { id?: string };
  const items: Item[] = [
    { label: "$(search) Detect from the text", description: "remove the profile directive", id: "" },
    ...BUILTIN_PROFILES.map((p) => ({
      label: p.id,
      description: p.name + (p.id === current ? " (current)" : ""),
      id: p.id,
    })),
    { label: "$(edit) Other profile…", description: "a profile your cablelint.toml defines" },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: "cablelint: profile of this cable",
    placeHolder: current ? `Now: ${current} (${status.shown?.profileSource})` : undefined,
  });
  if (!picked) return;
  let id = picked.id;
  if (id === undefined) {
    id = (await vscode.window.showInputBox({ prompt: "Profile id", placeHolder: "my-collection" }))?.trim();
    if (!id) return;
  }
  const where = id
    ? await vscode.window.showQuickPick(
        [
          { label: "This file", description: `adds % cablelint: profile = ${id} at the top`, scope: "file" },
          { label: "Workspace default", description: "sets cablelint.profile for files that name none", scope: "workspace" },
        ],
        { title: `Use ${id} for…` },
      )
    : { scope: "file" };
  if (!where) return;
  if (where.scope === "workspace") {
    await vscode.workspace.getConfiguration("cablelint").update("profile", id, vscode.ConfigurationTarget.Workspace);
    return;
  }
  await setDirective(editor.document, id);
}

/** Replaces, adds or (for `""`) removes the `% cablelint: profile` line. */
export async function setDirective(document: vscode.TextDocument, id: string): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  const eol = document.eol === vscode.EndOfLine.CRLF ? "\r\n" : "\n";
  let existing: vscode.TextLine | undefined;
  for (let line = 0; line < document.lineCount; line++) {
    const text = document.lineAt(line);
    if (DIRECTIVE.test(text.text)) {
      existing = text;
      break;
    }
  }
  if (existing) {
    if (id) edit.replace(document.uri, existing.range, `% cablelint: profile = ${id}`);
    else edit.delete(document.uri, existing.rangeIncludingLineBreak);
  } else if (id) {
    edit.insert(document.uri, new vscode.Position(0, 0), `% cablelint: profile = ${id}${eol}`);
  } else return true;
  return vscode.workspace.applyEdit(edit);
}
