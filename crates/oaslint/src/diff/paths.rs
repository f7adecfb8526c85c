//! Paths and operations: added, removed (with the deprecation verdict),
//! `operationId`, deprecation and sunset, `x-stability-level`; then each
//! operation present in both versions is handed to the parameter, request
//! body, response and security comparisons.
//!
//! Operations are matched by method and path template with parameter
//! names blanked, so renaming `{id}` to `{petId}` is not a removal.
//! Operations whose base `x-stability-level` is draft or alpha promise
//! nothing and are skipped unless `include_unstable` is set.
//!
//! OpenAPI 3.1 webhooks are matched by name; the operations of a webhook
//! in both versions are compared like a path's (the model keeps them under
//! `webhook:<name>`), with the same checks and levels, as oasdiff does.

use super::lifecycle::{is_deprecated, sunset, Removal, Stability};
use super::model::{normalise_path, Operation, WEBHOOK_PREFIX};
use super::{parameters, request_body, responses, security, Ctx};

pub(crate) fn compare(ctx: &mut Ctx<'_>) {
    let (base, head) = (ctx.base, ctx.head);
    for b in &base.operations {
        let key = (b.method, normalise_path(&b.path));
        match head.index.get(&key) {
            Some(&i) => compare_operation(ctx, b, &head.operations[i]),
            // The operations of a removed webhook are `webhook-removed`.
            None if in_webhook(b) && !head.path_items.contains_key(&key.1) => {}
            None => removed(ctx, b, &key.1),
        }
    }
    for h in &head.operations {
        let key = (h.method, normalise_path(&h.path));
        if base.index.contains_key(&key)
            // The operations of an added webhook are `webhook-added`.
            || (in_webhook(h) && !base.path_items.contains_key(&key.1))
        {
            continue;
        }
        match Stability::of(&head.side, h.node) {
            Ok(level) if !level.is_promised() && !ctx.options.include_unstable => continue,
            Err(text) => invalid_stability(ctx, h, &text, true),
            _ => {}
        }
        ctx.report(
            "endpoint-added",
            Some(h),
            "operation added".into(),
            h.member,
            None,
            false,
        );
    }
    compare_webhooks(ctx);
}

/// Whether `op` belongs to a webhook rather than to a path.
fn in_webhook(op: &Operation) -> bool {
    op.path.starts_with(WEBHOOK_PREFIX)
}

/// OpenAPI 3.1 webhooks, matched by name: added and removed. The
/// operations of a webhook that stays are compared with the paths' (see
/// `compare`), under the checks of a path, as oasdiff does.
fn compare_webhooks(ctx: &mut Ctx<'_>) {
    let (base, head) = (ctx.base, ctx.head);
    for (name, member) in &base.webhooks {
        if !head.webhooks.iter().any(|(n, _)| n == name) {
            ctx.report(
                "webhook-removed",
                None,
                format!("webhook `{name}` removed"),
                head.webhooks_node,
                Some(*member),
                true,
            );
        }
    }
    for (name, member) in &head.webhooks {
        if !base.webhooks.iter().any(|(n, _)| n == name) {
            ctx.report(
                "webhook-added",
                None,
                format!("webhook `{name}` added"),
                *member,
                None,
                false,
            );
        }
    }
}

fn invalid_stability(ctx: &mut Ctx<'_>, op: &Operation, text: &str, in_head: bool) {
    let detail = format!(
        "x-stability-level `{text}` is not one of draft, alpha, beta, stable{}",
        if in_head { "" } else { " (in the base)" }
    );
    if in_head {
        let at = ctx
            .head
            .side
            .member(op.node, "x-stability-level")
            .unwrap_or(op.member);
        ctx.report(
            "api-invalid-stability-level",
            Some(op),
            detail,
            at,
            None,
            false,
        );
    } else {
        let at = ctx
            .base
            .side
            .member(op.node, "x-stability-level")
            .unwrap_or(op.member);
        // Located at the operation in HEAD, if it is still there.
        let head_at = ctx
            .head
            .index
            .get(&(op.method, normalise_path(&op.path)))
            .map(|&i| ctx.head.operations[i].member)
            .unwrap_or(ctx.head.paths_node);
        ctx.report(
            "api-invalid-stability-level",
            Some(op),
            detail,
            head_at,
            Some(at),
            false,
        );
    }
}

fn removed(ctx: &mut Ctx<'_>, b: &Operation, key: &str) {
    match Stability::of(&ctx.base.side, b.node) {
        Ok(level) if !level.is_promised() && !ctx.options.include_unstable => return,
        Err(text) => {
            invalid_stability(ctx, b, &text, false);
            return;
        }
        _ => {}
    }
    // A path item that survives (with other operations) is the nearest
    // part of HEAD; else the whole path went and `/paths` is.
    let surviving = ctx.head.path_items.get(key).map(|p| p.1);
    let whole_path = surviving.is_none();
    let (id, why) = match Removal::of(&ctx.base.side, b.node, ctx.options.today) {
        Removal::NotDeprecated => (
            if whole_path {
                "api-path-removed-without-deprecation"
            } else {
                "api-removed-without-deprecation"
            },
            " without deprecation".to_string(),
        ),
        Removal::BeforeSunset(d) => (
            if whole_path {
                "api-path-removed-before-sunset"
            } else {
                "api-removed-before-sunset"
            },
            format!(" before its sunset {d}"),
        ),
        Removal::Announced => (
            if whole_path {
                "api-path-removed-with-deprecation"
            } else {
                "api-removed-with-deprecation"
            },
            ", deprecated without a sunset date".to_string(),
        ),
        Removal::AfterSunset(d) => (
            if whole_path {
                "api-path-removed-with-deprecation"
            } else {
                "api-removed-with-deprecation"
            },
            format!(", deprecated, sunset {d} passed"),
        ),
        Removal::UnreadableSunset(t) => (
            "api-path-sunset-parse",
            format!(", deprecated with x-sunset `{t}`, which is not a date"),
        ),
    };
    let what = if whole_path { "path" } else { "operation" };
    ctx.report(
        id,
        Some(b),
        format!("{what} removed{why}"),
        surviving.unwrap_or(ctx.head.paths_node),
        Some(b.member),
        true,
    );
}

