//! The packages say what Cargo.toml says: every copy of the version, the name and the files
//! they install, so a release cannot ship a package that disagrees with `portplan --version`.

use std::path::Path;

const VERSION: &str = env!("CARGO_PKG_VERSION");
const ID: &str = "io.github.portplan.Portplan";

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn exists(path: impl AsRef<Path>) -> bool {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path).exists()
}

/// The text between `open` and the next `close` after it, for each occurrence.
fn between<'a>(text: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    text.match_indices(open)
        .map(|(i, _)| {
            let rest = &text[i + open.len()..];
            &rest[..rest.find(close).expect("closed")]
        })
        .collect()
}

/// A string value of an Info.plist.
fn plist_string<'a>(plist: &'a str, key: &str) -> &'a str {
    let after = plist
        .split_once(&format!("<key>{key}</key>"))
        .unwrap_or_else(|| panic!("Info.plist has no {key}"))
        .1
        .trim_start();
    between(after, "<string>", "</string>")
        .first()
        .copied()
        .filter(|_| after.starts_with("<string>"))
        .unwrap_or_else(|| panic!("{key} is not a string"))
}

/// (width, height) from a PNG's header.
fn png_size(path: &str) -> (u32, u32) {
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{path} is not a PNG");
    let be = |b: &[u8]| u32::from_be_bytes(b.try_into().unwrap());
    (be(&bytes[16..20]), be(&bytes[20..24]))
}

