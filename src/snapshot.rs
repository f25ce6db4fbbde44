//! Built-in data, pre-parsed at build time: the catalog and the example
//! assessments that `trustgap demo` shows.
//!
//! `build.rs` loads the embedded framework and questionnaire files with the
//! same code as the runtime (`load_file` for each, before merging with other
//! sources) and writes the result in this compact binary form; the binary
//! decodes it at start instead of parsing 550 KB of TOML (about 40 times
//! fewer instructions). Problems found in the embedded files travel with the
//! snapshot, so `trustgap validate` reports them as before. The examples are
//! parsed with `assessment::parse` the same way.
//!
//! The format is private to one build: the encoder and the decoder are the
//! same source file, compiled into the build script and into the binary.
//! Every distinct string is stored once in a table at the front (checked as
//! UTF-8 once); catalog text ([`Text`]) borrows from it without copying.
//! After the table: integers are LEB128, a string is its offset and length
//! in the table (four bytes each, little-endian), `Option` is a tag byte, `Vec` is a length and the items.
//! Lookup indexes are rebuilt, not stored.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use jiff::Timestamp;
use jiff::civil::Date;

use crate::assessment::{
    Answer, Assessment, RemediationProgress, RemediationState, Session, SoaEntry, Status, System,
    Value,
};
use crate::catalog::*;
use crate::condition::{Expr, Op};
use crate::location::LineCol;
use crate::text::Text;

/// Leading bytes of a catalog snapshot; bumped when the layout changes.
const MAGIC: &[u8; 8] = b"tgcat\x00\x00\x02";
/// Leading bytes of an assessment snapshot.
const MAGIC_ASSESSMENT: &[u8; 8] = b"tgans\x00\x00\x02";

/// Why a snapshot could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub offset: usize,
    pub what: &'static str,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.what, self.offset)
    }
}

type Result<T> = std::result::Result<T, DecodeError>;

/// Loads files the way `load_catalog` loads the embedded ones, before
/// merging with other sources (used by `build.rs` and the tests).
#[allow(dead_code)]
pub fn load_unmerged(files: &[(&str, &str)]) -> Catalog {
    let mut cat = Catalog::default();
    for (name, src) in files {
        crate::catalog::load_file(&mut cat, name, src);
    }
    cat
}

/// Writes a catalog (as loaded from files, before merging) to bytes.
#[allow(dead_code)] // used by build.rs and the tests
pub fn encode(cat: &Catalog) -> Vec<u8> {
    write_all(cat, MAGIC)
}

/// Reads what [`encode`] wrote.
pub fn decode(bytes: &'static [u8]) -> Result<Catalog> {
    let mut cat: Catalog = read_all(bytes, MAGIC)?;
    reindex(&mut cat);
    Ok(cat)
}

/// Rebuilds the lookup indexes, which are not stored.
fn reindex(cat: &mut Catalog) {
    for f in &mut cat.frameworks {
        f.reindex();
    }
    for q in &mut cat.questionnaires {
        q.reindex();
    }
}

/// Writes an assessment (as `assessment::parse` returns it) to bytes.
#[allow(dead_code)] // used by build.rs and the tests
pub fn encode_assessment(a: &Assessment) -> Vec<u8> {
    write_all(a, MAGIC_ASSESSMENT)
}

/// Reads what [`encode_assessment`] wrote.
pub fn decode_assessment(bytes: &'static [u8]) -> Result<Assessment> {
    read_all(bytes, MAGIC_ASSESSMENT)
}

#[allow(dead_code)]
fn write_all<T: Enc>(v: &T, magic: &[u8; 8]) -> Vec<u8> {
    let mut w = Writer::default();
    v.enc(&mut w);
    let mut out = Vec::with_capacity(16 + w.table.len() + w.body.len());
    out.extend_from_slice(magic);
    put_varint(&mut out, w.table.len() as u64);
    out.extend_from_slice(w.table.as_bytes());
    out.extend_from_slice(&w.body);
    out
}

