use super::{print_value, Context, Input, NativeFunction, Outcome};
use crate::tree::Value;
use crate::workspace::Cursor;
use serde::Deserialize;
use std::cmp::Ordering;

/// The options of [`Alphabetical`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct Options {
    /// The member of each item to sort an array of objects by.
    keyed_by: Option<String>,
}

crate::declare_function! {
    /// Items or keys must be in alphabetical order.
    ///
    /// # What it does
    ///
    /// - An array of strings and/or numbers must be sorted; the first item that
    ///   is out of order is reported at its index.
    /// - An object's keys must be sorted; the first key out of order is
    ///   reported at that key.
    /// - With `keyedBy`, an array of objects must be sorted by that member
    ///   (`tags` by `name`); the array is reported as a whole.
    ///
    /// Numbers compare by value. Strings compare like JavaScript's
    /// `localeCompare` without a locale: case and punctuation matter less than
    /// letters (`apple` < `Banana` < `cherry`, `a` before `A` on a tie,
    /// punctuation < digits < letters). Other values (booleans, `null`, nested
    /// arrays, an item without the `keyedBy` member) are reported, as they
    /// cannot be ordered. Arrays and objects with fewer than two entries, and
    /// inputs that are neither, are skipped.
    ///
    /// # Why
    ///
    /// Sorted lists and keys are easier to scan and diff: a reader finds a tag
    /// or a path by name, and a new entry lands in one obvious place.
    ///
    /// # Options
    ///
    /// - `keyedBy` (string, optional): the member of each item to sort by.
    ///
    /// `functionOptions` may also be absent or `null`.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   openapi-tags-alphabetical:
    ///     description: OpenAPI object must have alphabetical "tags".
    ///     given: $
    ///     then:
    ///       field: tags
    ///       function: alphabetical
    ///       functionOptions:
    ///         keyedBy: name
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths: {}
    /// tags:
    ///   - name: store
    ///   - name: pet
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths: {}
    /// tags:
    ///   - name: pet
    ///   - name: store
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// - String order approximates ICU's root collation (which `localeCompare`
    ///   uses) for ASCII: letters compare case-insensitively first, and ASCII
    ///   punctuation and symbols follow the CLDR order (`_` `-` `,` `;` … `$`)
    ///   before digits and letters. Accented letters sort after `z` here, while
    ///   ICU sorts `é` with `e`.
    /// - A string next to a number is left in place (Spectral's comparison of
    ///   the two is inconsistent).
    /// - Messages and paths are Spectral's: `"b" must be placed after "a"` at
    ///   the first misplaced item or key, `properties must follow the
    ///   alphabetical order` with `keyedBy`, `"tags" property must be an
    ///   object` / `… must be one of the allowed types: number, string` for
    ///   items that cannot be ordered.
    #[function("alphabetical")]
    pub(crate) struct Alphabetical {
        keyed_by: Option<String>,
    }
}

/// A value that can be ordered.
#[derive(Clone)]
enum Sortable {
    Number(f64),
    Text(String),
}

impl Sortable {
    fn of(c: &Cursor<'_>) -> Option<Sortable> {
        match c.value() {
            Value::Number(n) => Some(Sortable::Number(n.as_f64())),
            Value::String(s) => Some(Sortable::Text(s.to_string())),
            _ => None,
        }
    }

    fn print(&self) -> String {
        match self {
            Sortable::Number(n) => print_value(&serde_json::json!(n)),
            Sortable::Text(s) => print_value(&serde_json::Value::String(s.clone())),
        }
    }
}

/// `Greater` when `a` must come after `b`.
fn compare(a: &Sortable, b: &Sortable) -> Ordering {
    match (a, b) {
        (Sortable::Number(x), Sortable::Number(y)) => x.partial_cmp(y).unwrap_or(Ordering::Equal),
        (Sortable::Text(x), Sortable::Text(y)) => collate(x, y),
        _ => Ordering::Equal,
    }
}

/// ASCII punctuation and symbols in CLDR root collation order; they all
/// sort before digits and letters.
const PUNCTUATION: &str = "_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$";

/// The primary weight of a character: its group, then its rank within it.
fn primary(c: char) -> (u8, u32) {
    if c.is_whitespace() {
        (0, c as u32)
    } else if let Some(i) = PUNCTUATION.find(c) {
        (1, i as u32)
    } else if c.is_numeric() {
        (3, c.to_digit(10).unwrap_or(c as u32))
    } else if c.is_alphabetic() {
        (4, c.to_lowercase().next().unwrap_or(c) as u32)
    } else {
        (2, c as u32)
    }
}

/// Compares strings roughly as ICU's root collation does: by primary
/// weights first, then lowercase before uppercase, then by code point.
fn collate(a: &str, b: &str) -> Ordering {
    a.chars()
        .map(primary)
        .cmp(b.chars().map(primary))
        .then_with(|| {
            let tertiary = |c: char| (c.is_uppercase(), c);
            a.chars().map(tertiary).cmp(b.chars().map(tertiary))
        })
}

/// The index of the first entry that must come after its successor.
fn first_unsorted(values: &[Sortable]) -> Option<usize> {
    values
        .windows(2)
        .position(|w| compare(&w[0], &w[1]) == Ordering::Greater)
}

impl NativeFunction for Alphabetical {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        Ok(Alphabetical {
            keyed_by: o.keyed_by,
        })
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Input::Node(c) = input else {
            return;
        };
        match (c.value(), &self.keyed_by) {
            (Value::Object(entries), None) => {
                let keys: Vec<Sortable> = entries
                    .iter()
                    .map(|e| Sortable::Text(e.key.to_string()))
                    .collect();
                if let Some(i) = first_unsorted(&keys) {
                    out.push(
                        Outcome::new(out_of_order(&keys[i], &keys[i + 1]))
                            .at(vec![entries[i].key.to_string()]),
                    );
                }
            }
            (Value::Array(items), None) => {
                if items.len() < 2 {
                    return;
                }
                let Some(values) = c
                    .items()
                    .map(|i| Sortable::of(&i))
                    .collect::<Option<Vec<_>>>()
                else {
                    out.push(Outcome::new(NOT_SORTABLE));
                    return;
                };
                if let Some(i) = first_unsorted(&values) {
                    out.push(
                        Outcome::new(out_of_order(&values[i], &values[i + 1]))
                            .at(vec![i.to_string()]),
                    );
                }
            }
            (Value::Object(entries), Some(key)) if entries.len() >= 2 => {
                out.push(Outcome::new(not_objects(key)));
            }
            (Value::Array(items), Some(key)) if items.len() >= 2 => {
                let mut values = Vec::with_capacity(items.len());
                for item in c.items() {
                    if !matches!(item.value(), Value::Object(_)) {
                        out.push(Outcome::new(not_objects(key)));
                        return;
                    }
                    match item.get(key).and_then(|v| Sortable::of(&v)) {
                        Some(v) => values.push(v),
                        None => {
                            out.push(Outcome::new(NOT_SORTABLE));
                            return;
                        }
                    }
                }
                if first_unsorted(&values).is_some() {
                    out.push(Outcome::new(
                        "properties must follow the alphabetical order",
                    ));
                }
            }
            _ => {}
        }
    }
}

/// Spectral's messages (the engine fills in the property).
const NOT_SORTABLE: &str =
    "#{{print(\"property\")}}must be one of the allowed types: number, string";

fn out_of_order(a: &Sortable, b: &Sortable) -> String {
    format!("{} must be placed after {}", a.print(), b.print())
}

fn not_objects(_key: &str) -> String {
    "#{{print(\"property\")}}must be an object".to_string()
}
