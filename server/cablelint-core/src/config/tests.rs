use super::*;
use crate::diagnostic::Severity;
use crate::model::Document;
use crate::officials::Romanisation;
use crate::profile::Detection;
use crate::profile::ProfileSet;
use crate::text::SourceText;
use std::sync::Arc;

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::from_toml_str(text, Path::new("/proj/cablelint.toml"))
}

fn error(text: &str) -> String {
    parse(text)
        .expect_err("the configuration should be rejected")
        .to_string()
}

/// A scratch directory for tests that need files on disk, removed when the
/// guard drops (also when the test fails).
fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("cablelint-config-{name}-"))
        .tempdir()
        .unwrap()
}

// ---- errors: one test per kind, with the exact message ----

#[test]
fn toml_syntax_errors_name_the_place() {
    assert_eq!(
        error("[rules]\nselect = [\"B\"] x\n"),
        "/proj/cablelint.toml:2:16: `rules.select`: unexpected key or value, expected newline, `#`"
    );
    assert_eq!(
        error("[rules]\nselect = [\"B\"\n"),
        "/proj/cablelint.toml:2:14: `rules.select`: unclosed array, expected `]`"
    );
}

#[test]
fn unknown_keys_suggest_the_nearest_known_key() {
    assert_eq!(
        error("inclde = [\"*.cable\"]\n"),
        "/proj/cablelint.toml:1:1: `inclde`: unknown field `inclde`, expected one of `include`, `exclude`, `profile-files`, `rules`, `profiles`, `profile`, `per-file-ignores`, `officials`, `profile-labels`, `limits`; did you mean `include`?"
    );
    assert_eq!(
        error("[rules]\nselct = [\"B\"]\n"),
        "/proj/cablelint.toml:2:1: `rules.selct`: unknown field `selct`, expected one of `select`, `extend-select`, `ignore`, `severity`; did you mean `select`?"
    );
}

#[test]
fn unknown_rule_codes_are_errors_with_a_suggestion() {
    assert_eq!(
        error("[rules]\nselect = [\"E\", \"B04\"]\n"),
        "/proj/cablelint.toml:2:16: `rules.select[1]`: unknown rule code `B04`; did you mean `B004`?"
    );
    assert_eq!(
        error("[rules]\nignore = [\"empty-brackets\"]\n"),
        "/proj/cablelint.toml:2:11: `rules.ignore[0]`: unknown rule code `empty-brackets`; did you mean `empty-bracket`?"
    );
    assert_eq!(
        error("[per-file-ignores]\n\"drafts/**\" = [\"Q\"]\n"),
        "/proj/cablelint.toml:2:16: `per-file-ignores.\"drafts/**\"[0]`: unknown rule code `Q`; `cablelint rules` lists them"
    );
    assert_eq!(
        error("[rules.severity]\nX001 = \"hint\"\n"),
        "/proj/cablelint.toml:2:1: `rules.severity.X001`: unknown rule code `X001`; did you mean `O001`?"
    );
}

#[test]
fn bad_severities_are_errors() {
    assert_eq!(
        error("[rules.severity]\nB004 = \"warnin\"\n"),
        "/proj/cablelint.toml:2:8: `rules.severity.B004`: invalid severity `warnin`: expected `error`, `warning`, `info`, `hint` or `off`; did you mean `warning`?"
    );
    assert_eq!(
        error("[rules.severity]\nB004 = 3\n"),
        "/proj/cablelint.toml:2:8: `rules.severity.B004`: invalid type: integer `3`, expected a string"
    );
}

#[test]
fn unknown_profile_ids_are_errors() {
    assert_eq!(
        error("[profiles]\n\"prc/**\" = \"prc-mfa\"\n"),
        "/proj/cablelint.toml:2:12: `profiles.\"prc/**\"`: unknown profile `prc-mfa`; did you mean `prc-mfa-cable`?"
    );
    assert_eq!(
        error("[profiles]\ndefault = \"xyz\"\n"),
        "/proj/cablelint.toml:2:11: `profiles.default`: unknown profile `xyz`; known profiles: generic, prc-mfa-cable, polish-ciphergram, soviet-ciphered-telegram, frus-telegram"
    );
}