fn read_all<T: Dec>(bytes: &'static [u8], magic: &[u8; 8]) -> Result<T> {
    let mut r = Reader {
        bytes,
        pos: 0,
        table: "",
    };
    if r.take(magic.len())? != magic {
        return Err(DecodeError {
            offset: 0,
            what: "not a trustgap snapshot of this kind",
        });
    }
    let n = r.len()?;
    let at = r.pos;
    r.table = std::str::from_utf8(r.take(n)?).map_err(|_| DecodeError {
        offset: at,
        what: "the string table is not UTF-8",
    })?;
    let v = T::dec(&mut r)?;
    if r.pos != bytes.len() {
        return Err(r.err("trailing bytes"));
    }
    Ok(v)
}

/// The encoder's state: the body, and the string table with its index.
#[derive(Default)]
#[allow(dead_code)]
struct Writer {
    body: Vec<u8>,
    table: String,
    seen: HashMap<String, (usize, usize)>,
}

#[allow(dead_code)]
impl Writer {
    fn push(&mut self, b: u8) {
        self.body.push(b);
    }

    fn bytes(&mut self, b: &[u8]) {
        self.body.extend_from_slice(b);
    }

    fn varint(&mut self, v: u64) {
        put_varint(&mut self.body, v);
    }

    fn str(&mut self, s: &str) {
        let (off, len) = match self.seen.get(s) {
            Some(at) => *at,
            None => {
                let at = (self.table.len(), s.len());
                self.table.push_str(s);
                self.seen.insert(s.to_owned(), at);
                at
            }
        };
        // Fixed width: reading is a plain load, not a varint loop. The table
        // of the built-in catalog is far below 4 GiB.
        let off = u32::try_from(off).expect("string table under 4 GiB");
        let len = u32::try_from(len).expect("string under 4 GiB");
        self.bytes(&off.to_le_bytes());
        self.bytes(&len.to_le_bytes());
    }
}

struct Reader {
    bytes: &'static [u8],
    pos: usize,
    table: &'static str,
}

impl Reader {
    fn err(&self, what: &'static str) -> DecodeError {
        DecodeError {
            offset: self.pos,
            what,
        }
    }

    fn take(&mut self, n: usize) -> Result<&'static [u8]> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|e| *e <= self.bytes.len())
            .ok_or_else(|| self.err("truncated"))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn byte(&mut self) -> Result<u8> {
        let b = *self
            .bytes
            .get(self.pos)
            .ok_or_else(|| self.err("truncated"))?;
        self.pos += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64> {
        let mut v: u64 = 0;
        let mut shift = 0;
        loop {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
            shift += 7;
            if shift > 63 {
                return Err(self.err("integer too long"));
            }
        }
    }

    /// A length, checked against the bytes left so a damaged length cannot
    /// ask for a huge allocation.
    fn len(&mut self) -> Result<usize> {
        let n = self.varint()?;
        usize::try_from(n)
            .ok()
            .filter(|n| *n <= self.bytes.len() - self.pos)
            .ok_or_else(|| self.err("length past the end"))
    }

    /// A string of the table: its offset and length, four bytes each.
    fn str(&mut self) -> Result<&'static str> {
        let b = self.take(8)?;
        let off = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
        let len = u32::from_le_bytes([b[4], b[5], b[6], b[7]]) as usize;
        off.checked_add(len)
            .and_then(|end| self.table.get(off..end))
            .ok_or_else(|| self.err("bad string reference"))
    }
}

#[allow(dead_code)]
fn put_varint(w: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            w.push(b);
            return;
        }
        w.push(b | 0x80);
    }
}

#[allow(dead_code)]
trait Enc {
    fn enc(&self, w: &mut Writer);
}

trait Dec: Sized {
    fn dec(r: &mut Reader) -> Result<Self>;
}

impl Enc for bool {
    fn enc(&self, w: &mut Writer) {
        w.push(u8::from(*self));
    }
}

impl Dec for bool {
    fn dec(r: &mut Reader) -> Result<Self> {
        match r.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(r.err("bad boolean")),
        }
    }
}

