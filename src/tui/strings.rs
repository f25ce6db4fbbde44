//! Every word the wizard shows, in one place, so wording can be reviewed and
//! changed without hunting through the screens.

use std::path::Path;

// ------------------------------------------------------------------ chrome

pub const APP: &str = "trustgap";
pub const TAB_SECTIONS: &str = "Sections";
pub const TAB_QUESTION: &str = "Question";
pub const TAB_RESULTS: &str = "Results";
pub const TAB_PLAN: &str = "Plan";
pub const TAB_WORKSHOP: &str = "Workshop";
pub const HELP_HINT: (&str, &str) = ("?", "help");

/// Key hints for the bottom line: (keys, what), most important first.
pub type Hints = &'static [(&'static str, &'static str)];

/// `37/120 answered`
pub fn progress(answered: usize, asked: usize) -> String {
    format!("{answered}/{asked} answered")
}

/// While scoping is open: its own progress (the whole grows with it).
pub fn scoping_progress(answered: usize, asked: usize) -> String {
    format!("scoping {answered}/{asked} (the rest follows from it)")
}

pub fn scoping_short(answered: usize, asked: usize) -> String {
    format!("scoping {answered}/{asked}")
}

pub fn too_small(need_w: u16, need_h: u16, w: u16, h: u16) -> String {
    format!(
        "trustgap needs a terminal of at least {need_w}×{need_h}; this one is {w}×{h}.\n\nMake the window larger (everything is saved), press q to quit, or use `trustgap ask` for line-by-line questions."
    )
}

pub const NOT_A_TERMINAL: &str = "the full-screen wizard needs a terminal on standard input and output.\n\
     Instead:\n  \
     trustgap report FILE     readiness and the remediation plan for an assessment file\n  \
     trustgap demo            the plan for a bundled example company, no input needed";

/// Added to [`NOT_A_TERMINAL`] when standard input is a terminal (only the
/// output is redirected): the line-by-line prompts can still run.
pub const NOT_A_TERMINAL_ASK: &str = "\n  trustgap ask FILE        the same questions as line-by-line prompts (they need a terminal on standard input)";

// ------------------------------------------------------------------ start

pub const START_TITLE: &str =
    "Readiness for SOC 2, ISO/IEC 42001, the EU AI Act and the NIST AI RMF";
pub const START_LIST: &str = "Assessments";
pub const START_NEW: &str = "+ New assessment";
pub const START_HEAD_ORG: &str = "Organisation";
pub const START_HEAD_PROGRESS: &str = "Progress";
pub const START_HEAD_UPDATED: &str = "Last updated";
pub const START_HEAD_READINESS: &str = "Readiness";
pub const START_HINTS: Hints = &[
    ("↑↓", "choose"),
    ("Enter", "open"),
    ("n", "new"),
    ("r", "resume latest"),
    ("q", "quit"),
];
pub const NEVER: &str = "never";

pub fn start_saved_in(dir: &Path) -> String {
    format!("Saved assessments in {}", dir.display())
}

pub fn start_empty(dir: &Path) -> String {
    format!(
        "No saved assessments yet in {}. Press n (or Enter) to start one.",
        dir.display()
    )
}

pub const START_NO_DATA_DIR: &str =
    "This system has no data directory; start with `trustgap new FILE` to choose where to save.";

pub fn start_unreadable(e: &str) -> String {
    format!("cannot read: {e}")
}

// ------------------------------------------------------------------ sections

pub const SECTIONS_SCOPING: &str = "Scoping";
pub const SECTIONS_SYSTEMS: &str = "AI systems (EU AI Act classification, asked per system)";
pub const SECTIONS_GAP: &str = "Gap analysis";
pub const SECTIONS_ADD_SYSTEM: &str = "+ Add an AI system";
pub const SECTIONS_NO_SYSTEMS: &str =
    "No AI systems yet: add each system or model you build, deploy or put on the market.";
pub const SECTIONS_HINTS: Hints = &[
    ("Enter", "open"),
    ("u", "next unanswered"),
    ("a", "add system"),
    ("r", "rename"),
    ("x", "remove"),
    ("t", "note"),
    ("S", "SoA"),
    ("Tab", "screens"),
];
pub const SECTIONS_NOTE: &str = "Facilitator note";
pub const SECTIONS_INTRO: &str = "About this section";
pub const SECTION_DONE: &str = "done";

pub fn system_row(name: &str, id: &str) -> String {
    if name == id || name.is_empty() {
        id.to_string()
    } else {
        format!("{name} ({id})")
    }
}

// ------------------------------------------------------------------ question

pub const Q_NONE: &str =
    "No question to show: answer the scoping questions or open a section (F2).";
