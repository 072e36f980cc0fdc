//! Writing outputs safely (issue 14, items 3 to 6): the atomic writer's temporary file and
//! `.bak` never write through a link another user planted, no output replaces an input of its
//! command, and an export folder holds exactly one export, whole, even when the export is
//! killed midway.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use portplan::files::atomic::write_atomically;

const BIN: &str = env!("CARGO_BIN_EXE_portplan");
const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/examples/scaleio-example.json"
);
const SEED_CATALOG: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/catalogs/scaleio-seed.toml"
);

fn portplan(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("portplan runs")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Exit code 2, one `portplan: ...` message that says `why`, no panic.
fn refused(o: &Output, why: &str) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.starts_with("portplan: "), "{err}");
    assert!(err.contains(why), "{err}");
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// The example plan, copied into `dir` (a plan the tests may lose without harm).
fn example_in(dir: &Path) -> PathBuf {
    let plan = dir.join("plan.json");
    fs::copy(EXAMPLE, &plan).unwrap();
    plan
}

// ---- item 3: the temporary file ----

#[cfg(unix)]
#[test]
fn a_save_never_writes_through_a_link_planted_at_its_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("precious.txt");
    fs::write(&victim, "precious").unwrap();
    let target = dir.path().join("plan.json");
    // The name the writer used to pick (".NAME.PID.tmp") and others one could guess.
    for name in [
        format!(".plan.json.{}.tmp", std::process::id()),
        ".plan.json.tmp".to_string(),
        "plan.json.tmp".to_string(),
    ] {
        std::os::unix::fs::symlink(&victim, dir.path().join(name)).unwrap();
    }
    write_atomically(&target, b"new").unwrap();
    write_atomically(&target, b"newer").unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    let meta = fs::symlink_metadata(&target).unwrap();
    assert!(
        meta.file_type().is_file(),
        "the target is a file of its own"
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), "newer");
}

#[test]
fn saves_to_one_path_from_many_threads_never_collide_nor_leave_debris() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("state.json");
    std::thread::scope(|scope| {
        for t in 0..8 {
            let target = &target;
            scope.spawn(move || {
                for n in 0..25 {
                    let text = format!("writer {t}, save {n}: {}", "x".repeat(4096));
                    write_atomically(target, text.as_bytes()).unwrap();
                }
            });
        }
    });
    let text = fs::read_to_string(&target).unwrap();
    assert!(
        text.starts_with("writer ") && text.len() > 4096,
        "one whole save"
    );
    assert_eq!(names(dir.path()), ["state.json", "state.json.bak"]);
}

// ---- item 4: the backup ----

#[cfg(unix)]
#[test]
fn the_backup_never_writes_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("precious.txt");
    fs::write(&victim, "precious").unwrap();
    let target = dir.path().join("plan.json");
    fs::write(&target, "old").unwrap();
    let bak = dir.path().join("plan.json.bak");
    std::os::unix::fs::symlink(&victim, &bak).unwrap();

    write_atomically(&target, b"new").unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert!(fs::symlink_metadata(&bak).unwrap().file_type().is_file());
    assert_eq!(fs::read_to_string(&bak).unwrap(), "old");
    assert_eq!(fs::read_to_string(&target).unwrap(), "new");

    // A dangling link, and through the command line too.
    let plan = example_in(dir.path());
    let inv = dir.path().join("inv.csv");
    fs::write(&inv, "name,address,roles\na,10.0.0.1,SDS\n").unwrap();
    let nowhere = dir.path().join("created-by-the-save");
    let plan_bak = dir.path().join("plan.json.bak");
    fs::remove_file(&plan_bak).unwrap();
    std::os::unix::fs::symlink(&nowhere, &plan_bak).unwrap();
    let o = portplan(&["import", s(&inv), "-o", s(&plan)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!nowhere.exists(), "the link's target was not created");
    assert_eq!(fs::read(&plan_bak).unwrap(), fs::read(EXAMPLE).unwrap());
}

#[test]
fn the_backup_keeps_the_previous_file_and_its_contents_only() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("plan.json");
    write_atomically(&target, b"first").unwrap();
    assert_eq!(names(dir.path()), ["plan.json"]);
    write_atomically(&target, b"second").unwrap();
    write_atomically(&target, b"third").unwrap();
    assert_eq!(fs::read_to_string(&target).unwrap(), "third");
    assert_eq!(
        fs::read_to_string(dir.path().join("plan.json.bak")).unwrap(),
        "second"
    );
    assert_eq!(names(dir.path()), ["plan.json", "plan.json.bak"]);
}

