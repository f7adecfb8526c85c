//! The files that ship oaslint agree with each other: the container image
//! copies the static musl build that the release workflow builds, the CI
//! templates pin the version in Cargo.toml, and every place that names the
//! project's home names the one in Cargo.toml (no placeholder URL).
//! Docker is not available where the tests run, so the Dockerfile is read,
//! not built.

use oaslint::{Document, Limits};
use oaslint_acceptance::root;

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// `key = "value"` of a section of Cargo.toml (the workspace manifest).
fn cargo_toml(section: &str, key: &str) -> String {
    let manifest = read("Cargo.toml");
    let body = manifest
        .split(&format!("[{section}]\n"))
        .nth(1)
        .unwrap_or_else(|| panic!("Cargo.toml has [{section}]"));
    let body = body.split("\n[").next().unwrap();
    body.lines()
        .find_map(|line| line.strip_prefix(&format!("{key} = \"")))
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap_or_else(|| panic!("[{section}] {key}"))
        .to_string()
}

/// The Dockerfile's instructions, continuation lines joined, comments out.
fn dockerfile() -> Vec<String> {
    let text = read("Dockerfile").replace("\\\n", " ");
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn the_image_is_the_static_release_build_on_scratch_run_as_a_non_root_user() {
    let lines = dockerfile();
    let stages: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].starts_with("FROM "))
        .collect();
    assert_eq!(stages.len(), 2, "multi-stage: a builder and the image");
    let (builder, image) = (&lines[stages[0]..stages[1]], &lines[stages[1]..]);

    // The builder builds the musl release target with --locked, on the
    // Rust version the release workflow uses (rust-version), with the same
    // command.
    assert!(builder[0].ends_with(" AS builder"), "{}", builder[0]);
    let rust_version = cargo_toml("workspace.package", "rust-version");
    assert!(lines.contains(&format!("ARG RUST_VERSION={rust_version}")));
    assert!(builder[0].contains("rust:${RUST_VERSION}-slim-bookworm"));
    let release_yml = read(".github/workflows/release.yml");
    let build = "cargo build --release --locked -p oaslint-cli --target";
    assert!(release_yml.contains(&format!("{build} \"$TARGET\"")));
    let builder_text = builder.join("\n");
    assert!(builder_text.contains(&format!("{build} \"$target\"")));
    assert!(builder_text.contains("amd64) echo x86_64-unknown-linux-musl > /target"));
    assert!(builder_text.contains("arm64) echo aarch64-unknown-linux-musl > /target"));
    // The file copied out is that build's binary, at the path the release
    // workflow packs (scripts/package-release.sh).
    assert!(builder_text.contains("cp \"target/$target/release/oaslint\" /out/oaslint"));
    assert!(read("scripts/package-release.sh").contains("binary=${4:-target/$target/release/$exe}"));

    // The image: nothing but the binary (and two empty folders).
    assert_eq!(image[0], "FROM scratch");
    let copies: Vec<&String> = image.iter().filter(|l| l.starts_with("COPY ")).collect();
    assert_eq!(
        copies,
        [
            "COPY --from=builder /out/oaslint /usr/local/bin/oaslint",
            "COPY --from=builder --chown=65532:65532 /out/work /work",
            "COPY --from=builder --chown=65532:65532 /out/tmp /tmp",
        ]
    );
    assert!(image.contains(&"ENV PATH=/usr/local/bin".to_string()));
    let users: Vec<&String> = image.iter().filter(|l| l.starts_with("USER ")).collect();
    assert_eq!(users, ["USER 65532:65532"], "one non-root user, numeric");
    let entrypoints: Vec<&String> = image
        .iter()
        .filter(|l| l.starts_with("ENTRYPOINT "))
        .collect();
    assert_eq!(entrypoints, [r#"ENTRYPOINT ["oaslint"]"#]);

    // OCI labels; the version and revision come from build arguments
    // declared in the image's stage (an ARG before FROM is not seen there).
    let image_text = image.join("\n");
    for arg in ["ARG VERSION=", "ARG REVISION=", "ARG CREATED="] {
        assert!(image_text.contains(arg), "{arg}");
    }
    let home = cargo_toml("workspace.package", "repository");
    let licence = cargo_toml("workspace.package", "license");
    for label in [
        "org.opencontainers.image.version=\"${VERSION}\"".to_string(),
        "org.opencontainers.image.revision=\"${REVISION}\"".to_string(),
        "org.opencontainers.image.created=\"${CREATED}\"".to_string(),
        format!("org.opencontainers.image.source=\"{home}\""),
        format!("org.opencontainers.image.licenses=\"{licence}\""),
        "org.opencontainers.image.title=\"oaslint\"".to_string(),
    ] {
        assert!(image_text.contains(&label), "label {label}");
    }

    // The build context leaves out build output and history.
    let ignore = read(".dockerignore");
    for entry in ["target/", ".git/", "**/node_modules/"] {
        assert!(ignore.lines().any(|l| l == entry), "{entry}");
    }
}

/// Values of `key` anywhere in a YAML file, as text.
fn yaml_values(rel: &str, key: &str) -> Vec<String> {
    fn walk(node: oaslint::NodeRef<'_>, key: &str, out: &mut Vec<String>) {
        if let Some(entries) = node.entries() {
            for (k, value) in entries {
                if k == key {
                    out.extend(value.scalar_text());
                }
                walk(value, key, out);
            }
        } else if let Some(items) = node.items() {
            items.for_each(|item| walk(item, key, out));
        }
    }
    let doc = Document::parse(rel, read(rel), &Limits::default()).unwrap();
    let mut out = Vec::new();
    walk(doc.root().unwrap(), key, &mut out);
    out
}

#[test]
fn the_templates_and_the_readme_pin_the_version_in_cargo_toml() {
    let version = cargo_toml("workspace.package", "version");
    let github = "ci-templates/github-actions.yml";
    assert!(yaml_values(github, "uses").contains(&format!("oaslint/oaslint@v{version}")));
    assert_eq!(
        yaml_values(github, "version"),
        std::slice::from_ref(&version)
    );
    let azure = read("ci-templates/azure-pipelines.yml");
    assert!(
        azure.contains(&format!(
            "  - name: version\n    type: string\n    default: {version}\n"
        )),
        "the Azure template's version parameter defaults to {version}"
    );
    let readme = read("README.md");
    assert!(readme.contains(&format!("OASLINT_VERSION={version} ")));
    assert!(readme.contains(&format!("oaslint/oaslint@v{version}")));
}

/// Every file that downloads or describes a release names the project's
/// home as Cargo.toml does, and none has a placeholder.
#[test]
fn the_release_files_name_the_project_home_of_cargo_toml() {
    let home = cargo_toml("workspace.package", "repository");
    assert!(!home.contains("example.invalid"), "Cargo.toml: {home}");
    let files = [
        "install.sh",
        "install.ps1",
        "action.yml",
        "Dockerfile",
        "README.md",
        "ci-templates/github-actions.yml",
        "ci-templates/azure-pipelines.yml",
        ".github/workflows/release.yml",
        ".azure/release-pipeline.yml",
        "docs/pull-request-pipeline.md",
        "docs/release.md",
    ];
    for file in files {
        let text = read(file);
        assert!(!text.contains("example.invalid"), "{file}");
    }
    for file in [
        "install.sh",
        "install.ps1",
        "ci-templates/azure-pipelines.yml",
    ] {
        assert!(
            read(file).contains(&format!("{home}/releases")),
            "{file} downloads from {home}/releases"
        );
    }
    assert!(read("docs/release.md").contains(&home));
}