pub const Q_WHY: &str = "Why it matters";
pub const Q_AUDITOR: &str = "What an auditor will ask to see";
pub const Q_EVIDENCES: &str = "Evidence for";
/// Before the reason of a reference that covers part of its requirement.
pub const Q_PARTIAL: &str = "Part of it:";
pub const Q_HELP: &str = "Help";
pub const Q_SECTION_NOTE: &str = "Facilitator note for this section";
pub const Q_ANSWER: &str = "Answer";
pub const Q_IN_SECTION: &str = "In this section";
pub const Q_DETAILS: &str = "Details";
pub const Q_NOTE: &str = "Note";
pub const Q_EVIDENCE: &str = "Evidence";
pub const Q_OWNER: &str = "Owner";
pub const Q_TARGET: &str = "Target date";
pub const Q_JUSTIFICATION: &str = "Not applicable because";
pub const Q_UPDATED: &str = "Updated";
pub const Q_NOT_ANSWERED: &str = "not answered";
pub const Q_TYPED_EMPTY: &str = "(none yet: press Enter to type)";
pub const Q_DONT_KNOW: &str = "don't know";
pub const Q_NOT_APPLICABLE: &str = "not applicable";
pub const Q_EXTRA_KEYS: &str = "d don't know · x not applicable · c clear";
pub const Q_HINTS_READINESS: Hints = &[
    ("i p m n d", "answer"),
    ("←→", "back/next"),
    ("t", "note"),
    ("e", "evidence"),
    ("o", "owner"),
    ("w", "date"),
    ("u", "unanswered"),
    ("/", "search"),
];
pub const Q_HINTS_YESNO: Hints = &[
    ("y n", "answer"),
    ("←→", "back/next"),
    ("d", "don't know"),
    ("x", "n/a"),
    ("t", "note"),
    ("e", "evidence"),
    ("o", "owner"),
    ("u", "unanswered"),
];
pub const Q_HINTS_SINGLE: Hints = &[
    ("1-9", "choose"),
    ("←→", "back/next"),
    ("d", "don't know"),
    ("x", "n/a"),
    ("t", "note"),
    ("e", "evidence"),
    ("o", "owner"),
    ("u", "unanswered"),
];
pub const Q_HINTS_MULTI: Hints = &[
    ("1-9 Space", "toggle"),
    ("Enter", "next"),
    ("←", "back"),
    ("d", "don't know"),
    ("x", "n/a"),
    ("t", "note"),
    ("u", "unanswered"),
];
pub const Q_HINTS_TYPED: Hints = &[
    ("Enter", "type"),
    ("←→", "back/next"),
    ("d", "don't know"),
    ("x", "n/a"),
    ("c", "clear"),
    ("t", "note"),
    ("u", "unanswered"),
];

pub fn q_position(section: &str, n: usize, of: usize) -> String {
    format!("{section} · {n} of {of}")
}

pub fn q_system(name: &str) -> String {
    format!("AI system: {name}")
}

pub fn q_evidence_count(n: usize) -> String {
    match n {
        0 => "none".to_string(),
        1 => "1 link".to_string(),
        _ => format!("{n} links"),
    }
}

pub fn option_more(n: usize) -> String {
    format!("… {n} more (↑↓)")
}

// readiness choices: (key, label)
pub const READINESS: [(char, &str); 5] = [
    ('i', "implemented"),
    ('p', "partial"),
    ('m', "missing"),
    ('n', "not applicable"),
    ('d', "don't know"),
];

// ------------------------------------------------------------------ results

pub const R_READINESS: &str = "Readiness";
pub const R_AIACT: &str = "EU AI Act";
pub const R_SOC2: &str = "SOC 2 scope";
pub const R_NOT_ASSESSED: &str = "not assessed";
pub const R_OUT_OF_SCOPE: &str = "out of scope";
pub const R_RECOMMENDED: &str = "recommended";
pub const R_NO_SYSTEMS: &str = "No AI systems recorded. Add them on the Sections screen (F2, a) to classify them under the EU AI Act.";
pub const R_PROVISIONAL: &str = "provisional: unanswered questions could change this";
pub const R_DUTIES: &str = "Duties";
pub const R_NO_DUTIES: &str = "No specific duties.";
pub const R_DECISIONS: &str = "Why";
pub const R_CONDITIONAL: &str =
    "If redesigned without the prohibited practice (conditional, not in the plan)";

