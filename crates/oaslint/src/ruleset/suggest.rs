//! "Did you mean …?": the closest of the valid words to a misspelt one,
//! for the loader's errors about unknown keys, rule ids, functions and
//! formats.

/// The candidate closest to `word`, if one is close enough to be what the
/// writer meant: Jaro-Winkler similarity of at least 0.8, or at most two
/// edits apart (for short words, where Jaro-Winkler is harsh). Case is
/// ignored when comparing; the candidate is returned as written.
pub(crate) fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let lower = word.to_lowercase();
    let mut best: Option<(f64, &'c str)> = None;
    for candidate in candidates {
        if candidate == word {
            continue;
        }
        let other = candidate.to_lowercase();
        let similarity = strsim::jaro_winkler(&lower, &other);
        let edits = strsim::levenshtein(&lower, &other);
        // Two edits on a two-letter word is any word: only for longer ones.
        let close = similarity >= 0.8 || (edits <= 2 && edits < lower.chars().count());
        if close && best.is_none_or(|(s, _)| similarity > s) {
            best = Some((similarity, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// `"; did you mean `x`?"` when [`did_you_mean`] finds one, else `""`:
/// appended to an error message.
pub(crate) fn suggestion<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> String {
    match did_you_mean(word, candidates) {
        Some(c) => format!("; did you mean `{c}`?"),
        None => String::new(),
    }
}

/// An error message about an unknown `word`: `message`, the closest of
/// `candidates` if one is close, and the list of them under `label`:
/// "unknown function `patern`; did you mean `pattern`? (available
/// functions: …)", or without a close one "unknown function `x`;
/// available functions: …".
pub(crate) fn unknown(message: &str, word: &str, candidates: &[&str], label: &str) -> String {
    let list = candidates.join(", ");
    match did_you_mean(word, candidates.iter().copied()) {
        Some(c) => format!("{message}; did you mean `{c}`? ({label}: {list})"),
        None => format!("{message}; {label}: {list}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_words_are_suggested_and_far_ones_are_not() {
        let functions = ["pattern", "truthy", "falsy", "casing", "length"];
        let table: &[(&str, Option<&str>)] = &[
            ("patern", Some("pattern")),
            ("Pattern", Some("pattern")),
            ("truthty", Some("truthy")),
            ("falsey", Some("falsy")),
            ("lenght", Some("length")),
            ("schema", None),
            ("xy", None),
        ];
        for (word, want) in table {
            assert_eq!(did_you_mean(word, functions), *want, "{word}");
        }
        assert_eq!(
            suggestion("rulse", ["rules", "name"]),
            "; did you mean `rules`?"
        );
        assert_eq!(suggestion("zzz", ["rules", "name"]), "");
    }
}
