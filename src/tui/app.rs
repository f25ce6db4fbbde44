//! The wizard's state: one [`App`] value. [`update`](super::update) changes
//! it in response to events; [`view`](super::view) draws it. Nothing here
//! touches the terminal, and file I/O happens only in
//! [`perform`](super::effects::perform), driven by the [`Effect`]s that
//! `update` returns.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;
use ratatui::layout::Rect;

use super::input::TextInput;
use super::strings as s;
use super::text;
use super::theme::Theme;
use crate::assessment::{Answer, Assessment};
use crate::catalog::{self, Catalog, Question, Questionnaire, SectionKind};
use crate::engine::{self, Evaluation, Phase, PlanItem};
use crate::report::export::Format as ReportFormat;
use crate::workspace::Summary;

/// Smallest terminal the wizard draws in.
pub const MIN_WIDTH: u16 = 64;
pub const MIN_HEIGHT: u16 = 18;

/// The top-level screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Start,
    Sections,
    Question,
    Results,
    Plan,
    Workshop,
    /// The ISO/IEC 42001 Statement of Applicability (opened with `S` from
    /// the sections or the results; not a tab).
    Soa,
}

impl Screen {
    /// The screens of an open assessment, in tab order.
    pub const TABS: [Screen; 5] = [
        Screen::Sections,
        Screen::Question,
        Screen::Results,
        Screen::Plan,
        Screen::Workshop,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Screen::Start => s::APP,
            Screen::Sections => s::TAB_SECTIONS,
            Screen::Question => s::TAB_QUESTION,
            Screen::Results => s::TAB_RESULTS,
            Screen::Plan => s::TAB_PLAN,
            Screen::Workshop => s::TAB_WORKSHOP,
            Screen::Soa => s::SOA_TITLE,
        }
    }

    /// The function key that opens the screen (0: none).
    pub fn fkey(self) -> u8 {
        match self {
            Screen::Soa => 0,
            Screen::Start => 1,
            Screen::Sections => 2,
            Screen::Question => 3,
            Screen::Results => 4,
            Screen::Plan => 5,
            Screen::Workshop => 6,
        }
    }

    /// The screen's tab in the top row: ` F3 Question `.
    pub fn tab_label(self) -> String {
        format!(" F{} {} ", self.fkey(), self.label())
    }
}

/// A question, for the organisation or for one AI system.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QRef {
    pub system: Option<String>,
    pub qid: String,
}

impl QRef {
    pub fn org(qid: &str) -> QRef {
        QRef {
            system: None,
            qid: qid.to_string(),
        }
    }

    /// `iam.mfa`, or `support-bot/sys.roles` for a system question (the
    /// keys the engine uses in the plan and the parking lot).
    pub fn key(&self) -> String {
        match &self.system {
            Some(sys) => format!("{sys}/{}", self.qid),
            None => self.qid.clone(),
        }
    }

    pub fn parse(key: &str) -> QRef {
        match key.split_once('/') {
            Some((sys, q)) => QRef {
                system: Some(sys.to_string()),
                qid: q.to_string(),
            },
            None => QRef::org(key),
        }
    }
}

/// One asked question in answering order.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowItem {
    pub q: QRef,
    /// Index into [`Doc::rows`].
    pub row: usize,
    pub answered: bool,
    /// Sort key: (scoping 0 / system 1 / gap 2, system index, section index, question index).
    pub order: (u8, usize, usize, usize),
}

/// One section (per AI system for system sections) with its progress.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionRow {
    pub section: String,
    pub system: Option<String>,
    pub title: String,
    pub kind: SectionKind,
    pub asked: usize,
    pub answered: usize,
    /// Index of its first question in [`Doc::flow`].
    pub first: usize,
}

/// An open assessment and everything derived from it.
#[derive(Debug, Clone)]
pub struct Doc {
    pub path: PathBuf,
    pub a: Assessment,
    /// The file as this wizard last read or wrote it: what another writer
    /// changed since is brought in at the next save.
    pub base: Assessment,
    pub qn: String,
    pub eval: Evaluation,
    /// The evaluation as if no Annex A control were excluded, when some
    /// are: the SoA screen shows what the answers say of an excluded
    /// control's implementation too.
    pub soa_eval: Option<Evaluation>,
    pub flow: Vec<FlowItem>,
    pub rows: Vec<SectionRow>,
    pub progress: (usize, usize),
}

