use cablelint_officials::{Date, Matcher, Post, TitleSense};

use crate::diagnostic::Severity;
use crate::rules::{Context, Family, FixAvailability, Rule, RuleMeta};

pub struct TitleNotHeld;

static META: RuleMeta = RuleMeta {
    code: "O001",
    name: "title-not-held",
    family: Family::Officials,
    default_severity: Severity::Warning,
    default_enabled: true,
    fix: FixAvailability::None,
    summary: "A title given to an official who did not hold that post on the document's date.",
    explanation: "Translators often give an official the title they are best known by, or \
the one they held later: \"Foreign Minister Ji\" in a 1962 cable, when Ji Pengfei was a Vice \
Minister until 1972. The reader then misjudges who was speaking for whom. The rule compares the \
title written beside a name with the posts the officials registry records for that person on \
the document's date (the archive's date line, else the first dated header field).\n\n\
It reports only when the person is identified without doubt, the document has a date, and the \
title names a post (\"Comrade\" or \"Mr.\" do not). When the registry records no post at all on \
that date, it reports only a title the person held at another time, and as info, not a \
warning: the registry may simply lack the post (a leader restored to an office, a term it \
does not know). Telegram abbreviations are read as the words they stand for (\"Amb.\", \
\"Pres.\", \"Secy.\", \"Dep. FM\", \"FonMin\", \"DepFonMin\", \"PriMin\"). A title said to be \
held at another time is compared with that time: \"former\", \"ex-\" or \"the late\" with posts \
held up to the date, \"future\", \"-designate\" or \"-elect\" with posts from it on, \"then\" with \
any; \"acting\" fits a deputy standing in. \"Governor\" and \"Ambassador\" alone are also courtesy titles: a former \
governor keeps the title (FRUS's \"Governor Harriman\" of 1962); \"Ambassador\" fits a head of \
mission with an ambassador's rank (a permanent representative to the United Nations, a chief \
of the US or PRC liaison office, a deputy ambassador) and a former ambassador who holds no other titled post that \
day, so a foreign minister who was once an ambassador is still reported. The message names the posts held that day, at most three (two and a count \
when there are more); hover and `cablelint officials` list them all. Check the source before changing the text: the original may itself be \
wrong, which deserves an editorial note rather than a silent correction.",
    wrong: "June 28, 1962\n\nCable\n\nForeign Minister Ji received the ambassador.\n",
    right: "June 28, 1962\n\nCable\n\nVice Minister Ji received the ambassador.\n",
};

/// "Vice Minister from 1958 to 1972" (or "… from 1972" while held),
/// appended with `push_str`: `format!` cost about 1 K instructions per
/// message. [`tests::message_matches_format`] keeps the `format!` form.
fn push_tenure(message: &mut String, post: &Post) {
    message.push_str(&post.title);
    message.push_str(" from ");
    post.start.push_to(message);
    if let Some(end) = post.end {
        message.push_str(" to ");
        end.push_to(message);
    }
}

/// "`title`: the registry records no post of name on date; the title fits
/// tenure": weaker than [`held_instead`], since the registry may lack the
/// post (a leader restored to it, a term it does not know).
fn no_post_recorded(title: &str, name: &str, date: Date, other: &Post) -> String {
    let mut message = String::with_capacity(128);
    for part in [
        "`",
        title,
        "`: the registry records no post of ",
        name,
        " on ",
    ] {
        message.push_str(part);
    }
    date.push_to(&mut message);
    message.push_str("; the title fits ");
    push_tenure(&mut message, other);
    message
}

/// Posts named in full in a message; more are counted, so a leader with
/// party and state posts gets a line, not a paragraph. Hover and
/// `cablelint officials` list them all.
const POSTS_NAMED: usize = 2;

