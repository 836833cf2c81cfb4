//! Where API calls go: the base URL (its path prefix kept) joined with
//! `k/v1/{api}.json`, or `k/guest/{space}/v1/{api}.json` in a guest space
//! (facts §1).

use url::Url;

/// The URL builder of one connection.
#[derive(Debug, Clone)]
pub struct Endpoint {
    /// Ends with `/` (guaranteed by `Properties`), so joining keeps the prefix.
    base: Url,
    guest_space_id: Option<u64>,
}

impl Endpoint {
    /// `base` must end with `/`; a missing one is added.
    pub fn new(mut base: Url, guest_space_id: Option<u64>) -> Self {
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        Endpoint {
            base,
            guest_space_id,
        }
    }

    /// The URL of an API, e.g. `records/cursor` ->
    /// `https://host/prefix/k/v1/records/cursor.json`.
    pub fn api_url(&self, api: &str) -> Url {
        let relative = match self.guest_space_id {
            Some(space) => format!("k/guest/{space}/v1/{api}.json"),
            None => format!("k/v1/{api}.json"),
        };
        self.base
            .join(&relative)
            .expect("an API name joined onto a base URL is a valid URL")
    }

    /// The base URL (with its path prefix).
    pub fn base(&self) -> &Url {
        &self.base
    }

    /// The host, for error messages.
    pub fn host(&self) -> String {
        self.base.host_str().unwrap_or_default().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_guest_and_prefixed_paths() {
        let e = Endpoint::new(Url::parse("https://x.cybozu.com/").unwrap(), None);
        assert_eq!(
            e.api_url("records").as_str(),
            "https://x.cybozu.com/k/v1/records.json"
        );
        let e = Endpoint::new(Url::parse("https://x.cybozu.com/").unwrap(), Some(7));
        assert_eq!(
            e.api_url("records/cursor").as_str(),
            "https://x.cybozu.com/k/guest/7/v1/records/cursor.json"
        );
        let e = Endpoint::new(Url::parse("http://127.0.0.1:9/kintone/a").unwrap(), None);
        assert_eq!(
            e.api_url("app/form/fields").as_str(),
            "http://127.0.0.1:9/kintone/a/k/v1/app/form/fields.json"
        );
    }
}
