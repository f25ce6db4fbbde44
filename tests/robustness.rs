//! Bad input never panics: arbitrary bytes and structured mutations of real
//! files give an error with a location, or parse.

use proptest::prelude::*;
use trustgap::assessment::{self, AssessmentError};
use trustgap::catalog::load_from_strs;

const FRAMEWORK: &str = include_str!("../frameworks/soc2.toml");
const QUESTIONNAIRE: &str = include_str!("../questionnaires/trustgap-core.toml");
const EXAMPLE: &str = include_str!("../examples/eu-hr-tech.toml");

fn check_catalog(name: &str, src: &str) {
    let cat = load_from_strs(&[(name, src)]);
    for p in &cat.problems {
        assert!(p.at.line >= 1 && p.at.col >= 1, "{p}");
        assert!(!p.message.is_empty());
        assert_eq!(p.file, name);
    }
    let _ = trustgap::catalog::validate::validate(&cat);
}

fn check_assessment(src: &str) {
    match assessment::parse("a.toml", src) {
        Ok(a) => {
            // Whatever parses also round-trips.
            let again = assessment::parse("b.toml", &assessment::to_toml(&a)).expect("round trip");
            assert_eq!(a, again);
        }
        Err(AssessmentError::Invalid(problems)) => {
            assert!(!problems.is_empty());
            for p in problems {
                assert!(p.at.line >= 1 && p.at.col >= 1, "{p}");
            }
        }
        Err(AssessmentError::Conflicted(m)) => assert!(!m.explain().is_empty()),
        Err(AssessmentError::Io { .. }) => unreachable!("no I/O in parse"),
    }
}

/// A mutation of a text: delete, duplicate or replace a line, insert junk,
/// or truncate.
fn mutate(src: &str, kind: u8, at: usize, junk: &str) -> String {
    let mut lines: Vec<&str> = src.lines().collect();
    if lines.is_empty() {
        return junk.to_string();
    }
    let i = at % lines.len();
    match kind % 6 {
        0 => {
            lines.remove(i);
            lines.join("\n")
        }
        1 => {
            lines.insert(i, lines[i]);
            lines.join("\n")
        }
        2 => {
            lines[i] = junk;
            lines.join("\n")
        }
        3 => {
            let mut s = lines.join("\n");
            let cut = at % s.len().max(1);
            let cut = (0..=cut)
                .rev()
                .find(|c| s.is_char_boundary(*c))
                .unwrap_or(0);
            s.truncate(cut);
            s
        }
        4 => {
            let line = lines[i].replacen('"', "", 1);
            let mut owned: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            owned[i] = line;
            owned.join("\n")
        }
        _ => {
            let line = lines[i].replacen(" = ", &format!(" = {junk}"), 1);
            let mut owned: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            owned[i] = line;
            owned.join("\n")
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        check_catalog("frameworks/x.toml", &text);
        check_catalog("questionnaires/x.toml", &text);
        check_assessment(&text);
    }

    #[test]
    fn toml_like_text_never_panics(text in "(\\[\\[?[a-z.\"]{0,12}\\]?\\]?\n|[a-z_]{1,8} = (\"[^\"\n]{0,8}\"|[0-9]{1,4}|true|\\[\"a\"\\]|2026-1[0-2]-0[1-9])\n){0,12}") {
        check_catalog("frameworks/x.toml", &text);
        check_catalog("questionnaires/x.toml", &text);
        check_assessment(&text);
    }

}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn mutated_real_files_never_panic(kind in 0u8..6, at in 0usize..100_000, junk in "[\\[\\]\"=a-z0-9 .{}]{0,12}") {
        check_catalog("frameworks/soc2.toml", &mutate(FRAMEWORK, kind, at, &junk));
        check_catalog("questionnaires/trustgap-core.toml", &mutate(QUESTIONNAIRE, kind, at, &junk));
        check_assessment(&mutate(EXAMPLE, kind, at, &junk));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// `sync` reads any text as a plan without panicking; every task it
    /// finds points at a real line.
    #[test]
    fn sync_reads_any_markdown(text in "((- \\[[ xX]\\] \\*\\*[^\n]{0,10}\\*\\* \\(`[a-z.]{0,12}`\\)|```|~~~|[^\n]{0,20}|  - \\[x\\] [a-z`]{0,8})\n){0,20}") {
        let lines = text.lines().count();
        for m in trustgap::sync::parse_plan(&text) {
            prop_assert!(m.line >= 1 && m.line <= lines.max(1), "{:?}", m);
            prop_assert!(!m.id.is_empty());
        }
    }

    #[test]
    fn sync_reads_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = trustgap::sync::parse_plan(&text);
    }
}