impl Doc {
    /// Opens an assessment for the wizard (the questionnaire must be loaded).
    pub fn new(cat: &Catalog, path: PathBuf, a: Assessment, today: Date) -> Result<Doc, String> {
        let qn = a.questionnaire_id().to_string();
        let Some(q) = cat.questionnaire(&qn) else {
            return Err(s::questionnaire_missing(&path, &qn));
        };
        let eval = engine::evaluate(cat, q, &a, today);
        let soa_eval = soa_evaluation(cat, q, &a, today);
        let mut d = Doc {
            path,
            base: a.clone(),
            a,
            qn,
            eval,
            soa_eval,
            flow: Vec::new(),
            rows: Vec::new(),
            progress: (0, 0),
        };
        d.derive(q);
        Ok(d)
    }

    pub fn questionnaire<'c>(&self, cat: &'c Catalog) -> &'c Questionnaire {
        cat.questionnaire(&self.qn)
            .expect("checked when the assessment was opened")
    }

    /// Re-evaluates after a change (the engine is pure and fast).
    pub fn refresh(&mut self, cat: &Catalog, today: Date) {
        let q = self.questionnaire(cat);
        self.eval = engine::evaluate(cat, q, &self.a, today);
        self.soa_eval = soa_evaluation(cat, q, &self.a, today);
        self.derive(q);
    }

    /// The Annex A controls of ISO/IEC 42001 (empty when it is not in
    /// scope), each with its decision, justification and what the answers
    /// say of its implementation.
    pub fn soa_rows(&self, cat: &Catalog) -> Vec<SoaRow> {
        let Some(fw) = cat.framework("iso42001") else {
            return Vec::new();
        };
        if !self.eval.scope.in_scope("iso42001") {
            return Vec::new();
        }
        let shadow = self.soa_eval.as_ref().unwrap_or(&self.eval);
        fw.requirements
            .iter()
            .filter(|r| r.soa)
            .map(|r| {
                let entry = self.a.soa.get(r.id.as_str());
                let status = shadow.analysis.requirement("iso42001", &r.id);
                SoaRow {
                    id: r.id.to_string(),
                    title: r.title.to_string(),
                    group: fw
                        .group(&r.group)
                        .map(|g| format!("{} {}", g.id, g.title))
                        .unwrap_or_default(),
                    decision: entry.map(|e| e.included),
                    justification: entry.map(|e| e.justification.clone()).unwrap_or_default(),
                    coverage: status.map_or(engine::Coverage::NotAssessed, |s| s.coverage),
                    questions: status.map(|s| s.questions.clone()).unwrap_or_default(),
                    items: self
                        .eval
                        .plan
                        .items
                        .iter()
                        .enumerate()
                        .filter(|(_, it)| {
                            it.requirements
                                .iter()
                                .any(|x| x.framework == "iso42001" && x.id == r.id)
                        })
                        .map(|(i, _)| i)
                        .collect(),
                }
            })
            .collect()
    }

    /// The flow and the section rows: scoping, then each AI system's
    /// sections, then the gap analysis, keeping only the questions the
    /// engine asks.
    fn derive(&mut self, qn: &Questionnaire) {
        let mut flow = Flow {
            qn,
            a: &self.a,
            items: std::mem::take(&mut self.flow),
            rows: std::mem::take(&mut self.rows),
        };
        flow.items.clear();
        flow.rows.clear();
        let of_kind = |kind| {
            qn.sections
                .iter()
                .enumerate()
                .filter(move |(_, sec)| sec.kind == kind)
        };
        for (si, sec) in of_kind(SectionKind::Scoping) {
            flow.section(si, sec, None, &self.eval.scope.asked);
        }
        for (xi, sys) in self.eval.scope.systems.iter().enumerate() {
            let name = self
                .a
                .systems
                .get(sys.id.as_str())
                .map(|s| s.name.as_str())
                .unwrap_or(sys.id.as_str());
            for (si, sec) in of_kind(SectionKind::System) {
                flow.section(si, sec, Some((xi, &sys.id, name)), &sys.asked);
            }
        }
        for (si, sec) in of_kind(SectionKind::Gap) {
            flow.section(si, sec, None, &self.eval.scope.asked);
        }
        (self.flow, self.rows) = (flow.items, flow.rows);
        self.progress = engine::progress(&self.eval, &self.a);
    }

    /// Sort key of any question (asked or not), to find its place in the flow.
    pub fn order_of(&self, cat: &Catalog, q: &QRef) -> (u8, usize, usize, usize) {
        let qn = self.questionnaire(cat);
        let Some(question) = qn.question(&q.qid) else {
            return (3, 0, 0, 0);
        };
        let si = qn
            .sections
            .iter()
            .position(|x| x.id == question.section)
            .unwrap_or(0);
        let qi = qn.questions.iter().position(|x| x.id == q.qid).unwrap_or(0);
        let phase = match qn.section_kind(question) {
            SectionKind::Scoping => 0,
            SectionKind::System => 1,
            SectionKind::Gap => 2,
        };
        let xi = q
            .system
            .as_ref()
            .and_then(|id| self.eval.scope.systems.iter().position(|x| &x.id == id))
            .unwrap_or(0);
        (phase, xi, si, qi)
    }

    pub fn position(&self, q: &QRef) -> Option<usize> {
        self.flow.iter().position(|f| &f.q == q)
    }

    pub fn answer(&self, q: &QRef) -> Option<&Answer> {
        self.a.answer(q.system.as_deref(), &q.qid)
    }

    /// Whether the organisation said it builds or uses AI.
    pub fn uses_ai(&self) -> bool {
        match self
            .a
            .answers
            .get("ai.usage")
            .and_then(|x| x.value.as_ref())
        {
            Some(crate::assessment::Value::List(l)) => l.iter().any(|x| x != "none"),
            Some(crate::assessment::Value::Text(t)) => t != "none",
            _ => false,
        }
    }

    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// The evaluation with every Annex A exclusion lifted, when there is one