/// The heading of a system's Art 5 checks.
pub fn r_checks(clear: usize, all: usize) -> String {
    if clear == all {
        format!("Prohibited practices (Art. 5): all {all} ruled out")
    } else {
        format!("Prohibited practices (Art. 5): {clear} of {all} ruled out")
    }
}
pub const R_OVERDUE: &str = "OVERDUE";
pub const R_IN_FORCE: &str = "in force";
pub const R_SOC2_OFF: &str = "SOC 2 is not in scope for this assessment.";
pub const R_SOC2_REPORT: &str = "Report first";
pub const R_SOC2_CATEGORIES: &str = "Trust Services Categories";
pub const R_FRAMEWORKS_WHY: &str = "Why in scope";
pub const R_HINTS: Hints = &[
    ("←→ 1 2 3", "pane"),
    ("↑↓", "scroll"),
    ("S", "SoA"),
    ("x", "export"),
    ("Tab", "screens"),
];

/// Requirements fully met, beside the progress bar.
pub fn r_met(pct: &str) -> String {
    format!("{pct} fully met")
}

pub fn r_counts(covered: usize, partial: usize, gap: usize, unknown: usize, open: usize) -> String {
    format!("{covered} covered · {partial} partial · {gap} gap · {unknown} unknown · {open} open")
}

pub fn r_from(date: &str, days: i64) -> String {
    if days <= 0 {
        format!("since {date}")
    } else {
        format!("from {date} (in {days} days)")
    }
}

// ------------------------------------------------------------------ plan

pub const P_TITLE: &str = "Remediation plan";
pub const P_EMPTY: &str =
    "Nothing to remediate yet: answer gap questions and the plan appears here.";
pub const P_EMPTY_FILTER: &str = "No item matches these filters.";
pub const P_HEAD_RANK: &str = "#";
pub const P_HEAD_DATES: &str = "Scheduled";
pub const P_HEAD_PHASE: &str = "Phase";
pub const P_HEAD_ITEM: &str = "Item";
pub const P_HEAD_FW: &str = "Frameworks";
pub const P_HEAD_OWNER: &str = "Owner";
pub const P_HEAD_DUE: &str = "Due";
pub const P_ALL: &str = "all";
pub const P_FILTER_FW: &str = "f framework";
pub const P_FILTER_PHASE: &str = "p phase";
pub const P_FILTER_OWNER: &str = "b owner";
pub const P_WHY: &str = "Why this rank";
pub const P_STEPS: &str = "Steps";
pub const P_EVIDENCE: &str = "Evidence an auditor will want";
pub const P_CLOSES: &str = "Closes";
pub const P_GAPS: &str = "Answers behind it";
pub const P_SUGGESTED: &str = "(suggested role)";
pub const P_HINTS: Hints = &[
    ("↑↓", "choose"),
    ("t", "timeline"),
    ("f p b", "filter"),
    ("o", "owner"),
    ("w", "date"),
    ("Enter", "go to question"),
    ("PgDn", "detail"),
    ("x", "export"),
];

pub const P_TIMELINE_TITLE: &str = "Timeline (weeks; █ work, ▒ at risk, │ deadline)";
pub const P_AFTER: &str = "After";
pub const P_AT_RISK: &str = "At risk";

pub fn p_summary(items: usize, shown: usize, left: &str, at_risk: usize) -> String {
    let risk = if at_risk > 0 {
        format!(" · {at_risk} at risk")
    } else {
        String::new()
    };
    if items == shown {
        format!("{items} items · {left} person-days left{risk}")
    } else {
        format!("{shown} of {items} items · {left} person-days left{risk}")
    }
}

pub fn p_priority(rank: u32, priority: u32, phase: &str) -> String {
    format!("#{rank} · score {priority} · {phase}")
}

pub fn p_effort(left: &str, total: u32, start: &str, finish: &str) -> String {
    format!("{left} of {total} person-days left · {start} → {finish}")
}

pub fn p_deadline(kind: &str, date: &str, reason: &str) -> String {
    format!("{kind} deadline {date}: {reason}")
}

pub fn p_late(days: i64) -> String {
    format!("finishes {days} days after its deadline")
}

pub fn p_due(d: &str) -> String {
    format!("due {d}")
}

// ------------------------------------------------------------------ SoA

pub const SOA_TITLE: &str = "ISO/IEC 42001 Statement of Applicability";
pub const SOA_NOT_IN_SCOPE: &str =
    "No SoA: ISO/IEC 42001 is not in scope (choose it in Your goal, target.goals).";
pub const SOA_HEAD_CONTROL: &str = "Control";
pub const SOA_HEAD_DECISION: &str = "Decision";
pub const SOA_HEAD_STATUS: &str = "Implementation";
pub const SOA_HEAD_TITLE: &str = "Title";
pub const SOA_APPLICABLE: &str = "applicable";
pub const SOA_EXCLUDED: &str = "not applicable";
pub const SOA_UNDECIDED: &str = "not decided";
pub const SOA_DECISION: &str = "Decision";
pub const SOA_UNDECIDED_LONG: &str =
    "not decided (counted as applicable until decided; the pack asks for it)";