#[test]
fn bad_globs_are_errors() {
    assert_eq!(
        error("exclude = [\"ok\", \"[a\"]\n"),
        "/proj/cablelint.toml:1:18: `exclude[1]`: invalid glob `[a`: unclosed character class; missing ']'"
    );
    assert_eq!(
        error("[per-file-ignores]\n\"a/[\" = [\"B\"]\n"),
        "/proj/cablelint.toml:2:1: `per-file-ignores.\"a/[\"`: invalid glob `a/[`: unclosed character class; missing ']'"
    );
}

#[test]
fn type_errors_speak_of_toml_tables_and_arrays_not_our_structs() {
    assert_eq!(
        error("rules = 5\n"),
        "/proj/cablelint.toml:1:9: `rules`: invalid type: integer `5`, expected a table"
    );
    assert_eq!(
        error("include = \"*.cable\"\n"),
        "/proj/cablelint.toml:1:11: `include`: invalid type: string \"*.cable\", expected an array"
    );
}

#[test]
fn officials_registries_must_be_strings() {
    assert_eq!(
        error("[officials]\nregistries = [\"a.toml\", 2]\n"),
        "/proj/cablelint.toml:2:25: `officials.registries[1]`: invalid type: integer `2`, expected a string"
    );
    assert_eq!(
        error("[officials]\nregistries = [\"o/prc.toml\"]\n"),
        "/proj/cablelint.toml:2:15: `officials.registries[0]`: cannot read officials registry `/proj/o/prc.toml`: cannot read file: No such file or directory (os error 2)"
    );
}

const MY_PERSON: &str = "[[person]]\nid = \"pavel-novak\"\nname = { text = \"Pavel Novák\", system = \"latin\", family = \"Novák\", given = \"Pavel\", order = \"given-first\" }\nsurname_alone = true\nsummary = \"A clerk of our collection.\"\nsources = [\"Our notes\"]\nposts = [{ title = \"Ambassador\", org = \"Czechoslovakia\", start = \"1960\", end = \"1964\", source = \"Our notes\" }]\n";

#[test]
fn officials_registries_are_merged_into_the_matcher_once_per_load() {
    let scratch = scratch("registries");
    let dir = scratch.path().to_path_buf();
    std::fs::create_dir_all(dir.join("o")).unwrap();
    std::fs::write(dir.join("o/ours.toml"), MY_PERSON).unwrap();
    let path = dir.join(CONFIG_FILE_NAME);
    std::fs::write(
        &path,
        "[officials]\nregistries = [\"o/ours.toml\"]\nromanisation = \"wade-giles\"\n",
    )
    .unwrap();
    let config = Config::load(&path).unwrap();
    assert_eq!(config.read_files, [dir.join("o/ours.toml")]);
    let options = config.check_options(&dir.join("a.cable"));
    assert_eq!(options.romanisation, Romanisation::WadeGiles);
    let matcher = options.officials.as_ref().expect("a merged matcher");
    let novak = matcher
        .registry()
        .get("pavel-novak")
        .expect("the user's person");
    assert_eq!(
        novak.origin.file.as_ref(),
        dir.join("o/ours.toml").display().to_string()
    );
    assert_eq!(novak.origin.line, 1);
    assert!(
        matcher.registry().get("ji-pengfei").is_some(),
        "built-ins stay"
    );
    // Two files checked with this configuration share one matcher.
    let other = config.check_options(&dir.join("b.cable"));
    assert!(Arc::ptr_eq(matcher, other.officials.as_ref().unwrap()));
    // Without registries the built-in matcher is used and pinyin preferred.
    let plain = parse("").unwrap().check_options(Path::new("/proj/a.cable"));
    assert!(plain.officials.is_none());
    assert_eq!(plain.romanisation, Romanisation::Pinyin);
}

/// `ours.toml` with a bad date on line 7 (field `person[0].posts[0].start`)
/// beside a configuration of `config`: the directory and the configuration.
fn with_broken_registry(
    scratch: &tempfile::TempDir,
    config: &str,
) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = scratch.path().to_path_buf();
    let broken = MY_PERSON.replace("start = \"1960\"", "start = \"1960-13\"");
    std::fs::write(dir.join("ours.toml"), broken).unwrap();
    let path = dir.join(CONFIG_FILE_NAME);
    std::fs::write(&path, config).unwrap();
    (dir, path)
}

