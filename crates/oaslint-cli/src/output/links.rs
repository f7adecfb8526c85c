//! Links from a comment to a file and line at the pull request's source commit, from the CI environment.
