# Installs the oaslint command line on Windows from a release, after checking
# its SHA-256 against the release's SHA256SUMS. Windows PowerShell 5.1 or
# PowerShell 7.
#
#   $env:OASLINT_VERSION = '0.1.0'
#   irm https://raw.githubusercontent.com/oaslint/oaslint/v0.1.0/install.ps1 | iex
#
# Environment (all optional), as for install.sh:
#   OASLINT_VERSION       the release to install, e.g. 0.1.0; unset: the latest
#   OASLINT_DOWNLOAD_URL  where the releases are; default
#                         https://github.com/oaslint/oaslint/releases (the
#                         project's home, as in Cargo.toml's `repository`);
#                         <URL>/download/v<VERSION>/<asset>, <URL>/latest/download/<asset>
#   OASLINT_INSTALL_DIR   where oaslint.exe goes; default
#                         $env:LOCALAPPDATA\Programs\oaslint\bin
#   OASLINT_SHA256        the expected SHA-256 of the archive (optional pin)
#
# Asset: oaslint-<VERSION>-x86_64-pc-windows-msvc.zip with oaslint.exe at its
# top level, listed in SHA256SUMS. Nothing downloaded is expanded, installed
# or run before Get-FileHash matches SHA256SUMS; on a mismatch, or without an
# entry, the script stops with an error and the install folder is unchanged.

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

function Fail([string] $Message) {
    throw "oaslint install: error: $Message"
}

$DefaultUrl = 'https://github.com/oaslint/oaslint/releases'
$BaseUrl = if ($env:OASLINT_DOWNLOAD_URL) { $env:OASLINT_DOWNLOAD_URL.TrimEnd('/') } else { $DefaultUrl }
$Version = if ($env:OASLINT_VERSION) { $env:OASLINT_VERSION -replace '^v', '' } else { '' }
$InstallDir = if ($env:OASLINT_INSTALL_DIR) { $env:OASLINT_INSTALL_DIR } else { Join-Path $env:LOCALAPPDATA 'Programs\oaslint\bin' }

# Windows releases are built for x86_64; Windows on Arm runs them emulated.
$Target = 'x86_64-pc-windows-msvc'
$ReleaseUrl = if ($Version) { "$BaseUrl/download/v$Version" } else { "$BaseUrl/latest/download" }

# Windows PowerShell 5.1 may default to TLS 1.0, which GitHub refuses.
if ($PSVersionTable.PSVersion.Major -lt 6) {
    [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12
}

$Tmp = Join-Path ([IO.Path]::GetTempPath()) ("oaslint-install-" + [Guid]::NewGuid())
New-Item -ItemType Directory -Path $Tmp | Out-Null
try {
    $SumsFile = Join-Path $Tmp 'SHA256SUMS'
    Write-Host "oaslint install: downloading $ReleaseUrl/SHA256SUMS"
    Invoke-WebRequest -UseBasicParsing -Uri "$ReleaseUrl/SHA256SUMS" -OutFile $SumsFile

    # The archive's entry, "<64 hex digits>  <name>"; without a version the
    # latest release's SHA256SUMS names the version.
    $NamePattern = if ($Version) { [Regex]::Escape("oaslint-$Version-$Target.zip") } else { "oaslint-[0-9A-Za-z.+-]+-$([Regex]::Escape($Target))\.zip" }
    $Entries = @(Get-Content -LiteralPath $SumsFile | Where-Object { $_ -match "^[0-9a-fA-F]{64} [ *]$NamePattern$" })
    if ($Entries.Count -eq 0) { Fail "SHA256SUMS of $ReleaseUrl has no entry for the $Target archive: nothing installed" }
    if ($Entries.Count -gt 1) { Fail "SHA256SUMS of $ReleaseUrl has more than one entry for the $Target archive: nothing installed" }
    $Expected = $Entries[0].Substring(0, 64).ToLowerInvariant()
    $Asset = $Entries[0].Substring(66)

    $Archive = Join-Path $Tmp $Asset
    Write-Host "oaslint install: downloading $ReleaseUrl/$Asset"
    Invoke-WebRequest -UseBasicParsing -Uri "$ReleaseUrl/$Asset" -OutFile $Archive

    $Actual = (Get-FileHash -Algorithm SHA256 -LiteralPath $Archive).Hash.ToLowerInvariant()
    if ($Actual -ne $Expected) { Fail "checksum mismatch for ${Asset}: SHA256SUMS says $Expected, the download is ${Actual}: nothing installed" }
    if ($env:OASLINT_SHA256 -and $Actual -ne $env:OASLINT_SHA256.ToLowerInvariant()) {
        Fail "checksum mismatch for ${Asset}: OASLINT_SHA256 is $env:OASLINT_SHA256, the download is ${Actual}: nothing installed"
    }
    Write-Host "oaslint install: checksum verified ($Actual)"

    # Only after the checksum matched.
    $Unpacked = Join-Path $Tmp 'unpacked'
    Expand-Archive -LiteralPath $Archive -DestinationPath $Unpacked
    $Exe = Join-Path $Unpacked 'oaslint.exe'
    if (-not (Test-Path -LiteralPath $Exe -PathType Leaf)) { Fail "$Asset has no oaslint.exe at its top level: nothing installed" }

    New-Item -ItemType Directory -Force -Path $InstallDir | Out-Null
    Copy-Item -LiteralPath $Exe -Destination (Join-Path $InstallDir 'oaslint.exe') -Force
    Write-Host "oaslint install: installed $(Join-Path $InstallDir 'oaslint.exe') ($($Asset -replace '\.zip$', ''))"

    $OnPath = ($env:Path -split ';') | Where-Object { $_.TrimEnd('\') -eq $InstallDir.TrimEnd('\') }
    if (-not $OnPath) {
        Write-Host "oaslint install: note: $InstallDir is not on PATH; add it, e.g. `$env:Path = `"$InstallDir;`$env:Path`""
    }
}
finally {
    Remove-Item -LiteralPath $Tmp -Recurse -Force -ErrorAction SilentlyContinue
}
