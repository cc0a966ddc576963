//! The `User-Agent` sent with every request.

/// Version of `metapack-core`.
pub const CORE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Builds `metapack-rs/<core version> <crate>/<version>[ <suffix>]`.
///
/// The suffix is reduced to visible ASCII: whitespace runs become one space
/// and other characters outside `!`..=`~` are dropped.
///
/// ```
/// use metapack_core::user_agent::user_agent;
///
/// let ua = user_agent("metapack-tracking", "1.2.3", Some("my-shop/4.0\n"));
/// assert_eq!(
///     ua,
///     format!("metapack-rs/{} metapack-tracking/1.2.3 my-shop/4.0", metapack_core::user_agent::CORE_VERSION),
/// );
/// ```
pub fn user_agent(crate_name: &str, crate_version: &str, suffix: Option<&str>) -> String {
    let mut ua = format!(
        "metapack-rs/{CORE_VERSION} {}/{}",
        sanitize(crate_name),
        sanitize(crate_version)
    );
    let suffix = suffix.map(sanitize).unwrap_or_default();
    if !suffix.is_empty() {
        ua.push(' ');
        ua.push_str(&suffix);
    }
    ua
}

fn sanitize(s: &str) -> String {
    let visible: String = s
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| *c == ' ' || c.is_ascii_graphic())
        .collect();
    visible.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_and_sanitizing() {
        let base = format!("metapack-rs/{CORE_VERSION} metapack-x/0.1.0");
        assert_eq!(user_agent("metapack-x", "0.1.0", None), base);
        assert_eq!(user_agent("metapack-x", "0.1.0", Some("  \t ")), base);
        assert_eq!(
            user_agent("metapack-x", "0.1.0", Some("shop\r\nX-Evil: 1 ünï (test)")),
            format!("{base} shop X-Evil: 1 n (test)")
        );
    }
}
