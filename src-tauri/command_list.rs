// The app's command list has one home: the `generate_handler![…]` of
// src/lib.rs. build.rs reads it from there for the app manifest (so that
// nothing else is allowed), and it, with tests/command_list.rs, checks that
// capabilities/main.json allows exactly those. Included by both
// (`include!`), so it is plain functions on text.

/// The command names of `generate_handler![…]` in lib.rs's text, in order.
pub fn handler_commands(lib_rs: &str) -> Vec<String> {
    let Some(start) = lib_rs.find("generate_handler![") else { return Vec::new() };
    let body = &lib_rs[start + "generate_handler![".len()..];
    let body = &body[..body.find(']').unwrap_or(body.len())];
    body.split(',')
        .map(|p| p.trim())
        .filter(|p| !p.is_empty() && !p.starts_with("//"))
        .map(|p| p.rsplit("::").next().unwrap_or(p).to_owned())
        .collect()
}

/// The commands capabilities/main.json allows (`"allow-app-info"` is
/// `app_info`), in order; the core:… permissions are not commands.
pub fn capability_commands(json: &str) -> Vec<String> {
    json.split('"')
        .filter_map(|s| s.strip_prefix("allow-"))
        .map(|s| s.replace('-', "_"))
        .collect()
}

/// What differs between the two lists, in words; None when they agree.
pub fn difference(handlers: &[String], allowed: &[String]) -> Option<String> {
    let missing: Vec<&String> = handlers.iter().filter(|c| !allowed.contains(c)).collect();
    let extra: Vec<&String> = allowed.iter().filter(|c| !handlers.contains(c)).collect();
    if missing.is_empty() && extra.is_empty() {
        return None;
    }
    Some(format!(
        "capabilities/main.json and src/lib.rs's generate_handler! disagree: not allowed {missing:?} \
         (add \"allow-…\" with dashes); allowed but no such command {extra:?}"
    ))
}
