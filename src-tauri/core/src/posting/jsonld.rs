//! schema.org `JobPosting` in JSON-LD, as boards write it: the posting as
//! the top-level object, in a list, inside `@graph` (WordPress and Yoast,
//! with `hiringOrganization` an `{"@id"}` reference to a node beside it), or
//! as a page's `mainEntity`. Values are decoded and tidied
//! ([`super::tidy`]).
//!
//! Read: `title`; `hiringOrganization` (an Organization or a bare name);
//! `jobLocation` (one Place or several: address locality, region, country,
//! or the place's name; an address may be a plain string) and
//! `jobLocationType: TELECOMMUTE` ("Remote", with
//! `applicantLocationRequirements` when given); `datePosted`; `url`.

use super::{tidy, Found};
use serde_json::Value;
use url::Url;

/// Nested objects deeper than this are not searched (a page's JSON-LD is shallow).
const MAX_DEPTH: usize = 8;
/// Locations listed before "+ N more".
const MAX_PLACES: usize = 3;

/// The first JobPosting in one `<script type="application/ld+json">`.
pub(super) fn posting(script: &str, page_url: &Url) -> Option<Found> {
    let doc = parse(script)?;
    let mut nodes = Vec::new();
    collect(&doc, 0, &mut nodes);
    let job = nodes.iter().copied().find(|n| is_type(n, "JobPosting"))?;
    let lookup = |v: &'_ Value| -> Option<Value> { resolve(v, &nodes) };
    let role = text(job.get("title")).or_else(|| text(job.get("name")));
    let company = job.get("hiringOrganization").and_then(|o| organization(&lookup(o).unwrap_or_else(|| o.clone())));
    let found = Found {
        company,
        role,
        location: location(job, &lookup),
        job_url: text(job.get("url"))
            .and_then(|u| page_url.join(&u).ok())
            .filter(|u| matches!(u.scheme(), "http" | "https")),
        date_posted: text(job.get("datePosted")).and_then(|d| date(&d)),
    };
    (found.role.is_some() || found.company.is_some()).then_some(found)
}

/// serde_json, after what pages get wrong most: a CDATA wrapper, and raw
/// line breaks or tabs inside strings (invalid JSON; spaces mean the same here).
fn parse(script: &str) -> Option<Value> {
    let s = script.trim();
    let s = s.strip_prefix("//<![CDATA[").or_else(|| s.strip_prefix("<![CDATA[")).unwrap_or(s);
    let s = s.strip_suffix("//]]>").or_else(|| s.strip_suffix("]]>")).unwrap_or(s);
    serde_json::from_str(s).ok().or_else(|| serde_json::from_str(&s.replace(['\n', '\r', '\t'], " ")).ok())
}

/// Every object in the document, outermost first.
fn collect<'a>(v: &'a Value, depth: usize, out: &mut Vec<&'a Value>) {
    if depth > MAX_DEPTH {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| collect(i, depth + 1, out)),
        Value::Object(map) => {
            out.push(v);
            map.values().for_each(|i| collect(i, depth + 1, out));
        }
        _ => {}
    }
}

/// `"@type": "JobPosting"`, `["JobPosting"]`, `"schema:JobPosting"` or `"http://schema.org/JobPosting"`.
fn is_type(v: &Value, name: &str) -> bool {
    let matches = |t: &Value| {
        t.as_str().is_some_and(|t| t.rsplit(['/', ':', '#']).next().is_some_and(|last| last.eq_ignore_ascii_case(name)))
    };
    match v.get("@type") {
        Some(Value::Array(ts)) => ts.iter().any(matches),
        Some(t) => matches(t),
        None => false,
    }
}

