#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is how a test fails
