//! One SARIF result written by hand: what serialising [`super::model`]'s
//! `SarifResult` with serde gives (the tests compare the two), without
//! going through serde token by token.

use crate::output::pretty::Pretty;
use crate::report::{Finding, Position};

pub(super) fn write_result(p: &mut Pretty, f: &Finding<'_>, uri: &str, rule_index: Option<usize>) {
    let d = &f.diagnostic;
    p.begin_object();
    p.string_field("ruleId", d.code);
    if let Some(index) = rule_index {
        p.uint_field("ruleIndex", index);
    }
    p.string_field("level", super::model::level(d.severity));
    p.key("message");
    write_message(p, &d.message);
    p.key("locations");
    p.begin_array();
    p.element();
    p.begin_object();
    p.key("physicalLocation");
    write_physical_location(p, uri, &f.start, &f.end);
    p.end_object();
    p.end_array();
    if !d.related.is_empty() {
        p.key("relatedLocations");
        p.begin_array();
        for (id, (related, (start, end))) in d.related.iter().zip(f.related).enumerate() {
            p.element();
            p.begin_object();
            p.uint_field("id", id);
            p.key("message");
            write_message(p, &related.message);
            p.key("physicalLocation");
            write_physical_location(p, uri, start, end);
            p.end_object();
        }
        p.end_array();
    }
    if let Some(fix) = &d.fix {
        p.key("fixes");
        p.begin_array();
        p.element();
        p.begin_object();
        p.key("description");
        write_message(p, &fix.title);
        p.key("artifactChanges");
        p.begin_array();
        p.element();
        p.begin_object();
        p.key("artifactLocation");
        write_artifact(p, uri);
        p.key("replacements");
        p.begin_array();
        for (edit, (start, end)) in fix.edits.iter().zip(f.edits) {
            p.element();
            p.begin_object();
            p.key("deletedRegion");
            p.uint_object(&[
                ("byteOffset", start.offset),
                ("byteLength", end.offset - start.offset),
            ]);
            p.key("insertedContent");
            write_message(p, &edit.new_text);
            p.end_object();
        }
        p.end_array();
        p.end_object();
        p.end_array();
        p.end_object();
        p.end_array();
    }
    // cablelint's own facts about the result: how safe its fix is, and
    // the registry id of the person an O rule is about.
    if d.fix.is_some() || d.person.is_some() {
        p.key("properties");
        p.begin_object();
        if let Some(fix) = &d.fix {
            p.string_field("fixApplicability", fix.applicability.as_str());
        }
        if let Some(person) = &d.person {
            p.string_field("person", person);
        }
        p.end_object();
    }
    p.end_object();
}

/// `{ "text": ... }`, SARIF's message and inserted content.
fn write_message(p: &mut Pretty, text: &str) {
    p.begin_object();
    p.string_field("text", text);
    p.end_object();
}

fn write_artifact(p: &mut Pretty, uri: &str) {
    p.begin_object();
    p.string_field("uri", uri);
    p.end_object();
}

fn write_physical_location(p: &mut Pretty, uri: &str, start: &Position, end: &Position) {
    p.begin_object();
    p.key("artifactLocation");
    write_artifact(p, uri);
    p.key("region");
    p.uint_object(&[
        ("startLine", start.line),
        ("startColumn", start.column_utf16),
        ("endLine", end.line),
        ("endColumn", end.column_utf16),
        ("byteOffset", start.offset),
        ("byteLength", end.offset - start.offset),
    ]);
    p.end_object();
}