macro_rules! unsigned {
    ($($t:ty),*) => {$(
        impl Enc for $t {
            fn enc(&self, w: &mut Writer) {
                w.varint(*self as u64);
            }
        }
        impl Dec for $t {
            fn dec(r: &mut Reader) -> Result<Self> {
                let v = r.varint()?;
                <$t>::try_from(v).map_err(|_| r.err("integer out of range"))
            }
        }
    )*};
}
unsigned!(u8, u32, usize);

impl Enc for String {
    fn enc(&self, w: &mut Writer) {
        w.str(self);
    }
}

impl Dec for String {
    fn dec(r: &mut Reader) -> Result<Self> {
        r.str().map(str::to_owned)
    }
}

impl Enc for Text {
    fn enc(&self, w: &mut Writer) {
        w.str(self);
    }
}

/// Borrowed from the snapshot: no allocation, no copy.
impl Dec for Text {
    fn dec(r: &mut Reader) -> Result<Self> {
        r.str().map(Text::borrowed)
    }
}

impl<T: Enc> Enc for Option<T> {
    fn enc(&self, w: &mut Writer) {
        match self {
            None => w.push(0),
            Some(v) => {
                w.push(1);
                v.enc(w);
            }
        }
    }
}

impl<T: Dec> Dec for Option<T> {
    fn dec(r: &mut Reader) -> Result<Self> {
        match r.byte()? {
            0 => Ok(None),
            1 => Ok(Some(T::dec(r)?)),
            _ => Err(r.err("bad option tag")),
        }
    }
}

impl<T: Enc> Enc for Vec<T> {
    fn enc(&self, w: &mut Writer) {
        w.varint(self.len() as u64);
        for x in self {
            x.enc(w);
        }
    }
}

impl<T: Dec> Dec for Vec<T> {
    fn dec(r: &mut Reader) -> Result<Self> {
        // Every item takes at least one byte, so `len` bounds the count.
        let n = r.len()?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(T::dec(r)?);
        }
        Ok(v)
    }
}

impl<T: Enc> Enc for Box<T> {
    fn enc(&self, w: &mut Writer) {
        (**self).enc(w);
    }
}

impl<T: Dec> Dec for Box<T> {
    fn dec(r: &mut Reader) -> Result<Self> {
        T::dec(r).map(Box::new)
    }
}

impl Enc for Date {
    fn enc(&self, w: &mut Writer) {
        w.bytes(&self.year().to_le_bytes());
        w.push(self.month() as u8);
        w.push(self.day() as u8);
    }
}

impl Dec for Date {
    fn dec(r: &mut Reader) -> Result<Self> {
        let y = r.take(2)?;
        let y = i16::from_le_bytes([y[0], y[1]]);
        let m = r.byte()? as i8;
        let d = r.byte()? as i8;
        Date::new(y, m, d).map_err(|_| r.err("bad date"))
    }
}

impl Enc for f64 {
    fn enc(&self, w: &mut Writer) {
        w.bytes(&self.to_bits().to_le_bytes());
    }
}

impl Dec for f64 {
    fn dec(r: &mut Reader) -> Result<Self> {
        let b = r.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(f64::from_bits(u64::from_le_bytes(a)))
    }
}

impl Enc for Timestamp {
    fn enc(&self, w: &mut Writer) {
        w.bytes(&self.as_second().to_le_bytes());
        w.bytes(&self.subsec_nanosecond().to_le_bytes());
    }
}

impl Dec for Timestamp {
    fn dec(r: &mut Reader) -> Result<Self> {
        let b = r.take(12)?;
        let mut s = [0u8; 8];
        s.copy_from_slice(&b[..8]);
        let mut n = [0u8; 4];
        n.copy_from_slice(&b[8..]);
        Timestamp::new(i64::from_le_bytes(s), i32::from_le_bytes(n))
            .map_err(|_| r.err("bad timestamp"))
    }
}

impl<V: Enc> Enc for BTreeMap<String, V> {
    fn enc(&self, w: &mut Writer) {
        w.varint(self.len() as u64);
        for (k, v) in self {
            k.enc(w);
            v.enc(w);
        }
    }
}

