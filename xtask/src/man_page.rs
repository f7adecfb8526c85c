//! `docs/man/oaslint.1`: the manual page, as `oaslint man` prints it, for
//! packagers who cannot run the binary they build (a cross-compiled
//! release) and for readers of the repository.

use std::ffi::OsString;

/// The roff text of `oaslint man`, run in-process.
pub(crate) fn generate() -> Result<String, String> {
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let mut io = oaslint_cli::Io {
        stdin: &mut std::io::empty(),
        stdout: &mut stdout,
        stderr: &mut stderr,
        cwd: std::env::temp_dir(),
        terminal: false,
        env: oaslint_cli::Env::empty(),
    };
    let code = oaslint_cli::run(["oaslint", "man"].map(OsString::from), &mut io);
    if code != oaslint_cli::EXIT_OK {
        return Err(format!(
            "oaslint man exited with {code}: {}",
            String::from_utf8_lossy(&stderr)
        ));
    }
    String::from_utf8(stdout).map_err(|e| format!("oaslint man: {e}"))
}
