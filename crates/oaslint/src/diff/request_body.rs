//! The request body: added (breaking when required), removed, required or
//! optional, its media types (a removed one rejects the clients that send
//! it), and the schema of each media type compared as request data.
//!
//! A Swagger 2.0 `body` parameter and `formData` parameters are a request
//! body here (see `model.rs`), so a migration to 3.x compares bodies.

use super::model::{pair_media, Operation};
use super::{Ctx, Site};

pub(crate) fn compare(ctx: &mut Ctx<'_>, b: &Operation, h: &Operation) {
    let (bs, hs) = (ctx.base.side, ctx.head.side);
    let (bb, hb) = match (&b.body, &h.body) {
        (None, None) => return,
        (None, Some(hb)) => {
            let (id, word) = if hb.required {
                ("request-body-added-required", "required")
            } else {
                ("request-body-added-optional", "optional")
            };
            ctx.report(
                id,
                Some(h),
                format!("{word} request body added"),
                hb.member,
                Some(b.member),
                false,
            );
            return;
        }
        (Some(bb), None) => {
            ctx.report(
                "request-body-removed",
                Some(h),
                "request body removed".into(),
                h.member,
                Some(bb.member),
                true,
            );
            return;
        }
        (Some(bb), Some(hb)) => (bb, hb),
    };
    if hb.required && !bb.required {
        ctx.report(
            "request-body-became-required",
            Some(h),
            "request body became required".into(),
            hs.member(hb.node, "required").unwrap_or(hb.member),
            Some(bb.member),
            false,
        );
    } else if bb.required && !hb.required {
        ctx.report(
            "request-body-became-optional",
            Some(h),
            "request body became optional".into(),
            hs.member(hb.node, "required").unwrap_or(hb.member),
            bs.member(bb.node, "required").or(Some(bb.member)),
            false,
        );
    }
    let (pairs, removed, added) = pair_media(&bb.content, &hb.content);
    for m in removed {
        ctx.report(
            "request-body-media-type-removed",
            Some(h),
            format!("request media type {} removed", m.name),
            hb.content_node,
            Some(m.node),
            true,
        );
    }
    for m in added {
        ctx.report(
            "request-body-media-type-added",
            Some(h),
            format!("request media type {} added", m.name),
            m.node,
            Some(bb.content_node),
            false,
        );
    }
    for (bm, hm) in pairs {
        if let (Some(b_schema), Some(h_schema)) = (bm.schema, hm.schema) {
            ctx.compare_schemas(h, Site::Body { media: &hm.name }, b_schema, h_schema);
        }
    }
}
