//! `oaslint functions`: the functions a ruleset may call, with the
//! documentation written on each (the same text as docs/functions.md).

use crate::args::FunctionsArgs;
use crate::output::RulesFormat;
use crate::run::EXIT_OK;
use crate::Io;
use oaslint::FunctionRegistry;

/// The candidate closest to `word`, if one is close enough to be a typo:
/// the same word in another case, a Jaro-Winkler similarity of at least
/// 0.8 (clap's threshold for flags), or at most two edits.
pub(crate) fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let lower = word.to_lowercase();
    if let Some(same) = candidates.iter().find(|c| c.to_lowercase() == lower) {
        return Some(same);
    }
    candidates
        .iter()
        .map(|&c| (strsim::jaro_winkler(&lower, &c.to_lowercase()), c))
        .filter(|&(score, c)| score >= 0.8 || strsim::levenshtein(&lower, &c.to_lowercase()) <= 2)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

pub(crate) fn functions(args: FunctionsArgs, io: &mut Io<'_>) -> Result<u8, String> {
    let registry = FunctionRegistry::builtin();
    let chosen: Vec<_> = match &args.name {
        Some(name) => vec![registry.info(name).ok_or_else(|| {
            let names: Vec<&str> = registry.functions().map(|f| f.name()).collect();
            match did_you_mean(name, &names) {
                Some(close) => format!(
                    "no function `{name}`; did you mean `{close}`? (`oaslint functions` lists them)"
                ),
                None => format!("no function `{name}`; `oaslint functions` lists them"),
            }
        })?],
        None => registry.functions().collect(),
    };
    let out = match args.format {
        RulesFormat::Json => {
            let list: Vec<serde_json::Value> = chosen
                .iter()
                .map(|f| {
                    serde_json::json!({
                        "name": f.name(),
                        "summary": f.summary(),
                        "doc": f.doc(),
                        "optionsSchema": f.options_schema(),
                    })
                })
                .collect();
            format!(
                "{}\n",
                serde_json::to_string_pretty(&list).expect("serializable")
            )
        }
        RulesFormat::Text if args.name.is_some() => {
            let f = chosen[0];
            let mut s = format!("{}\n\n{}\n", f.name(), f.doc().trim_end());
            if let Some(schema) = f.options_schema() {
                s.push_str("\nOptions schema:\n");
                s.push_str(&serde_json::to_string_pretty(&schema).expect("serializable"));
                s.push('\n');
            }
            s
        }
        RulesFormat::Text => {
            let width = chosen.iter().map(|f| f.name().len()).max().unwrap_or(0);
            let mut s = String::new();
            for f in &chosen {
                s.push_str(&format!("{:<width$}  {}\n", f.name(), f.summary()));
            }
            s.push_str("\n`oaslint functions NAME` shows one function's documentation.\n");
            s
        }
    };
    // The text is ours (doc comments), not the input's: written as is.
    let _ = io.stdout.write_all(out.as_bytes());
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn close_names_are_suggested() {
        let names = ["truthy", "pattern", "casing", "zalandoStatusCodes"];
        assert_eq!(did_you_mean("patern", &names), Some("pattern"));
        assert_eq!(did_you_mean("Casing", &names), Some("casing"));
        assert_eq!(
            did_you_mean("zalandostatuscode", &names),
            Some("zalandoStatusCodes")
        );
        assert_eq!(did_you_mean("xyzzy", &names), None);
    }
}