/// A `{"@id": …}` reference, replaced by the node of that id in the same document.
fn resolve(v: &Value, nodes: &[&Value]) -> Option<Value> {
    let obj = v.as_object()?;
    let id = obj.get("@id")?.as_str()?;
    if obj.len() > 1 {
        return None; // the node itself, not a bare reference
    }
    nodes.iter().find(|n| n.get("@id").and_then(Value::as_str) == Some(id) && n.as_object().is_some_and(|o| o.len() > 1)).map(|n| (*n).clone())
}

/// A string value tidied; a number as written; the first of a list; blank is `None`.
fn text(v: Option<&Value>) -> Option<String> {
    let s = match v? {
        Value::String(s) => tidy(s),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => return items.iter().find_map(|i| text(Some(i))),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// An Organization's name, or the bare string a board wrote instead.
fn organization(v: &Value) -> Option<String> {
    match v {
        Value::Array(items) => items.iter().find_map(organization),
        Value::Object(o) => text(o.get("name")).or_else(|| text(o.get("legalName"))),
        other => text(Some(other)),
    }
}

fn location(job: &Value, lookup: &dyn Fn(&Value) -> Option<Value>) -> Option<String> {
    let mut places: Vec<String> = Vec::new();
    let remote = each(job.get("jobLocationType")).any(|t| t.as_str().is_some_and(|t| t.trim().eq_ignore_ascii_case("TELECOMMUTE")));
    if remote {
        let within: Vec<String> = each(job.get("applicantLocationRequirements"))
            .filter_map(|r| match r {
                Value::Object(o) => text(o.get("name")),
                other => text(Some(other)),
            })
            .collect();
        places.push(if within.is_empty() { "Remote".into() } else { format!("Remote ({})", within.join(", ")) });
    }
    for place in each(job.get("jobLocation")) {
        let place = lookup(place).unwrap_or_else(|| place.clone());
        if let Some(p) = place_name(&place, lookup) {
            if !places.iter().any(|q| q.eq_ignore_ascii_case(&p)) {
                places.push(p);
            }
        }
    }
    if places.is_empty() {
        return None;
    }
    let more = places.len().saturating_sub(MAX_PLACES);
    places.truncate(MAX_PLACES);
    let mut s = places.join("; ");
    if more > 0 {
        s.push_str(&format!(" + {more} more"));
    }
    Some(s)
}

/// "Berlin, DE" from a Place: its address's locality, region and country
/// (each once: LinkedIn writes "Berlin, Berlin, DE"), else the place's name.
fn place_name(place: &Value, lookup: &dyn Fn(&Value) -> Option<Value>) -> Option<String> {
    let address = place.get("address").map(|a| lookup(a).unwrap_or_else(|| a.clone()));
    let from_address = match &address {
        Some(Value::Object(a)) => {
            let country = a.get("addressCountry").and_then(|c| match c {
                Value::Object(o) => text(o.get("name")),
                other => text(Some(other)),
            });
            let mut parts: Vec<String> = Vec::new();
            for part in [text(a.get("addressLocality")), text(a.get("addressRegion")), country].into_iter().flatten() {
                // "Berlin, Germany" as the locality already holds the country.
                let known = parts.iter().any(|p| p.eq_ignore_ascii_case(&part) || p.split(", ").any(|w| w.eq_ignore_ascii_case(&part)));
                if !known {
                    parts.push(part);
                }
            }
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        Some(other) => text(Some(other)),
        None => None,
    };
    from_address.or_else(|| text(place.get("name")))
}

/// A value or each item of a list.
fn each(v: Option<&Value>) -> Box<dyn Iterator<Item = &Value> + '_> {
    match v {
        Some(Value::Array(items)) => Box::new(items.iter()),
        Some(Value::Null) | None => Box::new(std::iter::empty()),
        Some(one) => Box::new(std::iter::once(one)),
    }
}

/// `2026-11-03`, `2026-11-03T10:51:20.000Z`… as `YYYY-MM-DD`, the date as written.
fn date(s: &str) -> Option<String> {
    let day = s.trim().get(..10)?;
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok().map(|d| d.format("%Y-%m-%d").to_string())
}