pub const SOA_JUSTIFICATION: &str = "Justification";
pub const SOA_NO_JUSTIFICATION: &str = "none recorded (t to write one)";
pub const SOA_STATUS: &str = "Implementation from the answers";
pub const SOA_STATUS_EXCLUDED: &str =
    "(what the answers say, were it applicable: it is left out of readiness)";
pub const SOA_QUESTIONS: &str = "Answers behind it";
pub const SOA_NO_QUESTIONS: &str = "No asked question reaches it.";
pub const SOA_ITEMS: &str = "Plan items";
pub const SOA_NO_ITEMS: &str = "No plan item closes it.";
pub const SOA_HINTS: Hints = &[
    ("a", "applicable"),
    ("n", "not applicable"),
    ("t", "justify"),
    ("Esc", "back"),
    ("c", "undecided"),
    ("↑↓", "choose"),
    ("PgDn", "detail"),
];

/// Counts above the list: decided and not.
pub fn soa_summary(all: usize, applicable: usize, excluded: usize, undecided: usize) -> String {
    format!(
        "{all} Annex A controls: {applicable} applicable · {excluded} not applicable · {undecided} not decided"
    )
}

pub fn soa_marked(id: &str, decision: &str) -> String {
    format!("{id}: {decision} (saved)")
}

pub fn soa_cleared(id: &str) -> String {
    format!("{id}: back to not decided (saved)")
}

pub const D_SOA_EXCLUDE_TITLE: &str = "Not applicable";
pub const D_SOA_EXCLUDE_FIELD: &str =
    "Why it does not apply (required: the SoA and the auditor read it)";
pub const D_SOA_JUSTIFY_TITLE: &str = "Applicable";
pub const D_SOA_JUSTIFY_FIELD: &str =
    "Why it applies, or how it is met (optional; empty removes it)";

// ------------------------------------------------------------------ workshop

pub const W_PARTICIPANTS: &str = "Participants";
pub const W_SESSIONS: &str = "Sittings";
pub const W_PARKING: &str = "Parking lot (don't know)";
pub const W_NO_PARTICIPANTS: &str = "No participants yet: press a to add one.";
pub const W_NO_SESSIONS: &str =
    "No sittings yet: press s to start one; the sections you answer are recorded.";
pub const W_NO_PARKING: &str =
    "Nothing parked: every question answered \"don't know\" appears here with who will find out.";
pub const W_NOBODY: &str = "nobody yet (o)";
pub const W_HINTS: Hints = &[
    ("←→", "panel"),
    ("↑↓", "choose"),
    ("a", "add person"),
    ("s", "start sitting"),
    ("Enter", "edit/go"),
    ("o", "who finds out"),
    ("x", "remove"),
];

pub fn w_session_line(id: &str, attendees: usize, sections: usize) -> String {
    format!("{id} · {attendees} people · {sections} sections")
}

// ------------------------------------------------------------------ dialogs

