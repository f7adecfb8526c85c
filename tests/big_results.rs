//! Big result sets: --quiet, --max-findings, --statistics, the comment that lists every violated rule, links to files.
