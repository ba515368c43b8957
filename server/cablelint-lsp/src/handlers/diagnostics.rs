//! Findings as LSP diagnostics, and `textDocument/diagnostic` for clients
//! that pull them.

use crate::analysis::Analysis;
use crate::position::{Encoding, Positions};
use crate::rule_docs::rule_link;
use crate::state::State;
use cablelint_core::Severity;
use tower_lsp_server::jsonrpc::Result;
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
}
