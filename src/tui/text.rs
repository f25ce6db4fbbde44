//! Plain text measured in terminal columns: display width, word wrapping,
//! cutting to a width, and how a number answer is written. No drawing here:
//! everything in the wizard that draws or edits text sits on top of this.

use std::borrow::Cow;

use ratatui::text::Span;

/// Columns `text` takes on screen.
pub fn width(text: &str) -> usize {
    Span::raw(text).width()
}

/// Display width of one character (without allocating).
pub fn char_width(c: char) -> usize {
    let mut buf = [0u8; 4];
    width(c.encode_utf8(&mut buf))
}

/// Word-wraps text to `width` columns. Explicit newlines are kept; within a
/// line, any run of whitespace is one space, and a word longer than the
/// line is broken where it reaches the edge.
///
/// textwrap measures a word as the sum of its characters' widths: an emoji
/// joined by U+200D or followed by U+FE0F measures a column or two off what
/// the terminal draws (none in the catalog; only in hand-typed notes).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let options = textwrap::Options::new(width.max(1))
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    let mut out = Vec::new();
    for line in text.split('\n') {
        let line = single_spaced(line);
        out.extend(
            textwrap::wrap(&line, &options)
                .into_iter()
                .map(Cow::into_owned),
        );
    }
    out
}

/// The words of a line with one space between them; borrowed when the line
/// has that shape already, as catalog text does.
fn single_spaced(line: &str) -> Cow<'_, str> {
    let single = !line.starts_with(' ')
        && !line.ends_with(' ')
        && !line.contains("  ")
        && !line.contains(|c: char| c.is_whitespace() && c != ' ');
    if single {
        Cow::Borrowed(line)
    } else {
        Cow::Owned(line.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// Cuts text to `width` columns, ending with `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if self::width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in text.chars() {
        let cw = char_width(c);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Pads or cuts text to exactly `width` columns.
pub fn fit(text: &str, width: usize) -> String {
    let t = truncate(text, width);
    let w = self::width(&t);
    format!("{t}{}", " ".repeat(width.saturating_sub(w)))
}

/// A number answer as shown and edited: whole numbers without a fraction,
/// as the file writes them.
pub use crate::assessment::number_text as format_number;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_collapses_whitespace_keeps_newlines_and_breaks_long_words() {
        assert_eq!(wrap("  one\ttwo   three ", 9), ["one two", "three"]);
        assert_eq!(wrap("a\n\nb", 10), ["a", "", "b"]);
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(
            wrap("ab abcdefghij kl", 4),
            ["ab", "abcd", "efgh", "ij", "kl"]
        );
        assert_eq!(
            wrap("well-known value-chain", 12),
            ["well-known", "value-chain"]
        );
        assert_eq!(wrap("日本語 テキスト", 7), ["日本語", "テキス", "ト"]);
    }

    #[test]
    fn truncate_and_fit_count_columns() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(fit("日本語", 5), "日本…");
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(format_number(1200.0), "1200");
        assert_eq!(format_number(2.5), "2.5");
    }
}
