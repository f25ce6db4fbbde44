//! Conditions on earlier answers: `ai.usage has agents and not @tsc.privacy`.

use std::fmt;

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Op {
    Eq,
    Ne,
    Has,
    Gt,
    Ge,
    Lt,
    Le,
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Has => "has",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Lt => "<",
            Op::Le => "<=",
        })
    }
}

/// A parsed condition.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Expr {
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    /// A bare name: a question answered "yes"/with anything, or a fact (`@…`).
    Name(String),
    Cmp {
        name: String,
        op: Op,
        value: String,
    },
}

/// A value an answer can have, as conditions see it.
#[derive(Debug, Clone, Copy)]
pub enum CondValue<'a> {
    Text(&'a str),
    List(&'a [String]),
    Number(f64),
}

/// What a condition is evaluated against.
pub trait Context {
    /// The answer to a question, if answered with a value.
    fn value(&self, question: &str) -> Option<CondValue<'_>>;
    /// A fact computed by the engine (`name` without the `@`).
    fn fact(&self, name: &str) -> bool;
}

impl Expr {
    pub fn eval(&self, ctx: &dyn Context) -> bool {
        match self {
            Expr::And(a, b) => a.eval(ctx) && b.eval(ctx),
            Expr::Or(a, b) => a.eval(ctx) || b.eval(ctx),
            Expr::Not(a) => !a.eval(ctx),
            Expr::Name(n) => {
                if let Some(f) = n.strip_prefix('@') {
                    return ctx.fact(f);
                }
                match ctx.value(n) {
                    None => false,
                    Some(CondValue::Text(t)) => t != "no" && t != "none" && !t.is_empty(),
                    Some(CondValue::List(l)) => l.iter().any(|x| x != "none"),
                    Some(CondValue::Number(_)) => true,
                }
            }
            Expr::Cmp { name, op, value } => {
                let Some(v) = ctx.value(name) else {
                    return false;
                };
                match (op, v) {
                    (Op::Eq, CondValue::Text(t)) => t == value,
                    (Op::Ne, CondValue::Text(t)) => t != value,
                    (Op::Has, CondValue::List(l)) => l.iter().any(|x| x == value),
                    (Op::Has, CondValue::Text(t)) => t == value,
                    (Op::Eq, CondValue::List(l)) => l.len() == 1 && l[0] == *value,
                    (Op::Ne, CondValue::List(l)) => !l.iter().any(|x| x == value),
                    (op, CondValue::Number(n)) => {
                        let Ok(x) = value.parse::<f64>() else {
                            return false;
                        };
                        match op {
                            Op::Eq | Op::Has => n == x,
                            Op::Ne => n != x,
                            Op::Gt => n > x,
                            Op::Ge => n >= x,
                            Op::Lt => n < x,
                            Op::Le => n <= x,
                        }
                    }
                    _ => false,
                }
            }
        }
    }

    /// Every (name, compared value) in the expression, for validation.
    pub fn terms(&self) -> Vec<(&str, Option<(Op, &str)>)> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }

    fn collect<'a>(&'a self, out: &mut Vec<(&'a str, Option<(Op, &'a str)>)>) {
        match self {
            Expr::And(a, b) | Expr::Or(a, b) => {
                a.collect(out);
                b.collect(out);
            }
            Expr::Not(a) => a.collect(out),
            Expr::Name(n) => out.push((n, None)),
            Expr::Cmp { name, op, value } => out.push((name, Some((*op, value)))),
        }
    }
}

/// A parse error with the byte offset inside the condition string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub offset: usize,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Str(String),
    Op(Op),
    LParen,
    RParen,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '@' | '+')
}

