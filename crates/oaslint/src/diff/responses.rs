//! Responses: statuses added and removed (a removed success status breaks
//! clients that expect it; other statuses are changelog entries), media
//! types added and removed, and the schema of each media type compared as
//! response data (a removed or optional property, a wider type, a new enum
//! value unless `x-extensible-enum`).
//!
//! A Swagger 2.0 response `schema` is one media type per `produces`.
//!
//! Response headers are matched by name, case-insensitively: a removed
//! header breaks clients that read it (surely if it was required), an
//! optional one no longer guaranteed breaks them too, and each header's
//! schema is compared as response data.

use super::model::{pair_media, Operation, Response};
use super::{Ctx, Site};

/// `2XX` ranges and `2xx` codes are success statuses.
fn is_success(status: &str) -> bool {
    status.starts_with('2')
}

pub(crate) fn compare(ctx: &mut Ctx<'_>, b: &Operation, h: &Operation) {
    for br in &b.responses {
        let Some(hr) = h.responses.iter().find(|r| r.status == br.status) else {
            let (id, word) = if is_success(&br.status) {
                ("response-success-status-removed", "success")
            } else {
                ("response-non-success-status-removed", "non-success")
            };
            ctx.report(
                id,
                Some(h),
                format!("{word} response {} removed", br.status),
                h.responses_node,
                Some(br.member),
                true,
            );
            continue;
        };
        let (pairs, removed, added) = pair_media(&br.content, &hr.content);
        for m in removed {
            ctx.report(
                "response-media-type-removed",
                Some(h),
                format!("response {}: media type {} removed", hr.status, m.name),
                hr.content_node,
                Some(m.node),
                true,
            );
        }
        for m in added {
            ctx.report(
                "response-media-type-added",
                Some(h),
                format!("response {}: media type {} added", hr.status, m.name),
                m.node,
                Some(br.content_node),
                false,
            );
        }
        compare_headers(ctx, h, br, hr);
        for (bm, hm) in pairs {
            if let (Some(b_schema), Some(h_schema)) = (bm.schema, hm.schema) {
                ctx.compare_schemas(
                    h,
                    Site::Response {
                        status: &hr.status,
                        media: &hm.name,
                    },
                    b_schema,
                    h_schema,
                );
            }
        }
    }
    for hr in &h.responses {
        if b.responses.iter().any(|r| r.status == hr.status) {
            continue;
        }
        let (id, word) = if is_success(&hr.status) {
            ("response-success-status-added", "success")
        } else {
            ("response-non-success-status-added", "non-success")
        };
        ctx.report(
            id,
            Some(h),
            format!("{word} response {} added", hr.status),
            hr.member,
            Some(b.responses_node),
            false,
        );
    }
}

/// The headers of one response status in both versions.
fn compare_headers(ctx: &mut Ctx<'_>, op: &Operation, br: &Response, hr: &Response) {
    let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    for bh in &br.headers {
        let Some(hh) = hr.headers.iter().find(|h| same(&h.name, &bh.name)) else {
            let (id, word) = if bh.required {
                ("required-response-header-removed", "required")
            } else {
                ("optional-response-header-removed", "optional")
            };
            ctx.report(
                id,
                Some(op),
                format!(
                    "response {}: {word} header `{}` removed",
                    hr.status, bh.name
                ),
                hr.headers_node,
                Some(bh.member),
                true,
            );
            continue;
        };
        if bh.required && !hh.required {
            let head = ctx
                .head
                .side
                .member(hh.node, "required")
                .unwrap_or(hh.member);
            let base = ctx
                .base
                .side
                .member(bh.node, "required")
                .unwrap_or(bh.member);
            ctx.report(
                "response-header-became-optional",
                Some(op),
                format!(
                    "response {}: header `{}` became optional",
                    hr.status, hh.name
                ),
                head,
                Some(base),
                false,
            );
        }
        if let (Some(b_schema), Some(h_schema)) = (bh.schema, hh.schema) {
            ctx.compare_schemas(
                op,
                Site::Header {
                    status: &hr.status,
                    name: &hh.name,
                },
                b_schema,
                h_schema,
            );
        }
    }
    for hh in &hr.headers {
        if br.headers.iter().any(|b| same(&b.name, &hh.name)) {
            continue;
        }
        ctx.report(
            "response-header-added",
            Some(op),
            format!("response {}: header `{}` added", hr.status, hh.name),
            hh.member,
            Some(br.headers_node),
            false,
        );
    }
}
