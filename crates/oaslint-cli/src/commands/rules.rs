//! `oaslint rules`: list the rules of a ruleset.

use crate::args::RulesArgs;
use crate::config::load_ruleset;
use crate::output::defuse::{self, Syntax};
use crate::output::RulesFormat;
use crate::run::EXIT_OK;
use crate::Io;

pub(crate) fn rules(args: RulesArgs, io: &mut Io<'_>) -> Result<u8, String> {
    let roots = args.roots.roots(&io.cwd)?;
    let ruleset = load_ruleset(&args.ruleset, &roots, &io.cwd)?;
    let listing = ruleset.listing();
    let out = match args.format {
        // The ruleset is the pull request's text: its values must not form
        // CI commands (`##vso[`, `::`) on stdout, as in every other output.
        RulesFormat::Json => defuse::neutralise(
            &format!(
                "{}\n",
                serde_json::to_string_pretty(&listing).expect("serializable")
            ),
            Syntax::Json,
        )
        .into_owned(),
        RulesFormat::Text => {
            let mut s = format!(
                "{} {} — {} rules\n",
                defuse::text(&listing.ruleset.name),
                defuse::text(&listing.ruleset.version),
                listing.rules.len()
            );
            let width = listing
                .rules
                .iter()
                .map(|r| r.id.len())
                .max()
                .unwrap_or(2)
                .max(2);
            for r in &listing.rules {
                let sev = r.severity.map(|s| s.label()).unwrap_or("off");
                s.push_str(&format!(
                    "{:<width$}  {sev:<6}  {}{}\n",
                    defuse::text(&r.id),
                    defuse::text(&r.title),
                    r.link
                        .as_deref()
                        .map(|l| format!("  <{}>", defuse::text(l)))
                        .unwrap_or_default()
                ));
            }
            defuse::neutralise(&s, Syntax::Text).into_owned()
        }
    };
    let _ = io.stdout.write_all(out.as_bytes());
    Ok(EXIT_OK)
}