fn compare_operation(ctx: &mut Ctx<'_>, b: &Operation, h: &Operation) {
    let (bs, hs) = (ctx.base.side, ctx.head.side);
    let base_level = Stability::of(&bs, b.node);
    let head_level = Stability::of(&hs, h.node);
    if let Err(text) = &base_level {
        invalid_stability(ctx, b, text, false);
    }
    if let Err(text) = &head_level {
        invalid_stability(ctx, h, text, true);
    }
    if let Ok(level) = base_level {
        if !level.is_promised() && !ctx.options.include_unstable {
            return;
        }
    }
    if let (Ok(from), Ok(to)) = (base_level, head_level) {
        if from != to {
            let id = if to < from {
                "api-stability-decreased"
            } else {
                "api-stability-increased"
            };
            ctx.report(
                id,
                Some(h),
                format!(
                    "x-stability-level changed from {} to {}",
                    from.name(),
                    to.name()
                ),
                hs.member(h.node, "x-stability-level").unwrap_or(h.member),
                Some(bs.member(b.node, "x-stability-level").unwrap_or(b.member)),
                false,
            );
        }
    }

    operation_id(ctx, b, h);
    deprecation(ctx, b, h);
    parameters::compare(ctx, b, h);
    request_body::compare(ctx, b, h);
    responses::compare(ctx, b, h);
    security::compare_operation(ctx, b, h);
}

fn operation_id(ctx: &mut Ctx<'_>, b: &Operation, h: &Operation) {
    let (bs, hs) = (ctx.base.side, ctx.head.side);
    let b_member = bs.member(b.node, "operationId");
    let h_member = hs.member(h.node, "operationId");
    let b_id = b_member.and_then(|m| bs.str(m));
    let h_id = h_member.and_then(|m| hs.str(m));
    match (b_id, h_id) {
        (Some(x), Some(y)) if x != y => ctx.report(
            "api-operation-id-removed",
            Some(h),
            format!("operationId changed from `{x}` to `{y}`"),
            h_member.unwrap_or(h.member),
            b_member,
            false,
        ),
        (Some(x), None) => ctx.report(
            "api-operation-id-removed",
            Some(h),
            format!("operationId `{x}` removed"),
            h.member,
            b_member,
            true,
        ),
        (None, Some(y)) => ctx.report(
            "api-operation-id-added",
            Some(h),
            format!("operationId `{y}` added"),
            h_member.unwrap_or(h.member),
            Some(b.member),
            false,
        ),
        _ => {}
    }
}

fn deprecation(ctx: &mut Ctx<'_>, b: &Operation, h: &Operation) {
    let (bs, hs) = (ctx.base.side, ctx.head.side);
    let (b_dep, h_dep) = (is_deprecated(&bs, b.node), is_deprecated(&hs, h.node));
    let h_deprecated_at = hs.member(h.node, "deprecated").unwrap_or(h.member);
    let h_sunset_at = hs.member(h.node, "x-sunset");
    let b_sunset_at = bs.member(b.node, "x-sunset");
    let (b_sunset, h_sunset) = (sunset(&bs, b.node), sunset(&hs, h.node));
    if h_dep && !b_dep {
        let (id, detail, at) = match &h_sunset {
            None => (
                "endpoint-deprecated",
                "operation deprecated without a sunset date".to_string(),
                h_deprecated_at,
            ),
            Some(Ok(d)) => (
                "endpoint-deprecated-with-sunset",
                format!("operation deprecated, sunset {d}"),
                h_deprecated_at,
            ),
            Some(Err(t)) => (
                "api-deprecated-sunset-parse",
                format!("operation deprecated with x-sunset `{t}`, which is not a date"),
                h_sunset_at.unwrap_or(h_deprecated_at),
            ),
        };
        ctx.report(id, Some(h), detail, at, Some(b.member), false);
        return;
    }
    if b_dep && !h_dep {
        ctx.report(
            "endpoint-reactivated",
            Some(h),
            "operation is no longer deprecated".into(),
            h.member,
            bs.member(b.node, "deprecated"),
            false,
        );
        return;
    }
    if !(b_dep && h_dep) {
        return;
    }
    match (&b_sunset, &h_sunset) {
        (Some(_), None) => ctx.report(
            "sunset-deleted",
            Some(h),
            "x-sunset removed from an operation that stays deprecated".into(),
            h_deprecated_at,
            b_sunset_at,
            true,
        ),
        (b_sunset, Some(Err(t))) if b_sunset.as_ref().and_then(|s| s.as_ref().err()) != Some(t) => {
            ctx.report(
                "api-deprecated-sunset-parse",
                Some(h),
                format!("x-sunset `{t}` of a deprecated operation is not a date"),
                h_sunset_at.unwrap_or(h_deprecated_at),
                b_sunset_at.or(Some(b.member)),
                false,
            )
        }
        (Some(Ok(x)), Some(Ok(y))) if y < x => ctx.report(
            "api-sunset-date-changed-too-small",
            Some(h),
            format!("sunset moved earlier, from {x} to {y}"),
            h_sunset_at.unwrap_or(h_deprecated_at),
            b_sunset_at,
            false,
        ),
        _ => {}
    }
}