#[test]
fn registry_errors_name_the_registry_file_line_and_field() {
    let scratch = scratch("bad-registry");
    let (dir, path) = with_broken_registry(&scratch, "[officials]\nregistries = [\"ours.toml\"]\n");
    let error = Config::load(&path).unwrap_err();
    assert_eq!(error.path, dir.join("ours.toml"));
    assert_eq!(error.position.map(|p| p.0), Some(7));
    assert_eq!(error.key.as_deref(), Some("person[0].posts[0].start"));
    assert!(error.to_string().contains("ours.toml:7:"), "{error}");
}

#[test]
fn a_load_without_registries_reads_them_only_when_asked() {
    let scratch = scratch("registry-not-loaded");
    let (_, path) = with_broken_registry(&scratch, "[officials]\nregistries = [\"ours.toml\"]\n");
    assert!(
        Config::load(&path).is_err(),
        "O rules run, so load reads the registry"
    );
    let config = Config::load_without_registries(&path).expect("the registry is not read");
    assert!(config.runs_officials_rules());
    assert_eq!(
        config.profiles.iter().count(),
        Config::default().profiles.iter().count()
    );
    let error = config.officials().unwrap_err();
    assert_eq!(error.key.as_deref(), Some("person[0].posts[0].start"));
}

#[test]
fn registries_are_not_read_when_no_officials_rule_runs() {
    let scratch = scratch("lazy-registry");
    let (dir, path) = with_broken_registry(
        &scratch,
        "[rules]\nignore = [\"O\"]\n\n[officials]\nregistries = [\"ours.toml\", \"gone.toml\"]\n",
    );
    let config = Config::load(&path).expect("registries are not read without O rules");
    assert!(!config.runs_officials_rules());
    assert!(config
        .check_options(&dir.join("a.cable"))
        .officials
        .is_none());
    // Asked for, the registry is read and reports as at start-up.
    let error = config.officials().unwrap_err();
    assert_eq!(error.path, dir.join("ours.toml"));
    assert_eq!(error.position.map(|p| p.0), Some(7));
    assert_eq!(error.key.as_deref(), Some("person[0].posts[0].start"));
    // Once fixed, the unreadable second entry is reported at its place.
    std::fs::write(dir.join("ours.toml"), MY_PERSON).unwrap();
    let config = Config::load(&path).unwrap();
    let error = config.officials().unwrap_err();
    assert_eq!(error.path, path);
    assert_eq!(error.position, Some((5, 28)));
    assert_eq!(error.key.as_deref(), Some("officials.registries[1]"));
    assert!(
        error
            .message
            .starts_with("cannot read officials registry `"),
        "{error}"
    );
    // The same configuration running O001 alone reads them at load.
    std::fs::write(
        &path,
        "[rules]\nselect = [\"O001\"]\n\n[officials]\nregistries = [\"ours.toml\"]\n",
    )
    .unwrap();
    let config = Config::load(&path).unwrap();
    assert!(config.runs_officials_rules());
    let options = config.check_options(&dir.join("a.cable"));
    let matcher = options.officials.expect("loaded with the configuration");
    assert!(matcher.registry().get("pavel-novak").is_some());
}

#[test]
fn romanisation_must_be_known() {
    assert_eq!(
        error("[officials]\nromanisation = \"wade-gilles\"\n"),
        "/proj/cablelint.toml:2:16: `officials.romanisation`: unknown romanisation `wade-gilles`: expected `pinyin` or `wade-giles`; did you mean `wade-giles`?"
    );
}