pub const D_SUBMIT: &str = "Enter next field, saves on the last · Tab/↑↓ move · Esc cancel";
pub const D_SUBMIT_ONE: &str = "Enter save · Esc cancel";
pub const D_NEW_TITLE: &str = "New assessment";
pub const D_ORG: &str = "Organisation (its legal name, as the documents will show it)";
pub const D_ASSESSOR: &str = "Your name (optional; recorded on answers)";
pub const D_FILE: &str = "Saved to";
pub const D_ORG_REQUIRED: &str = "Give the organisation's name.";
pub const D_FILE_REQUIRED: &str = "Give a file to save to.";
pub const D_NOTE_TITLE: &str = "Note";
pub const D_OWNER_TITLE: &str = "Owner";
pub const D_OWNER_FIELD: &str = "Who owns it";
pub const D_FINDER_TITLE: &str = "Don't know: who will find out?";
pub const D_FINDER_FIELD: &str = "Who will find out (optional; Esc to skip)";
pub const D_TARGET_TITLE: &str = "Target date";
pub const D_TARGET_FIELD: &str = "Done by (YYYY-MM-DD; empty to clear)";
pub const D_BAD_DATE: &str = "Write the date as YYYY-MM-DD, for example 2027-03-31.";
pub const D_BAD_NUMBER: &str = "Write a number, for example 42.";
pub const D_JUSTIFY_TITLE: &str = "Not applicable";
pub const D_JUSTIFY_FIELD: &str = "Why it does not apply (required)";
pub const D_JUSTIFY_REQUIRED: &str = "A justification is required: an auditor will ask why.";
pub const D_ANSWER_TITLE: &str = "Answer";
pub const D_NUMBER_FIELD: &str = "A number";
pub const D_TEXT_FIELD: &str = "Your answer";
pub const D_DATE_FIELD: &str = "A date (YYYY-MM-DD)";
pub const D_SYSTEM_TITLE: &str = "Add an AI system";
pub const D_SYSTEM_FIRST_TITLE: &str = "Add your first AI system (Esc to skip for now)";
pub const D_SYSTEM_RENAME: &str = "Rename AI system";
pub const D_SYSTEM_NAME: &str = "Name";
pub const D_SYSTEM_DESC: &str = "What it does (optional)";
pub const D_SYSTEM_ID: &str = "Id in the file (lower case, digits and dashes)";
pub const D_SYSTEM_REQUIRED: &str = "Give the system a name.";
pub const D_SECTION_NOTE_TITLE: &str = "Facilitator note";
pub const D_SECTION_NOTE_FIELD: &str = "Note for this section (empty to remove)";
pub const D_PARTICIPANT_TITLE: &str = "Add a participant";
pub const D_PARTICIPANT_FIELD: &str = "Name and role, for example Priya Shah (CTO)";
pub const D_SESSION_TITLE: &str = "Start a sitting";
pub const D_SESSION_EDIT: &str = "Edit sitting";
pub const D_SESSION_DATE: &str = "Date (YYYY-MM-DD)";
pub const D_SESSION_FACILITATOR: &str = "Facilitator";
pub const D_SESSION_ATTENDEES: &str = "Attendees (comma-separated)";
pub const D_SESSION_SECTIONS: &str = "Sections covered (ids, comma-separated)";
pub const D_SESSION_SUMMARY: &str = "Summary";
pub const D_EVIDENCE_TITLE: &str = "Evidence links";
pub const D_EVIDENCE_FIELD: &str = "Add a link or document name";
pub const D_EVIDENCE_HINTS: &str = "Enter add · ↑↓ choose · Delete remove · Esc done";
pub const D_EVIDENCE_NONE: &str = "No evidence yet.";
pub const D_CONFIRM_TITLE: &str = "Are you sure?";
pub const D_CONFIRM_HINTS: &str = "y yes · n or Esc no";
pub const D_SEARCH_TITLE: &str = "Search questions";
pub const D_SEARCH_HINTS: &str = "type to search · ↑↓ choose · Enter go · Esc close";
pub const D_SEARCH_NONE: &str = "No asked question matches.";
pub const D_EXPORT_TITLE: &str = "Export the plan or the document pack";
pub const D_EXPORT_FORMAT: &str = "Format";
pub const D_EXPORT_PATH: &str = "Write to";
pub const D_EXPORT_FOLDER: &str = "Write the documents into the folder";
pub const D_PACK_TITLE: &str = "Document pack";
pub const D_PACK_EDITED_TITLE: &str = "Document pack: edited files kept";
pub const D_PACK_DONE_HINTS: &str = "Enter or Esc close";
pub const D_PACK_EDITED_HINTS: &str =
    "y overwrite them (the edits are lost) · n or Esc keep them (nothing written)";
pub const PACK_LABEL: &str = "Document pack (folder)";

/// What writing the pack did: first line of the dialog.
pub fn pack_written(dir: &Path, written: usize, unchanged: usize) -> String {
    let same = if unchanged > 0 {
        format!(", {unchanged} already up to date")
    } else {
        String::new()
    };
    format!("Wrote {written} file(s) to {}{same}.", dir.display())
}

pub fn pack_open_questions(n: usize) -> String {
    match n {
        0 => "No open question: the answers say everything the documents need.".to_string(),
        _ => format!(
            "{n} open question(s) for the owners are marked in the documents and listed in index.md."
        ),
    }
}

pub fn pack_overwritten(files: &[String]) -> String {
    format!("Overwritten (edited by a person): {}", files.join(", "))
}

pub fn pack_edited(dir: &Path, n: usize) -> String {
    format!(
        "{n} file(s) in {} changed since trustgap wrote them (edited by a person, or not written by trustgap). Nothing was written:",
        dir.display()
    )
}

pub fn pack_kept(n: usize) -> String {
    format!("Document pack not written: the {n} edited file(s) are kept as they are.")
}

pub fn pack_more(n: usize) -> String {
    format!("… and {n} more")
}

pub fn pack_failed(e: &str) -> String {
    format!("Document pack not written: {e}")
}

pub const D_EXPORT_HINTS: &str = "←→ format · Enter write · Esc cancel";
pub const D_HELP_TITLE: &str = "Keys (↑↓ scroll, Esc close)";

pub fn system_id_taken(id: &str) -> String {
    format!("Another AI system already has the id `{id}`; choose another.")
}

pub fn confirm_remove_system(name: &str, answers: usize) -> String {
    format!("Remove AI system {name} and its {answers} answers?")
}

