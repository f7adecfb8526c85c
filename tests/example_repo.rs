//! examples/api-platform end to end, as its pipeline runs it.
