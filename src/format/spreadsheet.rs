//! The CSV exports' guard against formula injection, for text cells only: a number must stay a
//! number, so a negative difference is written `-0.052`, never `'-0.052` (which Excel and R read as
//! text).

/// A text cell made safe for spreadsheets: one that a spreadsheet would read as a formula (it starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`. Only for text; write
/// numbers as they are.
pub fn neutralise_formula(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::neutralise_formula;

    #[test]
    fn text_a_spreadsheet_would_run_as_a_formula_is_quoted() {
        for cell in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise_formula(cell), format!("'{cell}"));
        }
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        for cell in ["Drug dealing", "", "1st to 3rd", "a=b", " =x"] {
            assert_eq!(neutralise_formula(cell), cell);
        }
    }
}
