//! Tables of written dates and what they normalise to. Each line is set in
//! a small document whose archive line says June 28, 1962, in the header
//! (or the body), as transcriptions print them.

use crate::model::Document;
use expect_test::{expect, Expect};
use std::fmt::Write;

/// One line per date: the text, role, form, interval (or both readings),
/// which parts were supplied and how sure the reading is.
pub(crate) fn render(doc: &Document) -> String {
    let dates = doc.dates();
    let mut out = String::new();
    for m in &dates.mentions {
        let readings = m.readings();
        let value = match readings.as_slice() {
            [] => "?".to_owned(),
            [one] => one.to_string(),
            many => many
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(" | "),
        };
        let supplied: String = [(m.day, 'd'), (m.month, 'm'), (m.year, 'y')]
            .iter()
            .filter(|(c, _)| c.is_some_and(|c| c.supplied))
            .map(|(_, l)| *l)
            .collect();
        let _ = write!(
            out,
            "{:?} {} {} {}",
            doc.slice(m.span),
            m.role.as_str(),
            m.form.as_str(),
            value
        );
        if !supplied.is_empty() {
            let _ = write!(out, " supplied:{supplied}");
        }
        if let Some((_, w)) = m.weekday {
            let _ = write!(out, " {}", w.name());
        }
        if let Some(order) = m.order.filter(|_| m.ambiguous) {
            let _ = write!(out, " ({})", order.describe());
        }
        let _ = writeln!(out, " {:?}", m.confidence);
    }
    if let Some(d) = &dates.document {
        let _ = writeln!(out, "document {}", d.interval);
    }
    out
}

fn in_header(line: &str) -> Document {
    Document::parse_str(&format!(
        "June 28, 1962\n\nCable from the Embassy to the Foreign Ministry\n\n{line}\n\nThe body of the cable goes on for a while and it ends with a full stop here.\n\nMinistry\n"
    ))
}

fn in_body(sentence: &str) -> Document {
    Document::parse_str(&format!(
        "June 28, 1962\n\nCable from the Embassy to the Foreign Ministry\n\n28 June [1962]\n\nTo the Foreign Ministry:\n\n{sentence} And the body of the cable goes on for a while with more words in it.\n\nMinistry\n"
    ))
}

fn table(lines: &[&str], place: fn(&str) -> Document, expect: Expect) {
    let mut out = String::new();
    for line in lines {
        let doc = place(line);
        let _ = writeln!(out, "{line}");
        for rendered in render(&doc).lines() {
            // The frame's own dates are the same in every case.
            if !rendered.starts_with("\"June 28, 1962\" archive")
                && !rendered.starts_with("\"28 June [1962]\" header")
            {
                let _ = writeln!(out, "  {rendered}");
            }
        }
    }
    expect.assert_eq(&out);
}

