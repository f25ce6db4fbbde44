//! What is built into the binary: the default catalog (loaded and stored by
//! `build.rs`) and the example assessments that `trustgap demo` shows.

use trustgap_core::catalog::{self, Catalog, LoadOptions, Origin, Problem};
use trustgap_core::location::LineCol;

/// The built-in catalog as `build.rs` stored it (postcard, lz4-compressed
/// with its size in front).
static CATALOG: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalog.postcard.lz4"));

/// The example assessments under examples/: (name, lz4-compressed TOML),
/// sorted by name.
static PACKED_EXAMPLES: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/examples.rs"));

/// The document pack's templates and data table under templates/: (file
/// name, lz4-compressed text), sorted by name.
static PACKED_TEMPLATES: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/templates.rs"));

/// The built-in templates of the document pack, unpacked.
pub fn templates() -> trustgap_core::docs::Templates {
    trustgap_core::docs::Templates::builtin(PACKED_TEMPLATES.iter().filter_map(|(n, packed)| {
        let bytes = lz4_flex::block::decompress_size_prepended(packed).ok()?;
        Some((n.to_string(), String::from_utf8(bytes).ok()?))
    }))
}

/// The names of the bundled example assessments, sorted.
pub fn example_names() -> impl Iterator<Item = &'static str> {
    PACKED_EXAMPLES.iter().map(|(n, _)| *n)
}

/// One bundled example assessment as TOML text, unpacked.
pub fn bundled_example(name: &str) -> Option<String> {
    let (_, packed) = PACKED_EXAMPLES.iter().find(|(n, _)| *n == name)?;
    let bytes = lz4_flex::block::decompress_size_prepended(packed).ok()?;
    String::from_utf8(bytes).ok()
}

/// Every bundled example: (name, TOML), sorted by name, unpacked once.
pub fn bundled_examples() -> &'static [(&'static str, &'static str)] {
    static ALL: std::sync::OnceLock<Vec<(&'static str, &'static str)>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        example_names()
            .filter_map(|n| {
                let text = bundled_example(n)?;
                Some((n, &*Box::leak(text.into_boxed_str())))
            })
            .collect()
    })
}

/// The built-in catalog, before any `--catalog` directory is applied.
pub fn catalog() -> Catalog {
    let unpacked = lz4_flex::block::decompress_size_prepended(CATALOG).map_err(|e| e.to_string());
    unpacked
        .and_then(|bytes| postcard::from_bytes(&bytes).map_err(|e| e.to_string()))
        .unwrap_or_else(|e| {
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