#[test]
fn profile_labels_add_labels_and_fields_to_a_profile() {
    let config = parse(
        "[profile-labels.prc-mfa-cable]\ntelegraph-no = [\"Telegraph No.\"]\nreceiver = [\"Addressee\", \"收电人\"]\n",
    )
    .unwrap();
    let profile = config.profiles.get("prc-mfa-cable").unwrap();
    let added = profile.field("telegraph-no").expect("a new field");
    assert_eq!(added.labels, ["Telegraph No."]);
    assert!(!added.required);
    let receiver = &profile.field("receiver").unwrap().labels;
    assert!(receiver.contains(&"Addressee".to_owned()), "{receiver:?}");
    assert!(receiver.contains(&"收电人".to_owned()));
    // The parser sees them: the new label is a known field, not H004.
    let text = "% cablelint: profile = prc-mfa-cable\nTelegraph No.: 123\nAddressee: Embassy\n";
    let options = config.check_options(Path::new("/proj/a.cable"));
    let doc = Document::parse(
        SourceText::from_str(text),
        &options.profiles,
        &options.parse,
    );
    let ids: Vec<Option<&str>> = doc.fields.iter().map(|f| f.field.as_deref()).collect();
    assert_eq!(ids, [Some("telegraph-no"), Some("receiver")]);
    // The built-in profile outside this configuration is untouched.
    assert!(ProfileSet::builtin()
        .get("prc-mfa-cable")
        .unwrap()
        .field("telegraph-no")
        .is_none());
}

#[test]
fn profile_labels_errors_name_the_place() {
    assert_eq!(
        error("[profile-labels.prc-mfa-cabel]\nx = [\"X\"]\n"),
        "/proj/cablelint.toml:1:17: `profile-labels.prc-mfa-cabel`: unknown profile `prc-mfa-cabel`; did you mean `prc-mfa-cable`?"
    );
    assert_eq!(
        error("[profile-labels.generic]\nx = [\" \"]\n"),
        "/proj/cablelint.toml:2:6: `profile-labels.generic.x[0]`: a label cannot be empty"
    );
    assert_eq!(
        error("[profile-labels.generic]\nx = \"X\"\n"),
        "/proj/cablelint.toml:2:5: `profile-labels.generic.x`: invalid type: string \"X\", expected an array"
    );
}

#[test]
fn inline_profiles_are_checked_like_built_in_ones() {
    assert_eq!(
        error("[[profile]]\nid = \"mine\"\nname = \"Mine\"\n\n[[profile.field]]\nid = \"to\"\nlables = [\"To\"]\n"),
        "/proj/cablelint.toml:7:1: `profile[0].field[0].lables`: unknown field `lables`, expected one of `id`, `labels`, `original_labels`, `required`, `may_be_empty`, `kind`, `repeatable`, `pattern`, `values`; did you mean `labels`?"
    );
    assert_eq!(
        error("[[profile]]\nid = \"mine\"\n"),
        "/proj/cablelint.toml:1:1: `profile[0]`: missing field `name`"
    );
    assert_eq!(
        error("[[profile]]\nid = \"mine\"\nname = \"Mine\"\n[[profile.field]]\nid = \"date\"\npattern = '^(\\d+$'\n"),
        "/proj/cablelint.toml:6:11: `profile[0].field[0].pattern`: invalid regular expression `^(\\d+$`: error: unclosed group"
    );
}

#[test]
fn profile_files_are_read_and_their_errors_name_them() {
    let scratch = scratch("profile-files");
    let dir = scratch.path().to_path_buf();
    let config_path = dir.join(CONFIG_FILE_NAME);
    let missing = Config::from_toml_str("profile-files = [\"nope.toml\"]\n", &config_path)
        .unwrap_err()
        .to_string();
    assert_eq!(
        missing,
        format!(
            "{}:1:18: `profile-files[0]`: cannot read profile file `{}`: No such file or directory (os error 2)",
            config_path.display(),
            dir.join("nope.toml").display()
        )
    );

    std::fs::write(
        dir.join("bad.toml"),
        "id = \"bad\"\nname = \"Bad\"\n[conventions]\nhouse-ellipsis = \"…\"\n",
    )
    .unwrap();
    let bad = Config::from_toml_str("profile-files = [\"bad.toml\"]\n", &config_path)
        .unwrap_err()
        .to_string();
    assert_eq!(
        bad,
        format!(
            "{}:4:1: `conventions.house-ellipsis`: unknown field `house-ellipsis`, expected one of `house_ellipsis`, `accepted_ellipses`, `multiline_brackets`, `open_labels`; did you mean `house_ellipsis`?",
            dir.join("bad.toml").display()
        )
    );

    std::fs::write(
        dir.join("good.toml"),
        "id = \"my-letters\"\nname = \"Letters\"\n[[field]]\nid = \"to\"\nlabels = [\"Dear\"]\n",
    )
    .unwrap();
    let config = Config::from_toml_str(
        "profile-files = [\"good.toml\"]\n[profiles]\ndefault = \"my-letters\"\n",
        &config_path,
    )
    .unwrap();
    assert!(config.profiles.get("my-letters").is_some());
    assert_eq!(config.default_profile.as_deref(), Some("my-letters"));
}