/// (an excluded control is not applicable to the engine, which then says
/// nothing of its implementation).
fn soa_evaluation(
    cat: &Catalog,
    q: &Questionnaire,
    a: &Assessment,
    today: Date,
) -> Option<Evaluation> {
    if !a.soa.values().any(|e| !e.included) {
        return None;
    }
    let mut all_in = a.clone();
    all_in.soa.clear();
    Some(engine::evaluate(cat, q, &all_in, today))
}

/// One Annex A control on the SoA screen.
#[derive(Debug, Clone, PartialEq)]
pub struct SoaRow {
    pub id: String,
    pub title: String,
    /// `A.6 AI system life cycle`.
    pub group: String,
    /// Applicable (`true`), not applicable (`false`), or not decided.
    pub decision: Option<bool>,
    pub justification: String,
    /// Its implementation from the answers (as if applicable).
    pub coverage: engine::Coverage,
    /// The asked questions that evidence it (`system/question` for a system's).
    pub questions: Vec<String>,
    /// The plan items that close it (indexes into the plan).
    pub items: Vec<usize>,
}

/// The flow being built, section by section.
struct Flow<'a> {
    qn: &'a Questionnaire,
    a: &'a Assessment,
    items: Vec<FlowItem>,
    rows: Vec<SectionRow>,
}

impl Flow<'_> {
    /// Adds the asked questions of section `si` (of the organisation, or of
    /// the system given as (index, id, name)) and, when any is asked, its row.
    fn section(
        &mut self,
        si: usize,
        sec: &catalog::Section,
        system: Option<(usize, &str, &str)>,
        asked: &BTreeSet<crate::text::Text>,
    ) {
        let qn = self.qn;
        let q_index = |id: &str| qn.questions.iter().position(|q| q.id == id).unwrap_or(0);
        let phase = match sec.kind {
            SectionKind::Scoping => 0,
            SectionKind::System => 1,
            SectionKind::Gap => 2,
        };
        let row = self.rows.len();
        let first = self.items.len();
        let mut n_asked = 0;
        let mut n_answered = 0;
        for q in qn.questions_in(&sec.id) {
            if !asked.contains(q.id.as_str()) {
                continue;
            }
            let qr = QRef {
                system: system.map(|(_, id, _)| id.to_string()),
                qid: q.id.to_string(),
            };
            let answered = self
                .a
                .answer(qr.system.as_deref(), &q.id)
                .is_some_and(Answer::is_answered);
            n_asked += 1;
            n_answered += answered as usize;
            self.items.push(FlowItem {
                q: qr,
                row,
                answered,
                order: (phase, system.map_or(0, |s| s.0), si, q_index(&q.id)),
            });
        }
        if n_asked > 0 {
            self.rows.push(SectionRow {
                section: sec.id.to_string(),
                system: system.map(|(_, id, _)| id.to_string()),
                title: match system {
                    Some((_, id, name)) => s::system_row(name, id),
                    None => sec.title.to_string(),
                },
                kind: sec.kind,
                asked: n_asked,
                answered: n_answered,
                first,
            });
        }
    }
}

