//! Generated catalogs and assessments of any size, for the scale tests and
//! benchmarks (`trustgap` never uses them on its own).

use std::fmt::Write as _;

/// A framework file with `requirements` requirements in groups of 20, and a
/// questionnaire with `questions` readiness questions in sections of 50,
/// each mapping to three requirements and sharing remediations in fives.
/// Returns (file name, text) pairs for [`crate::catalog::load_from_strs`].
pub fn catalog(questions: usize, requirements: usize) -> Vec<(String, String)> {
    let requirements = requirements.max(1);
    let mut fw = String::from(
        "id = \"scale\"\nname = \"Scale test framework\"\nshort = \"Scale\"\nversion = \"1\"\npublisher = \"trustgap\"\nsource = \"generated\"\nlast_checked = 2026-11-23\nkind = \"guidance\"\ndescription = \"Generated for scale tests.\"\n",
    );
    for g in 0..requirements.div_ceil(20) {
        let _ = write!(fw, "\n[[groups]]\nid = \"G{g}\"\ntitle = \"Group {g}\"\n");
    }
    for r in 0..requirements {
        let _ = write!(
            fw,
            "\n[[requirements]]\nid = \"R{r}\"\ntitle = \"Requirement {r}\"\nsummary = \"Generated requirement number {r}.\"\ngroup = \"G{}\"\n",
            r / 20
        );
    }
    let mut qn = String::from(
        "id = \"trustgap-core\"\nname = \"Scale questionnaire\"\nversion = \"1\"\nlast_checked = 2026-11-23\n",
    );
    for s in 0..questions.div_ceil(50) {
        let _ = write!(
            qn,
            "\n[[sections]]\nid = \"s{s}\"\ntitle = \"Section {s}\"\nkind = \"gap\"\n"
        );
    }
    for q in 0..questions {
        let a = q % requirements;
        let b = (q * 7 + 3) % requirements;
        let c = (q * 13 + 5) % requirements;
        let mut reqs = vec![a, b, c];
        reqs.sort_unstable();
        reqs.dedup();
        let maps: Vec<String> = reqs
            .iter()
            .map(|r| format!("{{ to = \"scale:R{r}\", why = \"Record {q}.\" }}"))
            .collect();
        let _ = write!(
            qn,
            "\n[[questions]]\nid = \"s{}.q{q}\"\nsection = \"s{}\"\ntext = \"Is control {q} in place?\"\nwhy = \"Because.\"\nrisk = \"Control {q} fails unnoticed.\"\nauditor = \"Evidence {q}.\"\nkind = \"readiness\"\nmaps = [{}]\nremediation = \"rem.{}\"\n",
            q / 50,
            q / 50,
            maps.join(", "),
            q / 5
        );
    }
    for r in 0..questions.div_ceil(5) {
        let severity = ["low", "medium", "high", "critical"][r % 4];
        let _ = write!(
            qn,
            "\n[[remediations]]\nid = \"rem.{r}\"\ntitle = \"Fix controls {}-{}\"\nsteps = [\"Do the work\", \"Record the evidence\"]\nevidence = [\"A record\"]\neffort_days = {}\nowner = \"Owner {}\"\ncategory = \"policy\"\nseverity = \"{severity}\"\n",
            r * 5,
            r * 5 + 4,
            1 + r % 20,
            r % 7
        );
    }
    vec![
        ("frameworks/scale.toml".to_string(), fw),
        ("questionnaires/trustgap-core.toml".to_string(), qn),
    ]
}

/// An assessment answering every generated question with a rotating status.
pub fn assessment(questions: usize) -> String {
    let mut s = String::from(
        "[assessment]\norganisation = \"Scale Co\"\nquestionnaire = \"trustgap-core\"\nquestionnaire_version = \"1\"\ntrustgap_version = \"0\"\n",
    );
    let statuses = [
        "implemented",
        "partial",
        "missing",
        "dont-know",
        "implemented",
    ];
    for q in 0..questions {
        let _ = write!(
            s,
            "\n[answers.\"s{}.q{q}\"]\nstatus = \"{}\"\nowner = \"Person {}\"\n",
            q / 50,
            statuses[q % statuses.len()],
            q % 11
        );
    }
    s
}
