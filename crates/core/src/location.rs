//! Source locations: turning byte spans and key paths into `file:line:col`.

use std::fmt;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

/// One step in a path through a TOML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// Renders a path as `requirements[3].group`.
pub fn path_string(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

/// Converts a serde_ignored path into our segments.
pub fn segs_from_ignored(path: &serde_ignored::Path<'_>) -> Vec<Seg> {
    fn walk(path: &serde_ignored::Path<'_>, out: &mut Vec<Seg>) {
        match path {
            serde_ignored::Path::Root => {}
            serde_ignored::Path::Seq { parent, index } => {
                walk(parent, out);
                out.push(Seg::Index(*index));
            }
            serde_ignored::Path::Map { parent, key } => {
                walk(parent, out);
                out.push(Seg::Key(key.clone()));
            }
            serde_ignored::Path::Some { parent }
            | serde_ignored::Path::NewtypeStruct { parent }
            | serde_ignored::Path::NewtypeVariant { parent } => walk(parent, out),
        }
    }
    let mut out = Vec::new();
    walk(path, &mut out);
    out
}

/// A 1-based line and column.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

impl fmt::Display for LineCol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// Line and column (1-based, columns counted in characters) of a byte offset.
pub fn line_col(src: &str, offset: usize) -> LineCol {
    let offset = offset.min(src.len());
    let mut line = 1;
    let mut line_start = 0;
    for (i, b) in src.as_bytes()[..offset].iter().enumerate() {
        if *b == b'\n' {
            line += 1;
            line_start = i + 1;
        }
    }
    let col = src
        .get(line_start..offset)
        .map(|s| s.chars().count())
        .unwrap_or(0)
        + 1;
    LineCol { line, col }
}

/// Finds the span of the key at `path` (or of the value when the last step is
/// an array index) in a parsed document. Falls back to the nearest ancestor.
pub fn locate(root: &DeTable<'_>, path: &[Seg]) -> Option<Range<usize>> {
    let mut table: Option<&DeTable<'_>> = Some(root);
    let mut value: Option<&DeValue<'_>> = None;
    let mut best: Option<Range<usize>> = None;
    for seg in path {
        match seg {
            Seg::Key(k) => {
                let t = match (table, value) {
                    (Some(t), _) => t,
                    (None, Some(v)) => v.as_table()?,
                    _ => return best,
                };
                let Some((key, v)) = t
                    .iter()
                    .find(|(key, _)| key.get_ref().as_ref() == k.as_str())
                else {
                    return best;
                };
                best = Some(key.span());
                table = None;
                value = Some(v.get_ref());
            }
            Seg::Index(i) => {
                let v = value?;
                let arr = v.as_array()?;
                let item = arr.get(*i)?;
                best = Some(item.span());
                table = None;
                value = Some(item.get_ref());
            }
        }
    }
    best
}

/// Parses `src` just far enough to locate `path`; `None` when the document
/// does not parse or the path is not there.
pub fn locate_in(src: &str, path: &[Seg]) -> Option<LineCol> {
    let doc = DeTable::parse(src).ok()?;
    let span = locate(doc.get_ref(), path)?;
    Some(line_col(src, span.start))
}

/// The path of the innermost key at or before `offset` (the key a value at
/// that position belongs to).
pub fn path_at(root: &DeTable<'_>, offset: usize) -> Vec<Seg> {
    fn walk_value(v: &toml::Spanned<DeValue<'_>>, offset: usize, out: &mut Vec<Seg>) {
        match v.get_ref() {
            DeValue::Table(t) => walk_table(t, offset, out),
            DeValue::Array(a) => {
                let best = a
                    .iter()
                    .enumerate()
                    .filter(|(_, item)| item.span().start <= offset)
                    .max_by_key(|(_, item)| item.span().start);
                if let Some((i, item)) = best {
                    out.push(Seg::Index(i));
                    walk_value(item, offset, out);
                }
            }
            _ => {}
        }
    }
    fn walk_table(t: &DeTable<'_>, offset: usize, out: &mut Vec<Seg>) {
        let best = t
            .iter()
            .filter(|(k, _)| k.span().start <= offset)
            .max_by_key(|(k, _)| k.span().start);
        if let Some((k, v)) = best {
            out.push(Seg::Key(k.get_ref().to_string()));
            walk_value(v, offset, out);
        }
    }
    let mut out = Vec::new();
    walk_table(root, offset, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        let src = "a = 1\nbb = 2\n";
        assert_eq!(line_col(src, 0), LineCol { line: 1, col: 1 });
        assert_eq!(line_col(src, 6), LineCol { line: 2, col: 1 });
        assert_eq!(line_col(src, 9), LineCol { line: 2, col: 4 });
    }

    #[test]
    fn locate_finds_keys_in_arrays_of_tables() {
        let src = "[[x]]\nid = \"a\"\n\n[[x]]\nid = \"b\"\nextra = 1\n";
        let lc = locate_in(
            src,
            &[
                Seg::Key("x".into()),
                Seg::Index(1),
                Seg::Key("extra".into()),
            ],
        )
        .unwrap();
        assert_eq!(lc, LineCol { line: 6, col: 1 });
    }

    #[test]
    fn path_at_names_the_enclosing_key() {
        let src = "[[x]]\nid = \"a\"\n\n[[x]]\nid = \"b\"\nn = \"one\"\n";
        let doc = DeTable::parse(src).unwrap();
        let offset = src.find("\"one\"").unwrap();
        let path = path_at(doc.get_ref(), offset);
        assert_eq!(path_string(&path), "x[1].n");
    }
}

/// A source text with its line starts, for fast offset → line:col lookups.
pub struct Src<'a> {
    pub text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Src<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Src { text, starts }
    }

    /// Same result as [`line_col`], in O(log lines).
    pub fn at(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|s| *s <= offset);
        let start = self.starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0)
            + 1;
        LineCol { line, col }
    }
}

impl std::ops::Deref for Src<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.text
    }
}

#[cfg(test)]
mod src_tests {
    use super::*;

    #[test]
    fn src_index_matches_line_col() {
        let text = "a = 1\nbé = 2\n\nc = \"x\"\n";
        let src = Src::new(text);
        for off in 0..=text.len() {
            if text.is_char_boundary(off) {
                assert_eq!(src.at(off), line_col(text, off), "offset {off}");
            }
        }
    }
}
