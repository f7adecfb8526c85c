//! The baseline file (`.oaslint-baseline.yaml`): findings the platform team accepted when a legacy API adopted the guidelines.
