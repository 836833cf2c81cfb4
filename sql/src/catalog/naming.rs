//! Unique, stable SQL names for tables and columns.
//!
//! The first claimant of a name keeps it (apps in app-id order, fields in
//! form order, system columns first); a later one gets `<name>_<suffix>`
//! (`_<appId>` for apps, `_<fieldCode>` for columns), and `_2`, `_3`...
//! on top if even that is taken. Names are compared case-insensitively so
//! that unquoted, differently-cased references stay unambiguous.

use std::collections::HashSet;

/// Hands out unique names.
#[derive(Default)]
pub struct UniqueNames {
    taken: HashSet<String>,
}

impl UniqueNames {
    /// Marks names as taken (reserved names such as the fixed tables).
    pub fn reserve<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        for name in names {
            self.taken.insert(name.to_lowercase());
        }
    }

    /// `wanted` if free, else `wanted_suffix`, else `wanted_suffix_2`...
    pub fn claim(&mut self, wanted: &str, suffix: &str) -> String {
        let mut candidate = wanted.to_owned();
        if self.taken.contains(&candidate.to_lowercase()) {
            candidate = format!("{wanted}_{suffix}");
            let base = candidate.clone();
            let mut n = 2;
            while self.taken.contains(&candidate.to_lowercase()) {
                candidate = format!("{base}_{n}");
                n += 1;
            }
        }
        self.taken.insert(candidate.to_lowercase());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_claimant_keeps_the_name_later_ones_get_suffixes() {
        let mut names = UniqueNames::default();
        names.reserve(["RecordId"]);
        assert_eq!(names.claim("Title", "title"), "Title");
        assert_eq!(names.claim("title", "title2"), "title_title2");
        assert_eq!(names.claim("recordid", "rid"), "recordid_rid");
        assert_eq!(names.claim("title", "title2"), "title_title2_2");
    }
}
