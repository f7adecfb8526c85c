//! The YAML parser: any text gives a tree or an error located in the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oaslint::internals::parse_yaml;
use oaslint::Limits;

fuzz_target!(|data: &[u8]| {
    let Some(text) = oaslint_fuzz::text(data) else {
        return;
    };
    if let Err(error) = parse_yaml(text, &Limits::default()) {
        oaslint_fuzz::check_parse_error(text, &error);
    }
});
