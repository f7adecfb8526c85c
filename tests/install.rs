//! The install scripts (`install.sh`, `install.ps1`) as a user or pipeline
//! runs them: `install.sh` downloads from a file server on 127.0.0.1 that
//! serves a fake release (a `.tar.gz` holding a small `oaslint` shell script,
//! and `SHA256SUMS`), installs only what matches its checksum, and leaves the
//! install folder untouched otherwise.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

/// Every release target install.sh can pick on a Unix machine; the fake
/// release has an archive for each, so the tests run on any of them.
const UNIX_TARGETS: &[&str] = &[
    "x86_64-unknown-linux-musl",
    "aarch64-unknown-linux-musl",
    "x86_64-apple-darwin",
    "aarch64-apple-darwin",
];

/// A file server on 127.0.0.1 for one test: `GET /a/b` answers the file
/// `<root>/a/b`, anything else 404. It records the paths asked for.
struct FileServer {
    url: String,
    requests: Arc<Mutex<Vec<String>>>,
}

impl FileServer {
    fn start(root: &Path) -> FileServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (root, log) = (root.to_path_buf(), Arc::clone(&requests));
        // The thread ends with the test binary; each test has its own port.
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let _ = serve(stream, &root, &log);
            }
        });
        FileServer { url, requests }
    }

    fn requested(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

/// Answers one HTTP/1.x request and closes the connection.
fn serve(stream: TcpStream, root: &Path, log: &Mutex<Vec<String>>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // The headers are not needed; read them up to the blank line.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let path = request_line.split(' ').nth(1).unwrap_or("/").to_string();
    log.lock().unwrap().push(path.clone());
    let file = Some(path.trim_start_matches('/'))
        .filter(|p| !p.split('/').any(|part| part == ".." || part.is_empty()))
        .map(|p| root.join(p))
        .filter(|p| p.is_file());
    let mut stream = stream;
    match file {
        Some(file) => {
            let body = std::fs::read(file)?;
            write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n",
                body.len()
            )?;
            stream.write_all(&body)?;
        }
        None => {
            stream.write_all(
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 10\r\nConnection: close\r\n\r\nnot found\n",
            )?;
        }
    }
    stream.flush()
}

/// A fake release folder in the layout of GitHub's release downloads.
struct FakeRelease {
    dir: tempfile::TempDir,
}

