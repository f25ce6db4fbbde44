//! Builds the default catalog into the binary. Every file under frameworks/
//! and questionnaires/ is loaded with the core's own loader
//! (`trustgap_core::catalog::load_files`) and stored with postcard,
//! lz4-compressed, so the program decodes it at start instead of parsing
//! the TOML. Problems in
//! those files travel with the catalog (`trustgap validate` reports them)
//! and are printed here as cargo warnings. The example assessments under
//! examples/ are listed for `trustgap demo`.

use std::path::Path;

fn main() {
    drop_unwind_tables();
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let mut sources: Vec<(String, String)> = Vec::new();
    for dir in ["frameworks", "questionnaires"] {
        println!("cargo:rerun-if-changed={dir}");
        for file in toml_files(&Path::new(&root).join(dir)) {
            println!("cargo:rerun-if-changed={}", file.display());
            let name = format!("{dir}/{}", file.file_name().unwrap().to_string_lossy());
            let text = std::fs::read_to_string(&file)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
            sources.push((name, text));
        }
    }
    let files: Vec<(&str, &str)> = sources
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let catalog = trustgap_core::catalog::load_files(&files);
    for problem in &catalog.problems {
        println!("cargo:warning={problem}");
    }
    let bytes = postcard::to_allocvec(&catalog).expect("the catalog serializes");
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    // lz4-compressed: about a third of its size in the binary, unpacked at
    // start in a fraction of a millisecond (see BENCHMARKS.md).
    std::fs::write(
        Path::new(&out).join("catalog.postcard.lz4"),
        lz4_flex::block::compress_prepend_size(&bytes),
    )
    .expect("write the catalog");

    // The example assessments for `trustgap demo`, lz4-compressed (a third
    // of their size in the binary; one is unpacked when it is shown).
    println!("cargo:rerun-if-changed=examples");
    let mut list = String::from("&[\n");
    for file in toml_files(&Path::new(&root).join("examples")) {
        println!("cargo:rerun-if-changed={}", file.display());
        let name = file.file_stem().unwrap().to_string_lossy().to_string();
        let text =
            std::fs::read(&file).unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        let packed = Path::new(&out).join(format!("{name}.toml.lz4"));
        std::fs::write(&packed, lz4_flex::block::compress_prepend_size(&text))
            .expect("write a packed example");
        list += &format!("    ({name:?}, include_bytes!({:?})),\n", packed.display());
    }
    list += "]\n";
    std::fs::write(Path::new(&out).join("examples.rs"), list).expect("write examples.rs");

    // The document pack's templates and data table (`trustgap docs`),
    // lz4-compressed like the examples; unpacked only by `docs` and
    // `validate --templates`.
    println!("cargo:rerun-if-changed=templates");
    let mut list = String::from("&[\n");
    let mut files: Vec<_> = std::fs::read_dir(Path::new(&root).join("templates"))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p: &std::path::PathBuf| p.is_file());
    files.sort();
    for file in files {
        println!("cargo:rerun-if-changed={}", file.display());
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let text =
            std::fs::read(&file).unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        let packed = Path::new(&out).join(format!("template-{name}.lz4"));
        std::fs::write(&packed, lz4_flex::block::compress_prepend_size(&text))
            .expect("write a packed template");
        list += &format!("    ({name:?}, include_bytes!({:?})),\n", packed.display());
    }
    list += "]\n";
    std::fs::write(Path::new(&out).join("templates.rs"), list).expect("write templates.rs");
}

/// The `.toml` files of a directory, sorted by name.
fn toml_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The release binary aborts on panic (`panic = "abort"`): nothing ever
/// unwinds, so the unwind tables rustc still emits (`.eh_frame`, about an
/// eighth of the file) are dead weight. On Linux with a GNU-compatible
/// linker they are dropped at link time, which keeps the binary under its
/// 4 MiB budget (see BENCHMARKS.md). A panic still prints its message and
/// restores the terminal (the hook runs before the abort); only a
/// `RUST_BACKTRACE` trace loses its frames. Tests, benches and debug
/// builds, which unwind, keep their tables.
fn drop_unwind_tables() {
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    if var("PROFILE") != "release"
        || var("CARGO_CFG_TARGET_OS") != "linux"
        || var("CARGO_CFG_TARGET_ENV") != "gnu"
    {
        return;
    }
    let script = Path::new(&var("OUT_DIR")).join("no-unwind-tables.ld");
    std::fs::write(
        &script,
        "SECTIONS\n{\n  /DISCARD/ : { *(.eh_frame) *(.eh_frame_hdr) }\n}\nINSERT AFTER .text;\n",
    )
    .expect("write the linker script");
    println!("cargo:rustc-link-arg-bins=-Wl,--no-eh-frame-hdr");
    println!("cargo:rustc-link-arg-bins=-Wl,-T,{}", script.display());
}
