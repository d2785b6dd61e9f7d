//! The few things a posting page says in its markup, read with html5ever's
//! tokenizer (no tree: a page is read in one pass). The tokenizer decodes
//! entities in text and attributes; the sink switches it to raw text inside
//! `<script>`, `<style>` and `<title>` as a browser's tree builder would, so
//! a `<` in a script is never taken for a tag.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, CharacterTokens, EndTag, StartTag, Tag, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer,
    TokenizerOpts,
};
use html5ever::TokenizerResult;
use std::cell::RefCell;

/// What [`scan`] keeps of a page.
#[derive(Debug, Default)]
pub(crate) struct Page {
    /// The text of each `<script type="application/ld+json">`, in order.
    pub json_ld: Vec<String>,
    /// `<meta property|name=K content=V>`, keys lowercased, in order.
    pub metas: Vec<(String, String)>,
    /// The first `<title>`'s text.
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

/// Reads `html` (a whole page).
pub(crate) fn scan(html: &str) -> Page {
    let sink = Scan::default();
    run(sink, html).page.into_inner()
}

/// The text of an HTML fragment: entities decoded, tags dropped. JSON-LD
/// values are written for HTML pages and often carry `&amp;` or `&#8211;`.
pub(crate) fn decode(s: &str) -> String {
    if !s.contains(['&', '<']) {
        return s.to_owned();
    }
    run(Text::default(), s).text.into_inner()
}

fn run<S: TokenSink<Handle = ()>>(sink: S, input: &str) -> S {
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(input));
    let tok = Tokenizer::new(sink, TokenizerOpts::default());
    // Our sinks never ask to pause for a script: one feed reads it all.
    while let TokenizerResult::Script(()) = tok.feed(&queue) {}
    tok.end();
    tok.sink
}

/// What the tokenizer must do after a start tag, as the tree builder would tell it.
fn raw_kind(tag: &Tag) -> Option<TokenSinkResult<()>> {
    Some(match &*tag.name {
        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" => TokenSinkResult::RawData(RawKind::Rawtext),
        "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
        "plaintext" => TokenSinkResult::Plaintext,
        _ => return None,
    })
}

fn attr<'a>(tag: &'a Tag, name: &str) -> Option<&'a str> {
    tag.attrs.iter().find(|a| &*a.name.local == name).map(|a| &*a.value)
}

#[derive(Default)]
struct Scan {
    page: RefCell<Page>,
    /// Text being collected: of a JSON-LD script, or of the title.
    open: RefCell<Option<(Collect, String)>>,
}

#[derive(Clone, Copy, PartialEq)]
enum Collect {
    JsonLd,
    Title,
}

impl Scan {
    fn start(&self, tag: &Tag) {
        let mut page = self.page.borrow_mut();
        match &*tag.name {
            "script" if attr(tag, "type").is_some_and(|t| t.to_ascii_lowercase().contains("ld+json")) => {
                *self.open.borrow_mut() = Some((Collect::JsonLd, String::new()));
            }
            "title" if page.title.is_none() => *self.open.borrow_mut() = Some((Collect::Title, String::new())),
            "meta" => {
                let key = attr(tag, "property").or_else(|| attr(tag, "name")).or_else(|| attr(tag, "itemprop"));
                if let (Some(k), Some(v)) = (key, attr(tag, "content")) {
                    page.metas.push((k.trim().to_ascii_lowercase(), v.to_owned()));
                }
            }
            "link" if page.canonical.is_none() => {
                let canonical = attr(tag, "rel").is_some_and(|r| r.split_whitespace().any(|w| w.eq_ignore_ascii_case("canonical")));
                if canonical {
                    page.canonical = attr(tag, "href").map(str::to_owned);
                }
            }
            "input" if attr(tag, "type").is_some_and(|t| t.trim().eq_ignore_ascii_case("password")) => {
                page.password_field = true;
            }
            _ => {}
        }
    }

    fn end(&self, name: &str) {
        let mut open = self.open.borrow_mut();
        let closes = match open.as_ref() {
            Some((Collect::JsonLd, _)) => name == "script",
            Some((Collect::Title, _)) => name == "title",
            None => false,
        };
        if !closes {
            return;
        }
        let Some((what, text)) = open.take() else { return };
        let mut page = self.page.borrow_mut();
        match what {
            Collect::JsonLd => page.json_ld.push(text),
            Collect::Title => page.title = Some(text),
        }
    }
}

impl TokenSink for Scan {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            TagToken(tag) if tag.kind == StartTag => {
                self.start(&tag);
                if !tag.self_closing {
                    if let Some(raw) = raw_kind(&tag) {
                        return raw;
                    }
                }
            }
            TagToken(tag) if tag.kind == EndTag => self.end(&tag.name),
            CharacterTokens(t) => {
                if let Some((_, text)) = self.open.borrow_mut().as_mut() {
                    text.push_str(&t);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Collects the text of a fragment.
#[derive(Default)]
struct Text {
    text: RefCell<String>,
}

impl TokenSink for Text {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            CharacterTokens(t) => self.text.borrow_mut().push_str(&t),
            // A tag inside a value reads as a word break: "Berlin<br>Munich".
            TagToken(_) => self.text.borrow_mut().push(' '),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}
