//! The Windows executables' resources: the icon Explorer, the taskbar and the Start menu show,
//! and the version (Properties > Details: FileVersion, ProductVersion from Cargo.toml). Other
//! targets: nothing to do.
//!
//! portplan.exe (the desktop app, `src/main.rs`) and portplan.com (its console launcher,
//! `src/bin/portplan-console.rs`) each get theirs. The resource compiler: rc.exe of the Windows
//! SDK for the MSVC target (embed-resource finds it without a developer prompt), MinGW's
//! windres for windows-gnu (Debian: gcc-mingw-w64-x86-64; tests/system/windows.sh).
//!
//! A build for Windows on Windows fails without one: that exe would ship without its icon. From
//! another system, `cargo clippy --target x86_64-pc-windows-msvc` (.ci/run) links nothing and
//! has no rc.exe, so the resources are left out there; `PORTPLAN_WINDOWS_RESOURCES=required`
//! (the cross build of tests/system/windows.sh) makes their absence an error everywhere.

use std::env;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The binary, its name in the package and what Task Manager and Properties call it.
const EXECUTABLES: [(&str, &str, &str); 2] = [
    ("portplan", "portplan.exe", "portplan"),
    (
        "portplan-console",
        "portplan.com",
        "portplan (command line launcher)",
    ),
];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=packaging/windows/portplan.ico");
    println!("cargo:rerun-if-env-changed=PORTPLAN_WINDOWS_RESOURCES");
    if env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let required = env::var("PORTPLAN_WINDOWS_RESOURCES").as_deref() == Ok("required");
    let msvc = env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("msvc");
    // This build script runs on the host: cfg!(windows) is the system building.
    if msvc && !cfg!(windows) && !required {
        // A check from Linux or macOS (no MSVC linker, no rc.exe): nothing is linked. (With
        // llvm-rc installed, embed-resource would also want clang-cl to preprocess, and panic
        // without it.)
        return;
    }
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let icon = Path::new(env!("CARGO_MANIFEST_DIR")).join("packaging/windows/portplan.ico");
    for (bin, file_name, description) in EXECUTABLES {
        let rc = out.join(format!("{bin}.rc"));
        std::fs::write(&rc, resource_script(&icon, file_name, description))
            .unwrap_or_else(|e| panic!("{}: {e}", rc.display()));
        let result = embed_resource::compile_for(&rc, [bin], embed_resource::NONE);
        match result {
            embed_resource::CompilationResult::Ok
            | embed_resource::CompilationResult::NotWindows => {}
            other if required || cfg!(windows) => panic!(
                "{other}: {file_name} would have no icon and no version (install the Windows \
                 SDK's rc.exe: Visual Studio's \"Desktop development with C++\"; for windows-gnu, \
                 MinGW's windres)"
            ),
            other => println!("cargo:warning={other}: {file_name} has no icon and no version"),
        }
    }
}

/// The .rc: the icon (its first, so Explorer shows it) and VERSIONINFO. Plain numbers instead
/// of winver.h's names, so no include path is needed.
fn resource_script(icon: &Path, file_name: &str, description: &str) -> String {
    let version = env!("CARGO_PKG_VERSION");
    let numbers = [
        env!("CARGO_PKG_VERSION_MAJOR"),
        env!("CARGO_PKG_VERSION_MINOR"),
        env!("CARGO_PKG_VERSION_PATCH"),
        "0",
    ]
    .join(",");
    let authors = "portplan maintainers";
    let license = env!("CARGO_PKG_LICENSE");
    // rc.exe and windres both take forward slashes; a backslash would need escaping.
    let icon = icon.display().to_string().replace('\\', "/");
    let mut rc = String::new();
    let _ = writeln!(rc, "#pragma code_page(65001)");
    let _ = writeln!(rc, "1 ICON \"{icon}\"");
    // FILEOS 0x40004: VOS_NT_WINDOWS32; FILETYPE 1: VFT_APP.
    let _ = writeln!(
        rc,
        "1 VERSIONINFO\nFILEVERSION {numbers}\nPRODUCTVERSION {numbers}\nFILEFLAGSMASK 0x3f\n\
         FILEFLAGS 0x0\nFILEOS 0x40004\nFILETYPE 0x1\nFILESUBTYPE 0x0\nBEGIN\n\
         \x20 BLOCK \"StringFileInfo\"\n  BEGIN\n    BLOCK \"040904B0\"\n    BEGIN"
    );
    for (key, value) in [
        ("CompanyName", authors),
        ("FileDescription", description),
        ("FileVersion", version),
        ("InternalName", "portplan"),
        ("LegalCopyright", &format!("{authors}; {license}")),
        ("OriginalFilename", file_name),
        ("ProductName", "portplan"),
        ("ProductVersion", version),
    ] {
        let _ = writeln!(rc, "      VALUE \"{key}\", \"{value}\"");
    }
    // 0x409: U.S. English, 1200: Unicode (the block name above).
    let _ = writeln!(
        rc,
        "    END\n  END\n  BLOCK \"VarFileInfo\"\n  BEGIN\n    VALUE \"Translation\", 0x409, 1200\n  END\nEND"
    );
    rc
}