/// A line at the bottom of the screen until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

#[derive(Debug, Clone, Default)]
pub struct StartState {
    pub data_dir: Option<PathBuf>,
    pub list: Vec<Summary>,
    /// 0 = "new assessment", then the list.
    pub sel: usize,
}

#[derive(Debug, Clone, Default)]
pub struct SectionsState {
    pub sel: usize,
}

#[derive(Debug, Clone, Default)]
pub struct QuestionState {
    pub cur: Option<QRef>,
    /// Highlighted option.
    pub hl: usize,
    /// Scroll of the information pane.
    pub scroll: u16,
    /// Typed text that narrows a list of options (`f` starts it).
    pub filter: Option<TextInput>,
}

impl QuestionState {
    /// Whether option `label` shows under the filter.
    pub fn shows(&self, label: &str) -> bool {
        match &self.filter {
            Some(f) => {
                let typed = f.trimmed().to_lowercase();
                typed.is_empty() || label.to_lowercase().contains(&typed)
            }
            None => true,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct ResultsState {
    /// 0 readiness, 1 EU AI Act, 2 SOC 2 scope.
    pub pane: usize,
    pub scroll: [u16; 3],
}

#[derive(Debug, Clone, Default)]
pub struct PlanState {
    pub sel: usize,
    pub framework: Option<String>,
    pub phase: Option<Phase>,
    pub owner: Option<String>,
    pub scroll: u16,
    /// The items drawn as a timeline instead of a table.
    pub timeline: bool,
}

#[derive(Debug, Clone, Default)]
pub struct SoaState {
    pub sel: usize,
    /// Scroll of the chosen control's detail.
    pub scroll: u16,
    /// The screen to go back to (Esc).
    pub back: Option<Screen>,
}

#[derive(Debug, Clone, Default)]
pub struct WorkshopState {
    /// 0 participants, 1 sittings, 2 parking lot.
    pub pane: usize,
    pub sel: [usize; 3],
    /// The sitting started in this run: sections answered are recorded in it.
    pub current: Option<String>,
}

/// What happened in the running sitting, for its end-of-sitting summary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SittingStats {
    /// Questions answered for the first time.
    pub answered: BTreeSet<String>,
    /// Answers changed.
    pub changed: BTreeSet<String>,
    /// Answered "don't know".
    pub parked: BTreeSet<String>,
    /// Given an owner.
    pub owners: BTreeSet<String>,
}

impl SittingStats {
    pub fn is_empty(&self) -> bool {
        self.answered.is_empty()
            && self.changed.is_empty()
            && self.parked.is_empty()
            && self.owners.is_empty()
    }
}

/// What one answer changed in a framework's readiness, as shown (before, after).
#[derive(Debug, Clone, PartialEq)]
pub struct ReadinessMove {
    pub framework: String,
    pub met: (String, String),
    pub progress: (String, String),
}

/// The formats the export dialog offers: (format, label, file extension).
pub const EXPORT_FORMATS: [(ReportFormat, &str, &str); 6] = [
    (ReportFormat::Md, s::EXPORT_LABELS[0], "md"),
    (ReportFormat::Json, s::EXPORT_LABELS[1], "json"),
    (ReportFormat::Table, s::EXPORT_LABELS[2], "txt"),
    (ReportFormat::Csv, s::EXPORT_LABELS[3], "csv"),
    (ReportFormat::Oscal, s::EXPORT_LABELS[4], "poam.json"),
    (ReportFormat::OscalAr, s::EXPORT_LABELS[5], "results.json"),
];

/// The export dialog's choices: the formats, then the document pack.
pub const EXPORT_CHOICES: usize = EXPORT_FORMATS.len() + 1;
/// The export dialog's choice that writes the document pack (a folder).
pub const EXPORT_PACK: usize = EXPORT_FORMATS.len();

/// What a form is for.
#[derive(Debug, Clone, PartialEq)]
pub enum Purpose {
    /// Fields: organisation, assessor, file.
    NewAssessment {
        file_given: bool,
        file_edited: bool,
    },
    Note(QRef),
    Owner(Vec<QRef>),
    /// Who will find out, after "don't know"; the owner of the fix is
    /// asked next.
    Finder(QRef),
    /// Who owns the fix once the facts are known (asked after the finder);
    /// the wizard moves on afterwards.
    FixOwner(QRef),
    Target(Vec<QRef>),
    /// Not applicable; the wizard moves on afterwards.
    Justify(QRef),
    /// A number, text or date answer.
    Typed(QRef),
    /// Fields: name, description, id (follows the name until edited).
    /// `first`: offered at the end of scoping.
    AddSystem {
        first: bool,
        id_edited: bool,
    },
    RenameSystem(String),
    SectionNote(String),
    AddParticipant,
    /// Corrects a person's name everywhere it appears (the old name).
    RenamePerson(String),
    /// Who is present at the sitting that opening the assessment started.
    Attendees(String),
    /// Fields: date, facilitator, attendees, sections, summary. `None` starts one.
    Session(Option<String>),
    /// An Annex A control is not applicable: why (required).
    SoaExclude(String),
    /// The justification of an Annex A control's decision (an undecided
    /// control becomes applicable).
    SoaJustify(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub label: &'static str,
    pub input: TextInput,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub purpose: Purpose,
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub error: Option<String>,
    /// People to pick from for a one-field person form (owner, who will
    /// find out): the participants and the owners already named.
    pub people: Vec<String>,
    /// The highlighted one among those matching what is typed.
    pub pick: Option<usize>,
}

impl Form {
    pub fn new(purpose: Purpose, title: &str, fields: Vec<(&'static str, String)>) -> Form {
        Form {
            purpose,
            title: title.to_string(),
            fields: fields
                .into_iter()
                .map(|(label, v)| Field {
                    label,
                    input: TextInput::new(&v),
                })
                .collect(),
            focus: 0,
            error: None,
            people: Vec::new(),
            pick: None,
        }
    }

    pub fn value(&self, i: usize) -> &str {
        self.fields.get(i).map(|f| f.input.trimmed()).unwrap_or("")
    }

    /// The people whose name contains what is typed (any case), or all of
    /// them when nothing is typed.
    pub fn matching_people(&self) -> Vec<&str> {
        let typed = self.value(0).to_lowercase();
        self.people
            .iter()
            .filter(|p| typed.is_empty() || p.to_lowercase().contains(&typed))
            .map(String::as_str)
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ConfirmAction {
    RemoveSystem(String),
    RemoveParticipant(usize),
    RemoveSession(String),
}

/// A dialog or overlay on top of the screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help {
        scroll: u16,
    },
    Form(Form),
    Confirm {
        text: String,
        action: ConfirmAction,
    },
    Search {
        input: TextInput,
        sel: usize,
    },
    Export {
        format: usize,
        path: TextInput,
        edited: bool,
    },
    Evidence {
        q: QRef,
        input: TextInput,
        /// Chosen link (`None`: the input line).
        sel: Option<usize>,
    },
    /// The last save failed: what failed, and a file to save to instead.
    SaveFailed {
        error: String,
        path: TextInput,
    },
    /// Quit was asked with answers that are not saved.
    QuitUnsaved,
    /// The end of a sitting: what it did, and the facilitator's notes.
    EndSitting {
        notes: TextInput,
    },
    /// What writing the document pack into `dir` did.
    Pack {
        dir: PathBuf,
        outcome: PackOutcome,
    },
}

/// What writing the document pack did.
#[derive(Debug, Clone, PartialEq)]
pub enum PackOutcome {
    Written {
        /// Files written (new or changed), by name in the folder.
        written: Vec<String>,
        /// Files already up to date.
        unchanged: usize,
        /// Files a person had edited, overwritten after the second confirm.
        overwritten: Vec<String>,
        /// What the answers do not say, listed on the index page.
        open_questions: usize,
    },
    /// Files a person edited since trustgap wrote them (or that trustgap
    /// did not write): nothing was written; `y` overwrites them.
    Edited(Vec<String>),
}

/// Work for the runtime: file I/O that `update` asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Save the open assessment (atomically).
    Save,
    /// Save the open assessment to another file and keep working there.
    SaveAs(PathBuf),
    Open(PathBuf),
    Create {
        path: PathBuf,
        organisation: String,
        assessor: String,
    },
    Export {
        path: PathBuf,
        format: usize,
    },
    /// Write the document pack into a folder (`force`: over a person's edits).
    Pack {
        dir: PathBuf,
        force: bool,
    },
    /// Repaint the whole terminal.
    Redraw,
}

/// What a click on a row of the last frame picks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// An entry of the sections list.
    Section(usize),
    /// A row of the plan (its position among the filtered items).
    PlanRow(usize),
    /// An option of the current question (its index; for readiness, the status).
    Option(usize),
    /// A row of the start screen (0: new assessment).
    StartRow(usize),
    /// An entry of a workshop pane (pane, entry).
    WorkshopRow(usize, usize),
    /// A control on the SoA screen.
    SoaRow(usize),
}

/// The whole state of the wizard.
pub struct App {
    pub cat: Arc<Catalog>,
    pub today: Date,
    pub clock: fn() -> Timestamp,
    pub theme: Theme,
    pub screen: Screen,
    pub start: StartState,
    pub doc: Option<Doc>,
    pub sections: SectionsState,
    pub question: QuestionState,
    pub results: ResultsState,
    pub plan: PlanState,
    pub workshop: WorkshopState,
    pub soa: SoaState,
    pub overlay: Option<Overlay>,
    pub notice: Option<Notice>,
    /// `HH:MM` of the last successful save.
    pub saved_at: Option<String>,
    /// Why the last save failed, while answers are only in memory.
    pub unsaved: Option<String>,
    /// What the running sitting did.
    pub sitting: SittingStats,
    /// The rows a click can pick in the last frame drawn (the view records
    /// them; a click looks them up).
    pub hits: std::cell::RefCell<Vec<(Rect, Hit)>>,
    /// Terminal size, for mouse hits (the view uses the frame's own area).
    pub size: (u16, u16),
    /// The end-of-scoping "add your first AI system" offer was made.
    pub offered_system: bool,
    pub quit: bool,
}

impl App {
    pub fn new(cat: Arc<Catalog>, today: Date, clock: fn() -> Timestamp, theme: Theme) -> App {
        App {
            cat,
            today,
            clock,
            theme,
            screen: Screen::Start,
            start: StartState::default(),
            doc: None,
            sections: SectionsState::default(),
            question: QuestionState::default(),
            results: ResultsState::default(),
            plan: PlanState::default(),
            workshop: WorkshopState::default(),
            soa: SoaState::default(),
            overlay: None,
            notice: None,
            saved_at: None,
            unsaved: None,
            sitting: SittingStats::default(),
            hits: std::cell::RefCell::new(Vec::new()),
            size: (80, 24),
            offered_system: false,
            quit: false,
        }
    }

    /// Shows an assessment: the first unanswered question, or the sections
    /// when everything is answered.
    pub fn open_doc(&mut self, doc: Doc) {
        let first = doc.flow.iter().find(|f| !f.answered).map(|f| f.q.clone());
        let any = doc.progress.0 > 0;
        self.offered_system = !doc.a.systems.is_empty();
        self.doc = Some(doc);
        self.sections = SectionsState::default();
        self.results = ResultsState::default();
        self.plan = PlanState::default();
        self.workshop = WorkshopState::default();
        self.soa = SoaState::default();
        match first {
            Some(q) if !any => {
                self.set_question(q);
                self.screen = Screen::Question;
            }
            Some(q) => {
                self.set_question(q);
                self.screen = Screen::Sections;
                self.select_row_of_current();
            }
            None => {
                self.question = QuestionState::default();
                if let Some(f) = self.doc.as_ref().and_then(|d| d.flow.first()) {
                    self.set_question(f.q.clone());
                }
                self.screen = Screen::Sections;
            }
        }
    }

    pub fn qn(&self) -> Option<&Questionnaire> {
        self.doc.as_ref().map(|d| d.questionnaire(&self.cat))
    }

    /// The question on the question screen.
    pub fn current(&self) -> Option<(&QRef, &Question)> {
        let q = self.question.cur.as_ref()?;
        let question = self.qn()?.question(&q.qid)?;
        Some((q, question))
    }

    /// Moves to a question and highlights its current answer.
    pub fn set_question(&mut self, q: QRef) {
        self.question.scroll = 0;
        self.question.hl = 0;
        self.question.filter = None;
        if let Some(doc) = &self.doc {
            let qn = doc.questionnaire(&self.cat);
            if let (Some(question), Some(ans)) = (qn.question(&q.qid), doc.answer(&q)) {
                self.question.hl = highlight_for(question, ans);
            }
        }
        self.question.cur = Some(q);
    }

    /// Points the sections list at the current question's section.
    pub fn select_row_of_current(&mut self) {
        let Some(doc) = &self.doc else { return };
        let Some(q) = &self.question.cur else { return };
        if let Some(row) = doc.position(q).map(|i| doc.flow[i].row) {
            let entries = self.section_entries();
            if let Some(i) = entries.iter().position(|e| *e == Entry::Row(row)) {
                self.sections.sel = i;
            }
        }
    }

    /// The screen whose tab is at column `col` of the top row (tabs are shown
    /// while an assessment is open).
    pub fn tab_at(&self, col: u16) -> Option<Screen> {
        self.doc.as_ref()?;
        let mut x = 0u16;
        for t in Screen::TABS {
            let w = text::width(&t.tab_label()) as u16;
            if col >= x && col < x + w {
                return Some(t);
            }
            x += w + 1;
        }
        None
    }

    /// The rows of the sections screen.
    pub fn section_entries(&self) -> Vec<Entry> {
        let Some(doc) = &self.doc else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut added = false;
        for (i, r) in doc.rows.iter().enumerate() {
            if r.kind == SectionKind::Gap && !added {
                out.push(Entry::AddSystem);
                added = true;
            }
            out.push(Entry::Row(i));
        }
        if !added {
            out.push(Entry::AddSystem);
        }
        out
    }

    /// Plan items after the filters, as indexes into the plan.
    pub fn plan_items(&self) -> Vec<usize> {
        let Some(doc) = &self.doc else {
            return Vec::new();
        };
        doc.eval
            .plan
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| self.plan.framework.as_ref().is_none_or(|f| it.closes(f)))
            .filter(|(_, it)| self.plan.phase.is_none_or(|p| it.phase == p))
            .filter(|(_, it)| self.plan.owner.as_ref().is_none_or(|o| &it.owner == o))
            .map(|(i, _)| i)
            .collect()
    }

    pub fn selected_plan_item(&self) -> Option<&PlanItem> {
        let items = self.plan_items();
        let i = *items.get(self.plan.sel.min(items.len().saturating_sub(1)))?;
        self.doc.as_ref()?.eval.plan.items.get(i)
    }

    /// Flow indexes matching a search (every word, case-insensitive, in the
    /// question's text, id, section or system).
    pub fn search(&self, query: &str) -> Vec<usize> {
        let Some(doc) = &self.doc else {
            return Vec::new();
        };
        let qn = doc.questionnaire(&self.cat);
        let words: Vec<String> = query.split_whitespace().map(|w| w.to_lowercase()).collect();
        doc.flow
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                if words.is_empty() {
                    return true;
                }
                let Some(q) = qn.question(&f.q.qid) else {
                    return false;
                };
                let hay = format!(
                    "{} {} {} {}",
                    q.text,
                    q.id,
                    doc.rows[f.row].title,
                    f.q.system.as_deref().unwrap_or("")
                )
                .to_lowercase();
                words.iter().all(|w| hay.contains(w.as_str()))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Who is recorded on answers (`by`).
    pub fn by(&self) -> Option<String> {
        self.doc
            .as_ref()
            .map(|d| d.a.assessor.clone())
            .filter(|a| !a.trim().is_empty())
    }

    pub fn now(&self) -> Timestamp {
        (self.clock)()
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            error: true,
        });
    }

