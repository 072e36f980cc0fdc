//! The `portplan` command line: clap's arguments and one function per subcommand, each a thin
//! shell over the library (the app computes nothing differently). Exit codes: 0 success, 1
//! the plan has errors (`check`) or ports do not answer (`probe`), 2 bad usage or input.

mod args;
mod check;
mod export;
mod import;
mod probe;
mod reports;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};
use portplan::analysis::{Analysis, FlowKind};
use portplan::export::{Format, Paper};
use portplan::files::{outputs, plan_file};
use portplan::model::{Catalog, Plan, SourcePolicy};
use portplan::probe::script::Shell;
use portplan::report;
use portplan::report::PhaseFilter;

/// Which rules: one kind, or both (`None`). (An alias: clap reads a plain `Option` as "the
/// flag may be left out", not as a value of its own.)
type KindFilter = Option<FlowKind>;

#[derive(Parser)]
#[command(
    name = "portplan",
    // Not the file name (on Windows "portplan.exe", run by its console twin portplan.com):
    // the usage shows the command people type.
    bin_name = "portplan",
    version,
    about = "Plan the firewall openings of a ScaleIO / PowerFlex deployment",
    after_help = "Without a command, portplan opens the desktop app: on PLAN if given, otherwise \
                  on the last plan (the bundled example on first start)."
)]
pub struct Cli {
    /// A plan file to open in the desktop app.
    pub plan: Option<PathBuf>,
    /// Use this catalog file instead of the one the plan names (default: the built-in seed).
    #[arg(long, global = true, value_name = "PATH")]
    pub catalog: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Turn a CSV inventory (name,address,roles[,os][,kind]) into a plan file.
    Import {
        inventory: PathBuf,
        /// The plan file to write (an existing one is kept as NAME.bak).
        #[arg(short, long, value_name = "PLAN")]
        output: PathBuf,
        /// The plan's name (default: the inventory's file name).
        #[arg(long)]
        name: Option<String>,
        /// The built-in profile the plan uses ('portplan catalog --list' shows them).
        #[arg(long, value_name = "ID", default_value = portplan::model::catalog::BUILTIN_ID, value_parser = args::profile())]
        profile: String,
        /// Whom an operation rule admits: the roles of the port's `from` (least-privilege)
        /// or every other host of the deployment.
        #[arg(long, default_value = "least-privilege", value_parser = args::named(&SourcePolicy::ALL, SourcePolicy::name))]
        sources: SourcePolicy,
    },
    /// Report what is wrong (errors) or doubtful (warnings); exit 1 when there are errors.
    Check {
        plan: PathBuf,
        #[arg(long, default_value = "text", value_parser = args::choice(args::TEXT_OR_JSON))]
        format: report::Format,
    },
    /// Every host's ports, with phase, the roles that need them and who may reach them.
    Matrix {
        plan: PathBuf,
        #[arg(long, default_value = "text", value_parser = args::choice(args::REPORT))]
        format: report::Format,
        #[arg(long, default_value = "all", value_parser = args::choice(args::PHASE))]
        phase: PhaseFilter,
    },
    /// The source -> destination rules to open, one row per port.
    Flows {
        plan: PathBuf,
        #[arg(long, default_value = "text", value_parser = args::choice(args::REPORT))]
        format: report::Format,
    },
    /// Test which planned ports answer, from this machine (exit 1 when some do not).
    Probe {
        plan: PathBuf,
        #[arg(long, default_value = "all", value_parser = args::choice(args::PHASE))]
        phase: PhaseFilter,
        /// Only this host (repeat for several).
        #[arg(long = "host", value_name = "NAME")]
        hosts: Vec<String>,
        /// How long to wait for an answer before calling a port filtered.
        #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=600_000))]
        timeout_ms: u64,
        /// Probes at once (lowered to fit the open-file limit).
        #[arg(long, default_value_t = 512, value_parser = clap::value_parser!(u64).range(1..=65_536))]
        concurrency: u64,
        #[arg(long, default_value = "text", value_parser = args::choice(args::REPORT))]
        format: report::Format,
        /// Show the results a probe script wrote on another host instead of probing.
        #[arg(long, value_name = "RESULTS.csv")]
        import: Option<PathBuf>,
    },
    /// Write a script that tests, from another host, the ports that host's flows reach.
    ProbeScript {
        plan: PathBuf,
        /// The host the script will run on.
        #[arg(long, value_name = "HOST")]
        from: String,
        #[arg(long, value_parser = args::choice(args::SHELL))]
        shell: Shell,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Firewall scripts (one per host, or for --host NAME), the flows as CSV or XLSX, the
    /// change request (pdf) or the topology diagram (svg).
    Export {
        plan: PathBuf,
        #[arg(long, value_parser = args::named(&Format::ALL, Format::name))]
        format: Format,
        /// Only this host: its script goes to -o FILE or standard output.
        #[arg(long, value_name = "NAME")]
        host: Option<String>,
        #[arg(long, default_value = "all", value_parser = args::choice(args::KIND))]
        kind: KindFilter,
        /// The script that removes the install rules, for after the install.
        #[arg(long)]
        cleanup: bool,
        /// A file with --host (or for a whole-plan format), a folder otherwise.
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// nftables: the existing inet table and input chain to jump from.
        #[arg(long, default_value = "filter")]
        nft_table: String,
        #[arg(long, default_value = "input")]
        nft_input: String,
        /// nftables and iptables: the name our own chains start with.
        #[arg(long, default_value = "portplan")]
        chain: String,
        /// pdf: the paper size.
        #[arg(long, default_value = "a4", value_parser = args::named(&Paper::ALL, Paper::name))]
        paper: Paper,
        /// pdf: the format of the Windows hosts' commands, the one you export (the Export
        /// dialog's default too).
        #[arg(long, default_value_t = portplan::export::Options::default().windows_format,
              value_parser = args::named(&Format::WINDOWS_SCRIPTS, Format::name))]
        windows_format: Format,
        /// pdf: the format of the Linux hosts' commands, the one you export.
        #[arg(long, default_value_t = portplan::export::Options::default().linux_format,
              value_parser = args::named(&Format::LINUX_SCRIPTS, Format::name))]
        linux_format: Format,
        /// pdf: the last test's results for the verification section (the CSV of a probe
        /// script or of `probe --format csv`); their time is the file's.
        #[arg(long, value_name = "RESULTS.csv")]
        probe_results: Option<PathBuf>,
    },
    /// Every port of a catalog with its evidence and source (default: the seed's, or
    /// --catalog PATH), or the list of built-in profiles.
    Catalog {
        /// List the built-in profiles.
        #[arg(long, conflicts_with = "profile")]
        list: bool,
        /// Show this built-in profile.
        #[arg(long, value_name = "ID", value_parser = args::profile())]
        profile: Option<String>,
        #[arg(long, default_value = "text", value_parser = args::choice(args::TEXT_OR_JSON))]
        format: report::Format,
    },
}

