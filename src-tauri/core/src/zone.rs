//! The user's local time zone, resolved once at start and then passed to the
//! pure rule functions as an argument.

use chrono_tz::Tz;

/// `TZ` when it names a zone of the tz database (`Europe/Berlin`,
/// `:Europe/Berlin` or a path under `zoneinfo/`), else the system's zone,
/// else UTC.
pub fn local_zone() -> Tz {
    if let Ok(tz) = std::env::var("TZ") {
        if let Some(z) = parse_tz_env(&tz) {
            return z;
        }
    }
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|name| name.parse().ok())
        .unwrap_or(Tz::UTC)
}

fn parse_tz_env(value: &str) -> Option<Tz> {
    let v = value.trim().trim_start_matches(':');
    if v.is_empty() {
        return None;
    }
    if let Ok(z) = v.parse() {
        return Some(z);
    }
    v.split_once("zoneinfo/").and_then(|(_, name)| name.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_forms_tz_takes() {
        assert_eq!(parse_tz_env("Europe/Berlin"), Some(chrono_tz::Europe::Berlin));
        assert_eq!(parse_tz_env(":America/New_York"), Some(chrono_tz::America::New_York));
        assert_eq!(
            parse_tz_env("/usr/share/zoneinfo/Pacific/Auckland"),
            Some(chrono_tz::Pacific::Auckland)
        );
        assert_eq!(parse_tz_env("UTC"), Some(Tz::UTC));
        assert_eq!(parse_tz_env(""), None);
        assert_eq!(parse_tz_env("Not/AZone"), None);
    }
}
