//! Prints the mentions found in text files (for eyeballing; not a test).
//! Usage: cargo run --example dump_mentions -- FILE [DATE]
use cablelint_officials::{Date, Registry};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: dump_mentions FILE [DATE]");
    let date: Option<Date> = args.next().map(|d| d.parse().expect("date"));
    let text = std::fs::read_to_string(&path).expect("read");
    let matcher = Registry::builtin().matcher();
    for mention in matcher.find_mentions(&text, date) {
        let names: Vec<String> = mention
            .candidates
            .iter()
            .take(3)
            .map(|c| format!("{}:{}", matcher.person(c).id, c.score))
            .collect();
        let title = mention
            .title
            .clone()
            .map(|t| text[t].to_owned())
            .unwrap_or_default();
        println!(
            "{:>6} {:<28} {:<22} {:?} {}",
            mention.span.start,
            &text[mention.span.clone()],
            title,
            mention.form,
            names.join(" ")
        );
    }
}
