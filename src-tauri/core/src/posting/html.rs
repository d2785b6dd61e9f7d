//! The few things a posting page says in its markup. The page is parsed by
//! `tl` (a small, dependency-free HTML parser that keeps `<script>` and
//! `<style>` bodies apart, so a `<` in a script is never taken for a tag;
//! a script's text is taken from the source as written) and entities are decoded by `htmlize` (the full WHATWG table, with
//! the attribute rules). html5ever's tokenizer did the same and added
//! 718 KiB to the release binary; these two add 237 KiB (README).

use std::borrow::Cow;

/// What [`scan`] keeps of a page.
#[derive(Debug, Default)]
pub(crate) struct Page {
    /// The text of each `<script type="application/ld+json">`, in order.
    pub json_ld: Vec<String>,
    /// `<meta property|name=K content=V>`, keys lowercased, values decoded, in order.
    pub metas: Vec<(String, String)>,
    /// The first `<title>`'s text, decoded.
    pub title: Option<String>,
    /// `<link rel="canonical" href>`.
    pub canonical: Option<String>,
    /// An `<input type="password">`: a login form.
    pub password_field: bool,
}

impl Page {
    /// The first non-blank value of a meta key.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.metas.iter().find(|(k, v)| k == key && !v.trim().is_empty()).map(|(_, v)| v.as_str())
    }
}

/// Reads `html` (a whole page). Markup too broken to parse is a page that says nothing.
pub(crate) fn scan(html: &str) -> Page {
    let mut page = Page::default();
    let Ok(dom) = tl::parse(html, tl::ParserOptions::default()) else { return page };
    let parser = dom.parser();
    for tag in dom.nodes().iter().filter_map(tl::Node::as_tag) {
        let name = tag.name().as_utf8_str();
        let attr = |k: &str| -> Option<String> {
            let v = tag.attributes().get(k).flatten()?;
            Some(htmlize::unescape_attribute(v.as_utf8_str().as_ref()).into_owned())
        };
        match name.to_ascii_lowercase().as_str() {
            "script" if attr("type").is_some_and(|t| t.to_ascii_lowercase().contains("ld+json")) => {
                page.json_ld.push(script_body(tag));
            }
            "title" if page.title.is_none() => page.title = Some(decode(&tag.inner_text(parser))),
            "meta" => {
                let key = attr("property").or_else(|| attr("name")).or_else(|| attr("itemprop"));
                if let (Some(k), Some(v)) = (key, attr("content")) {
                    page.metas.push((k.trim().to_ascii_lowercase(), v));
                }
            }
            "link"
                if page.canonical.is_none()
                    && attr("rel").is_some_and(|r| r.split_whitespace().any(|w| w.eq_ignore_ascii_case("canonical"))) =>
            {
                page.canonical = attr("href");
            }
            "input" if attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("password")) => {
                page.password_field = true;
            }
            _ => {}
        }
    }
    page
}

/// A script's text exactly as written, from the source: tl reads a `<!` in
/// it (a CDATA wrapper) as markup, and JSON-LD needs every byte.
fn script_body(tag: &tl::HTMLTag) -> String {
    let raw = tag.raw().as_utf8_str();
    let start = raw.find('>').map_or(0, |i| i + 1);
    let end = raw.to_ascii_lowercase().rfind("</script").filter(|&e| e >= start).unwrap_or(raw.len());
    raw[start..end].to_owned()
}

/// Entities decoded. JSON-LD values are written for HTML pages and often
/// carry `&amp;` or `&#8211;`.
pub(crate) fn decode(s: &str) -> String {
    match htmlize::unescape(s) {
        Cow::Borrowed(b) => b.to_owned(),
        Cow::Owned(o) => o,
    }
}