pub fn confirm_remove_participant(name: &str) -> String {
    format!("Remove {name} from the participants?")
}

pub fn confirm_remove_session(id: &str) -> String {
    format!("Remove the record of sitting {id}?")
}

// ------------------------------------------------------------------ status

pub fn saved(file: &str, time: &str) -> String {
    format!("saved {file} {time}")
}

pub fn save_failed(e: &str) -> String {
    format!(
        "NOT SAVED: {e}. Your answers are only in memory: save them to another file, or fix the problem and change any answer to retry."
    )
}

pub fn created(path: &Path) -> String {
    format!("Created {}", path.display())
}

pub fn opened(path: &Path) -> String {
    format!("Opened {}", path.display())
}

pub fn exists(path: &Path) -> String {
    format!(
        "{} already exists: open it from the list, or choose another file.",
        path.display()
    )
}

pub fn open_failed(e: &str) -> String {
    format!("Cannot open: {e}")
}

pub fn exported(what: &str, path: &Path, bytes: usize) -> String {
    format!("Wrote the {what} to {} ({bytes} bytes)", path.display())
}

pub fn export_failed(e: &str) -> String {
    format!("Export failed: {e}")
}

pub fn added_system(id: &str) -> String {
    format!("Added AI system `{id}`: answer its classification questions now.")
}

pub fn removed_system(id: &str) -> String {
    format!("Removed AI system `{id}`.")
}

pub fn session_started(id: &str) -> String {
    format!("Sitting {id} started: sections you answer are recorded in it.")
}

pub fn assigned(what: &str, n: usize) -> String {
    format!("Set {what} on {n} answer(s) behind this item.")
}

pub const END_OF_FLOW: &str =
    "That was the last question. Unanswered ones: press u. Results: F4. Plan: F5.";
pub const ALL_ANSWERED: &str =
    "Every asked question is answered. See Results (F4) and the Plan (F5).";
pub const ADD_SYSTEM_HINT: &str =
    "You use AI: add each AI system so the EU AI Act can classify it.";
/// What the last answer changed in readiness, per framework: requirements
/// met and progress, before → after.
pub fn readiness_moved(moves: &[crate::tui::app::ReadinessMove]) -> String {
    let parts: Vec<String> = moves
        .iter()
        .map(|m| {
            let (name, met, progress) = (&m.framework, &m.met, &m.progress);
            let met = if met.0 == met.1 {
                format!("met {}", met.1)
            } else {
                format!("met {} → {}", met.0, met.1)
            };
            let progress = if progress.0 == progress.1 {
                format!("progress {}", progress.1)
            } else {
                format!("progress {} → {}", progress.0, progress.1)
            };
            format!("{name}: {met}, {progress}")
        })
        .collect();
    format!("Readiness: {}", parts.join("; "))
}

pub const D_ATTENDEES_TITLE: &str = "A new sitting: who is here?";
pub const D_ATTENDEES_FIELD: &str =
    "Attendees, separated by commas (the last sitting's are filled in)";
pub const D_END_TITLE: &str = "End of this sitting";
pub const D_END_NOTES: &str = "Facilitator notes (optional):";
pub const D_END_HINTS: &str = "Enter save the notes and quit · Esc keep working";

pub fn progress_of(done: usize, asked: usize) -> String {
    format!("Progress: {done} of {asked} asked questions answered")
}

/// The end-of-sitting summary, one line each (as `ask` prints it).
pub fn sitting_summary(answered: usize, changed: usize, parked: usize, owners: usize) -> String {
    format!(
        "{answered} answered, {changed} changed, {parked} parked (don't know), {owners} owner(s) assigned"
    )
}

pub const D_FIX_OWNER_TITLE: &str = "Who will own the fix?";
pub const D_FIX_OWNER_FIELD: &str =
    "Owner of the fix once the facts are known (Esc or empty: decide later)";
pub const D_RENAME_PERSON_TITLE: &str = "Correct a name everywhere";
pub const D_RENAME_PERSON_FIELD: &str =
    "Name (changed in participants, owners, answers and sittings)";
pub const D_PEOPLE: &str = "People in this assessment (↑↓ pick, Enter use; or type a new name)";

pub fn renamed(old: &str, new: &str, answers: usize) -> String {
    format!("Renamed {old} to {new} everywhere ({answers} answer fields).")
}

pub const Q_FILTER_HINT: &str =
    "Type to narrow the options · ↑↓ move · Enter/Space choose · Esc drops the filter";
pub const Q_FILTER: &str = "Filter";

/// How many options of a multiple choice are chosen.
pub fn q_chosen(n: usize, of: usize, has_none: bool) -> String {
    let none = if has_none { " · 0 none of these" } else { "" };
    format!("{n} of {of} chosen{none} · f filters · Space toggles the highlighted one")
}

