//! Two wizards (or a wizard and `ask`) on one assessment file: each saves
//! after every answer, and nothing either of them answered disappears.

use trustgap::assessment::{self, Answer, Assessment, Status};

fn answered(status: Status, by: &str, at: &str) -> Answer {
    Answer {
        status: Some(status),
        by: Some(by.into()),
        updated: Some(at.parse().unwrap()),
        ..Answer::default()
    }
}

fn example(dir: &std::path::Path) -> std::path::PathBuf {
    let file = dir.join("acme.toml");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/seed-llm-startup.toml"
        ),
        &file,
    )
    .unwrap();
    file
}

/// A writer: its copy of the assessment and the file as it last saw it.
struct Writer {
    base: Assessment,
    ours: Assessment,
}

impl Writer {
    fn open(file: &std::path::Path) -> Writer {
        let a = assessment::load(file).unwrap();
        Writer {
            base: a.clone(),
            ours: a,
        }
    }

    fn answer(
        &mut self,
        file: &std::path::Path,
        q: &str,
        a: Answer,
    ) -> Vec<trustgap::merge::Overlap> {
        self.ours.answers.insert(q.into(), a);
        let (written, overlaps) = assessment::save_rebased(&self.base, &self.ours, file).unwrap();
        self.ours = written.clone();
        self.base = written;
        overlaps
    }
}

#[test]
fn two_writers_keep_both_answers() {
    let dir = tempfile::tempdir().unwrap();
    let file = example(dir.path());
    let mut ann = Writer::open(&file);
    let mut ben = Writer::open(&file);
    ann.answer(
        &file,
        "iam.mfa",
        answered(Status::Missing, "Ann", "2026-12-04T10:00:00Z"),
    );
    let overlaps = ben.answer(
        &file,
        "iam.sso",
        answered(Status::Implemented, "Ben", "2026-12-04T10:01:00Z"),
    );
    assert!(overlaps.is_empty());
    let disk = assessment::load(&file).unwrap();
    assert_eq!(disk.answers["iam.sso"].status, Some(Status::Implemented));
    assert_eq!(
        disk.answers["iam.mfa"].status,
        Some(Status::Missing),
        "the first writer's answer was lost"
    );
    // Ben's copy now shows Ann's answer too.
    assert_eq!(ben.ours.answers["iam.mfa"].status, Some(Status::Missing));
}

#[test]
fn the_same_question_keeps_the_later_answer_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = example(dir.path());
    let mut ann = Writer::open(&file);
    let mut ben = Writer::open(&file);
    ann.answer(
        &file,
        "iam.mfa",
        answered(Status::Missing, "Ann", "2026-12-04T10:00:00Z"),
    );
    let overlaps = ben.answer(
        &file,
        "iam.mfa",
        answered(Status::Partial, "Ben", "2026-12-04T10:05:00Z"),
    );
    assert_eq!(overlaps.len(), 1);
    assert_eq!(overlaps[0].key, "answers.iam.mfa");
    assert!(overlaps[0].kept_ours);
    assert_eq!(overlaps[0].other_by.as_deref(), Some("Ann"));
    let disk = assessment::load(&file).unwrap();
    assert_eq!(disk.answers["iam.mfa"].status, Some(Status::Partial));

    // Ann answers it again, but her clock says earlier than Ben's answer:
    // the later one (Ben's) stays, and Ann is told.
    let overlaps = ann.answer(
        &file,
        "iam.mfa",
        answered(Status::Implemented, "Ann", "2026-12-04T10:02:00Z"),
    );
    assert_eq!(overlaps.len(), 1);
    assert!(!overlaps[0].kept_ours);
    assert_eq!(overlaps[0].other_by.as_deref(), Some("Ben"));
    assert_eq!(
        assessment::load(&file).unwrap().answers["iam.mfa"].status,
        Some(Status::Partial)
    );
}

/// Statement of Applicability decisions merge like answers: two writers
/// deciding different controls keep both; the same control decided
/// differently keeps the later save and says so; one writer's removal
/// (back to not decided) is brought to the other.
#[test]
fn soa_decisions_are_merged_like_answers() {
    use trustgap::assessment::SoaEntry;
    let dir = tempfile::tempdir().unwrap();
    let file = example(dir.path());
    let mut ann = Writer::open(&file);
    let mut ben = Writer::open(&file);
    let decide = |w: &mut Writer, id: &str, e: Option<SoaEntry>| {
        match e {
            Some(e) => w.ours.soa.insert(id.into(), e),
            None => w.ours.soa.remove(id),
        };
        let (written, overlaps) = assessment::save_rebased(&w.base, &w.ours, &file).unwrap();
        w.ours = written.clone();
        w.base = written;
        overlaps
    };
    let out = |why: &str| SoaEntry {
        included: false,
        justification: why.into(),
        ..SoaEntry::default()
    };
    let applies = SoaEntry {
        included: true,
        ..SoaEntry::default()
    };
    assert!(decide(&mut ann, "A.5.5", Some(out("no societal reach"))).is_empty());
    assert!(decide(&mut ben, "A.7.4", Some(applies.clone())).is_empty());
    let disk = assessment::load(&file).unwrap();
    assert_eq!(disk.soa["A.5.5"], out("no societal reach"));
    assert_eq!(disk.soa["A.7.4"], applies);
    // Ben's copy now has Ann's decision too.
    assert_eq!(ben.ours.soa["A.5.5"], out("no societal reach"));
    // Both decide A.9.4, differently: the later save is kept, and said.
    assert!(decide(&mut ann, "A.9.4", Some(applies.clone())).is_empty());
    let overlaps = decide(&mut ben, "A.9.4", Some(out("not ours")));
    assert_eq!(overlaps.len(), 1, "{overlaps:?}");
    assert_eq!(overlaps[0].key, "soa.A.9.4");
    assert!(overlaps[0].kept_ours);
    assert_eq!(
        assessment::load(&file).unwrap().soa["A.9.4"],
        out("not ours")
    );
    // Ann takes A.5.5 back to not decided: Ben's next save keeps it removed.
    decide(&mut ann, "A.5.5", None);
    decide(&mut ben, "A.7.4", Some(out("no data")));
    let disk = assessment::load(&file).unwrap();
    assert!(!disk.soa.contains_key("A.5.5"));
    assert_eq!(disk.soa["A.7.4"], out("no data"));
    assert_eq!(disk.soa["A.9.4"], out("not ours"));
}
