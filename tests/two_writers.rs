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