// ---- item 5: an output that is an input ----

#[test]
fn an_output_that_is_an_input_of_its_command_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let plan = example_in(dir.path());
    let original = fs::read(&plan).unwrap();
    let inv = dir.path().join("inv.csv");
    let inventory = "name,address,roles\na,10.0.0.1,SDS\n";
    fs::write(&inv, inventory).unwrap();
    let catalog = dir.path().join("catalog.toml");
    fs::copy(SEED_CATALOG, &catalog).unwrap();
    let results = dir.path().join("results.csv");
    fs::write(&results, "").unwrap();
    // The same file under another spelling.
    let again = dir.path().join(".").join("plan.json");

    let cases: Vec<(Vec<&str>, &Path)> = vec![
        (
            vec!["export", s(&plan), "--format", "csv", "-o", s(&plan)],
            &plan,
        ),
        (
            vec!["export", s(&plan), "--format", "csv", "-o", s(&again)],
            &plan,
        ),
        (
            vec![
                "export",
                s(&plan),
                "--format",
                "netsh",
                "--host",
                "mdm1",
                "-o",
                s(&plan),
            ],
            &plan,
        ),
        (vec!["import", s(&inv), "-o", s(&inv)], &inv),
        (
            vec![
                "probe-script",
                s(&plan),
                "--from",
                "install01",
                "--shell",
                "sh",
                "-o",
                s(&plan),
            ],
            &plan,
        ),
        (
            vec![
                "export",
                s(&plan),
                "--catalog",
                s(&catalog),
                "--format",
                "xlsx",
                "-o",
                s(&catalog),
            ],
            &catalog,
        ),
        (
            vec![
                "export",
                s(&plan),
                "--format",
                "pdf",
                "--probe-results",
                s(&results),
                "-o",
                s(&results),
            ],
            &results,
        ),
    ];
    for (args, input) in cases {
        let before = fs::read(input).unwrap();
        let o = portplan(&args);
        refused(&o, "is an input of this command");
        assert_eq!(fs::read(input).unwrap(), before, "{args:?}");
    }
    assert_eq!(fs::read(&plan).unwrap(), original);
    assert_eq!(fs::read_to_string(&inv).unwrap(), inventory);
    assert!(!dir.path().join("plan.json.bak").exists());
}

#[test]
fn the_catalog_a_plan_names_is_an_input_too() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("site.toml");
    fs::copy(SEED_CATALOG, &catalog).unwrap();
    let text = fs::read_to_string(EXAMPLE).unwrap().replace(
        "\"catalog\": \"scaleio-seed\"",
        "\"catalog\": \"site.toml\"",
    );
    let plan = dir.path().join("plan.json");
    fs::write(&plan, text).unwrap();
    let before = fs::read(&catalog).unwrap();
    let o = portplan(&["export", s(&plan), "--format", "csv", "-o", s(&catalog)]);
    refused(&o, "is an input of this command");
    assert_eq!(fs::read(&catalog).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn an_output_linked_to_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let plan = example_in(dir.path());
    let soft = dir.path().join("soft.json");
    std::os::unix::fs::symlink(&plan, &soft).unwrap();
    let hard = dir.path().join("hard.json");
    fs::hard_link(&plan, &hard).unwrap();
    for out in [&soft, &hard] {
        let o = portplan(&["export", s(&plan), "--format", "csv", "-o", s(out)]);
        refused(&o, "is an input of this command");
    }
    assert_eq!(fs::read(&plan).unwrap(), fs::read(EXAMPLE).unwrap());
}

#[test]
fn a_folder_output_that_holds_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let plan = example_in(dir.path());
    for folder in [dir.path().to_path_buf(), dir.path().join(".")] {
        let o = portplan(&[
            "export",
            s(&plan),
            "--format",
            "powershell",
            "-o",
            s(&folder),
        ]);
        refused(&o, "holds an input of this command");
    }
    assert_eq!(names(dir.path()), ["plan.json"]);
}

// ---- item 6: export folders ----

fn import(dir: &Path, plan: &str, hosts: &[&str]) -> PathBuf {
    let mut csv = String::from("name,address,roles,os\ninst,10.0.0.5,Installer,windows\n");
    for (i, h) in hosts.iter().enumerate() {
        csv.push_str(&format!(
            "{h},10.0.{}.{},SDS;SDC,windows\n",
            1 + i / 200,
            1 + i % 200
        ));
    }
    let inv = dir.join(format!("{plan}.csv"));
    fs::write(&inv, csv).unwrap();
    let path = dir.join(format!("{plan}.json"));
    let o = portplan(&["import", s(&inv), "-o", s(&path), "--name", plan]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    path
}

fn export(plan: &Path, folder: &Path) -> Output {
    portplan(&["export", s(plan), "--format", "powershell", "-o", s(folder)])
}

/// The scripts index.txt lists, and index.txt.
fn listed(folder: &Path) -> Vec<String> {
    let index = fs::read_to_string(folder.join("index.txt")).unwrap();
    let mut v: Vec<String> = index
        .lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap().to_string())
        .filter(|n| n != "-")
        .chain(["index.txt".to_string()])
        .collect();
    v.sort();
    v
}

