//! Configuration per path: the nearest .oaslint.yaml per file, overrides, what the report says applied.
