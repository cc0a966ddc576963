//! The closed value lists of Metapack's request fields, as the sandbox reads them in
//! Metapack's documentation: the sandbox's own tables, written from the docs (not taken
//! from the client crates' open enums), against which it judges what it is sent.
//!
//! Only requests are judged: responses keep their open lists. A field is checked here only
//! when the docs give a closed list for it; a field for which the docs only show one sample
//! value is left open (see each module for which is which). Each module says how values are
//! matched (letter case), as its API's documentation suggests; the documented spelling is
//! always accepted.

pub(crate) mod delivery_options;
pub(crate) mod shipping;
pub(crate) mod tracking;

use std::borrow::Cow;

use crate::server::FieldError;

/// How a list compares what it is sent with its values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Matching {
    /// Exactly as documented: `DELIVERED`, not `delivered`.
    Exact,
    /// Without regard to ASCII letter case: `home` for `HOME`. Nothing else is forgiven
    /// (`OWN_STORE` is not `OWNSTORE`).
    IgnoreAsciiCase,
}

/// A closed list of values a request field accepts.
#[derive(Debug)]
pub(crate) struct ValueList {
    /// The name of the schema of our spec (`specs/*.yaml`) holding the same list; read by the
    /// agreement test only.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) schema: &'static str,
    /// What the values are, for messages (`a Metapack event code for delivery leg events`).
    pub(crate) what: &'static str,
    /// The documented values, in the order of the docs.
    pub(crate) values: &'static [&'static str],
    /// How values are compared.
    pub(crate) matching: Matching,
}

/// Lists longer than this are not spelled out in error messages.
const LISTED_IN_MESSAGES: usize = 12;

impl ValueList {
    /// The documented value `value` stands for, if any.
    pub(crate) fn find(&self, value: &str) -> Option<&'static str> {
        self.values
            .iter()
            .copied()
            .find(|known| match self.matching {
                Matching::Exact => *known == value,
                Matching::IgnoreAsciiCase => known.eq_ignore_ascii_case(value),
            })
    }

    /// Whether `value` is accepted.
    pub(crate) fn accepts(&self, value: &str) -> bool {
        self.find(value).is_some()
    }

    /// Fails unless `value`, sent in `field`, is accepted; the message names the field,
    /// what was sent and what is expected (the documented spelling when only the letter case
    /// is wrong).
    pub(crate) fn check(
        &self,
        field: impl Into<Cow<'static, str>>,
        value: &str,
    ) -> Result<(), FieldError> {
        if self.accepts(value) {
            return Ok(());
        }
        let spelled = self
            .values
            .iter()
            .find(|known| known.eq_ignore_ascii_case(value.trim()));
        let problem = match spelled {
            Some(known) => format!("{value:?} is not {}; send {known:?}", self.what),
            None if self.values.len() <= LISTED_IN_MESSAGES => format!(
                "{value:?} is not {}: expected one of {}",
                self.what,
                self.values.join(", ")
            ),
            None => format!(
                "{value:?} is not {} (one of the {} values the documentation lists)",
                self.what,
                self.values.len()
            ),
        };
        Err(FieldError::new(field, problem))
    }
}

/// Every list of the sandbox, for the agreement test with the specs.
#[cfg(test)]
pub(crate) fn all() -> Vec<(&'static str, &'static ValueList)> {
    let mut lists: Vec<(&'static str, &'static ValueList)> = Vec::new();
    lists.extend(tracking::LISTS.iter().map(|l| ("tracking", *l)));
    lists.extend(shipping::LISTS.iter().map(|l| ("shipping", *l)));
    lists.extend(
        delivery_options::LISTS
            .iter()
            .map(|l| ("delivery-options", *l)),
    );
    lists
}

#[cfg(test)]
mod tests {
    //! The sandbox's tables against our specs: each reading of the docs checks the other.

    use std::collections::{BTreeMap, BTreeSet};

    use super::*;

    /// Every `enum` of `specs/{api}.yaml`, by the name of the schema (or parameter) holding it.
    fn spec_enums(api: &str) -> BTreeMap<String, Vec<String>> {
        let path = format!("{}/../../specs/{api}.yaml", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let spec: serde_yaml::Value =
            serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut found = BTreeMap::new();
        walk(&spec, "", &mut found);
        found
    }

    fn walk(node: &serde_yaml::Value, name: &str, found: &mut BTreeMap<String, Vec<String>>) {
        match node {
            serde_yaml::Value::Mapping(map) => {
                // A parameter is named by its `name`, a schema by its key.
                let name = map
                    .get("name")
                    .and_then(serde_yaml::Value::as_str)
                    .filter(|_| map.contains_key("in"))
                    .unwrap_or(name);
                if let Some(serde_yaml::Value::Sequence(values)) = map.get("enum") {
                    let values = values
                        .iter()
                        .map(|v| {
                            v.as_str()
                                .unwrap_or_else(|| panic!("{name}: {v:?}"))
                                .to_owned()
                        })
                        .collect();
                    let previous = found.insert(name.to_owned(), values);
                    assert!(previous.is_none(), "two enums named {name}");
                }
                for (key, value) in map {
                    let key = key.as_str().unwrap_or(name);
                    walk(value, key, found);
                }
            }
            serde_yaml::Value::Sequence(values) => {
                for value in values {
                    walk(value, name, found);
                }
            }
            _ => {}
        }
    }

    /// An API's checked lists.
    type Tables = &'static [&'static ValueList];
    /// An API's spec enums left open, with the reason.
    type Open = &'static [(&'static str, &'static str)];