impl FakeRelease {
    fn new() -> FakeRelease {
        FakeRelease {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// `download/v<version>/` (and `latest/download/` when `latest`): one
    /// archive per Unix target holding `oaslint`, a shell script that prints
    /// `fake oaslint <version>` and its arguments, and `SHA256SUMS`.
    fn publish(&self, version: &str, latest: bool) -> PathBuf {
        let release = self.dir.path().join(format!("download/v{version}"));
        std::fs::create_dir_all(&release).unwrap();
        let mut sums = String::new();
        for target in UNIX_TARGETS {
            let asset = format!("oaslint-{version}-{target}.tar.gz");
            let script = format!("#!/bin/sh\necho \"fake oaslint {version} $*\"\n");
            make_archive(&release.join(&asset), &script);
            sums += &format!("{}  {asset}\n", sha256_hex(&release.join(&asset)));
        }
        std::fs::write(release.join("SHA256SUMS"), sums).unwrap();
        if latest {
            let latest = self.dir.path().join("latest/download");
            std::fs::create_dir_all(&latest).unwrap();
            for entry in std::fs::read_dir(&release).unwrap() {
                let entry = entry.unwrap();
                std::fs::copy(entry.path(), latest.join(entry.file_name())).unwrap();
            }
        }
        release
    }
}

/// `archive`: a gzip'd tar holding one executable file `oaslint` (and a
/// README, as the real archives have), made with the system's `tar`.
fn make_archive(archive: &Path, oaslint: &str) {
    let staging = tempfile::tempdir().unwrap();
    let binary = staging.path().join("oaslint");
    std::fs::write(&binary, oaslint).unwrap();
    make_executable(&binary);
    std::fs::write(staging.path().join("README.md"), "# oaslint\n").unwrap();
    let status = Command::new("tar")
        .arg("-czf")
        .arg(archive)
        .arg("-C")
        .arg(staging.path())
        .args(["oaslint", "README.md"])
        .status()
        .expect("tar runs");
    assert!(status.success());
}

#[cfg(unix)]
fn make_executable(file: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[cfg(not(unix))]
fn make_executable(_: &Path) {}

/// The SHA-256 of a file in hex, from `sha256sum` (else `shasum -a 256`).
fn sha256_hex(file: &Path) -> String {
    let out = Command::new("sha256sum")
        .arg(file)
        .output()
        .or_else(|_| {
            Command::new("shasum")
                .args(["-a", "256"])
                .arg(file)
                .output()
        })
        .expect("sha256sum or shasum");
    assert!(out.status.success());
    let hex = text(&out.stdout)[..64].to_string();
    assert!(hex.bytes().all(|b| b.is_ascii_hexdigit()), "{hex}");
    hex
}

/// Runs `sh install.sh` with only the given variables of install.sh's
/// interface set (and a `HOME`, `PATH` of the test).
fn install_sh(home: &Path, vars: &[(&str, &str)]) -> Output {
    let mut command = Command::new("sh");
    command
        .arg(oaslint_acceptance::root().join("install.sh"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .current_dir(home);
    for (name, value) in vars {
        command.env(name, value);
    }
    command.output().expect("sh runs")
}

/// One run of install.sh for `version` from `release`, served on
/// 127.0.0.1, into `HOME/bin` (created first when `bin_exists`), with
/// `extra` variables besides the download URL, version and install dir.
struct PinnedInstall {
    out: Output,
    home: tempfile::TempDir,
    bin: PathBuf,
    server: FileServer,
}

fn install_pinned(
    release: &FakeRelease,
    version: &str,
    bin_exists: bool,
    extra: &[(&str, &str)],
) -> PinnedInstall {
    let server = FileServer::start(release.dir.path());
    let home = tempfile::tempdir().unwrap();
    let bin = home.path().join("bin");
    if bin_exists {
        std::fs::create_dir(&bin).unwrap();
    }
    let mut vars = vec![
        ("OASLINT_DOWNLOAD_URL", server.url.as_str()),
        ("OASLINT_VERSION", version),
        ("OASLINT_INSTALL_DIR", bin.to_str().unwrap()),
    ];
    vars.extend_from_slice(extra);
    let out = install_sh(home.path(), &vars);
    PinnedInstall {
        out,
        home,
        bin,
        server,
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The names in a folder (empty when it does not exist).
fn entries(dir: &Path) -> Vec<String> {
    match std::fs::read_dir(dir) {
        Ok(read) => read
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn install_sh_installs_the_pinned_version_and_the_installed_oaslint_runs() {
    let release = FakeRelease::new();
    release.publish("9.9.8", false);
    release.publish("9.9.9", true);
    let server = FileServer::start(release.dir.path());
    let home = tempfile::tempdir().unwrap();
    let bin = home.path().join("tools/bin");

    let out = install_sh(
        home.path(),
        &[
            ("OASLINT_DOWNLOAD_URL", server.url.as_str()),
            ("OASLINT_VERSION", "v9.9.8"),
            ("OASLINT_INSTALL_DIR", bin.to_str().unwrap()),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("checksum verified"));
    assert_eq!(entries(&bin), ["oaslint"]);
    let run = Command::new(bin.join("oaslint"))
        .args(["lint", "api.yaml"])
        .output()
        .unwrap();
    assert_eq!(text(&run.stdout), "fake oaslint 9.9.8 lint api.yaml\n");
    // The pinned release, not the latest one.
    let requested = server.requested();
    assert!(requested.iter().all(|p| p.starts_with("/download/v9.9.8/")));
    assert_eq!(requested[0], "/download/v9.9.8/SHA256SUMS");
}

#[test]
fn install_sh_without_a_version_installs_the_latest_release_into_home_local_bin() {
    let release = FakeRelease::new();
    release.publish("9.9.8", false);
    release.publish("9.9.9", true);
    let server = FileServer::start(release.dir.path());
    let home = tempfile::tempdir().unwrap();

    let out = install_sh(
        home.path(),
        &[("OASLINT_DOWNLOAD_URL", &format!("{}/", server.url))],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let installed = home.path().join(".local/bin/oaslint");
    let run = Command::new(&installed).arg("--version").output().unwrap();
    assert_eq!(text(&run.stdout), "fake oaslint 9.9.9 --version\n");
    assert!(server
        .requested()
        .iter()
        .all(|p| p.starts_with("/latest/download/")));
}

#[test]
fn install_sh_refuses_a_tampered_archive_and_installs_nothing() {
    let release = FakeRelease::new();
    let dir = release.publish("9.9.9", false);
    // The replacement would leave a mark if anything ran it.
    let marks = tempfile::tempdir().unwrap();
    let ran = marks.path().join("tampered-oaslint-ran");
    for target in UNIX_TARGETS {
        make_archive(
            &dir.join(format!("oaslint-9.9.9-{target}.tar.gz")),
            &format!("#!/bin/sh\ntouch '{}'\n", ran.display()),
        );
    }
    let run = install_pinned(&release, "9.9.9", true, &[]);
    assert_eq!(run.out.status.code(), Some(1), "{}", text(&run.out.stderr));
    let stderr = text(&run.out.stderr);
    assert!(stderr.contains("checksum mismatch"), "{stderr}");
    assert!(stderr.contains("nothing installed"), "{stderr}");
    assert!(entries(&run.bin).is_empty(), "{:?}", entries(&run.bin));
    assert!(!ran.exists());
    // Both files were fetched: the refusal is the checksum's.
    assert_eq!(run.server.requested().len(), 2);
}

#[test]
fn install_sh_refuses_an_archive_that_sha256sums_does_not_list() {
    let release = FakeRelease::new();
    let dir = release.publish("9.9.9", false);
    // SHA256SUMS lists every archive but this machine's.
    let sums = std::fs::read_to_string(dir.join("SHA256SUMS")).unwrap();
    let target = host_target();
    let kept: String = sums
        .lines()
        .filter(|line| !line.ends_with(&format!("-{target}.tar.gz")))
        .map(|line| format!("{line}\n"))
        .collect();
    assert_eq!(kept.lines().count(), UNIX_TARGETS.len() - 1);
    std::fs::write(dir.join("SHA256SUMS"), kept).unwrap();
    let run = install_pinned(&release, "9.9.9", false, &[]);
    let stderr = text(&run.out.stderr);
    assert_eq!(run.out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("has no entry for oaslint-9.9.9-"),
        "{stderr}"
    );
    assert!(!run.bin.exists(), "the install folder was created");
    // The archive was not even downloaded.
    assert_eq!(run.server.requested(), ["/download/v9.9.9/SHA256SUMS"]);
}

#[test]
fn install_sh_refuses_an_archive_that_differs_from_oaslint_sha256() {
    let release = FakeRelease::new();
    release.publish("9.9.9", false);
    let zeros = "0".repeat(64);
    let run = install_pinned(&release, "9.9.9", false, &[("OASLINT_SHA256", &zeros)]);
    assert_eq!(run.out.status.code(), Some(1), "{}", text(&run.out.stderr));
    assert!(text(&run.out.stderr).contains("OASLINT_SHA256"));
    assert!(!run.bin.exists());
}

#[test]
fn install_sh_fails_when_the_release_does_not_exist() {
    let release = FakeRelease::new();
    release.publish("9.9.9", false);
    let run = install_pinned(&release, "1.0.0", false, &[]);
    assert_eq!(run.out.status.code(), Some(1), "{}", text(&run.out.stderr));
    assert!(text(&run.out.stderr).contains("cannot download"));
    assert!(!run.bin.exists());
    assert!(entries(run.home.path()).is_empty());
}

fn host_target() -> String {
    let uname = |flag: &str| text(&Command::new("uname").arg(flag).output().unwrap().stdout);
    let arch = match uname("-m").trim() {
        "arm64" | "aarch64" => "aarch64",
        _ => "x86_64",
    };
    match uname("-s").trim() {
        "Darwin" => format!("{arch}-apple-darwin"),
        _ => format!("{arch}-unknown-linux-musl"),
    }
}

/// Without PowerShell on the test machine (Debian's CI has none), this
/// checks install.ps1's order of operations: the archive's Get-FileHash is
/// compared with its SHA256SUMS entry before anything is expanded or
/// copied, and nothing downloaded is invoked.
#[test]
fn install_ps1_verifies_the_checksum_before_expanding_or_installing() {
    let script = std::fs::read_to_string(oaslint_acceptance::root().join("install.ps1")).unwrap();
    let code: String = script
        .lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .map(|line| format!("{line}\n"))
        .collect();
    let at = |needle: &str| {
        code.find(needle)
            .unwrap_or_else(|| panic!("install.ps1 lacks {needle:?}"))
    };
    for variable in [
        "$env:OASLINT_DOWNLOAD_URL",
        "$env:OASLINT_VERSION",
        "$env:OASLINT_INSTALL_DIR",
        "$env:OASLINT_SHA256",
    ] {
        at(variable);
    }
    at("'https://github.com/oaslint/oaslint/releases'");
    at("\"$BaseUrl/download/v$Version\"");
    at("\"$BaseUrl/latest/download\"");
    at("x86_64-pc-windows-msvc");
    at("$ErrorActionPreference = 'Stop'");
    let sums = at("-Uri \"$ReleaseUrl/SHA256SUMS\"");
    let entry = at("Get-Content -LiteralPath $SumsFile");
    let no_entry = at("if ($Entries.Count -eq 0) { Fail");
    let archive = at("-Uri \"$ReleaseUrl/$Asset\"");
    let hash = at("Get-FileHash -Algorithm SHA256 -LiteralPath $Archive");
    let compare = at("if ($Actual -ne $Expected) { Fail");
    let expand = at("Expand-Archive");
    let create_dir = at("New-Item -ItemType Directory -Force -Path $InstallDir");
    let copy = at("Copy-Item");
    let order = [
        sums, entry, no_entry, archive, hash, compare, expand, create_dir, copy,
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert_eq!(code.matches("Expand-Archive").count(), 1);
    assert_eq!(code.matches("Copy-Item").count(), 1);
    for never in ["Invoke-Expression", "iex ", "Start-Process", "& $Exe"] {
        assert!(!code.contains(never), "install.ps1 runs {never}");
    }
    // The temporary folder goes in every case.
    assert!(code.contains("finally {\n    Remove-Item -LiteralPath $Tmp -Recurse"));
}
