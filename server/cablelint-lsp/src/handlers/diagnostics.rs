//! Findings as LSP diagnostics, and `textDocument/diagnostic` for clients
//! that pull them.

use crate::analysis::Analysis;
use crate::position::{Encoding, Positions};
use crate::rule_docs::rule_link;
use crate::state::State;
use cablelint_core::Severity;
use serde::ser::{SerializeSeq, Serializer};
use serde::Serialize;
use std::cell::RefCell;
use tower_lsp_server::jsonrpc::{Id, Result};
use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    DocumentDiagnosticParams, DocumentDiagnosticReport, DocumentDiagnosticReportResult,
    FullDocumentDiagnosticReport, Location, NumberOrString, Range,
    RelatedFullDocumentDiagnosticReport, RelatedUnchangedDocumentDiagnosticReport,
    UnchangedDocumentDiagnosticReport, Uri,
};

pub const SOURCE: &str = "cablelint";

/// Every finding of `analysis`, converted for `uri`.
pub fn diagnostics(
    analysis: &Analysis,
    uri: &Uri,
    encoding: Encoding,
    docs_base: &str,
) -> Vec<Diagnostic> {
    // Findings come sorted by start: one cursor walks the starts forward,
    // another the rest, so many findings on one long line stay linear.
    let map = analysis.map(encoding);
    let mut starts = map.positions();
    let mut others = map.positions();
    analysis
        .diagnostics
        .iter()
        .map(|d| convert_at(d, uri, docs_base, &mut starts, &mut others))
        .collect()
}

/// The `textDocument/publishDiagnostics` notification of `analysis`'s
/// findings (none without one), as the body of one JSON-RPC message.
///
/// Each finding is converted as it is written, so only one LSP diagnostic
/// exists at a time. tower-lsp-server's `Client::publish_diagnostics` takes
/// a `Vec` of them and turns it into a `serde_json::Value` tree before
/// writing it: for 100,000 findings (one 10 MB line of brackets) that tree
/// alone held several hundred megabytes.
pub fn publication(
    analysis: Option<&Analysis>,
    uri: &Uri,
    encoding: Encoding,
    docs_base: &str,
    version: Option<i32>,
) -> Vec<u8> {
    let findings = analysis.map(|analysis| {
        let map = analysis.map(encoding);
        Findings {
            analysis,
            uri,
            docs_base,
            cursors: RefCell::new((map.positions(), map.positions())),
        }
    });
    let notification = Notification {
        jsonrpc: "2.0",
        method: "textDocument/publishDiagnostics",
        params: PublishParams {
            uri,
            diagnostics: findings,
            version,
        },
    };
    // Serialising plain data into a Vec cannot fail; an empty body would be
    // refused by the client, so fall back to no diagnostics at all.
    serde_json::to_vec(&notification).unwrap_or_else(|e| {
        tracing::error!("cannot serialise diagnostics for {}: {e}", uri.as_str());
        let empty = Notification {
            params: PublishParams {
                uri,
                diagnostics: None,
                version,
            },
            ..notification
        };
        serde_json::to_vec(&empty).unwrap_or_default()
    })
}

#[derive(Serialize)]
struct Notification<P> {
    jsonrpc: &'static str,
    method: &'static str,
    params: P,
}

/// `PublishDiagnosticsParams`, with the diagnostics written as they are made.
#[derive(Serialize)]
struct PublishParams<'a> {
    uri: &'a Uri,
    #[serde(serialize_with = "findings_or_none")]
    diagnostics: Option<Findings<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<i32>,
}

fn findings_or_none<S: Serializer>(
    findings: &Option<Findings>,
    serializer: S,
) -> std::result::Result<S::Ok, S::Error> {
    match findings {
        Some(findings) => findings.serialize(serializer),
        None => serializer.serialize_seq(Some(0))?.end(),
    }
}

/// The findings of one analysis, converted one at a time as they are
/// serialised (the position cursors move forward, hence the `RefCell`).
struct Findings<'a> {
    analysis: &'a Analysis,
    uri: &'a Uri,
    docs_base: &'a str,
    cursors: RefCell<(Positions<'a>, Positions<'a>)>,
}

impl Serialize for Findings<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut cursors = self.cursors.borrow_mut();
        let (starts, others) = &mut *cursors;
        let findings = &self.analysis.diagnostics;
        let mut seq = serializer.serialize_seq(Some(findings.len()))?;
        for finding in findings {
            seq.serialize_element(&convert_at(
                finding,
                self.uri,
                self.docs_base,
                starts,
                others,
            ))?;
        }
        seq.end()
    }
}

