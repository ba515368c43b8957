use crate::diagnostic::{Applicability, Edit, Fix, Severity};
use crate::model::{Bracket, BracketClass};
use crate::rules::{Context, Family, FixAvailability, Rule, RuleMeta};

pub struct EmptyBracket;

static META: RuleMeta = RuleMeta {
    code: "B004",
    name: "empty-bracket",
    family: Family::Brackets,
    default_severity: Severity::Warning,
    default_enabled: true,
    fix: FixAvailability::Always,
    summary: "An editorial bracket with nothing in it.",
    explanation:
        "An empty `[]` tells the reader that the editor meant to supply something and did \
not: a name, a date, an omission mark. Fill it in, or delete it. The fix deletes the brackets \
(with one adjacent space, so no double space is left), and brackets around them that hold \
nothing else (`[[]]`) with them; it is unsafe because the editor may have meant to write \
something there.",
    wrong: "On the 26th [], Vice Minister Ji met him.\n",
    right: "On the 26th [of June], Vice Minister Ji met him.\n",
};

impl Rule for EmptyBracket {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context) {
        let doc = cx.doc;
        let list = &doc.brackets.list;
        // Made at the first empty bracket inside another, which is rare.
        let mut outermost: Option<Vec<usize>> = None;
        for (i, bracket) in list
            .iter()
            .enumerate()
            .filter(|(_, b)| b.settled_class() == Some(BracketClass::Empty))
        {
            // `[[ ]]` goes whole: deleting only the inner `[ ]` leaves an
            // empty `[]` for the next round, and deep nesting outlasts the
            // fixer's rounds.
            let target = match bracket.parent() {
                None => i,
                Some(_) => outermost.get_or_insert_with(|| outermost_hollow(doc.text(), list))[i],
            };
            let mut span = list[target].span();
            // Take one space with it so "the 26th [] met" becomes "the 26th met".
            if doc.text()[..span.start].ends_with(' ')
                && doc.text()[span.end..].starts_with([' ', ',', '.', ';', ':'])
            {
                span.start -= 1;
            }
            let fix = Fix {
                title: "Delete the empty brackets".into(),
                applicability: Applicability::Unsafe,
                edits: vec![Edit::delete(span)],
            };
            cx.report(bracket.span(), "empty editorial bracket")
                .fix(fix);
        }
    }
}

/// For each bracket, the outermost of the brackets around it (itself
/// included) that hold nothing but white space and brackets, through a chain
/// of such brackets; itself if it holds more. Linear in the text and the
/// brackets, however deep they nest.
fn outermost_hollow(text: &str, list: &[Bracket]) -> Vec<usize> {
    let solid = |c: char| !(c.is_whitespace() || c == '[' || c == ']');
    // first_solid[i]: where the first character after `[` i that is neither
    // white space nor a bracket stands (the text's end if none). Right to
    // left, each stretch between two `[` is scanned once, to its first such
    // character; a bracket is hollow if that lies past its `]`.
    let mut first_solid = vec![text.len(); list.len()];
    let mut after = text.len();
    for i in (0..list.len()).rev() {
        let from = list[i].open() + 1;
        let to = list.get(i + 1).map_or(text.len(), Bracket::open);
        if let Some((at, _)) = text[from..to].char_indices().find(|&(_, c)| solid(c)) {
            after = from + at;
        }
        first_solid[i] = after;
    }
    let hollow = |i: usize| list[i].close().is_some_and(|close| first_solid[i] > close);
    // A parent comes before its children in the list.
    let mut outermost: Vec<usize> = Vec::with_capacity(list.len());
    for (i, bracket) in list.iter().enumerate() {
        let top = match bracket.parent() {
            Some(parent) if hollow(i) && hollow(parent) => outermost[parent],
            _ => i,
        };
        outermost.push(top);
    }
    outermost
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, fixed};
    use expect_test::expect;

    #[test]
    fn reports_empty_and_blank_brackets_on_cjk_and_astral_lines() {
        let text = "发往 𠀋 [] ok\r\nthe 26th [ ], Ji\r\n[x]\r\n";
        expect![[r#"
            1:6-1:8 warning B004: empty editorial bracket [fix unsafe: Delete the empty brackets]
            2:10-2:13 warning B004: empty editorial bracket [fix unsafe: Delete the empty brackets]
        "#]]
        .assert_eq(&check("B004", text));
        assert_eq!(fixed("B004", text), "发往 𠀋 ok\r\nthe 26th, Ji\r\n[x]\r\n");
    }

    #[test]
    fn nested_empty_brackets_go_in_one_round() {
        // One level a round used to leave `[[[…]]]` past the fixer's ten rounds.
        let deep = format!("a {}{} b\n", "[".repeat(12), "]".repeat(12));
        assert_eq!(fixed("B004", &deep), "a b\n");
        let text = "x [[ ] [\u{3000}[]]] y, [z [ ]] [[ ]w]\n";
        assert_eq!(fixed("B004", text), "x y, [z ] [w]\n");
    }

    #[test]
    fn the_outermost_hollow_bracket_is_found_through_chains_and_siblings() {
        let text = "[[] [[ ]]] [x [] [[]]] []]";
        let list = crate::model::brackets::scan(text, &[]).list;
        let tops = super::outermost_hollow(text, &list);
        // `[[] [[ ]]]` holds only brackets; `[x …]` holds a word.
        assert_eq!(tops, [0, 0, 0, 0, 4, 5, 6, 6, 8]);
    }

    #[test]
    fn a_word_past_the_classifiers_window_keeps_its_bracket() {
        // Blank through the 256 bytes the classifier judges, yet not empty.
        let text = format!("a [{}word] b\n", " ".repeat(300));
        expect![[""]].assert_eq(&check("B004", &text));
        assert_eq!(fixed("B004", &text), text);
    }

    #[test]
    fn brackets_with_content_pass() {
        expect![[""]].assert_eq(&check("B004", "[...] [sic] [1962] [?]\n"));
    }
}
