//! Edits the server makes to `cablelint.toml`, keeping its formatting and
//! comments: adding a label to a profile's field (`[profile-labels]`).

/// `text` (a configuration file, possibly empty) with `label` added to
/// `field` of `profile` in `[profile-labels.<profile>]`.
pub fn add_label(text: &str, profile: &str, field: &str, label: &str) -> Result<String, String> {
    let mut document: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| e.to_string())?;
    let tables = document
        .entry("profile-labels")
        .or_insert_with(|| {
            let mut table = toml_edit::Table::new();
            table.set_implicit(true);
            toml_edit::Item::Table(table)
        })
        .as_table_like_mut()
        .ok_or("`profile-labels` is not a table")?;
    let fields = tables
        .entry(profile)
        .or_insert(toml_edit::table())
        .as_table_like_mut()
        .ok_or_else(|| format!("`profile-labels.{profile}` is not a table"))?;
    let list = fields
        .entry(field)
        .or_insert(toml_edit::value(toml_edit::Array::new()))
        .as_array_mut()
        .ok_or_else(|| format!("`profile-labels.{profile}.{field}` is not a list"))?;
    if !list.iter().any(|v| v.as_str() == Some(label)) {
        list.push(label);
    }
    let out = document.to_string();
    // toml_edit writes `\n`; a file written with `\r\n` keeps them.
    if text.contains("\r\n") {
        return Ok(out.replace("\r\n", "\n").replace('\n', "\r\n"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cablelint_core::config::Config;
    use std::path::Path;

    #[test]
    fn adding_a_label_keeps_the_rest_of_the_file() {
        let text = "# ours\n[profiles]\ndefault = \"prc-mfa-cable\" # kept\n";
        let out = add_label(text, "prc-mfa-cable", "telegraph-no", "Telegraph No.").unwrap();
        assert_eq!(
            out,
            "# ours\n[profiles]\ndefault = \"prc-mfa-cable\" # kept\n\n[profile-labels.prc-mfa-cable]\ntelegraph-no = [\"Telegraph No.\"]\n"
        );
        let again = add_label(&out, "prc-mfa-cable", "telegraph-no", "电报号 𠀋").unwrap();
        assert!(
            again.contains("telegraph-no = [\"Telegraph No.\", \"电报号 𠀋\"]"),
            "{again}"
        );
        assert_eq!(
            add_label("", "generic", "x", "X").unwrap(),
            "[profile-labels.generic]\nx = [\"X\"]\n"
        );
        assert!(add_label("profile-labels = 3\n", "generic", "x", "X").is_err());
        assert_eq!(
            add_label("# a\r\n[rules]\r\nignore = []\r\n", "generic", "x", "X").unwrap(),
            "# a\r\n[rules]\r\nignore = []\r\n\r\n[profile-labels.generic]\r\nx = [\"X\"]\r\n"
        );
        // What it writes is what the core configuration reads.
        let config = Config::from_toml_str(&again, Path::new("/p/cablelint.toml")).unwrap();
        let field = config
            .profiles
            .get("prc-mfa-cable")
            .unwrap()
            .field("telegraph-no")
            .unwrap()
            .labels
            .clone();
        assert_eq!(field, ["Telegraph No.", "电报号 𠀋"]);
    }
}