pub fn convert(
    analysis: &Analysis,
    finding: &cablelint_core::Diagnostic,
    uri: &Uri,
    encoding: Encoding,
    docs_base: &str,
) -> Diagnostic {
    let map = analysis.map(encoding);
    let mut positions = map.positions();
    let mut others = map.positions();
    convert_at(finding, uri, docs_base, &mut positions, &mut others)
}

fn convert_at(
    finding: &cablelint_core::Diagnostic,
    uri: &Uri,
    docs_base: &str,
    starts: &mut Positions,
    others: &mut Positions,
) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), others.range(r.span)),
            message: r.message.clone(),
        })
        .collect();
    let start = starts.position(finding.span.start);
    Diagnostic {
        range: Range::new(start, others.position(finding.span.end)),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.code.to_owned())),
        code_description: rule_link(docs_base, finding.code).map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_owned()),
        message: finding.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The result id names the text version and the options it was checked with.
fn result_id(analysis: &Analysis) -> String {
    format!("{}:{}", analysis.options_generation, analysis.version)
}

/// The response to a `textDocument/diagnostic` request, as the body of one
/// JSON-RPC message. A full report's items are written as they are
/// converted (see [`publication`]); tower-lsp-server would hold them all as
/// a `serde_json::Value` tree first. Small answers go the ordinary way.
pub async fn pull_response(state: &State, id: Id, params: DocumentDiagnosticParams) -> Vec<u8> {
    let uri = params.text_document.uri.clone();
    let analysis = state.analysis(&uri).await;
    let full = analysis.filter(|analysis| {
        params.previous_result_id.as_deref() != Some(result_id(analysis).as_str())
    });
    let body = match full {
        Some(analysis) => {
            let map = analysis.map(state.encoding());
            let docs_base = state.docs_base();
            let report = FullReport {
                kind: "full",
                result_id: result_id(&analysis),
                items: Findings {
                    analysis: &analysis,
                    uri: &uri,
                    docs_base: &docs_base,
                    cursors: RefCell::new((map.positions(), map.positions())),
                },
            };
            serde_json::to_vec(&ResponseBody {
                jsonrpc: "2.0",
                result: report,
                id: &id,
            })
        }
        None => match pull(state, params).await {
            Ok(result) => serde_json::to_vec(&ResponseBody {
                jsonrpc: "2.0",
                result,
                id: &id,
            }),
            Err(error) => serde_json::to_vec(&tower_lsp_server::jsonrpc::Response::from_error(
                id.clone(),
                error,
            )),
        },
    };
    body.unwrap_or_else(|e| {
        tracing::error!("cannot serialise diagnostics for {}: {e}", uri.as_str());
        let error = tower_lsp_server::jsonrpc::Error::internal_error();
        serde_json::to_vec(&tower_lsp_server::jsonrpc::Response::from_error(id, error))
            .unwrap_or_default()
    })
}

#[derive(Serialize)]
struct ResponseBody<'a, R> {
    jsonrpc: &'static str,
    result: R,
    id: &'a Id,
}

/// `RelatedFullDocumentDiagnosticReport` without related documents.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FullReport<'a> {
    kind: &'static str,
    result_id: String,
    items: Findings<'a>,
}

pub async fn pull(
    state: &State,
    params: DocumentDiagnosticParams,
) -> Result<DocumentDiagnosticReportResult> {
    let uri = params.text_document.uri;
    let report = match state.analysis(&uri).await {
        None => full(None, Vec::new()),
        Some(analysis) => {
            let id = result_id(&analysis);
            if params.previous_result_id.as_deref() == Some(id.as_str()) {
                DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id: id,
                    },
                })
            } else {
                let items = diagnostics(&analysis, &uri, state.encoding(), &state.docs_base());
                full(Some(id), items)
            }
        }
    };
    Ok(DocumentDiagnosticReportResult::Report(report))
}

