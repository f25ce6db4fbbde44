//! How the program ends: an error that carries its exit code (0 success,
//! 1 a check fell short, 2 bad input or usage) and a message already fit
//! for users. `main` turns it into a line on standard error and the code;
//! every front end may return one.

/// An error that carries its exit code and a message already fit for users.
#[derive(Debug)]
pub struct Exit {
    pub code: i32,
    pub message: String,
}

impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Exit {}

/// Bad input or usage: exit code 2 with `message`.
pub fn bad_input(message: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(Exit {
        code: 2,
        message: message.into(),
    })
}
