//! `oaslint baseline`: lint and record the findings in the baseline file.

use crate::args::BaselineArgs;
use crate::Io;

pub(crate) fn baseline_command(args: BaselineArgs, io: &mut Io<'_>) -> Result<u8, String> {
    let _ = (args.write, &args.run, &io.cwd);
    Err("`oaslint baseline` is being written (issue #13)".into())
}