    /// Starts the sitting this run of the wizard is: today, the assessor
    /// facilitating, the last sitting's attendees (or the participants).
    /// With `ask`, a dialog asks who is present. The sitting is written with
    /// the first answer; a run that changes nothing leaves no record.
    pub fn begin_sitting(&mut self, ask: bool) {
        let today = self.today;
        let Some(doc) = self.doc.as_mut() else { return };
        let a = &doc.a;
        let last = a
            .sessions
            .values()
            .filter(|se| !se.attendees.is_empty())
            .max_by_key(|se| se.date);
        let mut attendees = match last {
            Some(se) => se.attendees.clone(),
            None => a.participants.clone(),
        };
        if attendees.is_empty() && !a.assessor.trim().is_empty() {
            attendees.push(a.assessor.clone());
        }
        let id = a.next_session_id(today);
        let session = crate::assessment::Session {
            date: Some(today),
            facilitator: a.assessor.clone(),
            attendees: attendees.clone(),
            ..Default::default()
        };
        doc.a.sessions.insert(id.clone(), session);
        self.workshop.current = Some(id.clone());
        self.sitting = SittingStats::default();
        if ask {
            self.overlay = Some(Overlay::Form(Form::new(
                Purpose::Attendees(id),
                s::D_ATTENDEES_TITLE,
                vec![(s::D_ATTENDEES_FIELD, attendees.join(", "))],
            )));
        }
    }

