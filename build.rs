//! Builds the default catalog into the binary: every file under frameworks/
//! and questionnaires/ is loaded with the crate's own loader (the modules
//! below are the crate's source files) and written as a pre-parsed snapshot
//! (`src/catalog/snapshot.rs`), so the program does not parse TOML at start.
//! Problems in those files are kept in the snapshot and also printed here as
//! cargo warnings. The example assessments (for `trustgap demo`) are parsed
//! the same way.
#![allow(dead_code, unused_imports)]

use std::fmt::Write as _;
use std::path::Path;

#[path = "src/assessment.rs"]
mod assessment;
#[path = "src/catalog/mod.rs"]
mod catalog;
#[path = "src/condition.rs"]
mod condition;
#[path = "src/location.rs"]
mod location;
#[path = "src/merge.rs"]
mod merge;
#[path = "src/snapshot.rs"]
mod snapshot;
#[path = "src/text.rs"]
mod text;
/// Stands in for the crate's `embedded` module (which this script writes).
mod embedded {
    pub static SNAPSHOT: &[u8] = &[];
}

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let mut sources: Vec<(String, String)> = Vec::new();
    for dir in ["frameworks", "questionnaires"] {
        println!("cargo:rerun-if-changed={dir}");
        let path = Path::new(&root).join(dir);
        let mut files: Vec<_> = std::fs::read_dir(&path)
            .map(|rd| {
                rd.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        for f in files {
            println!("cargo:rerun-if-changed={}", f.display());
            let name = format!("{dir}/{}", f.file_name().unwrap().to_string_lossy());
            let text = std::fs::read_to_string(&f)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", f.display()));
            sources.push((name, text));
        }
    }
    let refs: Vec<(&str, &str)> = sources
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let cat = snapshot::load_unmerged(&refs);
    for p in &cat.problems {
        println!("cargo:warning={p}");
    }
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    let bin = Path::new(&out_dir).join("catalog.bin");
    std::fs::write(&bin, snapshot::encode(&cat)).expect("write catalog.bin");
    let out = format!(
        "/// The embedded catalog, pre-parsed by build.rs.\npub static SNAPSHOT: &[u8] = include_bytes!({:?});\n",
        bin.display().to_string()
    );
    std::fs::write(Path::new(&out_dir).join("embedded.rs"), out).expect("write embedded.rs");

    // Example assessments for `trustgap demo`: the text, and the parsed
    // answers as a snapshot (empty when the file does not parse; the program
    // then parses the text and reports the problem).
    println!("cargo:rerun-if-changed=examples");
    let mut ex = String::from("pub static EXAMPLES: &[(&str, &str)] = &[\n");
    let mut snaps = String::from("pub static SNAPSHOTS: &[&[u8]] = &[\n");
    let mut files: Vec<_> = std::fs::read_dir(Path::new(&root).join("examples"))
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    for f in files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_stem().unwrap().to_string_lossy().into_owned();
        writeln!(
            ex,
            "    ({name:?}, include_str!({:?})),",
            f.display().to_string()
        )
        .unwrap();
        let text = std::fs::read_to_string(&f)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", f.display()));
        let bytes = match assessment::parse(&format!("examples/{name}.toml"), &text) {
            Ok(a) => snapshot::encode_assessment(&a),
            Err(e) => {
                println!("cargo:warning=examples/{name}.toml: {e}");
                Vec::new()
            }
        };
        let bin = Path::new(&out_dir).join(format!("example-{name}.bin"));
        std::fs::write(&bin, bytes).expect("write an example snapshot");
        writeln!(
            snaps,
            "    include_bytes!({:?}),",
            bin.display().to_string()
        )
        .unwrap();
    }
    ex.push_str("];\n");
    snaps.push_str("];\n");
    ex.push_str(&snaps);
    std::fs::write(Path::new(&out_dir).join("examples.rs"), ex).expect("write examples.rs");
}