fn full(result_id: Option<String>, items: Vec<Diagnostic>) -> DocumentDiagnosticReport {
    DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
        related_documents: None,
        full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id, items },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Snapshot;
    use cablelint_core::{Related, Span};
    use std::str::FromStr;
    use std::sync::Arc;
    use tower_lsp_server::ls_types::Position;

    /// A finding with a partner (the `[` that a `]` lacks) carries it as
    /// related information, at the right place on a CJK/astral line.
    #[test]
    fn related_spans_become_related_information() {
        let text = "发往 𠀋 [Ji\r\n𠀋] x";
        let mut analysis = Analysis::new(Snapshot {
            text: text.into(),
            size: text.len() as u64,
            version: 4,
            options: Arc::default(),
            options_generation: 1,
        });
        let open = text.find('[').unwrap();
        let close = text.find(']').unwrap();
        analysis.diagnostics = vec![cablelint_core::Diagnostic {
            code: "B002",
            name: "stray-close",
            severity: Severity::Error,
            message: "`]` closes nothing on its line".into(),
            span: Span::new(close, close + 1),
            fix: None,
            related: vec![Related {
                span: Span::new(open, open + 1),
                message: "the `[` it may belong to".into(),
            }],
            person: None,
        }];
        let uri = Uri::from_str("file:///a.cable").unwrap();
        let out = diagnostics(&analysis, &uri, Encoding::Utf16, "https://x.invalid/rules/");
        assert_eq!(
            out[0].range,
            Range::new(Position::new(1, 2), Position::new(1, 3))
        );
        let related = out[0].related_information.as_ref().unwrap();
        assert_eq!(related[0].location.uri, uri);
        assert_eq!(
            related[0].location.range,
            Range::new(Position::new(0, 6), Position::new(0, 7))
        );
        assert_eq!(related[0].message, "the `[` it may belong to");
        assert_eq!(
            out[0].code_description.as_ref().unwrap().href.as_str(),
            "https://x.invalid/rules/B002.md"
        );
        let utf8 = diagnostics(&analysis, &uri, Encoding::Utf8, "https://x.invalid/rules/");
        let related = utf8[0].related_information.as_ref().unwrap();
        assert_eq!(related[0].location.range.start, Position::new(0, 12));
    }

    fn analysis_of(text: &str) -> Analysis {
        Analysis::new(Snapshot {
            text: text.into(),
            size: text.len() as u64,
            version: 7,
            options: Arc::default(),
            options_generation: 1,
        })
    }

    /// What tower-lsp-server's `Client::publish_diagnostics` would send.
    fn through_client(analysis: &Analysis, uri: &Uri, encoding: Encoding) -> serde_json::Value {
        let params = tower_lsp_server::ls_types::PublishDiagnosticsParams::new(
            uri.clone(),
            diagnostics(analysis, uri, encoding, "https://x.invalid/rules/"),
            Some(analysis.version),
        );
        serde_json::json!({
            "jsonrpc": "2.0",
            "method": "textDocument/publishDiagnostics",
            "params": params,
        })
    }

    #[test]
    fn a_publication_is_the_notification_the_client_would_send() {
        // A BOM, CRLF, CJK and 𠀋, brackets that pair across a line (related
        // information) and ones that do not.
        let text = "\u{FEFF}发往 𠀋 [Ji\r\n𠀋] x [ ] ]] [[ 乌鲁木齐 […]\r\n[x] 𠀋𠀋 ]\r";
        let analysis = analysis_of(text);
        assert!(
            analysis.diagnostics.len() >= 4,
            "{:?}",
            analysis.diagnostics
        );
        assert!(analysis.diagnostics.iter().any(|d| !d.related.is_empty()));
        let uri = Uri::from_str("file:///c/%E5%8F%91.cable").unwrap();
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            let body = publication(
                Some(&analysis),
                &uri,
                encoding,
                "https://x.invalid/rules/",
                Some(7),
            );
            let sent: serde_json::Value = serde_json::from_slice(&body).unwrap();
            assert_eq!(
                sent,
                through_client(&analysis, &uri, encoding),
                "{encoding:?}"
            );
        }
        let cleared: serde_json::Value =
            serde_json::from_slice(&publication(None, &uri, Encoding::Utf16, "", None)).unwrap();
        assert_eq!(
            cleared,
            serde_json::json!({
                "jsonrpc": "2.0",
                "method": "textDocument/publishDiagnostics",
                "params": {"uri": "file:///c/%E5%8F%91.cable", "diagnostics": []},
            })
        );
    }

    /// Publishing 20,000 findings holds the message being written and little
    /// else (its buffer grows by doubling: at most twice its length). The
    /// way through tower-lsp-server's `Client` held a value tree many times
    /// the message's size; the same measure shows it, so the bound can fail.
    #[test]
    fn publishing_many_findings_holds_little_besides_the_message() {
        let text = format!("TO: X\n\n{}\n", "[x] [ ] ]] [[ 𠀋 ".repeat(5_000));
        let analysis = analysis_of(&text);
        assert!(analysis.diagnostics.len() >= 20_000);
        let uri = Uri::from_str("file:///big.cable").unwrap();
        let base = "https://x.invalid/rules/";
        let (body, held) = crate::heap_meter::peak(|| {
            publication(Some(&analysis), &uri, Encoding::Utf16, base, Some(7))
        });
        assert!(
            held <= 2 * body.len() + 64 * 1024,
            "held {held} bytes for a message of {}",
            body.len()
        );
        let (tree, held_by_tree) =
            crate::heap_meter::peak(|| through_client(&analysis, &uri, Encoding::Utf16));
        drop(tree);
        assert!(
            held_by_tree > 4 * body.len(),
            "the value tree held {held_by_tree} bytes for a message of {}",
            body.len()
        );
    }
}
