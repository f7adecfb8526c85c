use super::{Context, Input, Outcome, RuleFunction};

struct Stub;

impl RuleFunction for Stub {
    fn check(&self, _input: Input<'_>, _ctx: &Context<'_>, _out: &mut Vec<Outcome>) {}
}

pub fn create(_options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    Ok(Box::new(Stub))
}
