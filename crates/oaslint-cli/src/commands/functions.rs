//! `oaslint functions`: the functions a ruleset may call, with the
//! documentation written on each (the same text as docs/functions.md).

use crate::args::FunctionsArgs;
use crate::output::RulesFormat;
use crate::run::EXIT_OK;
use crate::Io;
use oaslint::FunctionRegistry;

pub(crate) fn functions(args: FunctionsArgs, io: &mut Io<'_>) -> Result<u8, String> {
    let registry = FunctionRegistry::builtin();
    let chosen: Vec<_> = match &args.name {
        Some(name) => vec![registry
            .info(name)
            .ok_or_else(|| format!("no function `{name}`; `oaslint functions` lists them"))?],
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