fn desktop_entry() -> Vec<(String, String)> {
    read(&format!("packaging/linux/{ID}.desktop"))
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn desktop_value(key: &str) -> String {
    desktop_entry()
        .into_iter()
        .find(|(k, _)| k == key)
        .unwrap_or_else(|| panic!("the desktop entry has no {key}"))
        .1
}

#[test]
fn the_metainfo_names_this_version_license_and_desktop_entry() {
    let xml = read(&format!("packaging/linux/{ID}.metainfo.xml"));
    assert_eq!(between(&xml, "<id>", "</id>"), [ID]);
    // The newest release comes first, and it is this version.
    let releases = between(&xml, "<release version=\"", "\"");
    assert_eq!(releases.first().copied(), Some(VERSION), "{releases:?}");
    assert_eq!(
        between(&xml, "<project_license>", "</project_license>"),
        [env!("CARGO_PKG_LICENSE")]
    );
    assert_eq!(
        between(&xml, "<launchable type=\"desktop-id\">", "</launchable>"),
        [format!("{ID}.desktop")]
    );
    assert_eq!(
        between(&xml, "<binary>", "</binary>"),
        [env!("CARGO_PKG_NAME")]
    );
}

#[test]
fn the_desktop_entry_starts_the_installed_binary_with_the_installed_icon() {
    let exec = desktop_value("Exec");
    assert_eq!(exec.split_whitespace().next(), Some(env!("CARGO_PKG_NAME")));
    assert_eq!(desktop_value("TryExec"), env!("CARGO_PKG_NAME"));
    assert_eq!(desktop_value("Icon"), ID);
    // The window's X11 class and Wayland app id (src/gui/mod.rs) tie the window to the entry.
    assert_eq!(desktop_value("StartupWMClass"), "portplan");
    assert!(
        read("src/gui/mod.rs").contains(".with_app_id(\"portplan\")"),
        "the window's app id changed: change StartupWMClass with it"
    );
}

#[test]
fn the_deb_installs_every_file_it_lists_and_an_icon_of_each_size() {
    // Cargo.toml's description is the .deb's synopsis, one line (cargo-deb wraps at 79).
    assert!(env!("CARGO_PKG_DESCRIPTION").len() < 80);
    let cargo: toml::Table = toml::from_str(&read("Cargo.toml")).unwrap();
    let deb = &cargo["package"]["metadata"]["deb"];
    let assets = deb["assets"].as_array().unwrap();
    let mut dests = Vec::new();
    for asset in assets {
        let asset = asset.as_array().unwrap();
        let (src, dest) = (asset[0].as_str().unwrap(), asset[1].as_str().unwrap());
        if src != "target/release/portplan" {
            assert!(exists(src), "{src} is missing");
        }
        let file = Path::new(src).file_name().unwrap().to_str().unwrap();
        dests.push(match dest.strip_suffix('/') {
            Some(dir) => format!("{dir}/{file}"),
            None => dest.to_string(),
        });
    }
    let dests: Vec<&str> = dests.iter().map(String::as_str).collect();
    for wanted in [
        "usr/bin/portplan".to_string(),
        format!("usr/share/applications/{ID}.desktop"),
        format!("usr/share/metainfo/{ID}.metainfo.xml"),
        format!("usr/share/icons/hicolor/scalable/apps/{ID}.svg"),
    ] {
        assert!(dests.contains(&wanted.as_str()), "{wanted} not installed");
    }
    for size in [16, 32, 48, 64, 128, 256, 512] {
        let src = format!("assets/icons/portplan-{size}.png");
        assert_eq!(png_size(&src), (size, size), "{src}");
        let dest = format!("usr/share/icons/hicolor/{size}x{size}/apps/{ID}.png");
        let i = dests.iter().position(|d| *d == dest).expect(&dest);
        assert_eq!(assets[i][0].as_str(), Some(src.as_str()));
    }
}

#[cfg(feature = "gui")]
#[test]
fn the_window_icon_is_the_256_pixel_png() {
    let icon = eframe::icon_data::from_png_bytes(portplan::gui::ICON_PNG).unwrap();
    assert_eq!((icon.width, icon.height), (256, 256));
    assert_eq!(png_size("assets/icons/portplan-256.png"), (256, 256));
}

#[test]
fn the_windows_and_macos_packager_configs_carry_this_version_and_their_files() {
    for os in ["windows", "macos"] {
        let path = format!("packaging/{os}/Packager.toml");
        let config: toml::Table = toml::from_str(&read(&path)).unwrap();
        assert_eq!(config["version"].as_str(), Some(VERSION), "{path}");
        assert_eq!(config["identifier"].as_str(), Some(ID), "{path}");
        assert_eq!(config["name"].as_str(), Some(env!("CARGO_PKG_NAME")));
        assert_eq!(
            config["description"].as_str(),
            Some(env!("CARGO_PKG_DESCRIPTION"))
        );
        // Relative paths are read from the config's own folder.
        let dir = Path::new("packaging").join(os);
        for icon in config["icons"].as_array().unwrap() {
            assert!(exists(dir.join(icon.as_str().unwrap())), "{path}: {icon}");
        }
        for resource in config["resources"].as_array().unwrap() {
            let src = resource["src"].as_str().unwrap();
            // What the release build makes (before-packaging-command) is one of our binaries.
            if let Some(built) = src.strip_prefix("../../target/release/") {
                let bin = built.strip_suffix(".exe").unwrap_or(built);
                assert!(exists(format!("src/bin/{bin}.rs")), "{path}: {src}");
                continue;
            }
            assert!(exists(dir.join(src)), "{path}: {src}");
        }
        assert_eq!(
            config["binaries"][0]["path"].as_str(),
            Some(env!("CARGO_PKG_NAME"))
        );
        if let Some(plist) = config.get("macos").and_then(|m| m.get("info-plist-path")) {
            assert!(exists(dir.join(plist.as_str().unwrap())));
        }
        if let Some(icon) = config.get("nsis").and_then(|n| n.get("installer-icon")) {
            assert!(exists(dir.join(icon.as_str().unwrap())));
        }
    }
}

#[test]
fn the_macos_info_plist_has_the_bundle_id_icon_and_this_version() {
    let plist = read("packaging/macos/Info.plist");
    assert_eq!(plist_string(&plist, "CFBundleIdentifier"), ID);
    assert_eq!(plist_string(&plist, "CFBundleShortVersionString"), VERSION);
    assert_eq!(plist_string(&plist, "CFBundleVersion"), VERSION);
    assert_eq!(
        plist_string(&plist, "CFBundleExecutable"),
        env!("CARGO_PKG_NAME")
    );
    let icon = plist_string(&plist, "CFBundleIconFile");
    assert!(exists(Path::new("packaging/macos").join(icon)), "{icon}");
    let config: toml::Table = toml::from_str(&read("packaging/macos/Packager.toml")).unwrap();
    assert!(
        config["icons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i.as_str() == Some(icon)),
        "the packager copies {icon} into the bundle"
    );
}

/// Windows (issue 13, item 17): the Start menu starts portplan.exe, the desktop app, a
/// GUI-subsystem program (no console window beside it); the command line is portplan.com
/// beside it, the console launcher, which terminals find first (PATHEXT: .COM before .EXE) and
/// wait for. Both carry the icon and the version (build.rs). tests/system/windows.sh builds
/// them for Windows and reads the executables themselves.
#[test]
fn the_windows_package_starts_the_gui_exe_and_ships_the_console_launcher_as_portplan_com() {
    let config: toml::Table = toml::from_str(&read("packaging/windows/Packager.toml")).unwrap();
    let binaries = config["binaries"].as_array().unwrap();
    let main: Vec<_> = binaries
        .iter()
        .filter(|b| b.get("main").and_then(toml::Value::as_bool) == Some(true))
        .collect();
    assert_eq!(main.len(), 1, "{binaries:?}");
    assert_eq!(main[0]["path"].as_str(), Some("portplan"));
    let com: Vec<_> = config["resources"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["target"].as_str() == Some("portplan.com"))
        .collect();
    assert_eq!(com.len(), 1, "no portplan.com in the Windows package");
    assert_eq!(
        com[0]["src"].as_str(),
        Some("../../target/release/portplan-console.exe")
    );
    // The desktop app is the GUI-subsystem one; the headless build stays a console program.
    assert!(
        read("src/main.rs").contains(
            "#![cfg_attr(all(windows, feature = \"gui\"), windows_subsystem = \"windows\")]"
        ),
        "src/main.rs no longer makes portplan.exe a GUI-subsystem program"
    );
    assert!(!read("src/bin/portplan-console.rs").contains("windows_subsystem"));
    // build.rs gives both executables the icon the installer uses, under their shipped names.
    let build = read("build.rs");
    for expected in [
        "\"portplan\"",
        "\"portplan.exe\"",
        "\"portplan-console\"",
        "\"portplan.com\"",
    ] {
        assert!(build.contains(expected), "build.rs: {expected}");
    }
    assert!(build.contains("packaging/windows/portplan.ico"));
    assert_eq!(config["icons"][0].as_str(), Some("portplan.ico"));
}

/// portplan.com (src/bin/portplan-console.rs) runs the portplan beside it with the same
/// arguments: the same output, and the exit code scripts test (1: the plan is not ready).
/// The launcher is plain Rust and runs here too, with the portplan `cargo test` built.
#[test]
fn the_console_launcher_runs_portplan_with_its_arguments_and_returns_its_exit_code() {
    use std::process::Command;
    let launcher = env!("CARGO_BIN_EXE_portplan-console");
    let portplan = env!("CARGO_BIN_EXE_portplan");
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/scaleio-example.json");
    let dir = tempfile::tempdir().unwrap();
    let not_ready = dir.path().join("duplicate address.json");
    std::fs::write(
        &not_ready,
        std::fs::read_to_string(&example)
            .unwrap()
            .replace("\"192.0.2.12\"", "\"192.0.2.11\""),
    )
    .unwrap();
    let cases: [(&[&std::ffi::OsStr], i32); 4] = [
        (&["--version".as_ref()], 0),
        (&["check".as_ref(), example.as_os_str()], 0),
        (&["check".as_ref(), not_ready.as_os_str()], 1),
        (&["matrix".as_ref(), "no such plan.json".as_ref()], 2),
    ];
    for (args, code) in cases {
        let via_launcher = Command::new(launcher).args(args).output().unwrap();
        let direct = Command::new(portplan).args(args).output().unwrap();
        assert_eq!(via_launcher.status.code(), Some(code), "{args:?}");
        assert_eq!(direct.status.code(), Some(code), "{args:?}");
        assert_eq!(via_launcher.stdout, direct.stdout, "{args:?}");
        assert_eq!(via_launcher.stderr, direct.stderr, "{args:?}");
    }
}