impl<V: Dec> Dec for BTreeMap<String, V> {
    fn dec(r: &mut Reader) -> Result<Self> {
        let n = r.len()?;
        let mut m = BTreeMap::new();
        for _ in 0..n {
            let k = String::dec(r)?;
            m.insert(k, V::dec(r)?);
        }
        Ok(m)
    }
}

/// Unknown keys kept from a file: written as TOML text (almost always
/// empty, so nothing is parsed when reading).
impl Enc for toml::Table {
    fn enc(&self, w: &mut Writer) {
        let text = if self.is_empty() {
            String::new()
        } else {
            toml::to_string(self).unwrap_or_default()
        };
        text.enc(w);
    }
}

impl Dec for toml::Table {
    fn dec(r: &mut Reader) -> Result<Self> {
        let text = String::dec(r)?;
        if text.is_empty() {
            return Ok(toml::Table::new());
        }
        text.parse().map_err(|_| r.err("bad kept table"))
    }
}

/// Structs: every field is written in order; the decoder builds the struct
/// with a literal, so a field added to a type and not listed here (or under
/// `rebuilt`) is a compile error.
macro_rules! record {
    ($($ty:ident { $($field:ident),* $(,)? } $(rebuilt { $($skip:ident),* })?;)*) => {$(
        impl Enc for $ty {
            #[allow(unused_variables)]
            fn enc(&self, w: &mut Writer) {
                $( self.$field.enc(w); )*
            }
        }
        impl Dec for $ty {
            fn dec(r: &mut Reader) -> Result<Self> {
                Ok($ty {
                    $( $field: Dec::dec(r)?, )*
                    $($( $skip: Default::default(), )*)?
                })
            }
        }
    )*};
}

record! {
    LineCol { line, col };
    Origin { file, at };
    Problem { severity, file, at, key, message };
    Fact { title, text };
    Group { id, title, description, parent, origin };
    Tag { id, title, description };
    DateRule { trigger, placed_before, date, note };
    Requirement {
        id, title, summary, group, category, reference, points_of_focus,
        documented_information, soa, informational, applies_to, triggers,
        applies_from, penalty, date_note, dates, origin,
    };
    Penalty { id, title, max, note };
    AnnexIiiPoint { id, area, area_title, title, fria, notified_body };
    AnnexIEntry { id, section, title, law };
    Derogation { id, title, description };
    Framework {
        id, name, short, version, publisher, source, url, last_checked, kind,
        description, facts, groups, tags, requirements, penalties, annex_iii,
        annex_i, derogations, origin,
    } rebuilt { index, group_index };
    Section { id, title, intro, kind, when, origin };
    Choice { id, label };
    ReqRef { framework, id };
    Question {
        id, section, text, why, auditor, help, kind, options, options_from,
        pass, partial, when, when_src, maps, tags, remediation, origin,
        maps_origin,
    };
    Remediation {
        id, title, steps, evidence, effort_days, owner, category, severity,
        origin,
    };
    Questionnaire {
        id, name, version, last_checked, description, sections, questions,
        remediations, origin,
    } rebuilt { index };
    Catalog { frameworks, questionnaires, problems, files };
    Answer { value, status, justification, note, evidence, owner, target, updated, by, extra };
    System { name, description, answers, extra };
    SoaEntry { included, justification, extra };
    RemediationProgress { state, updated, by, extra };
    Session { date, facilitator, attendees, sections, summary, extra };
    Assessment {
        organisation, assessor, participants, created, questionnaire,
        questionnaire_version, trustgap_version, answers, systems, soa,
        sessions, section_notes, remediations, header_extra, extra,
    };
}

/// Field-less enums: one byte per variant, in the order listed.
macro_rules! variants {
    ($($ty:ident { $($v:ident),* $(,)? })*) => {$(
        impl Enc for $ty {
            fn enc(&self, w: &mut Writer) {
                const ALL: &[$ty] = &[$($ty::$v),*];
                let i = ALL.iter().position(|x| x == self).unwrap_or(0);
                w.push(i as u8);
            }
        }
        impl Dec for $ty {
            fn dec(r: &mut Reader) -> Result<Self> {
                const ALL: &[$ty] = &[$($ty::$v),*];
                let i = r.byte()?;
                ALL.get(usize::from(i)).copied().ok_or_else(|| r.err(concat!("bad ", stringify!($ty))))
            }
        }
        impl $ty {
            /// Every variant (keeps `variants!` lists complete: a new
            /// variant makes this match non-exhaustive).
            #[allow(dead_code)]
            fn snapshot_exhaustive(self) {
                match self { $($ty::$v => {}),* }
            }
        }
    )*};
}

