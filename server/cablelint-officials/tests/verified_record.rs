//! `data/VERIFIED.md` records which posts were checked against a source and
//! what their dates are now. This test keeps that record honest: every row
//! must name a person in the built-in data, and the dates it gives must be the
//! dates of one of that person's posts, so a later edit to the data cannot
//! leave a "verified" row describing dates the registry no longer holds.

use cablelint_officials::Registry;

const RECORD: &str = include_str!("../data/VERIFIED.md");

struct Row<'a> {
    line: usize,
    person: &'a str,
    post: &'a str,
    dates: &'a str,
}

/// The rows of every table whose header starts `| person id | post | dates now |`.
fn rows() -> Vec<Row<'static>> {
    let mut rows = Vec::new();
    let mut in_table = false;
    for (index, line) in RECORD.lines().enumerate() {
        if !line.starts_with('|') {
            in_table = false;
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        if cells.first() == Some(&"person id") {
            assert_eq!(
                cells.get(2),
                Some(&"dates now"),
                "VERIFIED.md:{}: unexpected table header",
                index + 1
            );
            in_table = true;
            continue;
        }
        if !in_table
            || cells
                .iter()
                .all(|c| c.chars().all(|ch| ch == '-' || ch == ' '))
        {
            continue;
        }
        assert!(
            cells.len() >= 5,
            "VERIFIED.md:{}: a row needs five cells",
            index + 1
        );
        rows.push(Row {
            line: index + 1,
            person: cells[0],
            post: cells[1],
            dates: cells[2],
        });
    }
    rows
}

/// "1959-10-15 – 1965-04-13; 1967 – 1972" (also joined by " and ") into
/// (start, end) pairs; an open end is written "present" or left empty.
fn intervals(dates: &str) -> Vec<(String, String)> {
    dates
        .split("; ")
        .flat_map(|part| part.split(" and "))
        .filter_map(|part| {
            let (start, end) = part.split_once(" – ")?;
            Some((start.trim().to_owned(), end.trim().to_owned()))
        })
        .collect()
}

#[test]
fn the_record_has_rows() {
    assert!(rows().len() >= 200, "only {} rows", rows().len());
}

#[test]
fn every_recorded_post_exists_with_the_recorded_dates() {
    let registry = Registry::builtin();
    let mut problems = Vec::new();
    for row in rows() {
        // A row may confirm one post of several people ("a, b, c"); then it
        // gives no dates of its own.
        let ids: Vec<&str> = row.person.split(", ").collect();
        let people: Vec<_> = ids
            .iter()
            .filter_map(|id| registry.iter().find(|p| p.id == *id))
            .collect();
        if people.len() != ids.len() {
            problems.push(format!(
                "VERIFIED.md:{}: no person among `{}`",
                row.line, row.person
            ));
            continue;
        }
        let person = people[0];
        let held: Vec<(String, String)> = person
            .posts
            .iter()
            .map(|post| {
                let end = post.end.map(|d| d.to_string()).unwrap_or_default();
                (post.start.to_string(), end)
            })
            .collect();
        let recorded = intervals(row.dates);
        if recorded.is_empty() {
            // Rows about birth/death dates or sources only name no interval.
            continue;
        }
        if people.len() > 1 {
            problems.push(format!(
                "VERIFIED.md:{}: a row of several people cannot give dates",
                row.line
            ));
            continue;
        }
        for (start, end) in recorded {
            let open = end.is_empty() || end == "present";
            let found = held
                .iter()
                .any(|(s, e)| *s == start && (*e == end || (open && e.is_empty())));
            if !found {
                problems.push(format!(
                    "VERIFIED.md:{}: {} `{}`: {start} – {end} is not a post of theirs (posts: {held:?})",
                    row.line, row.person, row.post
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_post_of_the_builtin_registry_has_a_row() {
    let rows = rows();
    let registry = Registry::builtin();
    let mut missing = Vec::new();
    for person in registry.iter() {
        let recorded: Vec<(String, String)> = rows
            .iter()
            .filter(|row| row.person == person.id.as_ref() as &str)
            .flat_map(|row| intervals(row.dates))
            .collect();
        for post in &person.posts {
            let start = post.start.to_string();
            let end = post.end.map(|d| d.to_string()).unwrap_or_default();
            let found = recorded.iter().any(|(s, e)| {
                *s == start && (*e == end || (end.is_empty() && (e.is_empty() || e == "present")))
            });
            if !found {
                missing.push(format!("{} `{}`: {start} – {end}", person.id, post.title));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "{} posts have no row in VERIFIED.md:\n{}",
        missing.len(),
        missing.join("\n")
    );
}