#[test]
fn an_unreadable_configuration_names_the_file() {
    let err = Config::load(Path::new("/nonexistent/cablelint.toml")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "/nonexistent/cablelint.toml: cannot read the configuration: No such file or directory (os error 2)"
    );
}

// ---- resolution ----

#[test]
fn an_empty_configuration_is_the_default() {
    let config = parse("").unwrap();
    assert_eq!(config.selection, RuleSelection::default());
    assert_eq!(config.root, PathBuf::from("/proj"));
    assert!(config.is_included(Path::new("/proj/a/b.cable")));
    assert!(!config.is_included(Path::new("/proj/a/b.txt")));
}

#[test]
fn rule_names_and_all_become_code_patterns() {
    let config = parse(
        "[rules]\nselect = [\"ALL\"]\nextend-select = [\"invalid-directive\"]\nignore = [\"empty-bracket\", \"E00\"]\n",
    )
    .unwrap();
    assert_eq!(config.selection.select, Some(vec![String::new()]));
    assert_eq!(config.selection.extend_select, ["E002"]);
    assert_eq!(config.selection.ignore, ["B004", "E00"]);
}

#[test]
fn severities_take_the_longest_key_and_off_ignores() {
    let config = parse("[rules.severity]\nB = \"off\"\nE002 = \"hint\"\nE = \"info\"\n").unwrap();
    let s = &config.selection;
    let bracket_rules: Vec<&str> = crate::rules::all()
        .iter()
        .map(|r| r.meta().code)
        .filter(|c| c.starts_with('B'))
        .collect();
    assert_eq!(s.ignore, bracket_rules);
    assert_eq!(s.severity_of("E002", Severity::Error), Severity::Hint);
    assert_eq!(s.severity_of("E001", Severity::Error), Severity::Info);
    let config = parse("[rules.severity]\nB = \"off\"\nB004 = \"hint\"\n").unwrap();
    assert!(!config.selection.ignore.iter().any(|c| c == "B004"));
    assert_eq!(config.selection.ignore.len(), bracket_rules.len() - 1);
    assert_eq!(
        config.selection.severity_of("B004", Severity::Warning),
        Severity::Hint
    );
}

#[test]
fn profiles_by_glob_last_match_wins_then_default() {
    let config = parse(
        "[profiles]\n\"letters/**\" = \"prc-mfa-cable\"\ndefault = \"generic\"\n\"letters/frus-*.cable\" = \"frus-telegram\"\n",
    )
    .unwrap();
    let profile = |p: &str| config.settings_for(Path::new(p)).profile;
    assert_eq!(
        profile("/proj/letters/a.cable").as_deref(),
        Some("prc-mfa-cable")
    );
    assert_eq!(
        profile("/proj/letters/frus-1.cable").as_deref(),
        Some("frus-telegram")
    );
    assert_eq!(profile("/proj/other/a.cable").as_deref(), Some("generic"));
    assert_eq!(profile("letters/a.cable").as_deref(), Some("prc-mfa-cable"));
}

#[test]
fn per_file_ignores_add_to_the_ignored_codes() {
    let config = parse(
        "[rules]\nignore = [\"E001\"]\n[per-file-ignores]\n\"drafts/\" = [\"B004\"]\n\"*.old.cable\" = [\"E\"]\n",
    )
    .unwrap();
    let options = config.check_options(Path::new("/proj/drafts/x/a.old.cable"));
    assert_eq!(options.selection.ignore, ["E001", "B004", "E"]);
    let options = config.check_options(Path::new("/proj/final/a.cable"));
    assert_eq!(options.selection.ignore, ["E001"]);
}

