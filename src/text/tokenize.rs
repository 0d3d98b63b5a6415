//! TEMPORARY STUB (replaced by the tokenizer branch).
pub fn tokenize(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|s| !s.is_empty())
        .map(|s| s.to_lowercase())
        .collect()
}
pub fn stem(token: &str) -> String {
    token.trim_end_matches('s').to_string()
}
