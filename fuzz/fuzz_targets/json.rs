//! The JSON parser, and the format detection in front of it: any text gives
//! a tree or an error located in the text; text that serde_json accepts
//! must parse, so a parser that rejects good JSON is caught too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oaslint::internals::{parse, parse_json};
use oaslint::Limits;

fuzz_target!(|data: &[u8]| {
    let Some(text) = oaslint_fuzz::text(data) else {
        return;
    };
    let limits = Limits::default();
    let ours = parse_json(text, &limits);
    if let Err(error) = &ours {
        oaslint_fuzz::check_parse_error(text, error);
    }
    // Whatever serde_json accepts is JSON and must parse (serde_json stops
    // at depth 128, below our limit). The other direction is not checked:
    // we accept a leading BOM and lone surrogate escapes on purpose.
    if let (Err(error), Ok(_)) = (&ours, serde_json::from_str::<serde_json::Value>(text)) {
        panic!("valid JSON rejected: {}", error.message);
    }
    if let Err(error) = parse(text, &limits) {
        oaslint_fuzz::check_parse_error(text, &error);
    }
});