#[test]
fn check_options_drive_the_check() {
    let config = parse(
        "[profiles]\n\"frus/*\" = \"frus-telegram\"\n[per-file-ignores]\n\"frus/\" = [\"B004\"]\n",
    )
    .unwrap();
    let text = "On the 26th [], Ji met him.\n";
    let run = |p: &str| {
        crate::lint::check(
            SourceText::from_str(text),
            &config.check_options(Path::new(p)),
        )
    };
    let frus = run("/proj/frus/a.cable");
    assert!(frus.diagnostics.iter().all(|d| d.code != "B004"));
    assert_eq!(frus.document.profile.id, "frus-telegram");
    assert_eq!(frus.document.detection, Detection::Configured);
    let other = run("/proj/b.cable");
    assert_eq!(
        other.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(),
        ["B004"]
    );
    assert_eq!(other.document.detection, Detection::Fallback);
    let _ = Document::parse_str(text);
}

#[test]
fn inline_profiles_add_to_the_built_in_ones() {
    let config = parse(
        "[profiles]\ndefault = \"mine\"\n[[profile]]\nid = \"mine\"\nname = \"Mine\"\n[[profile.field]]\nid = \"to\"\nlabels = [\"Dear\"]\n",
    )
    .unwrap();
    assert_eq!(
        config.profiles.get("mine").unwrap().fields[0].labels,
        ["Dear"]
    );
    assert!(config.profiles.get("generic").is_some());
}

#[test]
fn include_and_exclude_select_files_for_walks() {
    let config =
        parse("include = [\"*.cable\", \"*.txt\"]\nexclude = [\"drafts\", \"/old/*.txt\"]\n")
            .unwrap();
    assert!(config.is_included(Path::new("/proj/a.txt")));
    assert!(config.is_included(Path::new("/proj/x/old/a.txt")));
    assert!(!config.is_included(Path::new("/proj/old/a.txt")));
    assert!(!config.is_included(Path::new("/proj/drafts/a.cable")));
    assert!(!config.is_included(Path::new("/proj/a.md")));
    assert!(config.is_excluded(Path::new("/proj/y/drafts")));
}

#[test]
fn the_closest_configuration_wins() {
    let scratch = scratch("find");
    let dir = scratch.path().to_path_buf();
    let inner = dir.join("a/b");
    std::fs::create_dir_all(&inner).unwrap();
    std::fs::write(dir.join(CONFIG_FILE_NAME), "").unwrap();
    assert_eq!(find_config(&inner), Some(dir.join(CONFIG_FILE_NAME)));
    std::fs::write(dir.join("a").join(CONFIG_FILE_NAME), "").unwrap();
    assert_eq!(
        find_config(&inner),
        Some(dir.join("a").join(CONFIG_FILE_NAME))
    );
    // A directory named like the file is not a configuration.
    std::fs::create_dir_all(inner.join(CONFIG_FILE_NAME)).unwrap();
    assert_eq!(
        find_config(&inner),
        Some(dir.join("a").join(CONFIG_FILE_NAME))
    );
}

// ---- [limits] ----

#[test]
fn limits_take_sizes_with_units_and_counts() {
    let config =
        parse("[limits]\nmax-file-size = \"128MB\"\nmax-diagnostics-per-file = 500\n").unwrap();
    assert_eq!(config.limits.max_file_size, 128_000_000);
    assert_eq!(config.limits.max_diagnostics_per_file, 500);
    let options = config.check_options(Path::new("/proj/a.cable"));
    assert_eq!(options.limits, config.limits);
    let config = parse("[limits]\nmax-file-size = 1048576\n").unwrap();
    assert_eq!(config.limits.max_file_size, 1 << 20);
    assert_eq!(
        config.limits.max_diagnostics_per_file,
        crate::limits::DEFAULT_MAX_DIAGNOSTICS_PER_FILE
    );
    assert_eq!(parse("").unwrap().limits, crate::limits::Limits::default());
}

