//! Whether text output is coloured: `--color`, then the colour variables
//! (`NO_COLOR`, `FORCE_COLOR`, `CLICOLOR_FORCE`, `CLICOLOR`), then whether
//! standard output is a terminal (and `TERM` is not `dumb`).
//!
//! anstream's own `auto` choice does not know `FORCE_COLOR`, and reads the
//! process environment; this is a pure function of the [`Env`] a run is
//! given, so tests decide every case without touching the process.

use crate::args::ColorWhen;
use crate::env::Env;

/// Whether text written to standard output is coloured.
///
/// Precedence: the flag (`always`/`never`) wins; then `NO_COLOR` (set and
/// not empty: never, <https://no-color.org>); then `FORCE_COLOR` (set, not
/// empty, not `0` or `false`) or `CLICOLOR_FORCE` (set, not empty, not `0`):
/// always; then `CLICOLOR=0`: never; else colour only on a terminal whose
/// `TERM` is not `dumb`.
pub(crate) fn use_color(when: ColorWhen, env: &Env, terminal: bool) -> bool {
    match when {
        ColorWhen::Always => return true,
        ColorWhen::Never => return false,
        ColorWhen::Auto => {}
    }
    if env.non_empty("NO_COLOR").is_some() {
        return false;
    }
    let forced = env
        .non_empty("FORCE_COLOR")
        .is_some_and(|v| v != "0" && !v.eq_ignore_ascii_case("false"))
        || env.non_empty("CLICOLOR_FORCE").is_some_and(|v| v != "0");
    if forced {
        return true;
    }
    if env.get("CLICOLOR") == Some("0") {
        return false;
    }
    terminal && env.get("TERM") != Some("dumb")
}

/// The anstream choice for a decision of [`use_color`]: the text renderer
/// styles only when colour is on, and the stream strips whatever escape
/// sequence would be left when it is off.
pub(crate) fn choice(color: bool) -> anstream::ColorChoice {
    if color {
        anstream::ColorChoice::Always
    } else {
        anstream::ColorChoice::Never
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Flag, variables, terminal → colour.
    type Row = (
        ColorWhen,
        &'static [(&'static str, &'static str)],
        bool,
        bool,
    );

    #[test]
    fn colour_decision_table() {
        use ColorWhen::{Always, Auto, Never};
        let rows: &[Row] = &[
            (Auto, &[], true, true),
            (Auto, &[], false, false),
            (Auto, &[("TERM", "dumb")], true, false),
            (Auto, &[("TERM", "xterm-256color")], true, true),
            (Auto, &[("NO_COLOR", "1")], true, false),
            (Auto, &[("NO_COLOR", "")], true, true),
            (Auto, &[("FORCE_COLOR", "1")], false, true),
            (Auto, &[("FORCE_COLOR", "3")], false, true),
            (Auto, &[("FORCE_COLOR", "0")], false, false),
            (Auto, &[("FORCE_COLOR", "false")], false, false),
            (Auto, &[("FORCE_COLOR", "")], false, false),
            (Auto, &[("CLICOLOR_FORCE", "1")], false, true),
            (Auto, &[("CLICOLOR_FORCE", "0")], false, false),
            (Auto, &[("CLICOLOR", "0")], true, false),
            (Auto, &[("CLICOLOR", "1")], false, false),
            (
                Auto,
                &[("NO_COLOR", "1"), ("FORCE_COLOR", "1")],
                true,
                false,
            ),
            (Auto, &[("FORCE_COLOR", "1"), ("TERM", "dumb")], false, true),
            (
                Auto,
                &[("CLICOLOR_FORCE", "1"), ("CLICOLOR", "0")],
                false,
                true,
            ),
            (Always, &[("NO_COLOR", "1")], false, true),
            (Always, &[("TERM", "dumb")], false, true),
            (Never, &[("FORCE_COLOR", "1")], true, false),
            (Never, &[], true, false),
        ];
        for (when, vars, terminal, expected) in rows {
            let env: Env = vars.iter().copied().collect();
            assert_eq!(
                use_color(*when, &env, *terminal),
                *expected,
                "--color {when:?}, {vars:?}, terminal {terminal}"
            );
        }
    }
}
