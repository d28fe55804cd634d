//! Unit tests of the pack builders.
