//! `oaslint`: lint OpenAPI documents against API guidelines.

use std::io::IsTerminal;
use std::process::ExitCode;

/// mimalloc rather than the system's allocator: measurably faster for a
/// lint's many small allocations, with glibc and musl alike.
#[cfg(not(target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    #[cfg(target_os = "wasi")]
    if let Err(e) = enter_pwd() {
        eprintln!("oaslint: {e}");
        return ExitCode::from(oaslint_cli::EXIT_ERROR);
    }
    let cwd = std::env::current_dir().unwrap_or_else(|_| ".".into());
    let mut io = oaslint_cli::Io {
        stdin: &mut std::io::stdin().lock(),
        stdout: &mut stdout.lock(),
        stderr: &mut std::io::stderr().lock(),
        cwd,
        terminal,
        env: oaslint_cli::Env::from_process(),
    };
    ExitCode::from(oaslint_cli::run(std::env::args_os(), &mut io))
}

/// WASI has no working directory of its own (it would be `/`, which would
/// also make `/` the root `$ref`s are confined to): the npm package's
/// launcher passes the real one in `PWD`.
#[cfg(target_os = "wasi")]
fn enter_pwd() -> Result<(), String> {
    let pwd = std::env::var_os("PWD")
        .ok_or("PWD is not set: run the WASI module with PWD=<working directory>")?;
    std::env::set_current_dir(&pwd).map_err(|e| {
        format!(
            "cannot enter PWD {}: {e}",
            std::path::Path::new(&pwd).display()
        )
    })
}