/// Why the command did not succeed.
pub enum Failure {
    /// The plan was read but has errors, or ports did not answer (exit 1; the report says
    /// which).
    NotReady,
    /// Bad usage or input (exit 2), with the reason.
    Input(String),
    /// The reader of our output went away (`portplan flows big.json | head`): not an error.
    OutputClosed,
}

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure::Input(e.to_string())
    }
}

impl Failure {
    pub fn from_io(e: io::Error) -> Failure {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::OutputClosed
        } else {
            Failure::Input(format!("cannot write the output: {e}"))
        }
    }
}

/// Runs one subcommand, writing its report to `out`.
pub fn run(command: Command, catalog: Option<&Path>, out: &mut dyn Write) -> Result<(), Failure> {
    match command {
        Command::Import {
            inventory,
            output,
            name,
            profile,
            sources,
        } => {
            let settings = import::Settings {
                name,
                profile,
                sources,
            };
            import::run(&inventory, &output, settings, catalog, out)
        }
        Command::Check { plan, format } => check::run(&plan, format, catalog, out),
        Command::Matrix {
            plan,
            format,
            phase,
        } => reports::matrix(&plan, format, phase, catalog, out),
        Command::Flows { plan, format } => reports::flows(&plan, format, catalog, out),
        Command::Catalog {
            list,
            profile,
            format,
        } => {
            let shown = match (list, profile) {
                (true, _) => reports::Shown::List,
                (false, Some(id)) => reports::Shown::Profile(id),
                (false, None) => reports::Shown::Catalog(catalog),
            };
            reports::catalog(shown, format, out)
        }
        Command::Probe {
            plan,
            phase,
            hosts,
            timeout_ms,
            concurrency,
            format,
            import,
        } => {
            let live = probe::Live {
                phase,
                hosts,
                timeout_ms,
                concurrency,
            };
            probe::run(&plan, live, import.as_deref(), format, catalog, out)
        }
        Command::ProbeScript {
            plan,
            from,
            shell,
            output,
        } => probe::script(&plan, &from, shell, &output, catalog, out),
        Command::Export {
            plan,
            format,
            host,
            kind,
            cleanup,
            output,
            nft_table,
            nft_input,
            chain,
            paper,
            windows_format,
            linux_format,
            probe_results,
        } => {
            let request = export::Request {
                format,
                host,
                options: portplan::export::Options {
                    kind,
                    cleanup,
                    nft_table,
                    nft_input,
                    chain,
                    paper,
                    windows_format,
                    linux_format,
                },
                output,
                probe_results,
            };
            export::run(&plan, request, catalog, out)
        }
    }
}

