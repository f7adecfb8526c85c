//! Whether and how text output is coloured: `--color`, `NO_COLOR`, `FORCE_COLOR`, `CLICOLOR_FORCE`, `CLICOLOR`, the terminal.
