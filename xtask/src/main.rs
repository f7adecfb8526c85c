//! `cargo xtask docs` regenerates the files derived from the code and the
//! rulesets; `cargo xtask docs --check` fails when a committed one is
//! stale (the test suite runs the same check).
//!
//! - `docs/functions.md`: every built-in function's documentation, from
//!   its `declare_function!` doc comment (the same text `oaslint functions`
//!   prints), with the JSON Schema of its options;
//! - `rulesets/zalando/RULES.md`: the guideline catalogue against the
//!   built-in `zalando` ruleset;
//! - `docs/man/oaslint.1`: the manual page (`oaslint man`), from the
//!   command line's clap definitions.

mod functions_md;
mod man_page;
mod rules_md;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A generated file: its path from the repository root and its content.
struct Generated {
    path: &'static str,
    text: String,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the repository root")
        .to_path_buf()
}

fn generate() -> Result<Vec<Generated>, String> {
    Ok(vec![
        Generated {
            path: "docs/functions.md",
            text: functions_md::generate(),
        },
        Generated {
            path: "rulesets/zalando/RULES.md",
            text: rules_md::generate(&root())?,
        },
        Generated {
            path: "docs/man/oaslint.1",
            text: man_page::generate()?,
        },
    ])
}

/// The generated files whose committed copy differs.
fn stale() -> Result<Vec<&'static str>, String> {
    Ok(generate()?
        .into_iter()
        .filter(|g| std::fs::read_to_string(root().join(g.path)).ok().as_deref() != Some(&g.text))
        .map(|g| g.path)
        .collect())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["docs"] => generate().and_then(|files| {
            for g in files {
                let path = root().join(g.path);
                if let Some(folder) = path.parent() {
                    std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", g.path))?;
                }
                std::fs::write(path, &g.text).map_err(|e| format!("{}: {e}", g.path))?;
                println!("wrote {}", g.path);
            }
            Ok(())
        }),
        ["docs", "--check"] => stale().and_then(|paths| match paths.as_slice() {
            [] => Ok(()),
            _ => Err(format!(
                "stale: {}; run `cargo xtask docs` and commit the result",
                paths.join(", ")
            )),
        }),
        _ => Err("usage: cargo xtask docs [--check]".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_files_are_up_to_date() {
        assert_eq!(
            super::stale(),
            Ok(vec![]),
            "run `cargo xtask docs` and commit the result"
        );
    }
}
