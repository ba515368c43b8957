// The `cablelint.*` settings as the server reads them (the `cablelint`
// section of `workspace/configuration`): editor-only keys dropped, empty
// strings meaning "not set" left out, so the server's own defaults and the
// project's `cablelint.toml` apply.

export interface RawSettings {
  [key: string]: unknown;
}

export interface ServerSettings {
  profile?: string;
  severity?: Record<string, string>;
  ignore?: string[];
  unsafeFixes?: boolean;
  romanisation?: string;
  logLevel?: string;
  docsBaseUrl?: string;
}

const SEVERITIES = new Set(["error", "warning", "info", "hint"]);

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

export function serverSettings(raw: RawSettings): ServerSettings {
  const out: ServerSettings = {};
  const profile = text(raw.profile);
  if (profile) out.profile = profile;
  if (raw.severity && typeof raw.severity === "object") {
    const severity: Record<string, string> = {};
    for (const [code, level] of Object.entries(raw.severity as Record<string, unknown>)) {
      if (typeof level === "string" && SEVERITIES.has(level.toLowerCase())) severity[code.trim()] = level.toLowerCase();
    }
    out.severity = severity;
  }
  if (Array.isArray(raw.ignore)) out.ignore = raw.ignore.filter((c): c is string => typeof c === "string" && !!c.trim());
  if (typeof raw.unsafeFixes === "boolean") out.unsafeFixes = raw.unsafeFixes;
  const romanisation = text(raw.romanisation);
  if (romanisation) out.romanisation = romanisation;
  const logLevel = text(raw.logLevel);
  if (logLevel) out.logLevel = logLevel;
  const docs = text(raw.docsBaseUrl);
  if (docs) out.docsBaseUrl = docs;
  return out;
}
