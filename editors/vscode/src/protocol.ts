// Requests beyond standard LSP that the extension uses when the server offers
// them. Each is optional: on `MethodNotFound` the extension falls back to
// what standard LSP gives (see PROTOCOL.md beside package.json).
import { RequestType, TextDocumentIdentifier, Range } from "vscode-languageclient";

export interface DocumentInfoParams {
  textDocument: TextDocumentIdentifier;
}

export interface DocumentInfo {
  profile: {
    id: string;
    name: string;
    /** How the profile was chosen: `directive`, `config`, `setting`, `detected` or `default`. */
    source: string;
    /** For `detected`: the markers found. */
    markers?: string[];
  };
  /** The document's date, ISO `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`), if the document has one. */
  date?: string | null;
  /** Where the date was read, e.g. `archive date line`, `header`. */
  dateSource?: string | null;
}

export const documentInfoRequest = new RequestType<DocumentInfoParams, DocumentInfo | null, void>(
  "cablelint/documentInfo",
);

export interface Official {
  /** The name as written in the document. */
  name: string;
  /** Every place the official is named. */
  ranges: Range[];
  /** The post held on the document's date, if known. */
  post?: string | null;
  /** Other spellings or scripts of the name. */
  names?: string[];
}

export const officialsRequest = new RequestType<DocumentInfoParams, Official[] | null, void>(
  "cablelint/officials",
);
