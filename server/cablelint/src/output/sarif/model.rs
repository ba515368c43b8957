//! The SARIF 2.1.0 objects cablelint writes, as small structs serialised
//! straight to the output. Results are written by hand (`write.rs`); their
//! structs here (test builds only) are the oracle the tests compare with.

use crate::docs::rule_url;
#[cfg(test)]
use crate::report::{Finding, Position};
use cablelint_core::rules::RuleMeta;
use cablelint_core::Severity;
use serde::Serialize;

pub(super) const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub(super) const COLUMN_KIND: &str = "utf16CodeUnits";

/// The whole log, as [`super::Stream`] writes it piece by piece.
#[cfg(test)]
#[derive(Serialize)]
pub(super) struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[cfg(test)]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
    invocations: [Invocation<'a>; 1],
}

#[derive(Serialize)]
pub(super) struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Message<'static>,
    full_description: Message<'static>,
    help_uri: String,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Help {
    text: &'static str,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
    enabled: bool,
}

#[derive(Serialize)]
struct Message<'a> {
    text: &'a str,
}

#[cfg(test)]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message<'a>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "RelatedLocations::is_empty")]
    related_locations: RelatedLocations<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixes: Option<[Fix<'a>; 1]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<Properties<'a>>,
}

#[cfg(test)]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[cfg(test)]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    region: Region,
}

#[cfg(test)]
#[derive(Serialize, Clone, Copy)]
pub(super) struct ArtifactLocation<'a> {
    pub(super) uri: &'a str,
}

#[cfg(test)]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
}

#[cfg(test)]
/// A finding's related locations, converted one at a time as written.
struct RelatedLocations<'a> {
    finding: Finding<'a>,
    artifact: ArtifactLocation<'a>,
}

#[cfg(test)]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation<'a> {
    id: usize,
    message: Message<'a>,
    physical_location: PhysicalLocation<'a>,
}

#[cfg(test)]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fix<'a> {
    description: Message<'a>,
    artifact_changes: [ArtifactChange<'a>; 1],
}

#[cfg(test)]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation<'a>,
    replacements: Replacements<'a>,
}

#[cfg(test)]
/// A fix's edits, converted one at a time as written.
struct Replacements<'a>(Finding<'a>);

#[cfg(test)]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: ByteRegion,
    inserted_content: InsertedContent<'a>,
}

#[cfg(test)]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ByteRegion {
    byte_offset: usize,
    byte_length: usize,
}

#[cfg(test)]
#[derive(Serialize)]
struct InsertedContent<'a> {
    text: &'a str,
}

#[cfg(test)]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Properties<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    fix_applicability: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    person: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Invocation<'a> {
    execution_successful: bool,
    tool_execution_notifications: Notifications<'a>,
}

/// The run's execution errors, as `error` notifications.
struct Notifications<'a>(&'a [String]);

#[derive(Serialize)]
struct Notification<'a> {
    level: &'static str,
    message: Message<'a>,
}

#[cfg(test)]
impl RelatedLocations<'_> {
    fn is_empty(&self) -> bool {
        self.finding.diagnostic.related.is_empty()
    }
}

#[cfg(test)]
impl Serialize for RelatedLocations<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let f = self.finding;
        serializer.collect_seq(f.diagnostic.related.iter().zip(f.related).enumerate().map(
            |(id, (related, (start, end)))| RelatedLocation {
                id,
                message: Message {
                    text: &related.message,
                },
                physical_location: PhysicalLocation {
                    artifact_location: self.artifact,
                    region: region(start, end),
                },
            },
        ))
    }
}

#[cfg(test)]
impl Serialize for Replacements<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let f = self.0;
        let edits = f.diagnostic.fix.iter().flat_map(|fix| &fix.edits);
        serializer.collect_seq(edits.zip(f.edits).map(|(edit, (start, end))| Replacement {
            deleted_region: ByteRegion {
                byte_offset: start.offset,
                byte_length: end.offset - start.offset,
            },
            inserted_content: InsertedContent {
                text: &edit.new_text,
            },
        }))
    }
}

impl Serialize for Notifications<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|e| Notification {
            level: "error",
            message: Message { text: e },
        }))
    }
}

#[cfg(test)]
pub(super) fn result<'a>(
    f: Finding<'a>,
    artifact: ArtifactLocation<'a>,
    rule_index: Option<usize>,
) -> SarifResult<'a> {
    let d = f.diagnostic;
    SarifResult {
        rule_id: d.code,
        rule_index,
        level: level(d.severity),
        message: Message { text: &d.message },
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: artifact,
                region: region(&f.start, &f.end),
            },
        }],
        related_locations: RelatedLocations {
            finding: f,
            artifact,
        },
        fixes: d.fix.as_ref().map(|fix| {
            [Fix {
                description: Message { text: &fix.title },
                artifact_changes: [ArtifactChange {
                    artifact_location: artifact,
                    replacements: Replacements(f),
                }],
            }]
        }),
        properties: (d.fix.is_some() || d.person.is_some()).then(|| Properties {
            fix_applicability: d.fix.as_ref().map(|fix| fix.applicability.as_str()),
            person: d.person.as_deref(),
        }),
    }
}

/// The whole log at once, to compare the stream with.
#[cfg(test)]
pub(super) fn log<'a>(
    tool: Tool,
    results: Vec<SarifResult<'a>>,
    invocation: Invocation<'a>,
) -> Log<'a> {
    Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool,
            column_kind: COLUMN_KIND,
            results,
            invocations: [invocation],
        }],
    }
}

pub(super) fn tool(metas: &[&'static RuleMeta]) -> Tool {
    Tool {
        driver: Driver {
            name: "cablelint",
            version: env!("CARGO_PKG_VERSION"),
            information_uri: env!("CARGO_PKG_REPOSITORY"),
            rules: metas.iter().map(|m| rule(m)).collect(),
        },
    }
}

fn rule(m: &'static RuleMeta) -> Rule {
    Rule {
        id: m.code,
        name: m.name,
        short_description: Message { text: m.summary },
        full_description: Message {
            text: m.explanation.trim(),
        },
        help_uri: rule_url(m.code),
        help: Help {
            text: m.summary,
            markdown: m.documentation(),
        },
        default_configuration: Configuration {
            level: level(m.default_severity),
            enabled: m.default_enabled,
        },
    }
}

pub(super) fn invocation(errors: &[String]) -> Invocation<'_> {
    Invocation {
        execution_successful: errors.is_empty(),
        tool_execution_notifications: Notifications(errors),
    }
}

pub(super) fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

#[cfg(test)]
fn region(start: &Position, end: &Position) -> Region {
    Region {
        start_line: start.line,
        start_column: start.column_utf16,
        end_line: end.line,
        end_column: end.column_utf16,
        byte_offset: start.offset,
        byte_length: end.offset - start.offset,
    }
}
