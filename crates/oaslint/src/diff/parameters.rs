//! Parameters of an operation (path, query, header, cookie): added (a new
//! required one breaks every existing call), removed (with the deprecation
//! verdict), moved to another location, required or optional, deprecated,
//! and their schemas compared as request data (a narrower type, a removed
//! enum value, a lower maximum or a new pattern rejects calls that worked).
//!
//! Path parameters are matched by position in the path template, so a
//! renamed `{id}` is the same parameter; others by location and name.

use super::lifecycle::{is_deprecated, Removal};
use super::model::{Operation, Param, ParamKey};
use super::{Ctx, Site};

pub(crate) fn compare(ctx: &mut Ctx<'_>, b: &Operation, h: &Operation) {
    let mut matched = vec![false; h.params.len()];
    for bp in &b.params {
        if let Some(i) = h.params.iter().position(|hp| hp.key == bp.key) {
            matched[i] = true;
            compare_param(ctx, h, bp, &h.params[i]);
            continue;
        }
        // The same name in another location: moved, not removed and added.
        let moved = h.params.iter().enumerate().position(|(i, hp)| {
            !matched[i]
                && hp.name == bp.name
                && hp.location != bp.location
                && !b.params.iter().any(|p| p.key == hp.key)
        });
        if let Some(i) = moved {
            matched[i] = true;
            let hp = &h.params[i];
            ctx.report(
                "request-parameter-location-changed",
                Some(h),
                format!(
                    "parameter `{}` moved from {} to {}",
                    bp.name, bp.location, hp.location
                ),
                ctx.head.side.member(hp.node, "in").unwrap_or(hp.member),
                Some(ctx.base.side.member(bp.node, "in").unwrap_or(bp.member)),
                false,
            );
            continue;
        }
        removed(ctx, h, bp);
    }
    for (i, hp) in h.params.iter().enumerate() {
        if matched[i] {
            continue;
        }
        let (id, word) = if matches!(hp.key, ParamKey::Path(_)) || hp.location == "path" {
            ("new-request-path-parameter", "new")
        } else if hp.required {
            ("new-required-request-parameter", "required")
        } else {
            ("new-optional-request-parameter", "optional")
        };
        ctx.report(
            id,
            Some(h),
            format!("{word} {} parameter `{}` added", hp.location, hp.name),
            hp.member,
            Some(b.params_node),
            false,
        );
    }
}

fn removed(ctx: &mut Ctx<'_>, h: &Operation, bp: &Param) {
    let (id, why) = match Removal::of(&ctx.base.side, bp.node, ctx.options.today) {
        Removal::NotDeprecated => ("request-parameter-removed", String::new()),
        Removal::BeforeSunset(d) => (
            "request-parameter-removed-before-sunset",
            format!(" before its sunset {d}"),
        ),
        Removal::Announced => (
            "request-parameter-removed-with-deprecation",
            ", deprecated without a sunset date".to_string(),
        ),
        Removal::AfterSunset(d) => (
            "request-parameter-removed-with-deprecation",
            format!(", deprecated, sunset {d} passed"),
        ),
        Removal::UnreadableSunset(t) => (
            "request-parameter-sunset-parse",
            format!(", deprecated with x-sunset `{t}`, which is not a date"),
        ),
    };
    ctx.report(
        id,
        Some(h),
        format!("{} parameter `{}` removed{why}", bp.location, bp.name),
        h.params_node,
        Some(bp.member),
        true,
    );
}

fn compare_param(ctx: &mut Ctx<'_>, h: &Operation, bp: &Param, hp: &Param) {
    let (bs, hs) = (ctx.base.side, ctx.head.side);
    let name = format!("{} parameter `{}`", hp.location, hp.name);
    if hp.required && !bp.required {
        ctx.report(
            "request-parameter-became-required",
            Some(h),
            format!("{name} became required"),
            hs.member(hp.node, "required").unwrap_or(hp.member),
            Some(bp.member),
            false,
        );
    } else if bp.required && !hp.required {
        ctx.report(
            "request-parameter-became-optional",
            Some(h),
            format!("{name} became optional"),
            hs.member(hp.node, "required").unwrap_or(hp.member),
            bs.member(bp.node, "required"),
            false,
        );
    }
    match (is_deprecated(&bs, bp.node), is_deprecated(&hs, hp.node)) {
        (false, true) => ctx.report(
            "request-parameter-deprecated",
            Some(h),
            format!("{name} deprecated"),
            hs.member(hp.node, "deprecated").unwrap_or(hp.member),
            Some(bp.member),
            false,
        ),
        (true, false) => ctx.report(
            "request-parameter-reactivated",
            Some(h),
            format!("{name} is no longer deprecated"),
            hp.member,
            bs.member(bp.node, "deprecated"),
            false,
        ),
        _ => {}
    }
    if let (Some(b_schema), Some(h_schema)) = (bp.schema, hp.schema) {
        ctx.compare_schemas(
            h,
            Site::Param {
                location: &hp.location,
                name: &hp.name,
            },
            b_schema,
            h_schema,
        );
    }
}