#[test]
fn bad_limits_name_the_place() {
    assert_eq!(
        error("[limits]\nmax-file-size = \"64 parsecs\"\n"),
        "/proj/cablelint.toml:2:17: `limits.max-file-size`: invalid size `64 parsecs`: write a number and a unit, such as `64MB`, `512KiB` or `1GB`"
    );
    assert_eq!(
        error("[limits]\nmax-file-size = \"0MB\"\n"),
        "/proj/cablelint.toml:2:17: `limits.max-file-size`: the size must be at least 1 byte"
    );
    assert_eq!(
        error("[limits]\nmax-file-size = -5\n"),
        "/proj/cablelint.toml:2:17: `limits.max-file-size`: invalid size `-5`"
    );
    assert_eq!(
        error("[limits]\nmax-file-size = [1]\n"),
        "/proj/cablelint.toml:2:17: `limits.max-file-size`: invalid type: array `[1]`, expected a size such as \"64MB\""
    );
    assert_eq!(
        error("[limits]\nmax-diagnostics-per-file = 0\n"),
        "/proj/cablelint.toml:2:28: `limits.max-diagnostics-per-file`: invalid value `0`: expected a whole number of at least 1"
    );
    assert_eq!(
        error("[limits]\nmax-diagnostics-per-file = \"lots\"\n"),
        "/proj/cablelint.toml:2:28: `limits.max-diagnostics-per-file`: invalid value `\"lots\"`: expected a whole number of at least 1"
    );
    assert_eq!(
        error("[limits]\nmax-file-sise = \"1MB\"\n"),
        "/proj/cablelint.toml:2:1: `limits.max-file-sise`: unknown field `max-file-sise`, expected `max-file-size` or `max-diagnostics-per-file`; did you mean `max-file-size`?"
    );
}

/// The borrowed relative path is exactly the one collecting its components
/// gives, for paths with and without `.`, doubled and trailing separators.
#[test]
fn a_normal_path_is_its_own_relative_path() {
    let config = parse("").unwrap();
    for path in [
        "a/b.cable",
        "/other/a/b.cable",
        "./a/b.cable",
        "a/./b.cable",
        "a//b.cable",
        "//a/b.cable",
        "a/b/",
        "a/b/.",
        ".",
        "",
        "../a/姬 𠀋.cable",
        "a/.hidden/b.cable",
    ] {
        let path = Path::new(path);
        let collected: PathBuf = path
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect();
        let relative = config.relative(path);
        assert_eq!(
            relative.as_os_str().as_encoded_bytes(),
            collected.as_os_str().as_encoded_bytes(),
            "{path:?}"
        );
        assert_eq!(
            matches!(relative, std::borrow::Cow::Borrowed(_)),
            cfg!(unix)
                && collected.as_os_str() == path.as_os_str()
                && !collected.as_os_str().is_empty(),
            "{path:?}"
        );
    }
}

#[test]
fn only_profile_globs_and_per_file_ignores_give_files_settings_of_their_own() {
    assert!(!parse("[rules]\nignore = [\"E001\"]\n")
        .unwrap()
        .has_file_settings());
    assert!(!parse("[profiles]\ndefault = \"generic\"\n")
        .unwrap()
        .has_file_settings());
    assert!(parse("[profiles]\n\"a/*\" = \"generic\"\n")
        .unwrap()
        .has_file_settings());
    assert!(parse("[per-file-ignores]\n\"a/\" = [\"B004\"]\n")
        .unwrap()
        .has_file_settings());
}

/// The byte comparison gives what `Path::strip_prefix` gives (the file
/// itself when it is not under the root), or leaves the path to it.
#[test]
fn a_root_stripped_as_bytes_is_what_strip_prefix_strips() {
    let roots = [
        "/proj",
        "/proj/",
        "/",
        "",
        "proj",
        "/pr",
        "/proj/.",
        "//proj",
        "/a/姬 𠀋",
    ];
    let files = [
        "/proj/a.cable",
        "/proj/sub/b.cable",
        "/proj//b.cable",
        "/proj/./b.cable",
        "/proj/sub/",
        "/project/a.cable",
        "/proj",
        "/proj/",
        "proj/a.cable",
        "/a/姬 𠀋/c 𠀋.cable",
        "/other/a.cable",
    ];
    let mut fast = 0;
    for root in roots {
        for file in files {
            let (root, file) = (Path::new(root), Path::new(file));
            if let Some(relative) = super::strip_normal_root(root, file) {
                fast += 1;
                let stripped = file.strip_prefix(root).unwrap_or(file);
                assert_eq!(
                    relative.as_os_str().as_encoded_bytes(),
                    stripped.as_os_str().as_encoded_bytes(),
                    "{root:?} {file:?}"
                );
            }
        }
    }
    // Normal roots (`/proj`, `proj`, `/pr`, `/a/姬 𠀋`) and normal files
    // other than the root itself: 4 × 7 − 1.
    assert_eq!(fast, if cfg!(unix) { 27 } else { 0 });
}