variants! {
    Severity { Error, Warning }
    FrameworkKind { Attestation, Certification, Law, Guidance }
    SectionKind { Scoping, System, Gap }
    AnswerKind { Readiness, YesNo, Single, Multi, Number, Text, Date }
    Level { Low, Medium, High, Critical }
    Op { Eq, Ne, Has, Gt, Ge, Lt, Le }
    Status { Implemented, Partial, Missing, NotApplicable, DontKnow }
    RemediationState { Open, DoneToVerify }
}

impl Enc for Value {
    fn enc(&self, w: &mut Writer) {
        match self {
            Value::Text(t) => {
                w.push(0);
                t.enc(w);
            }
            Value::List(l) => {
                w.push(1);
                l.enc(w);
            }
            Value::Number(n) => {
                w.push(2);
                n.enc(w);
            }
            Value::Date(d) => {
                w.push(3);
                d.enc(w);
            }
        }
    }
}

impl Dec for Value {
    fn dec(r: &mut Reader) -> Result<Self> {
        Ok(match r.byte()? {
            0 => Value::Text(Dec::dec(r)?),
            1 => Value::List(Dec::dec(r)?),
            2 => Value::Number(Dec::dec(r)?),
            3 => Value::Date(Dec::dec(r)?),
            _ => return Err(r.err("bad answer value")),
        })
    }
}

impl Enc for Expr {
    fn enc(&self, w: &mut Writer) {
        match self {
            Expr::And(a, b) => {
                w.push(0);
                a.enc(w);
                b.enc(w);
            }
            Expr::Or(a, b) => {
                w.push(1);
                a.enc(w);
                b.enc(w);
            }
            Expr::Not(a) => {
                w.push(2);
                a.enc(w);
            }
            Expr::Name(n) => {
                w.push(3);
                n.enc(w);
            }
            Expr::Cmp { name, op, value } => {
                w.push(4);
                name.enc(w);
                op.enc(w);
                value.enc(w);
            }
        }
    }
}