/// The keys that answer a question of this kind, for a key that does nothing.
pub fn keys_here(kind: crate::catalog::AnswerKind) -> String {
    use crate::catalog::AnswerKind as K;
    let answer = match kind {
        K::Readiness => "i p m n d (or 1-5) answer",
        K::YesNo => "y n (or 1 2) answer",
        K::Single => {
            "1-9 or an option's first letter answers, ↑↓ Home End PgUp PgDn move, Enter the highlighted one"
        }
        K::Multi => {
            "1-9 or an option's first letter toggles, 0 none of these, Space the highlighted one, ↑↓ Home End PgUp PgDn move, Enter next"
        }
        K::Number | K::Date | K::Text => "Enter (or a digit) types the answer",
    };
    format!(
        "Keys here: {answer}; ←→ previous/next question, t note, o owner, d don't know, ? all keys"
    )
}

/// Why an export was not written over `path`.
pub fn not_over_assessment(path: &std::path::Path) -> String {
    format!(
        "{} is an assessment or a folder; exports never replace it: choose another file name",
        path.display()
    )
}

pub const EXPORT_LABELS: [&str; 6] = [
    "markdown plan",
    "JSON",
    "terminal table",
    "CSV (plan items)",
    "OSCAL plan of action",
    "OSCAL assessment results",
];
pub const NO_DATA_DIR_FOR_NEW: &str =
    "this system has no data directory; give a file: trustgap new FILE --org NAME";
pub const NO_QUESTIONNAIRE: &str = "no questionnaire is loaded";

pub fn exists_use_open(path: &Path) -> String {
    format!(
        "{} already exists; open it with `trustgap open {}`",
        path.display(),
        path.display()
    )
}

pub fn questionnaire_missing(path: &Path, id: &str) -> String {
    format!(
        "{}: the assessment uses questionnaire `{id}`, which is not loaded; add it with --catalog DIR",
        path.display()
    )
}

pub fn goodbye(path: &str) -> String {
    format!("Your answers are saved in {path}")
}

/// Printed on leaving when the last answers could not be saved.
pub fn goodbye_unsaved(path: &str, error: &str) -> String {
    format!(
        "NOT SAVED: your last answers could not be written to {path} ({error}); they were lost when the wizard closed."
    )
}

pub const D_SAVE_FAILED_TITLE: &str = "Your answers are not saved";
pub const D_SAVE_FAILED_KEEP: &str =
    "They are kept in memory until they are saved. Save them to another file:";
pub const D_SAVE_FAILED_HINTS: &str = "Enter save there · Esc keep working (not saved)";
pub const D_QUIT_UNSAVED_TITLE: &str = "Quit without saving?";
pub const D_QUIT_UNSAVED: &str =
    "Your last answers are not saved. Quitting now loses them, and trustgap exits with an error.";
pub const D_QUIT_UNSAVED_HINTS: &str = "s save to another file · y quit anyway · Esc stay";

pub fn save_as_taken(path: &Path) -> String {
    format!(
        "{} is a folder or another assessment; choose a new file name",
        path.display()
    )
}

/// Two windows answered the same question: which answer was kept.
pub fn overlap(key: &str, kept_ours: bool, other_by: Option<&str>, n: usize) -> String {
    let who = other_by.map(|b| format!(" by {b}")).unwrap_or_default();
    let more = if n > 1 {
        format!(" (and {} more)", n - 1)
    } else {
        String::new()
    };
    if kept_ours {
        format!(
            "Another window also answered {key}{more}: yours is later and was kept; the other answer{who} was replaced."
        )
    } else {
        format!("Another window answered {key}{more} later{who}: that answer was kept over yours.")
    }
}

pub fn saved_elsewhere(path: &Path) -> String {
    format!(
        "Saved to {}; from now on your answers are saved there.",
        path.display()
    )
}

pub const NO_DOC: &str = "Open or start an assessment first.";
pub const UNKNOWN_KEPT: &str =
    "This file has answers or keys this version does not know; they are kept as they are.";

// ------------------------------------------------------------------ help

