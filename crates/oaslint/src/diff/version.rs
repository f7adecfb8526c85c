//! `info.version` against the changes (guideline 116: the MAJOR version
//! grows with every incompatible change). When a breaking change of
//! guideline 106 is reported and both versions are semantic versions, a
//! version that stayed, went down, or grew by less than a MAJOR step (a
//! MINOR step below 1.0, as semver allows) is a finding of its own, under
//! oasdiff's ids. Versions that are not semantic versions are not judged:
//! rule 116 already reports their format.

use super::Ctx;
use crate::workspace::Loc;

/// `MAJOR.MINOR` or `MAJOR.MINOR.PATCH`, an optional leading `v`, an
/// optional `-pre-release` and `+build`, which do not count here.
fn parse(version: &str) -> Option<(u64, u64, u64)> {
    let v = version.trim();
    let v = v.strip_prefix(['v', 'V']).unwrap_or(v);
    let core = v.split(['-', '+']).next()?;
    let mut parts = core.split('.');
    let number = |p: Option<&str>| -> Option<u64> {
        let p = p?;
        if p.is_empty()
            || !p.bytes().all(|c| c.is_ascii_digit())
            || (p.len() > 1 && p.starts_with('0'))
        {
            return None;
        }
        p.parse().ok()
    };
    let major = number(parts.next())?;
    let minor = number(parts.next())?;
    let patch = match parts.next() {
        None => 0,
        p => number(p)?,
    };
    parts.next().is_none().then_some((major, minor, patch))
}

pub(crate) fn compare(ctx: &mut Ctx<'_>) {
    if !ctx.has_breaking() {
        return;
    }
    let (Some((b_text, b_at)), Some((h_text, h_at))) = (&ctx.base.version, &ctx.head.version)
    else {
        return;
    };
    let (Some(b), Some(h)) = (parse(b_text), parse(h_text)) else {
        return;
    };
    let (id, detail) = if b_text == h_text || b == h {
        (
            "api-version-not-bumped",
            format!("breaking changes, but info.version is still {h_text}"),
        )
    } else if h < b {
        (
            "api-version-decreased",
            format!("breaking changes, and info.version went down from {b_text} to {h_text}"),
        )
    } else if (b.0 == 0 && h.0 == 0 && h.1 <= b.1) || (b.0 > 0 && h.0 <= b.0) {
        (
            "api-major-version-not-bumped",
            format!(
                "breaking changes, but info.version went from {b_text} to {h_text} without a new {} version",
                if b.0 == 0 { "MINOR (0.x)" } else { "MAJOR" }
            ),
        )
    } else {
        return;
    };
    let (h_at, b_at): (Loc, Loc) = (*h_at, *b_at);
    ctx.report(id, None, detail, h_at, Some(b_at), false);
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn versions_are_semver_or_zalando_major_minor() {
        assert_eq!(parse("1.2.3"), Some((1, 2, 3)));
        assert_eq!(parse("v2.0"), Some((2, 0, 0)));
        assert_eq!(parse("1.0.0-rc.1+b5"), Some((1, 0, 0)));
        for bad in ["v2", "1", "01.2.3", "1.2.3.4", "2024-01-01", "", "1.x"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
