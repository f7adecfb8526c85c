//! `oaslint rules`: list the rules of a ruleset.

use crate::args::RulesArgs;
use crate::config::load_ruleset;
use crate::output::RulesFormat;
use crate::run::EXIT_OK;
use crate::Io;
use oaslint::ruleset::sort_rule_ids;

pub(crate) fn rules(args: RulesArgs, io: &mut Io<'_>) -> Result<u8, String> {
    let roots = args.roots.roots(&io.cwd)?;
    let ruleset = load_ruleset(&args.ruleset, &roots, &io.cwd)?;
    let mut ids: Vec<String> = ruleset.rules.iter().map(|r| r.id.clone()).collect();
    sort_rule_ids(&mut ids);
    let rule = |id: &str| {
        ruleset
            .rules
            .iter()
            .find(|r| r.id == id)
            .expect("id taken from the rules")
    };
    let out = match args.format {
        RulesFormat::Json => {
            let list: Vec<serde_json::Value> = ids
                .iter()
                .map(|id| {
                    let r = rule(id);
                    serde_json::json!({
                        "id": r.id,
                        "severity": r.level().map(|s| s.as_str()).unwrap_or("off"),
                        "title": r.title,
                        "description": r.description,
                        "link": r.link,
                        "formats": r.formats,
                        "tags": r.tags,
                    })
                })
                .collect();
            let doc = serde_json::json!({
                "ruleset": {"name": ruleset.name, "version": ruleset.version},
                "rules": list,
            });
            format!(
                "{}\n",
                serde_json::to_string_pretty(&doc).expect("serializable")
            )
        }
        RulesFormat::Text => {
            let mut s = format!(
                "{} {} — {} rules\n",
                ruleset.name,
                ruleset.version,
                ids.len()
            );
            let width = ids.iter().map(|i| i.len()).max().unwrap_or(2).max(2);
            for id in &ids {
                let r = rule(id);
                let sev = r.level().map(|s| s.label()).unwrap_or("off");
                s.push_str(&format!(
                    "{id:<width$}  {sev:<6}  {}{}\n",
                    r.title,
                    r.link
                        .as_deref()
                        .map(|l| format!("  <{l}>"))
                        .unwrap_or_default()
                ));
            }
            s
        }
    };
    let _ = io.stdout.write_all(out.as_bytes());
    Ok(EXIT_OK)
}