    #[test]
    fn every_spec_enum_is_a_sandbox_table_or_left_open_for_a_reason() {
        let apis: [(&str, Tables, Open); 3] = [
            ("tracking", tracking::LISTS, tracking::OPEN),
            ("shipping", shipping::LISTS, shipping::OPEN),
            (
                "delivery-options",
                delivery_options::LISTS,
                delivery_options::OPEN,
            ),
        ];
        for (api, lists, open) in apis {
            let spec = spec_enums(api);
            for (name, values) in &spec {
                if let Some(list) = lists.iter().find(|l| l.schema == name) {
                    // Same values, in any order: the spec's documented values are all
                    // accepted, and the sandbox accepts nothing the spec does not list.
                    let spec_values: BTreeSet<&str> = values.iter().map(String::as_str).collect();
                    let table: BTreeSet<&str> = list.values.iter().copied().collect();
                    assert_eq!(
                        spec_values, table,
                        "{api} {name}: spec and sandbox disagree"
                    );
                    for value in values {
                        assert!(list.accepts(value), "{api} {name}: {value} refused");
                    }
                } else {
                    assert!(
                        open.iter().any(|(open, _)| open == name),
                        "{api}: the spec's enum {name} is neither checked by the sandbox nor listed as open"
                    );
                }
            }
            if api == "tracking" {
                // Journeys carry either kind of event: the spec's EventCode is the union.
                let union: BTreeSet<&str> = tracking::LISTS
                    .iter()
                    .flat_map(|l| l.values.iter().copied())
                    .collect();
                let spec_union: BTreeSet<&str> =
                    spec["EventCode"].iter().map(String::as_str).collect();
                assert_eq!(union, spec_union, "tracking EventCode is not the union");
            }
            for list in lists {
                assert!(
                    spec.contains_key(list.schema),
                    "{api}: the sandbox's table {} has no enum in the spec",
                    list.schema
                );
            }
            for (name, reason) in open {
                assert!(
                    spec.contains_key(*name),
                    "{api}: {name} ({reason}) is not in the spec"
                );
                assert!(
                    !lists.iter().any(|l| l.schema == *name),
                    "{api}: {name} is both checked and open"
                );
            }
        }
    }

    #[test]
    fn tables_hold_each_value_once() {
        for (api, list) in all() {
            let unique: BTreeSet<&str> = list.values.iter().copied().collect();
            assert_eq!(unique.len(), list.values.len(), "{api} {}", list.schema);
            assert!(!list.values.is_empty(), "{api} {}", list.schema);
        }
    }

    #[test]
    fn exact_lists_refuse_other_letter_cases_with_a_hint() {
        let list = &tracking::LEG_EVENT_CODE;
        assert!(list.accepts("OUT_FOR_DELIVERY"));
        assert!(!list.accepts("out_for_delivery"));
        let error = crate::server::ApiError::from(
            list.check("eventCode", "out_for_delivery")
                .err()
                .unwrap_or_else(|| panic!("refused")),
        );
        assert_eq!(
            error.message(),
            "eventCode: \"out_for_delivery\" is not a Metapack event code of delivery leg events; send \"OUT_FOR_DELIVERY\""
        );
        // A leg event code is not a delivery event code.
        assert!(!tracking::DELIVERY_EVENT_CODE.accepts("DELIVERED"));
        assert!(tracking::DELIVERY_EVENT_CODE.accepts("ORDER_ACCEPTED"));
    }

    #[test]
    fn case_blind_lists_forgive_nothing_but_case() {
        let list = &delivery_options::OPTION_TYPE;
        assert_eq!(list.find("ownStore"), Some("OWNSTORE"));
        assert_eq!(list.find("OWN_STORE"), None);
        assert_eq!(delivery_options::WEIGHT_UNIT.find("Lb"), Some("lb"));
        assert_eq!(delivery_options::RETURN_TYPE.find("LGG"), Some("lgg"));
    }
}