impl Dec for Expr {
    fn dec(r: &mut Reader) -> Result<Self> {
        Ok(match r.byte()? {
            0 => Expr::And(Dec::dec(r)?, Dec::dec(r)?),
            1 => Expr::Or(Dec::dec(r)?, Dec::dec(r)?),
            2 => Expr::Not(Dec::dec(r)?),
            3 => Expr::Name(Dec::dec(r)?),
            4 => Expr::Cmp {
                name: Dec::dec(r)?,
                op: Dec::dec(r)?,
                value: Dec::dec(r)?,
            },
            _ => return Err(r.err("bad condition")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Snapshots are read from `'static` bytes (the binary's own data).
    fn leak(v: Vec<u8>) -> &'static [u8] {
        Box::leak(v.into_boxed_slice())
    }

    fn small() -> Catalog {
        crate::catalog::load_from_strs(&[(
            "frameworks/x.toml",
            "id = \"x\"\nname = \"X\"\nversion = \"1\"\npublisher = \"p\"\nsource = \"s\"\n\
             last_checked = 2026-11-23\nkind = \"guidance\"\ndescription = \"d\"\n\
             [[groups]]\nid = \"g\"\ntitle = \"G\"\n\
             [[requirements]]\nid = \"r1\"\ntitle = \"R é\"\nsummary = \"s\"\ngroup = \"g\"\n\
             applies_from = 2027-08-02\n",
        )])
    }

    /// The snapshot built into this binary is exactly what loading the
    /// files on disk gives now (so build.rs ran on the current sources).
    #[test]
    fn embedded_snapshot_matches_the_files() {
        let root = env!("CARGO_MANIFEST_DIR");
        let mut sources = Vec::new();
        for dir in ["frameworks", "questionnaires"] {
            let mut names: Vec<_> = std::fs::read_dir(format!("{root}/{dir}"))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml"))
                .collect();
            names.sort();
            for n in names {
                let text = std::fs::read_to_string(format!("{root}/{dir}/{n}")).unwrap();
                sources.push((format!("{dir}/{n}"), text));
            }
        }
        let refs: Vec<(&str, &str)> = sources
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let mut fresh = load_unmerged(&refs);
        reindex(&mut fresh);
        let built = decode(crate::embedded::SNAPSHOT).expect("the embedded snapshot decodes");
        assert_eq!(built.files, fresh.files);
        assert_eq!(built.problems, fresh.problems);
        assert_eq!(built.frameworks.len(), 4);
        assert_eq!(built.frameworks, fresh.frameworks);
        assert_eq!(built.questionnaires, fresh.questionnaires);
        // And the merged result is what parsing the files gives.
        let merged = crate::catalog::load_catalog(&LoadOptions::default());
        let parsed = crate::catalog::load_from_strs(&refs);
        assert_eq!(merged.frameworks, parsed.frameworks);
        assert_eq!(merged.questionnaires, parsed.questionnaires);
    }

    /// Each bundled example decodes to exactly what parsing its file gives.
    #[test]
    fn example_snapshots_match_the_files() {
        let root = env!("CARGO_MANIFEST_DIR");
        let mut seen = 0;
        for (name, src, bin) in crate::cli::bundled_example_snapshots() {
            let on_disk = std::fs::read_to_string(format!("{root}/examples/{name}.toml")).unwrap();
            assert_eq!(*src, on_disk, "{name}: embedded text is the file");
            let parsed = crate::assessment::parse(&format!("examples/{name}.toml"), src).unwrap();
            let decoded = decode_assessment(bin).expect("the example snapshot decodes");
            assert_eq!(decoded, parsed, "{name}");
            seen += 1;
        }
        assert_eq!(seen, 3);
    }

    #[test]
    fn assessments_round_trip_with_kept_keys() {
        let src = "future = 1\n[assessment]\norganisation = \"O\"\nlater = \"x\"\n\n\
                   [answers.\"a.b\"]\nstatus = \"partial\"\nvalue = 2.5\nodd = [1, 2]\n\
                   updated = 2026-11-23T10:00:00Z\n";
        let a = crate::assessment::parse("x.toml", src).unwrap();
        assert!(!a.extra.is_empty() && !a.header_extra.is_empty());
        let back = decode_assessment(leak(encode_assessment(&a))).unwrap();
        assert_eq!(back, a);
        let bytes = encode_assessment(&a);
        for n in 0..bytes.len() {
            assert!(
                decode_assessment(&leak(bytes.clone())[..n]).is_err(),
                "prefix of {n} bytes"
            );
        }
        assert!(
            decode_assessment(leak(encode(&small()))).is_err(),
            "a catalog is not an assessment"
        );
    }

    #[test]
    fn round_trip() {
        let cat = small();
        let back = decode(leak(encode(&cat))).expect("decodes");
        assert_eq!(back.frameworks, cat.frameworks);
        assert_eq!(back.files, cat.files);
        assert_eq!(back.problems, cat.problems);
    }

    #[test]
    fn every_truncation_is_an_error_not_a_panic() {
        let bytes = leak(encode(&small()));
        for n in 0..bytes.len() {
            assert!(decode(&bytes[..n]).is_err(), "prefix of {n} bytes");
        }
        let mut long = bytes.to_vec();
        long.push(0);
        assert_eq!(decode(leak(long)).unwrap_err().what, "trailing bytes");
    }

    #[test]
    fn flipped_bytes_never_panic() {
        let bytes = encode(&small());
        for i in 0..bytes.len() {
            for v in [0x00, 0x7f, 0x80, 0xff] {
                let mut b = bytes.to_vec();
                b[i] = v;
                let _ = decode(leak(b));
            }
        }
    }
}
