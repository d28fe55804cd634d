//! View models for GOV.UK-style form controls: each knows its id, label or legend, hint, inline error
//! and the value the resident gave, and works out its own `aria-describedby`.

/// One radio button.
pub struct Choice {
    pub id: String,
    pub value: String,
    pub label: String,
    pub checked: bool,
    /// Shows an "or" divider before this choice (used before "Prefer not to say").
    pub divider_before: bool,
}

/// A question answered with radio buttons, in a fieldset whose legend is the question.
pub struct RadioGroup {
    pub name: String,
    pub legend: String,
    pub heading_level: u8,
    pub hint: Option<String>,
    pub error: Option<String>,
    pub choices: Vec<Choice>,
}

/// One `<option>`.
pub struct SelectOption {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// A `<select>`, or (with empty `options`) a text input or textarea holding `value`.
pub struct Field {
    pub id: String,
    pub label: String,
    pub hint: Option<String>,
    pub error: Option<String>,
    pub options: Vec<SelectOption>,
    pub value: String,
}

/// The ranking question: a fieldset of numbered selects, one per place.
pub struct RankGroup {
    pub legend: String,
    pub hint: Option<String>,
    pub error: Option<String>,
    pub selects: Vec<Field>,
}

fn described_by(id: &str, hint: &Option<String>, error: &Option<String>) -> String {
    let mut ids = Vec::new();
    if hint.is_some() {
        ids.push(format!("{id}-hint"));
    }
    if error.is_some() {
        ids.push(format!("{id}-error"));
    }
    ids.join(" ")
}

impl RadioGroup {
    /// Builds the group; the first radio's id is the field name itself, so that the error summary
    /// can link to `#name` as GOV.UK does, the others `name-2`, `name-3`…
    pub fn new(
        name: &str,
        legend: String,
        hint: Option<String>,
        error: Option<String>,
        options: &[(&str, &str)],
        given: Option<&str>,
    ) -> Self {
        let given = given.map(str::trim);
        let choices = options
            .iter()
            .enumerate()
            .map(|(i, (value, label))| Choice {
                id: if i == 0 {
                    name.to_string()
                } else {
                    format!("{name}-{}", i + 1)
                },
                value: value.to_string(),
                label: label.to_string(),
                checked: given == Some(*value),
                divider_before: *value == crate::domain::answers::PREFER_NOT_TO_SAY && i > 0,
            })
            .collect();
        Self {
            name: name.to_string(),
            legend,
            heading_level: 2,
            hint,
            error,
            choices,
        }
    }

    pub fn described_by(&self) -> String {
        described_by(&self.name, &self.hint, &self.error)
    }
}

impl Field {
    pub fn new(id: &str, label: String, hint: Option<String>, error: Option<String>) -> Self {
        Self {
            id: id.to_string(),
            label,
            hint,
            error,
            options: Vec::new(),
            value: String::new(),
        }
    }

    pub fn with_value(mut self, value: Option<&str>) -> Self {
        self.value = value.unwrap_or_default().to_string();
        self
    }

    /// Adds the options, marking the one whose value `is_given` says the resident chose.
    pub fn with_options(mut self, options: Vec<(String, String)>, is_given: impl Fn(&str) -> bool) -> Self {
        self.options = options
            .into_iter()
            .map(|(value, label)| SelectOption {
                selected: !value.is_empty() && is_given(&value),
                value,
                label,
            })
            .collect();
        self
    }

    pub fn described_by(&self) -> String {
        described_by(&self.id, &self.hint, &self.error)
    }
}

impl RankGroup {
    /// The fieldset's id: the hint and error are described by `concerns-hint`/`concerns-error`.
    pub fn described_by(&self) -> String {
        described_by("concerns", &self.hint, &self.error)
    }
}
