// Where the language server binary is: pure logic over an injectable file
// system, so it is tested without VS Code.
import * as path from "node:path";

export interface FileProbe {
  isExecutableFile(file: string): boolean;
}

export interface Lookup {
  /** `cablelint.server.path`, as the user wrote it. */
  setting: string;
  /** The extension's install folder. */
  extensionDir: string;
  platform: NodeJS.Platform;
  arch: string;
  /** The `PATH` environment variable. */
  envPath: string;
  home: string;
  /** First workspace folder, for `${workspaceFolder}` in the setting. */
  workspaceFolder?: string;
}

export type Found =
  | { kind: "setting" | "bundled" | "path"; file: string }
  | { kind: "missing-setting"; file: string }
  | { kind: "not-found"; searched: string[] };

export function executableName(platform: NodeJS.Platform): string {
  return platform === "win32" ? "cablelint.exe" : "cablelint";
}

/** Where a platform-specific package keeps its binary: `server/<platform>-<arch>/cablelint`. */
export function bundledPath(extensionDir: string, platform: NodeJS.Platform, arch: string): string {
  return path.join(extensionDir, "server", `${platform}-${arch}`, executableName(platform));
}

export function expandSetting(value: string, lookup: Pick<Lookup, "home" | "workspaceFolder">): string {
  let v = value.trim();
  if (v === "~" || v.startsWith("~/")) v = path.join(lookup.home, v.slice(1));
  if (lookup.workspaceFolder) v = v.split("${workspaceFolder}").join(lookup.workspaceFolder);
  return v;
}

/**
 * An explicit setting wins (it is how one runs a server one just built); then
 * the binary this package ships for the platform; then `cablelint` on PATH.
 */
export function findServer(lookup: Lookup, fs: FileProbe): Found {
  const searched: string[] = [];
  if (lookup.setting.trim()) {
    const file = path.resolve(lookup.workspaceFolder ?? lookup.home, expandSetting(lookup.setting, lookup));
    return fs.isExecutableFile(file) ? { kind: "setting", file } : { kind: "missing-setting", file };
  }
  const bundled = bundledPath(lookup.extensionDir, lookup.platform, lookup.arch);
  searched.push(bundled);
  if (fs.isExecutableFile(bundled)) return { kind: "bundled", file: bundled };
  const name = executableName(lookup.platform);
  const separator = lookup.platform === "win32" ? ";" : ":";
  for (const dir of lookup.envPath.split(separator)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    searched.push(file);
    if (fs.isExecutableFile(file)) return { kind: "path", file };
  }
  return { kind: "not-found", searched };
}