/// "`title`: on date name was tenure; tenure; and tenure", or with more
/// than three posts "…; tenure; and N other posts".
fn held_instead(title: &str, name: &str, date: Date, posts: &[&Post]) -> String {
    let mut message = String::with_capacity(128);
    for part in ["`", title, "`: on "] {
        message.push_str(part);
    }
    date.push_to(&mut message);
    for part in [" ", name, " was "] {
        message.push_str(part);
    }
    let named = if posts.len() > POSTS_NAMED + 1 {
        POSTS_NAMED
    } else {
        posts.len()
    };
    for (i, post) in posts[..named].iter().enumerate() {
        if i > 0 {
            message.push_str(if i + 1 == posts.len() { "; and " } else { "; " });
        }
        push_tenure(&mut message, post);
    }
    if named < posts.len() {
        message.push_str("; and ");
        message.push_str(&(posts.len() - named).to_string());
        message.push_str(" other posts");
    }
    message
}

/// Whether this rule may report a mention of `person` (an index into the
/// registry's people) under a written title of `sense` on `date`: the
/// tests of [`TitleNotHeld::check`] but the one of which candidate is
/// likeliest. Asked of every candidate of the mentions as the matcher
/// first examined them, it tells when no mention can be reported and the
/// matcher's last passes can be spared (`Context::mentions`).
pub(crate) fn may_report(matcher: &Matcher, person: usize, sense: &TitleSense, date: Date) -> bool {
    sense.has_rank()
        && !matcher.title_sense_held_on(person, sense, date)
        && (matcher.registry().persons()[person]
            .posts_on(date)
            .next()
            .is_some()
            || matcher
                .post_fitting_title_sense_near(person, sense, date)
                .is_some())
}