/// A plan file and its analysis.
fn analyze(path: &Path, catalog: Option<&Path>) -> Result<(Plan, Catalog, Analysis), Failure> {
    let plan = plan_file::load(path)?;
    let catalog = load_catalog(catalog, &plan, path)?;
    let analysis = Analysis::new(&plan, &catalog);
    Ok((plan, catalog, analysis))
}

/// `--catalog` wins; otherwise the plan's own setting, relative to the plan's folder.
fn load_catalog(over: Option<&Path>, plan: &Plan, plan_path: &Path) -> Result<Catalog, Failure> {
    Ok(match over {
        Some(path) => Catalog::load(path)?,
        None => {
            let base = plan_path.parent().unwrap_or(Path::new("."));
            Catalog::resolve(&plan.settings.catalog, base)?
        }
    })
}

/// The catalog file a plan-reading command reads, if any: `--catalog`, or the file the plan
/// names (not a built-in profile).
fn catalog_read(over: Option<&Path>, plan: &Plan, plan_path: &Path) -> Option<PathBuf> {
    let base = plan_path.parent().unwrap_or(Path::new("."));
    over.map(Path::to_path_buf)
        .or_else(|| outputs::catalog_file(&plan.settings.catalog, base))
}

/// Refuses (exit 2) an output that is one of the command's inputs, or a folder that holds
/// one; an input the command does not read this time is `None`.
fn refuse_inputs(output: outputs::Output, inputs: &[(&str, Option<&Path>)]) -> Result<(), Failure> {
    let read: Vec<(&str, &Path)> = inputs
        .iter()
        .filter_map(|(what, path)| Some((*what, (*path)?)))
        .collect();
    Ok(outputs::check(output, &read)?)
}

/// Reports still print for a plan with errors (that is how one finds them), with a hint.
fn note_errors(analysis: &Analysis, path: &Path) {
    if analysis.errors() > 0 {
        let path = portplan::quote::terminal(&path.to_string_lossy()).into_owned();
        eprintln!(
            "portplan: note: {path} has {}; 'portplan check {path}' lists them",
            report::counted(analysis.errors(), "error"),
        );
    }
}