fn lex(src: &str) -> Result<Vec<(usize, Tok)>, ParseError> {
    let mut out = Vec::new();
    let mut it = src.char_indices().peekable();
    while let Some(&(i, c)) = it.peek() {
        if c.is_whitespace() {
            it.next();
        } else if c == '(' {
            it.next();
            out.push((i, Tok::LParen));
        } else if c == ')' {
            it.next();
            out.push((i, Tok::RParen));
        } else if c == '"' {
            it.next();
            let mut s = String::new();
            let mut closed = false;
            for (_, c) in it.by_ref() {
                if c == '"' {
                    closed = true;
                    break;
                }
                s.push(c);
            }
            if !closed {
                return Err(ParseError {
                    offset: i,
                    message: "unterminated string; close it with \"".into(),
                });
            }
            out.push((i, Tok::Str(s)));
        } else if matches!(c, '=' | '!' | '<' | '>') {
            it.next();
            let eq = it.peek().is_some_and(|&(_, n)| n == '=');
            let op = match (c, eq) {
                ('=', _) => {
                    if eq {
                        it.next();
                    }
                    Op::Eq
                }
                ('!', true) => {
                    it.next();
                    Op::Ne
                }
                ('<', true) => {
                    it.next();
                    Op::Le
                }
                ('>', true) => {
                    it.next();
                    Op::Ge
                }
                ('<', false) => Op::Lt,
                ('>', false) => Op::Gt,
                _ => {
                    return Err(ParseError {
                        offset: i,
                        message: "unexpected `!`; use `!=` or `not`".into(),
                    });
                }
            };
            out.push((i, Tok::Op(op)));
        } else if is_word_char(c) {
            let mut s = String::new();
            while let Some(&(_, c)) = it.peek() {
                if !is_word_char(c) {
                    break;
                }
                s.push(c);
                it.next();
            }
            if s == "has" {
                out.push((i, Tok::Op(Op::Has)));
            } else {
                out.push((i, Tok::Word(s)));
            }
        } else {
            return Err(ParseError {
                offset: i,
                message: format!("unexpected character `{c}`"),
            });
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<(usize, Tok)>,
    pos: usize,
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(_, t)| t)
    }
    fn offset(&self) -> usize {
        self.toks.get(self.pos).map(|(o, _)| *o).unwrap_or(self.end)
    }
    fn is_word(&self, w: &str) -> bool {
        matches!(self.peek(), Some(Tok::Word(x)) if x == w)
    }
    fn err<T>(&self, message: impl Into<String>) -> Result<T, ParseError> {
        Err(ParseError {
            offset: self.offset(),
            message: message.into(),
        })
    }
    fn or(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.and()?;
        while self.is_word("or") {
            self.pos += 1;
            let right = self.and()?;
            left = Expr::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }
    fn and(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.not()?;
        while self.is_word("and") {
            self.pos += 1;
            let right = self.not()?;
            left = Expr::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }
    fn not(&mut self) -> Result<Expr, ParseError> {
        if self.is_word("not") {
            self.pos += 1;
            return Ok(Expr::Not(Box::new(self.not()?)));
        }
        self.atom()
    }
    fn atom(&mut self) -> Result<Expr, ParseError> {
        match self.peek().cloned() {
            Some(Tok::LParen) => {
                self.pos += 1;
                let e = self.or()?;
                if self.peek() != Some(&Tok::RParen) {
                    return self.err("expected `)`");
                }
                self.pos += 1;
                Ok(e)
            }
            Some(Tok::Word(name)) if !matches!(name.as_str(), "and" | "or" | "not") => {
                self.pos += 1;
                if let Some(Tok::Op(op)) = self.peek().cloned() {
                    self.pos += 1;
                    let value = match self.peek().cloned() {
                        Some(Tok::Word(v)) | Some(Tok::Str(v)) => v,
                        _ => return self.err(format!("expected a value after `{op}`")),
                    };
                    self.pos += 1;
                    if name.starts_with('@') {
                        return Err(ParseError {
                            offset: self.offset(),
                            message: format!(
                                "facts like `{name}` cannot be compared; use them bare"
                            ),
                        });
                    }
                    Ok(Expr::Cmp { name, op, value })
                } else {
                    Ok(Expr::Name(name))
                }
            }
            Some(_) => self.err("expected a question id, a fact (@…), `not` or `(`"),
            None => self.err("condition ends too early"),
        }
    }
}

/// Parses a condition string.
pub fn parse(src: &str) -> Result<Expr, ParseError> {
    let toks = lex(src)?;
    let mut p = Parser {
        toks,
        pos: 0,
        end: src.len(),
    };
    let e = p.or()?;
    if p.pos < p.toks.len() {
        return p.err("unexpected text after the condition; join parts with `and` / `or`");
    }
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    struct Ctx {
        values: BTreeMap<&'static str, Vec<String>>,
        facts: Vec<&'static str>,
    }

    impl Context for Ctx {
        fn value(&self, q: &str) -> Option<CondValue<'_>> {
            let v = self.values.get(q)?;
            if q == "n" {
                return Some(CondValue::Number(v[0].parse().unwrap()));
            }
            if q == "single" {
                return Some(CondValue::Text(&v[0]));
            }
            Some(CondValue::List(v))
        }
        fn fact(&self, name: &str) -> bool {
            self.facts.contains(&name)
        }
    }

    fn ctx() -> Ctx {
        let mut values = BTreeMap::new();
        values.insert("multi", vec!["a".to_string(), "b".to_string()]);
        values.insert("single", vec!["yes".to_string()]);
        values.insert("n", vec!["42".to_string()]);
        Ctx {
            values,
            facts: vec!["tsc.privacy"],
        }
    }

    #[test]
    fn evaluates_operators() {
        let c = ctx();
        let t = |s: &str| parse(s).unwrap().eval(&c);
        assert!(t("multi has a"));
        assert!(!t("multi has c"));
        assert!(t("single = yes and n >= 42"));
        assert!(!t("n > 42"));
        assert!(t("not (n < 10) or missing = x"));
        assert!(t("@tsc.privacy and single"));
        assert!(!t("@tsc.availability"));
        assert!(!t("missing"));
        assert!(t("single != \"no\""));
    }

    #[test]
    fn reports_offsets() {
        let e = parse("a = ").unwrap_err();
        assert_eq!(e.offset, 4);
        let e = parse("a = b c").unwrap_err();
        assert_eq!(e.offset, 6);
        assert!(parse("(a").is_err());
        assert!(parse("@x = 1").is_err());
    }
}
