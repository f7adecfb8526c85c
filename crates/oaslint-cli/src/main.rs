//! `oaslint`: lint OpenAPI documents against API guidelines.

use std::io::IsTerminal;
use std::process::ExitCode;

fn main() -> ExitCode {
    let stdout = std::io::stdout();
    let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let cwd = std::env::current_dir().unwrap_or_else(|_| ".".into());
    let mut io = oaslint_cli::Io {
        stdin: &mut std::io::stdin().lock(),
        stdout: &mut stdout.lock(),
        stderr: &mut std::io::stderr().lock(),
        cwd,
        color,
    };
    ExitCode::from(oaslint_cli::run(std::env::args_os(), &mut io))
}
