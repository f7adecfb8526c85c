//! Security requirements. An operation's `security` (else the root's) is a
//! list of alternatives; each alternative names schemes that must all be
//! met, with scopes. A client that met some alternative before is locked
//! out when no alternative of HEAD asks for a subset of it: that is
//! `api-security-narrowed`, breaking. Adding an alternative, dropping a
//! scope or the whole requirement are not; every requirement and scope
//! added or removed is listed for the changelog under oasdiff's ids.

use super::model::{Operation, Side};
use super::Ctx;
use crate::workspace::Loc;
use std::collections::BTreeMap;

/// One alternative: scheme name → scopes.
type Requirement = BTreeMap<String, Vec<String>>;

fn read(side: &Side<'_>, list: Option<Loc>) -> Option<Vec<Requirement>> {
    let list = side.follow(list?);
    Some(
        side.items(list)
            .map(|item| {
                side.entries(side.follow(item))
                    .map(|(scheme, scopes)| {
                        let mut scopes: Vec<String> = side
                            .items(side.follow(scopes))
                            .filter_map(|s| side.str(s).map(str::to_string))
                            .collect();
                        scopes.sort();
                        (scheme.to_string(), scopes)
                    })
                    .collect()
            })
            .collect(),
    )
}

/// What a requirement needs, for messages: `oauth[read, write] + key`.
fn describe(r: &Requirement) -> String {
    if r.is_empty() {
        return "no credentials".into();
    }
    r.iter()
        .map(|(scheme, scopes)| {
            if scopes.is_empty() {
                scheme.clone()
            } else {
                format!("{scheme}[{}]", scopes.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Whether a client holding what `held` asks for meets `needed`.
fn covers(held: &Requirement, needed: &Requirement) -> bool {
    needed.iter().all(|(scheme, scopes)| {
        held.get(scheme)
            .is_some_and(|have| scopes.iter().all(|s| have.contains(s)))
    })
}

/// The requirements that apply: none given means anyone may call.
fn effective(reqs: Option<Vec<Requirement>>) -> Vec<Requirement> {
    match reqs {
        Some(r) if !r.is_empty() => r,
        _ => vec![Requirement::new()],
    }
}

pub(crate) fn compare_operation(ctx: &mut Ctx<'_>, b: &Operation, h: &Operation) {
    let (bs, hs) = (ctx.base.side, ctx.head.side);
    let b_reqs = effective(read(&bs, b.security));
    let h_reqs = effective(read(&hs, h.security));
    if b_reqs == h_reqs {
        return;
    }
    let h_at = h.security.unwrap_or(h.member);
    let b_at = b.security.unwrap_or(b.member);
    let locked_out: Vec<String> = b_reqs
        .iter()
        .filter(|held| !h_reqs.iter().any(|needed| covers(held, needed)))
        .map(describe)
        .collect();
    if !locked_out.is_empty() {
        ctx.report(
            "api-security-narrowed",
            Some(h),
            format!(
                "a client calling with {} is no longer let in (HEAD requires {})",
                locked_out.join(" or "),
                h_reqs.iter().map(describe).collect::<Vec<_>>().join(" or ")
            ),
            h_at,
            Some(b_at),
            false,
        );
    }
    // The changelog lists what the operation itself says; inherited root
    // requirements are listed once, by `compare_root`.
    let own = |side: &Side<'_>, op: &Operation| side.member(op.node, "security").is_some();
    if !own(&bs, b) && !own(&hs, h) {
        return;
    }
    let schemes = |r: &Requirement| r.keys().cloned().collect::<Vec<_>>();
    // "No authentication" is not a requirement to list.
    for hr in h_reqs.iter().filter(|r| !r.is_empty()) {
        match b_reqs.iter().find(|br| schemes(br) == schemes(hr)) {
            None => ctx.report(
                "api-security-added",
                Some(h),
                format!("security requirement {} added", describe(hr)),
                h_at,
                Some(b_at),
                false,
            ),
            Some(br) => {
                for (scheme, scopes) in hr {
                    for scope in scopes {
                        if !br[scheme].contains(scope) {
                            ctx.report(
                                "api-security-scope-added",
                                Some(h),
                                format!("scope `{scope}` added to security scheme {scheme}"),
                                h_at,
                                Some(b_at),
                                false,
                            );
                        }
                    }
                    for scope in &br[scheme] {
                        if !scopes.contains(scope) {
                            ctx.report(
                                "api-security-scope-removed",
                                Some(h),
                                format!("scope `{scope}` removed from security scheme {scheme}"),
                                h_at,
                                Some(b_at),
                                true,
                            );
                        }
                    }
                }
            }
        }
    }
    for br in b_reqs.iter().filter(|r| !r.is_empty()) {
        if !h_reqs.iter().any(|hr| schemes(br) == schemes(hr)) {
            ctx.report(
                "api-security-removed",
                Some(h),
                format!("security requirement {} removed", describe(br)),
                h_at,
                Some(b_at),
                true,
            );
        }
    }
}

/// The root `security` list, once.
pub(crate) fn compare_root(ctx: &mut Ctx<'_>) {
    let (bs, hs) = (ctx.base.side, ctx.head.side);
    let b_reqs = read(&bs, ctx.base.security).unwrap_or_default();
    let h_reqs = read(&hs, ctx.head.security).unwrap_or_default();
    let root = Loc::new(0, crate::tree::Tree::ROOT);
    let h_at = ctx.head.security.unwrap_or(root);
    let b_at = ctx.base.security.unwrap_or(root);
    for hr in &h_reqs {
        if !b_reqs.contains(hr) {
            ctx.report(
                "api-global-security-added",
                None,
                format!("root security requirement {} added", describe(hr)),
                h_at,
                Some(b_at),
                false,
            );
        }
    }
    for br in &b_reqs {
        if !h_reqs.contains(br) {
            ctx.report(
                "api-global-security-removed",
                None,
                format!("root security requirement {} removed", describe(br)),
                h_at,
                Some(b_at),
                true,
            );
        }
    }
}
