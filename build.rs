//! Embeds every file under frameworks/ and questionnaires/ as the default catalog.
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let mut out = String::from("pub static FILES: &[(&str, &str)] = &[\n");
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
            writeln!(
                out,
                "    ({name:?}, include_str!({:?})),",
                f.display().to_string()
            )
            .unwrap();
        }
    }
    out.push_str("];\n");
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("embedded.rs"), out).expect("write embedded.rs");

    // Example assessments for `trustgap demo`.
    println!("cargo:rerun-if-changed=examples");
    let mut ex = String::from("pub static EXAMPLES: &[(&str, &str)] = &[\n");
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
    }
    ex.push_str("];\n");
    std::fs::write(Path::new(&out_dir).join("examples.rs"), ex).expect("write examples.rs");
}