/// Every key, by screen: (heading, [(keys, what)]).
pub const HELP: &[(&str, &[(&str, &str)])] = &[
    (
        "Everywhere",
        &[
            ("Tab / Shift-Tab", "next / previous screen"),
            (
                "F2 F3 F4 F5 F6",
                "Sections, Question, Results, Plan, Workshop",
            ),
            (
                "F7 or Ctrl-E",
                "export the plan (markdown, JSON, table …) or write the document pack (a folder)",
            ),
            ("/", "search the asked questions"),
            ("?", "this help"),
            ("Ctrl-L", "redraw the screen"),
            ("q or Ctrl-C", "quit (every change is already saved)"),
            (
                "mouse wheel, click",
                "scroll lists, pick a screen in the top bar",
            ),
        ],
    ),
    (
        "Start",
        &[
            ("↑↓ or j k", "choose an assessment"),
            ("Enter", "open it (or start a new one)"),
            ("n", "new assessment"),
            ("r", "resume the most recent"),
        ],
    ),
    (
        "Sections",
        &[
            ("↑↓ or j k, PgUp PgDn, g G", "choose a section"),
            ("Enter or → or l", "open its first unanswered question"),
            ("u", "next unanswered question anywhere"),
            ("a", "add an AI system"),
            ("r", "rename the chosen AI system"),
            ("x or Delete", "remove the chosen AI system (asks first)"),
            ("t", "facilitator note for the chosen section"),
            ("S", "ISO/IEC 42001 Statement of Applicability"),
        ],
    ),
    (
        "Question: readiness",
        &[
            ("i", "implemented"),
            ("p", "partial"),
            ("m", "missing"),
            ("n or x", "not applicable (asks for the justification)"),
            ("d", "don't know (asks who will find out)"),
        ],
    ),
    (
        "Question: other kinds",
        &[
            ("y / n", "yes / no"),
            ("1-9", "choose (single) or toggle (multiple) an option"),
            (
                "↑↓ or j k, Space, Enter",
                "move, choose or toggle; Enter goes on",
            ),
            (
                "Enter",
                "type a number, text or date answer (a digit starts a number or date)",
            ),
            ("d", "don't know"),
            ("x", "not applicable (asks for the justification)"),
        ],
    ),
    (
        "Question: everything else",
        &[
            ("t", "note"),
            ("e", "evidence links"),
            ("o", "owner"),
            ("w", "target date"),
            ("c", "clear the answer"),
            ("← or h / → or l", "previous / next question"),
            ("u", "next unanswered question"),
            (
                "PgUp PgDn",
                "scroll why it matters, auditor and requirements",
            ),
            ("Esc", "back to the sections"),
        ],
    ),
    (
        "Results",
        &[
            ("← → or h l, 1 2 3", "readiness, EU AI Act, SOC 2 scope"),
            ("↑↓ or j k, PgUp PgDn", "scroll"),
            ("S", "ISO/IEC 42001 Statement of Applicability"),
            ("x", "export"),
        ],
    ),
    (
        "Statement of Applicability (S)",
        &[
            ("↑↓ or j k, g G", "choose an Annex A control"),
            ("a", "applicable (saved at once)"),
            ("n or x", "not applicable (asks for the justification)"),
            ("t or Enter", "write the justification"),
            ("c", "back to not decided"),
            ("PgUp PgDn", "scroll the control's detail"),
            ("Esc or S", "back"),
        ],
    ),
    (
        "Plan",
        &[
            ("↑↓ or j k", "choose an item"),
            (
                "t",
                "timeline: the items as bars over the weeks (t again: the table)",
            ),
            ("f / p / b", "filter by framework / phase / owner (cycles)"),
            (
                "o",
                "assign an owner (written to the answers behind the item)",
            ),
            (
                "w",
                "set a target date (written to the answers behind the item)",
            ),
            ("Enter", "go to the question behind the item"),
            ("PgUp PgDn", "scroll the detail"),
            ("x", "export"),
        ],
    ),
    (
        "Workshop",
        &[
            ("← → or h l", "participants, sittings, parking lot"),
            ("↑↓ or j k", "choose"),
            ("a", "add a participant"),
            (
                "s",
                "start a sitting (date, attendees; sections are recorded)",
            ),
            ("Enter", "edit the sitting / go to the parked question"),
            ("o", "who will find out (parking lot)"),
            ("x or Delete", "remove (asks first)"),
        ],
    ),
    (
        "Dialogs",
        &[
            ("Tab / ↑↓", "next / previous field"),
            ("Enter", "next field, or save on the last"),
            ("Esc", "cancel"),
            ("← → Home End", "move in the text"),
            (
                "Backspace Delete Ctrl-U Ctrl-W",
                "delete a character / all / a word",
            ),
        ],
    ),
];

/// A compact framework code for the plan table.
pub fn framework_code(id: &str) -> &str {
    match id {
        "soc2" => "SOC2",
        "iso42001" => "ISO",
        "euaiact" => "AIA",
        "nist-ai-rmf" => "RMF",
        other => other,
    }
}

/// A compact phase label for the plan table.
pub fn phase_code(key: &str) -> &'static str {
    match key {
        "now" => "Now",
        "next-30-days" => "30 days",
        "before-audit" => "Audit",
        _ => "Later",
    }
}
