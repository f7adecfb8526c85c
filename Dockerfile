# syntax=docker/dockerfile:1
# The oaslint container image: the static musl release build
# (docs/release.md) on an empty (`scratch`) base, run as a non-root user.
#
#   docker build --build-arg VERSION=0.1.0 --build-arg REVISION=$(git rev-parse HEAD) -t oaslint .
#   docker run --rm -v "$PWD:/work" -w /work oaslint lint 'apis/**/*.yaml'
#
# The builder runs on the build machine's platform and compiles for the
# image's platform (TARGETARCH) against the musl the Rust target ships
# (oaslint has no C code), so a multi-platform build needs no emulation:
#   docker buildx build --platform linux/amd64,linux/arm64 .

ARG RUST_VERSION=1.95

FROM --platform=$BUILDPLATFORM rust:${RUST_VERSION}-slim-bookworm AS builder
ARG TARGETARCH
WORKDIR /src
# The release target for the image's architecture.
RUN case "$TARGETARCH" in \
      amd64) echo x86_64-unknown-linux-musl > /target ;; \
      arm64) echo aarch64-unknown-linux-musl > /target ;; \
      *) echo "no release target for $TARGETARCH" >&2; exit 1 ;; \
    esac \
 && rustup target add "$(cat /target)"
COPY . .
ARG BUILDARCH
# A native build links with the image's cc, as the release workflow does; a
# cross build (arm64 image on an amd64 builder, or the reverse) links with
# rust-lld, which needs no C cross toolchain.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    target="$(cat /target)" \
 && if [ "$BUILDARCH" != "$TARGETARCH" ]; then \
      export "CARGO_TARGET_$(echo "$target" | tr 'a-z-' 'A-Z_')_LINKER=rust-lld"; \
    fi \
 && cargo build --release --locked -p oaslint-cli --target "$target" \
 && mkdir -p /out \
 && cp "target/$target/release/oaslint" /out/oaslint \
 && mkdir -p /out/work /out/tmp

FROM scratch
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
ARG CREATED=1970-01-01T00:00:00Z
LABEL org.opencontainers.image.title="oaslint" \
      org.opencontainers.image.description="Checks OpenAPI documents against API guidelines (Zalando's RESTful API guidelines built in)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="https://github.com/oaslint/oaslint" \
      org.opencontainers.image.url="https://github.com/oaslint/oaslint" \
      org.opencontainers.image.documentation="https://github.com/oaslint/oaslint#install" \
      org.opencontainers.image.licenses="MIT OR Apache-2.0"
COPY --from=builder /out/oaslint /usr/local/bin/oaslint
# A writable working folder and /tmp for a user with no home; specs are
# mounted at /work.
COPY --from=builder --chown=65532:65532 /out/work /work
COPY --from=builder --chown=65532:65532 /out/tmp /tmp
# No passwd file on scratch: a numeric user and group.
USER 65532:65532
WORKDIR /work
ENV PATH=/usr/local/bin
ENTRYPOINT ["oaslint"]
CMD ["--help"]