impl Rule for TitleNotHeld {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context) {
        let matcher = cx.shared.officials();
        let persons = matcher.registry().persons();
        for mention in cx.mentions() {
            // The matcher analysed the written title once; it is not
            // analysed again here.
            let (Some(title_span), Some(sense)) = (mention.title, mention.title_sense) else {
                continue;
            };
            if !mention.unambiguous || !sense.has_rank() {
                continue;
            }
            // Found once per run, for the mentions' ranking.
            let Some(date) = cx.document_date() else {
                return;
            };
            if matcher.title_sense_held_on(mention.person_index, &sense, date) {
                continue;
            }
            let title = cx.doc.slice(title_span);
            let person = &persons[mention.person_index];
            let name = &person.name.text;
            if person.posts_on(date).next().is_none() {
                // No recorded post that day may be a gap in the registry;
                // only a post held at another time is evidence, and weak:
                // a hint-like info, not a warning.
                let Some(other) =
                    matcher.post_fitting_title_sense_near(mention.person_index, &sense, date)
                else {
                    continue;
                };
                cx.report(
                    title_span.cover(mention.span),
                    no_post_recorded(title, name, date, other),
                )
                .severity(Severity::Info)
                .person(person.id.clone());
                continue;
            }
            let message = held_instead(
                title,
                name,
                date,
                &person.posts_on(date).collect::<Vec<_>>(),
            );
            cx.report(title_span.cover(mention.span), message)
                .person(person.id.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check;
    use cablelint_officials::{Date, Post, Registry};
    use expect_test::expect;

    /// The messages as first written with `format!`, the oracle for the
    /// `push_str` builders.
    fn tenure(post: &Post) -> String {
        match post.end {
            Some(end) => format!("{} from {} to {end}", post.title, post.start),
            None => format!("{} from {}", post.title, post.start),
        }
    }

    #[test]
    fn message_matches_format() {
        let registry = Registry::builtin();
        let dates = ["1962-06-28", "1949", "1972-02", "0800", "1991-12-26"];
        let (mut seen, mut counted) = (0, 0);
        for person in registry.persons().iter().take(200) {
            let name = &person.name.text;
            for date in dates {
                let date: Date = date.parse().unwrap();
                let title = "Foreign Minister 𠀋";
                let posts: Vec<&Post> = person.posts.iter().collect();
                counted += usize::from(posts.len() > 3);
                let tenures: Vec<String> = posts.iter().map(|post| tenure(post)).collect();
                let listed = match tenures.len() {
                    0 => String::new(),
                    1 => tenures[0].clone(),
                    2 | 3 => format!(
                        "{}; and {}",
                        tenures[..tenures.len() - 1].join("; "),
                        tenures[tenures.len() - 1]
                    ),
                    n => format!("{}; {}; and {} other posts", tenures[0], tenures[1], n - 2),
                };
                let expected = format!("`{title}`: on {date} {name} was {listed}");
                assert_eq!(super::held_instead(title, name, date, &posts), expected);
                for post in &person.posts {
                    let expected = format!(
                        "`{title}`: the registry records no post of {name} on {date}; the title fits {}",
                        tenure(post)
                    );
                    assert_eq!(super::no_post_recorded(title, name, date, post), expected);
                    seen += 1;
                }
            }
        }
        assert!(seen > 100, "too few posts compared: {seen}");
        assert!(
            counted > 10,
            "too few people with more than three posts: {counted}"
        );
    }

    const DATED: &str =
        "Skip to content\r\n\r\nJune 28, 1962\r\n\r\nCable from 𠀋 Ministry\r\n\r\n";

    #[test]
    fn reports_a_later_title_in_an_earlier_cable() {
        let text = format!("{DATED}发往 Foreign Minister Ji [Pengfei] met Premier Zhou Enlai.\r\n");
        expect![[r#"
            7:4-7:33 warning O001: `Foreign Minister`: on 1962-06-28 Ji Pengfei was Vice Minister of Foreign Affairs from 1955 to 1972
        "#]]
        .assert_eq(&check("O001", &text));
    }

    #[test]
    fn a_finding_on_a_name_in_an_unclosed_bracket_ends_with_the_name() {
        // The `]` of the next bracket does not close `[Pengfei`: the
        // finding stops at the name, not 60 characters later.
        let text = format!(
            "{DATED}Foreign Minister Ji [Pengfei handed it to Ambassador [Stepan V.] Chervonenko.\r\n"
        );
        expect![[r#"
            7:1-7:29 warning O001: `Foreign Minister`: on 1962-06-28 Ji Pengfei was Vice Minister of Foreign Affairs from 1955 to 1972
        "#]]
        .assert_eq(&check("O001", &text));
    }

    #[test]
    fn a_leader_with_many_posts_has_two_named_and_the_others_counted() {
        let text = "March 11, 1957\n\nCable\n\nRepresentative Zhou Enlai arrived.\n";
        expect![[r#"
            5:1-5:26 warning O001: `Representative`: on 1957-03-11 Zhou Enlai was Premier from 1949-10-01 to 1976-01-08; Minister of Foreign Affairs from 1949-10-01 to 1958-02-11; and 2 other posts
        "#]]
        .assert_eq(&check("O001", text));
    }

    #[test]
    fn a_peoples_commissar_was_a_minister_and_their_chairman_a_premier() {
        let text = "August 2, 1932\n\nCable\n\nMinister Mikoyan met Ambassador Mikoyan and Premier Molotov.\n";
        expect![[r#"
            5:22-5:40 warning O001: `Ambassador`: on 1932-08-02 Anastas Ivanovich Mikoyan was Candidate Member of the Politburo of the Central Committee of the VKP(b) from 1926-07-23 to 1935-02-01; and People's Commissar for Supply from 1930-11-22 to 1934-07-29
        "#]]
        .assert_eq(&check("O001", text));
    }

    #[test]
    fn reports_a_post_held_only_at_another_time() {
        let text = "January 5, 1995\n\nCable\n\nVice Minister Ji Pengfei spoke.\n";
        expect![[r#"
            5:1-5:25 info O001: `Vice Minister`: the registry records no post of Ji Pengfei on 1995-01-05; the title fits Vice Minister of Foreign Affairs from 1955 to 1972
        "#]].assert_eq(&check("O001", text));
    }

    #[test]
    fn between_two_terms_the_message_names_the_nearer() {
        // Deng Xiaoping was vice premier 1952–68 and 1973–April 1976.
        let text = "July 1, 1976\n\nCable\n\nVice Premier Deng Xiaoping spoke.\n";
        expect![[r#"
            5:1-5:27 info O001: `Vice Premier`: the registry records no post of Deng Xiaoping on 1976-07-01; the title fits Vice Premier from 1973-03-10 to 1976-04-07
        "#]]
        .assert_eq(&check("O001", text));
        let restored = "December 3, 1975\n\nCable\n\nVice Premier Deng Xiaoping spoke.\n";
        expect![[""]].assert_eq(&check("O001", restored));
    }

    #[test]
    fn ambassador_is_the_title_of_former_ambassadors_and_of_heads_of_mission() {
        // FRUS, October 1975: Huang Zhen headed the PRC Liaison Office
        // (ambassador to France before), Bush the US one, Huang Hua was the
        // PRC's representative at the UN. Kissinger never was an ambassador;
        // Gromyko's embassies of the 1940s and 50s do not make the foreign
        // minister "Ambassador".
        let text = "October 20, 1975\n\nMemorandum of Conversation\n\n\
            Ambassador Huang Chen, Ambassador George Bush and Ambassador Huang Hua.\n\
            Ambassador Kissinger and Vice Ambassador Huang Hua.\n\
            Ambassador Gromyko, once ambassador in Washington, was minister.\n";
        expect![[r#"
            6:1-6:21 warning O001: `Ambassador`: on 1975-10-20 Henry A. Kissinger was Assistant to the President for National Security Affairs from 1969-01-20 to 1975-11-03; and Secretary of State from 1973-09-22 to 1977-01-20
            6:26-6:51 warning O001: `Vice Ambassador`: on 1975-10-20 Huang Hua was Permanent Representative to the United Nations from 1971-11-02 to 1976-11-29
            7:1-7:19 warning O001: `Ambassador`: on 1975-10-20 Andrei Andreyevich Gromyko was Minister of Foreign Affairs from 1957-02-15 to 1985-07-02; and Member of the Politburo of the Central Committee of the CPSU from 1973 to 1988
        "#]]
        .assert_eq(&check("O001", text));
        // The deputy ambassadors in Saigon held an ambassador's rank;
        // "Deputy Ambassador" is still not the ambassador's own post.
        let saigon =
            "March 1, 1966\n\nTelegram\n\nAmbassador Porter met Deputy Ambassador Lodge.\n";
        expect![[r#"
            5:23-5:46 warning O001: `Deputy Ambassador`: on 1966-03-01 Henry Cabot Lodge Jr. was Ambassador to the Republic of Vietnam from 1965-08-25 to 1967-04-25
        "#]]
        .assert_eq(&check("O001", saigon));
    }

    #[test]
    fn a_former_governor_keeps_the_title() {
        // Harriman governed New York 1955–58; FRUS calls him "Governor
        // Harriman" while he was Assistant Secretary of State. Rusk never
        // governed anything.
        let text = "October 27, 1962\n\nMemorandum\n\nGovernor Harriman and Governor Rusk.\n";
        expect![[r#"
            5:23-5:36 warning O001: `Governor`: on 1962-10-27 Dean Rusk was Secretary of State from 1961-01-21 to 1969-01-20
        "#]]
        .assert_eq(&check("O001", text));
        let before = "October 27, 1952\n\nMemorandum\n\nGovernor Harriman.\n";
        expect![[r#"
            5:1-5:18 info O001: `Governor`: the registry records no post of W. Averell Harriman on 1952-10-27; the title fits Governor of New York from 1955-01-01 to 1958-12-31
        "#]]
        .assert_eq(&check("O001", before));
    }

    #[test]
    fn a_second_secretary_is_not_the_first() {
        // Podgorny was second secretary in Ukraine 1953–57, first 1957–63.
        let text =
            "June 1, 1962\n\nCable\n\nSecond Secretary Podgorny and First Secretary Podgorny.\n";
        expect![[r#"
            5:1-5:26 warning O001: `Second Secretary`: on 1962-06-01 Nikolai Viktorovich Podgorny was First Secretary of the Communist Party of Ukraine from 1957-12-26 to 1963-07-02; and Member of the Presidium of the Central Committee of the CPSU from 1960-05-04 to 1977-05-24
        "#]]
        .assert_eq(&check("O001", text));
        let earlier = "June 1, 1955\n\nCable\n\nSecond Secretary Podgorny spoke.\n";
        expect![[""]].assert_eq(&check("O001", earlier));
    }

    #[test]
    fn abbreviated_titles_of_telegrams_are_read_as_written_in_full() {
        // "Dep. FM" is a deputy foreign minister: Kuznetsov's post in 1962.
        // Before, "Dep." ended the title and "FM" alone was reported.
        let right = "October 26, 1962\n\nCable\n\nDep. FM Kuznetsov and Amb. Dobrynin.\n";
        expect![[""]].assert_eq(&check("O001", right));
        let wrong = "October 26, 1962\n\nCable\n\nFonMin Kuznetsov and Pres. Rusk.\n";
        expect![[r#"
            5:1-5:17 warning O001: `FonMin`: on 1962-10-26 Vasily Vasilyevich Kuznetsov was First Deputy Minister of Foreign Affairs from 1955 to 1977-10
            5:22-5:32 warning O001: `Pres.`: on 1962-10-26 Dean Rusk was Secretary of State from 1961-01-21 to 1969-01-20
        "#]]
        .assert_eq(&check("O001", wrong));
    }

    #[test]
    fn a_former_future_or_acting_title_is_compared_with_its_own_time() {
        // Molotov was foreign minister until 1956, Kosygin premier from
        // 1964, Kuznetsov first deputy minister standing in for Gromyko.
        let right = "October 26, 1962\n\nCable\n\nformer Foreign Minister Molotov, \
            future Premier Kosygin, then Foreign Minister Zhou Enlai and acting Foreign \
            Minister Kuznetsov.\n";
        expect![[""]].assert_eq(&check("O001", right));
        // A word of time after the rank is no part of the title: here
        // "then" starts a new clause, and Kosygin has no title.
        let clause = "October 26, 1962\n\nCable\n\nthe Foreign Minister then Kosygin said.\n";
        expect![[""]].assert_eq(&check("O001", clause));
        // Kosygin never was foreign minister; Mikoyan never stood in for one.
        let wrong = "October 26, 1962\n\nCable\n\nformer Foreign Minister Kosygin and \
            acting Foreign Minister Mikoyan.\n";
        expect![[r#"
            5:1-5:32 warning O001: `former Foreign Minister`: on 1962-10-26 Alexei Nikolayevich Kosygin was First Deputy Chairman of the Council of Ministers from 1960-05-04 to 1964-10-15; and Member of the Presidium of the Central Committee of the CPSU from 1960-05-04 to 1980-10-21
            5:37-5:68 warning O001: `acting Foreign Minister`: on 1962-10-26 Anastas Ivanovich Mikoyan was First Deputy Chairman of the Council of Ministers from 1955-02-28 to 1964-07-15; and Member of the Presidium of the Central Committee of the CPSU from 1952-10-16 to 1966-03-29
        "#]]
        .assert_eq(&check("O001", wrong));
    }

    #[test]
    fn the_liaison_office_deputy_became_ambassador_only_in_1985() {
        // Han Xu was deputy chief of the Washington liaison office 1973–79
        // and ambassador to the United States 1985–89.
        let deputy =
            "November 2, 1974\n\nCable\n\nDeputy Chief of the Liaison Office Han Hsu called.\n";
        expect![[""]].assert_eq(&check("O001", deputy));
        let early = "November 2, 1974\n\nCable\n\nAmbassador Han Xu called.\n";
        expect![[r#"
            5:1-5:18 warning O001: `Ambassador`: on 1974-11-02 Han Xu was Deputy Chief of the Liaison Office in Washington from 1973 to 1979
        "#]]
        .assert_eq(&check("O001", early));
        let later = "June 10, 1986\n\nCable\n\nAmbassador Han Xu called.\n";
        expect![[""]].assert_eq(&check("O001", later));
    }

    #[test]
    fn titles_held_on_the_date_honorifics_and_undated_texts_pass() {
        let right =
            format!("{DATED}Vice Minister Ji met Premier Zhou Enlai and Comrade Chervonenko.\r\n");
        expect![[""]].assert_eq(&check("O001", &right));
        let undated = "Foreign Minister Ji received the ambassador.\n";
        expect![[""]].assert_eq(&check("O001", undated));
    }
}
