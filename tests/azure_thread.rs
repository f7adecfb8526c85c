//! The Azure DevOps pull-request thread against an API double: its status, a reviewer's resolution kept.