#[test]
fn header_dates_of_every_collection() {
    table(
        &[
            "28 June [1962]",
            "Moscow, June 28, 1962, 7 p.m.",
            "Geneva, May 17, 1934—6 p.m.",
            "Geneva, April 26, 1934—noon.",
            "[Received May 27—3:56 a.m.]",
            "[Received June 16, 12.50 p.m.]",
            "[Received 6.45 p.m.]",
            "Arrived: 24.10.62 16:30",
            "Dispatched from Havana on 11.21.1962 at 2:00 and received at 11.21 at 13:45",
            "Came to the Decoding Department at 11.21 at 16:00",
            "From…Hanoi…..dispatched on 03.11. at 12:00 hours……..received on 03.12. at 12:21hours…",
            "Came in to the Decoding Department…03.12.63. at 14:30 hours…………",
            "24.10.1962 at 16:00",
            "Dispatched on 11.16.1962 at 2:00",
            "5.XI.62",
            "From: Washington        No. 49201        Time: 6:40        Date: 27/X/1962",
            "ON/26/26/X/62",
            "Received on 4:10 am, 14 May 1950",
            "Sent on 5:30 am, 14 May 1950",
            "Received……… at 20h00",
            "389 – FRIDAY – 1830hs",
            "Foreign Ministry Outgoing (64) January No.879",
            "No. (61) 561",
            "November 09, 1962",
            "New Delhi, 1st April, 1949.",
            "Neuer          Bonn, 12 September 1996",
            "Subject: Conversation on Thursday, 12 September 1996, 9.30 hours",
            "1962-06-28",
            "13.7.50",
        ],
        in_header,
        expect![[r#"
            28 June [1962]
              document 1962-06-28
            Moscow, June 28, 1962, 7 p.m.
              "June 28, 1962, 7 p.m." header textual 1962-06-28T19:00 High
              document 1962-06-28T19:00
            Geneva, May 17, 1934—6 p.m.
              "May 17, 1934—6 p.m." header textual 1934-05-17T18:00 High
              document 1934-05-17T18:00
            Geneva, April 26, 1934—noon.
              "April 26, 1934—noon" header textual 1934-04-26T12:00 High
              document 1934-04-26T12:00
            [Received May 27—3:56 a.m.]
              "May 27—3:56 a.m." received textual 1962-05-27T03:56 Medium
              document 1962-06-28
            [Received June 16, 12.50 p.m.]
              "June 16, 12.50 p.m." received textual 1962-06-16T12:50 Medium
              document 1962-06-28
            [Received 6.45 p.m.]
              document 1962-06-28
            Arrived: 24.10.62 16:30
              "24.10.62 16:30" received numeric 1962-10-24T16:30 Medium
              document 1962-06-28
            Dispatched from Havana on 11.21.1962 at 2:00 and received at 11.21 at 13:45
              "11.21.1962 at 2:00" sent numeric 1962-11-21T02:00 High
              "11.21 at 13:45" received numeric 1962-11-21T13:45 Medium
              document 1962-06-28
            Came to the Decoding Department at 11.21 at 16:00
              "11.21 at 16:00" processed numeric 1962-11-21T16:00 Medium
              document 1962-06-28
            From…Hanoi…..dispatched on 03.11. at 12:00 hours……..received on 03.12. at 12:21hours…
              "03.11. at 12:00 hours" sent numeric 1962-11-03T12:00 | 1962-03-11T12:00 Low
              "03.12. at 12:21hours" received numeric 1962-12-03T12:21 | 1962-03-12T12:21 Low
              document 1962-06-28
            Came in to the Decoding Department…03.12.63. at 14:30 hours…………
              "03.12.63. at 14:30 hours" processed numeric 1963-12-03T14:30 | 1963-03-12T14:30 Low
              document 1962-06-28
            24.10.1962 at 16:00
              "24.10.1962 at 16:00" header numeric 1962-10-24T16:00 High
              document 1962-10-24T16:00
            Dispatched on 11.16.1962 at 2:00
              "11.16.1962 at 2:00" sent numeric 1962-11-16T02:00 High
              document 1962-06-28
            5.XI.62
              "5.XI.62" header roman 1962-11-05 Medium
              document 1962-11-05
            From: Washington        No. 49201        Time: 6:40        Date: 27/X/1962
              "27/X/1962" header roman 1962-10-27 High
              document 1962-10-27
            ON/26/26/X/62
              "ON/26/26/X/62" sent roman 1962-10-26 Medium
              "ON/26/26/X/62" received roman 1962-10-26 Medium
              document 1962-06-28
            Received on 4:10 am, 14 May 1950
              "4:10 am, 14 May 1950" received textual 1950-05-14T04:10 High
              document 1962-06-28
            Sent on 5:30 am, 14 May 1950
              "5:30 am, 14 May 1950" sent textual 1950-05-14T05:30 High
              document 1962-06-28
            Received……… at 20h00
              document 1962-06-28
            389 – FRIDAY – 1830hs
              "389 – FRIDAY – 1830hs" sent weekday-time 1962-06-28T18:30 Friday Medium
              document 1962-06-28
            Foreign Ministry Outgoing (64) January No.879
              "(64) January" serial serial 1964-01 Medium
              document 1962-06-28
            No. (61) 561
              "No. (61)" serial serial 1961 Medium
              document 1962-06-28
            November 09, 1962
              "November 09, 1962" header textual 1962-11-09 High
              document 1962-11-09
            New Delhi, 1st April, 1949.
              "1st April, 1949" header textual 1949-04-01 High
              document 1949-04-01
            Neuer          Bonn, 12 September 1996
              "12 September 1996" header textual 1996-09-12 High
              document 1996-09-12
            Subject: Conversation on Thursday, 12 September 1996, 9.30 hours
              "Thursday, 12 September 1996, 9.30 hours" reference textual 1996-09-12T09:30 Thursday High
              document 1962-06-28
            1962-06-28
              "1962-06-28" header iso 1962-06-28 High
              document 1962-06-28
            13.7.50
              "13.7.50" header numeric 1950-07-13 Medium
              document 1950-07-13
        "#]],
    );
}

#[test]
fn original_language_dates() {
    table(
        &[
            "发往:乌鲁木齐   批发:(   628",
            "一九六二年六月二十八日",
            "1962年6月28日",
            "６月２８日",
            "二十八日发",
            "Отправлена 28 июня 1962 г.",
            "28 июня 1962 года",
        ],
        in_header,
        expect![[r#"
            发往:乌鲁木齐   批发:(   628
              "628" original code 1962-06-28 Medium
              document 1962-06-28
            一九六二年六月二十八日
              "一九六二年六月二十八日" original chinese 1962-06-28 High
              document 1962-06-28
            1962年6月28日
              "1962年6月28日" original chinese 1962-06-28 High
              document 1962-06-28
            ６月２８日
              "６月２８日" original chinese 1962-06-28 Medium
              document 1962-06-28
            二十八日发
              "二十八日" original chinese 1962-06-28 Low
              document 1962-06-28
            Отправлена 28 июня 1962 г.
              "28 июня 1962 г." sent textual 1962-06-28 High
              document 1962-06-28
            28 июня 1962 года
              "28 июня 1962 года" original textual 1962-06-28 High
              document 1962-06-28
        "#]],
    );
}

#[test]
fn references_in_the_body() {
    table(
        &[
            "On the 26th [of June], Vice Minister Ji handed our memorandum.",
            "In reference to my 2379 [2369], 14th.",
            "Railway commission arrived here 12th.",
            "He met me on the 22nd, and left.",
            "We sent it on the evening of 23.10 [23 October] already.",
            "On the morning of 23.10. [October 23] two ships arrived.",
            "They met on 28 November 1950 at the embassy.",
            "The memorandum of 2 June and the statement of 11 June.",
            "Late in the evening of October 23, R. Kennedy came.",
            "Consulate’s 77, May 17, 5 p.m.;62 and Wilson’s 254, May 17, 9 a.m.",
            "A meeting is called for May 2d.",
            "The aide-memoire of January 242 this year.",
            "Moscow 4 February, 1961.",
            "From 20./21. November 1997 and 15.-17. May 1998.",
        ],
        in_body,
        expect![[r#"
            On the 26th [of June], Vice Minister Ji handed our memorandum.
              "26th [of June]" reference textual 1962-06-26 supplied:m Medium
              document 1962-06-28
            In reference to my 2379 [2369], 14th.
              "14th" reference ordinal 1962-06-14 Low
              document 1962-06-28
            Railway commission arrived here 12th.
              "12th" reference ordinal 1962-06-12 Low
              document 1962-06-28
            He met me on the 22nd, and left.
              "22nd" reference ordinal 1962-06-22 Low
              document 1962-06-28
            We sent it on the evening of 23.10 [23 October] already.
              "23.10" reference numeric 1962-10-23 Medium
              "[23 October]" reference textual 1962-10-23 supplied:dm Medium
              document 1962-06-28
            On the morning of 23.10. [October 23] two ships arrived.
              "23.10." reference numeric 1962-10-23 Medium
              "[October 23]" reference textual 1962-10-23 supplied:dm Medium
              document 1962-06-28
            They met on 28 November 1950 at the embassy.
              "28 November 1950" reference textual 1950-11-28 High
              document 1962-06-28
            The memorandum of 2 June and the statement of 11 June.
              "2 June" reference textual 1962-06-02 Medium
              "11 June" reference textual 1962-06-11 Medium
              document 1962-06-28
            Late in the evening of October 23, R. Kennedy came.
              "October 23" reference textual 1962-10-23 Medium
              document 1962-06-28
            Consulate’s 77, May 17, 5 p.m.;62 and Wilson’s 254, May 17, 9 a.m.
              "May 17, 5 p.m." reference textual 1962-05-17T17:00 Medium
              "May 17, 9 a.m." reference textual 1962-05-17T09:00 Medium
              document 1962-06-28
            A meeting is called for May 2d.
              "May 2d" reference textual 1962-05-02 Medium
              document 1962-06-28
            The aide-memoire of January 242 this year.
              document 1962-06-28
            Moscow 4 February, 1961.
              "4 February, 1961" reference textual 1961-02-04 High
              document 1962-06-28
            From 20./21. November 1997 and 15.-17. May 1998.
              "21. November 1997" reference textual 1997-11-21 High
              "17. May 1998" reference textual 1998-05-17 High
              document 1962-06-28
        "#]],
    );
}

#[test]
fn impossible_and_odd_dates_are_read_as_written() {
    table(
        &[
            "Monday, 28 June 1962",
            "31 June [1962]",
            "30 February 1962",
            "29 February 1964",
            "Dispatched: 24.13.62 18:00",
            "ON/26/26/XIII/62",
            "批发:(   631",
        ],
        in_header,
        expect![[r#"
            Monday, 28 June 1962
              "Monday, 28 June 1962" header textual 1962-06-28 Monday High
              document 1962-06-28
            31 June [1962]
              "31 June [1962]" header textual ? supplied:y High
              document 1962-06-28
            30 February 1962
              "30 February 1962" header textual ? High
              document 1962-06-28
            29 February 1964
              "29 February 1964" header textual 1964-02-29 High
              document 1964-02-29
            Dispatched: 24.13.62 18:00
              "24.13.62 18:00" sent numeric ? Medium
              document 1962-06-28
            ON/26/26/XIII/62
              document 1962-06-28
            批发:(   631
              "631" original code ? Medium
              document 1962-06-28
        "#]],
    );
}

#[test]
fn numbers_that_are_not_dates() {
    table(
        &[
            "File No. 861.77/99",
            "724.3415/4185: Telegram",
            "Received at 10.30 a.m. and 9.30 hours",
            "No. 10.12",
            "the 38th parallel and the 70th birthday",
            "3.5% of 1.5 million",
            "Special No. 1664-1665",
            "1,000,000 yen",
        ],
        in_header,
        expect![[r#"
            File No. 861.77/99
              document 1962-06-28
            724.3415/4185: Telegram
              document 1962-06-28
            Received at 10.30 a.m. and 9.30 hours
              document 1962-06-28
            No. 10.12
              document 1962-06-28
            the 38th parallel and the 70th birthday
              document 1962-06-28
            3.5% of 1.5 million
              document 1962-06-28
            Special No. 1664-1665
              document 1962-06-28
            1,000,000 yen
              document 1962-06-28
        "#]],
    );
    table(
        &["Interest rate: 3.5 and 1.2.3.4 in section 2.1 of 1.5 million."],
        in_body,
        expect![[r#"
            Interest rate: 3.5 and 1.2.3.4 in section 2.1 of 1.5 million.
              document 1962-06-28
        "#]],
    );
}

#[test]
fn malformed_input_never_panics() {
    // Long lines dense with candidates; `examples/throughput.rs --long-lines
    // 10` times 10 MB ones in release (debug builds are too slow for that).
    let long_digits = "1.1.".repeat(5_000);
    let long_months = "June ".repeat(20_000);
    let long_brackets = "[".repeat(100_000);
    let long_spaces = format!("June{}28", " ".repeat(100_000));
    let long_ordinals = "28th ".repeat(5_000);
    for text in [
        "",
        "31/31/31",
        "00.00.0000",
        "June 0, 1962",
        "[[[28 June",
        "28 June ]]]",
        "]28 June[",
        "ON/99/99/XIII/62",
        "ON/0/0/I/0",
        "批发:(   999",
        "批发:(   0000",
        "二十二十日 十十月 〇月〇日",
        "𠀋28 June 1962𠀋",
        "\u{FEFF}28 June",
        "99999999999999999999.12.1962",
        "12.99999999999999999999",
        "June 28, 99999",
        "28 June 0000",
        "0000-00-00 9999-99-99",
        "25:99 p.m. 13 p.m. 99:99 hours",
        "\r\n28 June\r\r\n",
        long_digits.as_str(),
        long_months.as_str(),
        long_brackets.as_str(),
        long_spaces.as_str(),
        long_ordinals.as_str(),
    ] {
        for doc in [Document::parse_str(text), in_header(text), in_body(text)] {
            let dates = doc.dates();
            for m in &dates.mentions {
                assert!(doc.text().is_char_boundary(m.span.start));
                assert!(doc.text().is_char_boundary(m.span.end));
                let _ = m.readings();
            }
        }
    }
}

#[test]
fn document_date_follows_the_majority_and_the_header_on_a_tie() {
    let doc = Document::parse_str(
        "June 28, 1962\n\nCable from the Ministry to the Office\n\n27 June [1962]\n\nThe body of the cable goes on for a while and it ends with a full stop here.\n\n28 June [1962]\n",
    );
    let d = doc.dates().document.as_ref().expect("a date");
    assert_eq!(d.interval.to_string(), "1962-06-28");
    assert_eq!(d.sources.len(), 2);
    let doc = Document::parse_str(
        "June 28, 1962\n\nCable from the Ministry to the Office\n\n27 June [1962]\n\nThe body of the cable goes on for a while and it ends with a full stop here.\n",
    );
    let d = doc.dates().document.as_ref().expect("a date");
    assert_eq!(d.interval.to_string(), "1962-06-27");
}

#[test]
fn the_seed_cable_states_one_day_four_times() {
    let text = crate::test_corpus::read("seed-cable-1962-06-28.txt");
    let doc = Document::parse_str(&text);
    expect![[r#"
        "June 28, 1962" archive textual 1962-06-28 High
        "628" original code 1962-06-28 Medium
        "28 June [1962]" header textual 1962-06-28 supplied:y High
        "2 June" reference textual 1962-06-02 Medium
        "11 June" reference textual 1962-06-11 Medium
        "26th [of June]" reference textual 1962-06-26 supplied:m Medium
        "2 June" reference textual 1962-06-02 Medium
        "11 June" reference textual 1962-06-11 Medium
        "28 June [1962]" closing textual 1962-06-28 supplied:y High
        document 1962-06-28
    "#]]
    .assert_eq(&render(&doc));
}

#[test]
fn the_document_settles_the_order_of_numeric_dates() {
    // Maneli's ciphergram: "03.11." is 3 November or 11 March until the
    // archive line (March 11, 1963) says which; the body's "03.04." then
    // follows the document's order.
    let body = "From…Hanoi…..dispatched on 03.11. at 12:00 hours……..received on 03.12. at 12:21hours…\n\nI conducted lengthy conversations with the Prime Minister and with the Soviet Ambassador.\n\nOn the morning of 03.04. [?] nothing at all happened in the whole town of Hanoi.\n";
    let settled = Document::parse_str(&format!(
        "March 11, 1963\n\nSecret Telegram from Maneli (Hanoi) to Warsaw\n\n{body}"
    ));
    expect![[r#"
        "March 11, 1963" archive textual 1963-03-11 High
        "03.11. at 12:00 hours" sent numeric 1963-03-11T12:00 (month first) Medium
        "03.12. at 12:21hours" received numeric 1963-03-12T12:21 (month first) Medium
        "03.04." reference numeric 1963-03-04 (month first) Medium
        document 1963-03-11
    "#]]
    .assert_eq(&render(&settled));
    // A month-only archive line gives the year but settles no day: both
    // readings stay.
    let open = Document::parse_str(&format!(
        "March 1963\n\nSecret Telegram from Maneli (Hanoi) to Warsaw\n\n{body}"
    ));
    expect![[r#"
        "March 1963" archive textual 1963-03 High
        "03.11. at 12:00 hours" sent numeric 1963-11-03T12:00 | 1963-03-11T12:00 Low
        "03.12. at 12:21hours" received numeric 1963-12-03T12:21 | 1963-03-12T12:21 Low
        "03.04." reference numeric 1963-04-03 | 1963-03-04 Low
        document 1963-03
    "#]]
    .assert_eq(&render(&open));
}

#[test]
fn a_header_stating_many_dates_is_read_whole() {
    // Thousands of stamps in one header, each on another day, and two more
    // on 28 June 1962: every date gets its role and its day, and a bare
    // day in the body is read against the majority's date. Settling the
    // document's date once cost a search of every day for each date.
    use crate::model::dates::calendar::{civil_from_days, days_from_civil, ENGLISH_MONTHS};
    use crate::model::dates::DateRole;
    let mut text = String::from("Cable from the Embassy to the Foreign Ministry\n\n");
    let first = days_from_civil(1950, 1, 1);
    let count = 3_000;
    for d in first..first + count {
        let (y, m, day) = civil_from_days(d);
        let month = ENGLISH_MONTHS[usize::from(m) - 1];
        text.push_str(&format!("Sent: {day} {month} {y}\n"));
    }
    text.push_str("Sent: 28 June 1962\nSent: 28 June 1962\n\n");
    text.push_str("On the 26th [of June], the Minister handed our memorandum to the Ambassador, who read it.\n\nMinistry\n");
    let doc = Document::parse_str(&text);
    let dates = doc.dates();
    assert_eq!(dates.mentions.len(), count as usize + 3);
    let (stamps, bare) = dates.mentions.split_at(count as usize + 2);
    for (m, d) in stamps.iter().zip(first..) {
        let (y, mo, day) = civil_from_days(d.min(first + count - 1));
        let day = if d >= first + count {
            (1962, 6, 28)
        } else {
            (y, mo, day)
        };
        assert_eq!(m.role, DateRole::Sent, "{:?}", doc.slice(m.span));
        assert_eq!(m.resolved, Some((day.0, Some(day.1), Some(day.2))));
    }
    assert_eq!(doc.slice(bare[0].span), "26th [of June]");
    assert_eq!(bare[0].resolved, Some((1962, Some(6), Some(26))));
    // No archive line, header or closing states the date: the first
    // sending stamp gives it.
    assert_eq!(
        dates.document.as_ref().map(|d| d.interval.to_string()),
        Some("1950-01-01".to_owned())
    );
}
