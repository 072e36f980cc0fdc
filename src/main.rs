//! The `portplan` binary: with no command it opens the desktop app, with one it does the same
//! work headless ([`cli`]). Exit codes: 0 success, 1 the plan is not ready (`check`, `probe`),
//! 2 bad usage or unreadable input.
//!
//! On Windows, with the desktop app, this is a GUI-subsystem program: started from the Start
//! menu or Explorer it opens no console window. Its commands print to the console of whoever
//! started it ([`console`]): portplan.com (`src/bin/portplan-console.rs`), the console program
//! the package installs beside it so that terminals wait for the command and get its exit code.
#![cfg_attr(all(windows, feature = "gui"), windows_subsystem = "windows")]

mod cli;

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Failure};

fn main() -> ExitCode {
    let cli = Cli::try_parse().unwrap_or_else(|e| {
        // --help, --version or a usage error: printed, then exit 0 or 2.
        console::attach();
        e.exit()
    });
    let Some(command) = cli.command else {
        return open_app(cli.plan);
    };
    console::attach();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = cli::run(command, cli.catalog.as_deref(), &mut out)
        .and_then(|()| out.flush().map_err(Failure::from_io));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::NotReady) => ExitCode::from(1),
        Err(Failure::OutputClosed) => ExitCode::SUCCESS,
        Err(Failure::Input(reason)) => {
            // Reasons quote names and paths: no control character reaches the terminal.
            eprintln!("portplan: {}", portplan::quote::terminal_lines(&reason));
            ExitCode::from(2)
        }
    }
}

/// The desktop app. A first argument that is neither a command nor a file is a mistyped
/// command: say so rather than open a window with an error in it.
fn open_app(plan: Option<PathBuf>) -> ExitCode {
    if let Some(path) = &plan
        && !path.exists()
    {
        console::attach();
        eprintln!(
            "portplan: '{}' is neither a command nor a plan file (see portplan --help)",
            portplan::quote::terminal(&path.to_string_lossy())
        );
        return ExitCode::from(2);
    }
    #[cfg(feature = "gui")]
    match portplan::gui::run(plan) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            console::attach();
            eprintln!("portplan: cannot open the window: {e}");
            ExitCode::from(2)
        }
    }
    #[cfg(not(feature = "gui"))]
    {
        let _ = plan;
        eprintln!(
            "portplan: this portplan was built without the desktop app (see portplan --help)"
        );
        ExitCode::from(2)
    }
}

/// Where a GUI-subsystem portplan.exe prints. Windows gives it no console; this attaches it to
/// the console of the program that started it, if that has one: portplan.com (which waits for
/// it and returns its exit code), or a terminal where `portplan.exe` itself was typed (cmd.exe
/// then shows the output but does not wait: scripts call `portplan`, which is portplan.com).
/// Ctrl+C in that console then stops the command. Standard handles redirected to a file or a
/// pipe (`> out.txt`, `| findstr`) stay where they point; the others are set to the console.
/// Called only to print: the desktop app started from a terminal stays detached from it (Ctrl+C
/// at the prompt must not close its window). Started from Explorer, nothing happens.
#[cfg(all(windows, feature = "gui"))]
mod console {
    use std::ffi::c_void;
    use std::ptr::null_mut;

    type Handle = *mut c_void;

    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
    const FILE_TYPE_DISK: u32 = 1;
    const FILE_TYPE_PIPE: u32 = 3;
    const GENERIC_READ: u32 = 0x8000_0000;
    const GENERIC_WRITE: u32 = 0x4000_0000;
    const FILE_SHARE_READ: u32 = 1;
    const FILE_SHARE_WRITE: u32 = 2;
    const OPEN_EXISTING: u32 = 3;
    /// STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE ((DWORD)-10, -11, -12), each with
    /// the console device it reads or writes.
    const STREAMS: [(u32, &str); 3] = [
        (0xFFFF_FFF6, "CONIN$"),
        (0xFFFF_FFF5, "CONOUT$"),
        (0xFFFF_FFF4, "CONOUT$"),
    ];

    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn AttachConsole(process_id: u32) -> i32;
        fn GetStdHandle(std_handle: u32) -> Handle;
        fn SetStdHandle(std_handle: u32, handle: Handle) -> i32;
        fn GetFileType(file: Handle) -> u32;
        fn CreateFileW(
            name: *const u16,
            access: u32,
            share: u32,
            security: *mut c_void,
            disposition: u32,
            flags: u32,
            template: Handle,
        ) -> Handle;
    }

    pub fn attach() {
        // SAFETY: Win32 calls on this process's own standard handles, with valid arguments
        // (GetFileType answers FILE_TYPE_UNKNOWN for a null or stale handle); Rust's standard
        // streams look the handles up at every write.
        unsafe {
            let redirected = STREAMS.map(|(id, _)| {
                let handle = GetStdHandle(id);
                matches!(GetFileType(handle), FILE_TYPE_DISK | FILE_TYPE_PIPE).then_some(handle)
            });
            if AttachConsole(ATTACH_PARENT_PROCESS) == 0 {
                return; // no console to print to (Explorer), or attached already
            }
            for ((id, device), kept) in STREAMS.into_iter().zip(redirected) {
                let handle = kept.unwrap_or_else(|| {
                    let name: Vec<u16> = device.encode_utf16().chain([0]).collect();
                    CreateFileW(
                        name.as_ptr(),
                        GENERIC_READ | GENERIC_WRITE,
                        FILE_SHARE_READ | FILE_SHARE_WRITE,
                        null_mut(),
                        OPEN_EXISTING,
                        0,
                        null_mut(),
                    )
                });
                SetStdHandle(id, handle);
            }
        }
    }
}

/// Everywhere else the program is a console one already.
#[cfg(not(all(windows, feature = "gui")))]
mod console {
    pub fn attach() {}
}