#[test]
fn a_new_export_replaces_the_folder_without_stale_scripts_or_backups() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("scripts");
    let first = import(dir.path(), "lab", &["a", "b", "c"]);
    assert!(export(&first, &folder).status.success());
    assert_eq!(names(&folder), ["a.ps1", "b.ps1", "c.ps1", "index.txt"]);

    // b removed, c renamed d: their scripts go, and no .bak is left beside each script.
    let second = import(dir.path(), "lab", &["a", "d"]);
    let o = export(&second, &folder);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(names(&folder), ["a.ps1", "d.ps1", "index.txt"]);
    assert_eq!(names(&folder), listed(&folder));
    // Nothing else is left beside the folder either.
    let mut beside = names(dir.path());
    beside.retain(|n| !n.starts_with("lab."));
    assert_eq!(beside, ["scripts"]);
}

#[test]
fn an_export_never_replaces_a_folder_of_files_it_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let plan = import(dir.path(), "lab", &["a", "b"]);
    let folder = dir.path().join("mine");
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("notes.txt"), "my notes").unwrap();
    refused(&export(&plan, &folder), "notes.txt");
    assert_eq!(names(&folder), ["notes.txt"]);

    // An export folder where someone added a file: refused too, nothing changed.
    let scripts = dir.path().join("scripts");
    assert!(export(&plan, &scripts).status.success());
    fs::write(scripts.join("extra.ps1"), "mine").unwrap();
    refused(&export(&plan, &scripts), "extra.ps1");
    assert_eq!(
        names(&scripts),
        ["a.ps1", "b.ps1", "extra.ps1", "index.txt"]
    );

    // An empty folder is the export's.
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    assert!(export(&plan, &empty).status.success());
    assert_eq!(names(&empty), ["a.ps1", "b.ps1", "index.txt"]);
}

#[test]
fn an_export_folder_written_before_is_replaced_with_its_backups() {
    // What older versions left: a .bak per script, and the scripts of hosts removed since,
    // named in the previous index (index.txt.bak).
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("scripts");
    fs::create_dir(&folder).unwrap();
    let header = "portplan 0.1.0 export of plan lab: powershell scripts, one per windows host\n";
    fs::write(
        folder.join("index.txt"),
        format!("{header}a.ps1\ta\t10.0.1.1\n"),
    )
    .unwrap();
    fs::write(
        folder.join("index.txt.bak"),
        format!("{header}a.ps1\ta\t10.0.1.1\nold.ps1\told\t10.0.1.9\n"),
    )
    .unwrap();
    for name in ["a.ps1", "a.ps1.bak", "old.ps1", "old.ps1.bak"] {
        fs::write(folder.join(name), "old").unwrap();
    }
    let plan = import(dir.path(), "lab", &["a", "b"]);
    let o = export(&plan, &folder);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(names(&folder), ["a.ps1", "b.ps1", "index.txt"]);
}

