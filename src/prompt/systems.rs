//! The AI systems of a sitting: listed, and added one by one before their
//! classification questions (each is classified on its own under the EU AI
//! Act).

use super::sitting::Sitting;
use super::{PromptError, Prompter};
use crate::catalog::Questionnaire;

/// How [`manage_systems`] ended.
pub enum Stopped {
    /// Done adding systems; go on with the questions.
    No,
    /// Ctrl-C: end the sitting, as at any question.
    Interrupted,
}

/// Lists the AI systems and lets the user add more before the
/// classification questions.
pub fn manage_systems(
    s: &mut Sitting<'_>,
    qn: &Questionnaire,
    p: &mut dyn Prompter,
) -> Result<Stopped, String> {
    loop {
        let names: Vec<String> = s
            .assessment
            .systems
            .values()
            .map(|x| x.name.clone())
            .collect();
        p.say(&format!(
            "\nAI systems and models in this assessment: {}",
            if names.is_empty() {
                "none yet".to_string()
            } else {
                names.join(", ")
            }
        ));
        let options = vec![
            "Add an AI system or general-purpose model".to_string(),
            "Continue".to_string(),
        ];
        let choice = match p.select(
            "Each AI system is classified on its own under the EU AI Act. Add one?",
            &options,
            None,
        ) {
            Ok(c) => c,
            Err(e) => return stopped(e),
        };
        if choice == 1 {
            return Ok(Stopped::No);
        }
        let name = match p.text(
            "Name of the system (for example \"Support assistant\"):",
            "",
            None,
        ) {
            Ok(n) => n.trim().to_string(),
            Err(e) => return stopped(e),
        };
        if name.is_empty() {
            continue;
        }
        let id = new_id(s, &name);
        s.assessment.systems.insert(id, crate::merge::system(&name));
        s.assessment.ensure_placeholders(qn);
        s.save()?;
    }
}

/// Ctrl-C ends the sitting; Esc goes on with the questions.
fn stopped(e: PromptError) -> Result<Stopped, String> {
    match e {
        PromptError::Interrupted => Ok(Stopped::Interrupted),
        PromptError::Cancelled => Ok(Stopped::No),
        PromptError::Other(e) => Err(e),
    }
}

/// A system id from its name, unique in the assessment (`support-assistant`,
/// `support-assistant-2`, …).
fn new_id(s: &Sitting<'_>, name: &str) -> String {
    let mut id = slug(name);
    if id == "assessment" {
        id = "system".into();
    }
    let base = id.clone();
    let mut n = 2;
    while s.assessment.systems.contains_key(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

fn slug(name: &str) -> String {
    let f = crate::workspace::file_name_for(name);
    f.trim_end_matches(".toml").to_string()
}
