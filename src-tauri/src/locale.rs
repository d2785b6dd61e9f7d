//! The machine's date format for the UI. WebKitGTK's `navigator.language`
//! (and so `Intl`'s default) is en-US whatever the desktop is set to, so the
//! page is told the locale POSIX says dates are formatted in: `LC_ALL`, else
//! `LC_TIME`, else `LANG`, as a BCP 47 tag (`de_DE.UTF-8` → `de-DE`).

/// The tag for the process's locale settings, or `None` for C/POSIX/unset
/// (the webview's own default then applies).
pub fn from_env() -> Option<String> {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    var("LC_ALL").or_else(|| var("LC_TIME")).or_else(|| var("LANG")).and_then(|v| tag(&v))
}

/// `de_DE.UTF-8@euro` → `de-DE`; `C`, `POSIX` and unreadable values → `None`.
pub fn tag(posix: &str) -> Option<String> {
    let name = posix.split(['.', '@']).next()?.trim();
    if name.is_empty() || name == "C" || name == "POSIX" {
        return None;
    }
    let mut parts = name.split('_');
    let lang = parts.next()?;
    if !(2..=3).contains(&lang.len()) || !lang.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    match parts.next() {
        Some(region) if (2..=3).contains(&region.len()) && region.chars().all(|c| c.is_ascii_alphanumeric()) => {
            Some(format!("{}-{}", lang.to_ascii_lowercase(), region.to_ascii_uppercase()))
        }
        Some(_) => None,
        None => Some(lang.to_ascii_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::tag;

    #[test]
    fn posix_locale_names_become_bcp47_tags() {
        for (name, want) in [
            ("de_DE.UTF-8", "de-DE"),
            ("en_GB.utf8", "en-GB"),
            ("fr_FR@euro", "fr-FR"),
            ("nb", "nb"),
            ("es_419.UTF-8", "es-419"),
        ] {
            assert_eq!(tag(name).as_deref(), Some(want), "{name}");
        }
        for name in ["C.UTF-8", "POSIX", "", "../../etc", "en_<script>"] {
            assert_eq!(tag(name), None, "{name:?}");
        }
    }
}