    /// Records that a click at `area` picks `hit` (called while drawing).
    pub fn hit(&self, area: Rect, hit: Hit) {
        self.hits.borrow_mut().push((area, hit));
    }

    /// What a click at (`column`, `row`) picks in the last frame.
    pub fn hit_at(&self, column: u16, row: u16) -> Option<Hit> {
        self.hits
            .borrow()
            .iter()
            .find(|(r, _)| {
                row >= r.y && row < r.y + r.height && column >= r.x && column < r.x + r.width
            })
            .map(|(_, h)| *h)
    }

    /// Everyone the assessment names as a person: the participants, then
    /// the owners already given to answers, each once.
    pub fn people(&self) -> Vec<String> {
        let Some(doc) = &self.doc else {
            return Vec::new();
        };
        let a = &doc.a;
        let owners = a
            .answers
            .values()
            .chain(a.systems.values().flat_map(|s| s.answers.values()))
            .filter_map(|x| x.owner.as_deref());
        let mut out: Vec<String> = Vec::new();
        for name in a.participants.iter().map(String::as_str).chain(owners) {
            let name = name.trim();
            if !name.is_empty() && !out.iter().any(|o| o == name) {
                out.push(name.to_string());
            }
        }
        out
    }

    /// Where to offer saving when the file cannot be written: the same
    /// name in the folder trustgap keeps assessments in (or the temporary
    /// folder), never the file that failed.
    pub fn save_elsewhere_path(&self) -> PathBuf {
        let name = self
            .doc
            .as_ref()
            .and_then(|d| d.path.file_name())
            .map(|n| n.to_os_string())
            .unwrap_or_else(|| "assessment.toml".into());
        let dir = self
            .start
            .data_dir
            .clone()
            .unwrap_or_else(std::env::temp_dir);
        let first = dir.join(&name);
        if self.doc.as_ref().is_some_and(|d| d.path == first) {
            std::env::temp_dir().join(name)
        } else {
            first
        }
    }

