//! What is built into the binary: the default catalog (loaded and stored by
//! `build.rs`) and the example assessments that `trustgap demo` shows.

use trustgap_core::catalog::{self, Catalog, LoadOptions, Origin, Problem};
use trustgap_core::location::LineCol;

/// The built-in catalog as `build.rs` stored it (postcard).
static CATALOG: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalog.postcard"));

/// The example assessments under examples/: (name, TOML), sorted by name.
pub static EXAMPLES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/examples.rs"));

/// The bundled example assessments: (name, TOML), sorted by name (the
/// same as [`EXAMPLES`]).
pub fn bundled_examples() -> &'static [(&'static str, &'static str)] {
    EXAMPLES
}

/// The built-in catalog, before any `--catalog` directory is applied.
pub fn catalog() -> Catalog {
    postcard::from_bytes(CATALOG).unwrap_or_else(|e| {
        let mut cat = Catalog::default();
        let origin = Origin {
            file: "(built-in catalog)".into(),
            at: LineCol { line: 1, col: 1 },
        };
        cat.problems.push(Problem::error(
            &origin,
            "",
            format!("the built-in catalog cannot be read ({e}); rebuild trustgap"),
        ));
        cat
    })
}

/// The built-in catalog with the directories of `opts` applied over it
/// (or without it when `opts.no_embedded`).
pub fn load_catalog(opts: &LoadOptions) -> Catalog {
    let base = if opts.no_embedded {
        Catalog::default()
    } else {
        catalog()
    };
    catalog::load_over(base, opts)
}
