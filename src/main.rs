//! The `portplan` binary: with no command it opens the desktop app, with one it does the same
//! work headless ([`cli`]). Exit codes: 0 success, 1 the plan is not ready (`check`, `probe`),
//! 2 bad usage or unreadable input.

mod cli;

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Failure};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let Some(command) = cli.command else {
        return open_app(cli.plan);
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = cli::run(command, cli.catalog.as_deref(), &mut out)
        .and_then(|()| out.flush().map_err(Failure::from_io));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::NotReady) => ExitCode::from(1),
        Err(Failure::OutputClosed) => ExitCode::SUCCESS,
        Err(Failure::Input(reason)) => {
            eprintln!("portplan: {reason}");
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
        eprintln!(
            "portplan: '{}' is neither a command nor a plan file (see portplan --help)",
            path.display()
        );
        return ExitCode::from(2);
    }
    #[cfg(feature = "gui")]
    match portplan::gui::run(plan) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
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