    /// The default export path for a format: `<file stem>-plan.<ext>` in the
    /// current directory; for the document pack, the folder
    /// `<file stem>-docs` next to the assessment.
    pub fn export_path(&self, format: usize) -> String {
        let stem = self
            .doc
            .as_ref()
            .and_then(|d| d.path.file_stem())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "assessment".into());
        if format == EXPORT_PACK {
            let dir = format!("{stem}-docs");
            return match self.doc.as_ref().and_then(|d| d.path.parent()) {
                Some(p) if !p.as_os_str().is_empty() => p.join(dir).display().to_string(),
                _ => dir,
            };
        }
        format!(
            "{stem}-plan.{}",
            EXPORT_FORMATS[format % EXPORT_FORMATS.len()].2
        )
    }
}

/// A row of the sections screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Row(usize),
    AddSystem,
}

/// The option to highlight for an existing answer.
pub fn highlight_for(q: &Question, a: &Answer) -> usize {
    use crate::assessment::{Status, Value};
    use crate::catalog::AnswerKind;
    match q.kind {
        AnswerKind::Readiness => match a.status {
            Some(st) => Status::ALL.iter().position(|x| *x == st).unwrap_or(0),
            None => 0,
        },
        _ => match &a.value {
            Some(Value::Text(t)) => q.options.iter().position(|o| &o.id == t).unwrap_or(0),
            Some(Value::List(l)) => l
                .first()
                .and_then(|t| q.options.iter().position(|o| &o.id == t))
                .unwrap_or(0),
            _ => 0,
        },
    }
}

/// A slug for an AI system id: `Support Bot` → `support-bot`.
pub fn slug(name: &str) -> String {
    let file = crate::workspace::file_name_for(name);
    let s = file.trim_end_matches(".toml");
    if s == "assessment" && !name.to_lowercase().contains("assessment") {
        "system".to_string()
    } else {
        s.to_string()
    }
}

/// A path shown to people: relative paths as typed, home as `~`.
pub fn display_path(p: &Path) -> String {
    if let Some(home) = std::env::var_os("HOME")
        && let Ok(rest) = p.strip_prefix(&home)
        && !home.is_empty()
    {
        return format!("~/{}", rest.display());
    }
    p.display().to_string()
}