/// Kills `portplan export` at ever later moments while it replaces an export of one plan by
/// one of another: the folder always holds one of them, whole.
#[cfg(target_os = "linux")]
#[test]
fn a_killed_export_leaves_the_previous_export_or_the_new_one_never_a_mix() {
    let dir = tempfile::tempdir().unwrap();
    let many = |prefix: &str| -> Vec<String> { (0..200).map(|n| format!("{prefix}{n}")).collect() };
    let (a_hosts, b_hosts) = (many("a"), many("b"));
    let a = import(
        dir.path(),
        "alpha",
        &a_hosts.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let b = import(
        dir.path(),
        "beta",
        &b_hosts.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let folder = dir.path().join("scripts");
    let start = std::time::Instant::now();
    assert!(export(&a, &folder).status.success());
    let took = start.elapsed();
    let whole = |plan: &str| {
        let files = names(&folder);
        files == listed(&folder)
            && files.len() > 200
            && files
                .iter()
                .all(|f| fs::read_to_string(folder.join(f)).unwrap().contains(plan))
    };
    let mut killed = 0;
    // Kill points spread over a whole export's time, the last ones after it ends.
    for step in 0..20u32 {
        let next = if whole("alpha") { &b } else { &a };
        let mut child = Command::new(BIN)
            .args([
                "export",
                s(next),
                "--format",
                "powershell",
                "-o",
                s(&folder),
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let after = took * step / 16;
        std::thread::sleep(after);
        if child.try_wait().unwrap().is_none() {
            killed += 1;
        }
        let _ = child.kill();
        child.wait().unwrap();
        assert!(
            whole("alpha") || whole("beta"),
            "killed after {after:?}: {}",
            {
                let files = names(&folder);
                let odd: Vec<&String> = files.iter().filter(|f| !f.ends_with(".ps1")).collect();
                format!("{} files, {odd:?}", files.len())
            }
        );
    }
    assert!(killed > 0, "no export was killed midway");
}

/// Making a file costs far more than naming one on many disks: a re-export gives the scripts
/// that did not change a second name (a hard link) in the new folder instead of writing them.
#[cfg(unix)]
#[test]
fn a_re_export_reuses_the_unchanged_scripts_and_writes_the_others() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("scripts");
    let plan = import(dir.path(), "lab", &["a", "b", "c"]);
    assert!(export(&plan, &folder).status.success());
    let inode = |name: &str| fs::metadata(folder.join(name)).unwrap().ino();
    let before = [inode("a.ps1"), inode("b.ps1"), inode("c.ps1")];
    // b.ps1 edited by hand: the export writes it anew.
    fs::write(folder.join("b.ps1"), "edited").unwrap();
    let o = export(&plan, &folder);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(inode("a.ps1"), before[0]);
    assert_eq!(inode("c.ps1"), before[2]);
    assert_ne!(inode("b.ps1"), before[1]);
    // The folder holds exactly what an export into a new folder holds.
    let new = dir.path().join("new");
    assert!(export(&plan, &new).status.success());
    assert_eq!(names(&folder), names(&new));
    for name in names(&new) {
        assert_eq!(
            fs::read(folder.join(&name)).unwrap(),
            fs::read(new.join(&name)).unwrap(),
            "{name}"
        );
    }
    // A script with another name elsewhere could change under the export: never reused.
    fs::hard_link(folder.join("a.ps1"), dir.path().join("elsewhere.ps1")).unwrap();
    assert!(export(&plan, &folder).status.success());
    assert_ne!(inode("a.ps1"), before[0]);
    assert_eq!(inode("c.ps1"), before[2]);
}

#[test]
fn an_export_removes_what_exports_killed_long_ago_left_beside_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let plan = import(dir.path(), "lab", &["a"]);
    let folder = dir.path().join("scripts");
    let hidden = |name: &str, age: u64| {
        let path = dir.path().join(name);
        fs::create_dir(&path).unwrap();
        fs::write(path.join("a.ps1"), "half written").unwrap();
        let then = std::time::SystemTime::now() - std::time::Duration::from_secs(age);
        fs::File::open(&path).unwrap().set_modified(then).unwrap();
        path
    };
    let abandoned = hidden(".scripts.0123456789abcdef.tmp", 2 * 3600);
    // Another export may still be writing this one; and this one no export named.
    let recent = hidden(".scripts.fedcba9876543210.tmp", 60);
    let foreign = hidden(".scripts.mine.tmp", 2 * 3600);
    let o = export(&plan, &folder);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!abandoned.exists());
    assert!(recent.exists() && foreign.exists());
}

/// The app's Export refuses to save over the open plan's own file, and leaves it as it was.
#[cfg(feature = "gui")]
#[test]
fn the_app_never_exports_over_its_plan_file() {
    use egui_kittest::kittest::Queryable;
    use portplan::gui::Start;

    let dir = tempfile::tempdir().unwrap();
    let plan = example_in(dir.path());
    let mut h = crate::common::app::harness(Start::File(plan.clone()), &dir.path().join("data"));
    h.state_mut().script_dialogs();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    h.get_by_role_and_label(egui::Role::ComboBox, "Format:")
        .click();
    h.run();
    h.get_by_label("csv").click();
    h.run();
    h.get_by_label("Save…").click();
    h.run();
    let start = std::time::Instant::now();
    while h.state().writing_document() {
        assert!(start.elapsed().as_secs() < 60, "the file never came");
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h.run();
    assert!(h.state_mut().answer_dialog(Some(plan.clone())));
    h.run();
    h.get_by_label_contains("is an input of this command");
    assert_eq!(fs::read(&plan).unwrap(), fs::read(EXAMPLE).unwrap());
}
