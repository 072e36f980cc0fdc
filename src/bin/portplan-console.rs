//! portplan.com, the command line on Windows: a console program that runs the portplan.exe
//! beside it with the same arguments, waits for it and exits with its exit code.
//!
//! portplan.exe is a GUI-subsystem program (no console window when started from the Start
//! menu), and cmd.exe neither waits for those nor sets `%ERRORLEVEL%` to their exit code. The
//! Windows package installs this launcher as portplan.com beside it (packaging/windows/
//! Packager.toml): cmd and PowerShell try .COM before .EXE (PATHEXT), so `portplan check plan.json`
//! in a terminal runs this, which waits, and `portplan check` exiting 1 is seen by scripts.
//! Visual Studio does the same (devenv.com beside devenv.exe). portplan.exe, given a command,
//! attaches to this program's console (src/main.rs), so its output and Ctrl+C reach it;
//! redirected output (`> file`, pipes) goes straight to the file or pipe it inherits.
//!
//! It runs anywhere (portplan beside it, e.g. target/debug/), which is how tests check it.

use std::process::Command;

fn main() {
    let app = match std::env::current_exe() {
        Ok(me) => me.with_file_name(format!("portplan{}", std::env::consts::EXE_SUFFIX)),
        Err(e) => fail(format!("cannot find where this program is: {e}")),
    };
    match Command::new(&app)
        .args(std::env::args_os().skip(1))
        .status()
    {
        // On Windows the code is always there (all 32 bits of it); elsewhere a signal ends it.
        Ok(status) => std::process::exit(status.code().unwrap_or(1)),
        Err(e) => fail(format!("cannot start {}: {e}", app.display())),
    }
}

fn fail(reason: String) -> ! {
    eprintln!("portplan: {reason}");
    std::process::exit(2)
}
