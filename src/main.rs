//! The `portplan` command: a thin shell over the library. Exit codes: 0 success, 1 the plan
//! has errors (`check`), 2 bad usage or unreadable input.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::SystemTime;

use clap::{Parser, Subcommand, ValueEnum};

use portplan::analysis::{Analysis, Phase};
use portplan::export::change_request::Evidence;
use portplan::files::{atomic, inventory, plan_file};
use portplan::model::timestamp::unix_seconds;
use portplan::model::{Catalog, Plan};
use portplan::report::{self, Format};
use portplan::{export, probe};

#[derive(Parser)]
#[command(
    name = "portplan",
    version,
    about = "Plan the firewall openings of a ScaleIO / PowerFlex deployment",
    after_help = "Without a command, portplan opens the desktop app: on PLAN if given, otherwise \
                  on the last plan (the bundled example on first start)."
)]
struct Cli {
    /// A plan file to open in the desktop app.
    plan: Option<PathBuf>,
    /// Use this catalog file instead of the one the plan names (default: the built-in seed).
    #[arg(long, global = true, value_name = "PATH")]
    catalog: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Turn a CSV inventory (name,address,roles[,os]) into a plan file.
    Import {
        inventory: PathBuf,
        /// The plan file to write (an existing one is kept as NAME.bak).
        #[arg(short, long, value_name = "PLAN")]
        output: PathBuf,
        /// The plan's name (default: the inventory's file name).
        #[arg(long)]
        name: Option<String>,
    },
    /// Report what is wrong (errors) or doubtful (warnings); exit 1 when there are errors.
    Check {
        plan: PathBuf,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Every host's ports, with phase, the roles that need them and who may reach them.
    Matrix {
        plan: PathBuf,
        #[arg(long, value_enum, default_value_t = AnyFormat::Text)]
        format: AnyFormat,
        #[arg(long, value_enum, default_value_t = PhaseArg::All)]
        phase: PhaseArg,
    },
    /// The source -> destination rules to open, one row per port.
    Flows {
        plan: PathBuf,
        #[arg(long, value_enum, default_value_t = AnyFormat::Text)]
        format: AnyFormat,
    },
    /// Test which planned ports answer, from this machine (exit 1 when some do not).
    Probe {
        plan: PathBuf,
        #[arg(long, value_enum, default_value_t = PhaseArg::All)]
        phase: PhaseArg,
        /// Only this host (repeat for several).
        #[arg(long = "host", value_name = "NAME")]
        hosts: Vec<String>,
        /// How long to wait for an answer before calling a port filtered.
        #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=600_000))]
        timeout_ms: u64,
        /// Probes at once (lowered to fit the open-file limit).
        #[arg(long, default_value_t = 512, value_parser = clap::value_parser!(u64).range(1..=65_536))]
        concurrency: u64,
        #[arg(long, value_enum, default_value_t = AnyFormat::Text)]
        format: AnyFormat,
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
        #[arg(long, value_enum)]
        shell: ShellArg,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Firewall scripts (one per host, or for --host NAME), or the flows as CSV.
    Export {
        plan: PathBuf,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Only this host: its script goes to -o FILE or standard output.
        #[arg(long, value_name = "NAME")]
        host: Option<String>,
        #[arg(long, value_enum, default_value_t = KindArg::All)]
        kind: KindArg,
        /// The script that removes the install rules, for after the install.
        #[arg(long)]
        cleanup: bool,
        /// A file with --host (or for csv), a folder otherwise.
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
        #[arg(long, value_enum, default_value_t = PaperArg::A4)]
        paper: PaperArg,
        /// pdf: the last test's results for the verification section (the CSV of a probe
        /// script or of `probe --format csv`); their time is the file's.
        #[arg(long, value_name = "RESULTS.csv")]
        probe_results: Option<PathBuf>,
    },
    /// Every port of the catalog with the source it comes from.
    Catalog {
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum TextOrJson {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum AnyFormat {
    Text,
    Csv,
    Json,
}

impl From<AnyFormat> for Format {
    fn from(f: AnyFormat) -> Format {
        match f {
            AnyFormat::Text => Format::Text,
            AnyFormat::Csv => Format::Csv,
            AnyFormat::Json => Format::Json,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Netsh,
    Powershell,
    Firewalld,
    Nftables,
    Iptables,
    Csv,
    Xlsx,
    /// The change request for the security team.
    Pdf,
    /// The topology diagram alone.
    Svg,
}

#[derive(Clone, Copy, ValueEnum)]
enum PaperArg {
    A4,
    Letter,
}

impl ExportFormat {
    /// The script and table formats; `None` for the documents.
    fn table_or_script(self) -> Option<export::Format> {
        Some(match self {
            ExportFormat::Netsh => export::Format::Netsh,
            ExportFormat::Powershell => export::Format::PowerShell,
            ExportFormat::Firewalld => export::Format::Firewalld,
            ExportFormat::Nftables => export::Format::Nftables,
            ExportFormat::Iptables => export::Format::Iptables,
            ExportFormat::Csv => export::Format::Csv,
            ExportFormat::Xlsx => export::Format::Xlsx,
            ExportFormat::Pdf | ExportFormat::Svg => return None,
        })
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    Install,
    Operation,
    All,
}

#[derive(Clone, Copy, ValueEnum)]
enum ShellArg {
    Sh,
    Powershell,
}

#[derive(Clone, Copy, ValueEnum)]
enum PhaseArg {
    InstallOnly,
    Permanent,
    All,
}

impl From<PhaseArg> for Option<Phase> {
    fn from(p: PhaseArg) -> Option<Phase> {
        match p {
            PhaseArg::InstallOnly => Some(Phase::InstallOnly),
            PhaseArg::Permanent => Some(Phase::Permanent),
            PhaseArg::All => None,
        }
    }
}

/// Why the command did not succeed.
enum Failure {
    /// The plan was read but has errors (exit 1; the report says which).
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let Some(command) = cli.command else {
        return open_app(cli.plan);
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = run(command, cli.catalog.as_deref(), &mut out)
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

impl Failure {
    fn from_io(e: io::Error) -> Failure {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::OutputClosed
        } else {
            Failure::Input(format!("cannot write the output: {e}"))
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
    match portplan::gui::run(plan) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("portplan: cannot open the window: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command, catalog: Option<&Path>, out: &mut dyn Write) -> Result<(), Failure> {
    match command {
        Command::Import {
            inventory,
            output,
            name,
        } => {
            let bytes = std::fs::read(&inventory)
                .map_err(|e| format!("{}: cannot read: {e}", inventory.display()))?;
            let name = name.unwrap_or_else(|| {
                inventory
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "Imported plan".into())
            });
            let plan = inventory::import(&bytes, &name).map_err(|e| {
                // One line per bad row, each naming the file.
                let lines: Vec<String> =
                    e.0.iter()
                        .map(|row| format!("{}: {row}", inventory.display()))
                        .collect();
                lines.join("\nportplan: ")
            })?;
            plan_file::save(&plan, &output)?;
            let analysis = Analysis::new(&plan, &load_catalog(catalog, &plan, &output)?);
            writeln!(
                out,
                "wrote {}: {} hosts, {} errors, {} warnings{}",
                output.display(),
                plan.hosts.len(),
                analysis.errors(),
                analysis.warnings(),
                if analysis.findings.is_empty() {
                    ""
                } else {
                    " (portplan check tells which)"
                }
            )
            .map_err(Failure::from_io)
        }
        Command::Check { plan, format } => {
            let analysis = analyze(&plan, catalog)?;
            match format {
                TextOrJson::Text => report::findings::write_text(out, &analysis),
                TextOrJson::Json => report::findings::write_json(out, &analysis),
            }
            .map_err(Failure::from_io)?;
            if analysis.errors() > 0 {
                out.flush().map_err(Failure::from_io)?;
                return Err(Failure::NotReady);
            }
            Ok(())
        }
        Command::Matrix {
            plan,
            format,
            phase,
        } => {
            let analysis = analyze(&plan, catalog)?;
            note_errors(&analysis, &plan);
            let phase: Option<Phase> = phase.into();
            match format.into() {
                Format::Text => report::matrix::write_text(out, &analysis, phase),
                Format::Csv => {
                    report::matrix::write_csv(out, &analysis, 0..analysis.hosts.len(), phase)
                }
                Format::Json => report::matrix::write_json(out, &analysis, phase),
            }
            .map_err(Failure::from_io)
        }
        Command::Flows { plan, format } => {
            let analysis = analyze(&plan, catalog)?;
            note_errors(&analysis, &plan);
            match format.into() {
                Format::Text => report::flows::write_text(out, &analysis),
                Format::Csv => report::flows::write_csv(out, &analysis, None),
                Format::Json => report::flows::write_json(out, &analysis),
            }
            .map_err(Failure::from_io)
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
            let analysis = analyze(&plan, catalog)?;
            let report = match import {
                Some(path) => read_results(&path)?.report,
                None => {
                    let targets = probe::targets::from_matrix(&analysis, phase.into(), &hosts)?;
                    let options = probe::Options {
                        timeout: std::time::Duration::from_millis(timeout_ms),
                        concurrency: concurrency as usize,
                    };
                    run_probes(targets, options)?
                }
            };
            match format.into() {
                Format::Text => report.write_text(out),
                Format::Csv => report.write_csv(out),
                Format::Json => report.write_json(out),
            }
            .map_err(Failure::from_io)?;
            if report.summary().not_open() > 0 || report.cancelled {
                out.flush().map_err(Failure::from_io)?;
                return Err(Failure::NotReady);
            }
            Ok(())
        }
        Command::ProbeScript {
            plan,
            from,
            shell,
            output,
        } => {
            let analysis = analyze(&plan, catalog)?;
            let row = analysis
                .hosts
                .iter()
                .position(|h| h.name == from)
                .ok_or_else(|| format!("no host named '{from}' in the plan"))?;
            let targets = probe::targets::from_source(&analysis, row);
            let shell = match shell {
                ShellArg::Sh => probe::script::Shell::Sh,
                ShellArg::Powershell => probe::script::Shell::PowerShell,
            };
            let text = probe::script::write(shell, &analysis.plan_name, &from, &targets)?;
            atomic::write_atomically(&output, text.as_bytes())?;
            #[cfg(unix)]
            if shell == probe::script::Shell::Sh {
                use std::os::unix::fs::PermissionsExt;
                let _ = std::fs::set_permissions(&output, std::fs::Permissions::from_mode(0o755));
            }
            writeln!(
                out,
                "wrote {}: {} probes from {from}",
                output.display(),
                targets.iter().filter(|t| t.is_probeable()).count()
            )
            .map_err(Failure::from_io)
        }
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
            probe_results,
        } => {
            let plan_data = plan_file::load(&plan)?;
            let catalog = load_catalog(catalog, &plan_data, &plan)?;
            let analysis = Analysis::new(&plan_data, &catalog);
            let kind = match kind {
                KindArg::Install => Some(portplan::analysis::FlowKind::Install),
                KindArg::Operation => Some(portplan::analysis::FlowKind::Operation),
                KindArg::All => None,
            };
            if cleanup && kind == Some(portplan::analysis::FlowKind::Operation) {
                return Err(
                    "--cleanup removes the install rules; it does not go with --kind operation"
                        .into(),
                );
            }
            let options = export::Options {
                kind,
                cleanup,
                nft_table,
                nft_input,
                chain,
            };
            let Some(format) = format.table_or_script() else {
                if host.is_some() {
                    return Err(
                        "the change request and the diagram cover the whole plan: leave out --host"
                            .into(),
                    );
                }
                let bytes = match format {
                    ExportFormat::Svg => export::svg::diagram(&plan_data, &analysis).into_bytes(),
                    _ => {
                        let evidence = match &probe_results {
                            Some(path) => Some(read_results(path)?),
                            None => None,
                        };
                        let inputs = export::change_request::Inputs {
                            plan: &plan_data,
                            catalog: &catalog,
                            analysis: &analysis,
                            generated: unix_seconds(SystemTime::now()),
                            evidence: evidence.as_ref(),
                        };
                        for field in plan_data.change_request.missing() {
                            eprintln!("note: the change request has no {field} yet");
                        }
                        for problem in
                            portplan::model::change_window::problems(&plan_data.change_request)
                        {
                            eprintln!("note: {problem}");
                        }
                        let paper = match paper {
                            PaperArg::A4 => export::pdf::layout::Paper::A4,
                            PaperArg::Letter => export::pdf::layout::Paper::Letter,
                        };
                        export::pdf::change_request(&inputs, paper)?
                    }
                };
                let Some(path) = output else {
                    return Err("give -o FILE for the document".into());
                };
                atomic::write_atomically(&path, &bytes)?;
                return writeln!(out, "wrote {}", path.display()).map_err(Failure::from_io);
            };
            if format == export::Format::Xlsx && output.is_none() {
                return Err("an xlsx workbook is binary: give -o FILE.xlsx".into());
            }
            // One file (a host's script, or a whole-plan format), or one per host.
            let single: Option<Vec<u8>> = match (&host, format.os()) {
                (Some(h), Some(_)) => Some(
                    export::host_script(format, &plan_data, &analysis, h, &options)?.into_bytes(),
                ),
                (Some(_), None) => {
                    return Err(format!("{format} covers the whole plan: leave out --host").into());
                }
                (None, None) => export::export(format, &plan_data, &analysis, &options)?
                    .into_iter()
                    .next()
                    .map(|f| f.contents),
                (None, Some(_)) => None,
            };
            match (single, output) {
                (Some(bytes), None) => out.write_all(&bytes).map_err(Failure::from_io),
                (Some(bytes), Some(path)) => {
                    atomic::write_atomically(&path, &bytes)?;
                    writeln!(out, "wrote {}", path.display()).map_err(Failure::from_io)
                }
                (None, None) => {
                    Err("give --host NAME for one script, or -o FOLDER for one per host".into())
                }
                (None, Some(dir)) => {
                    let files = export::export(format, &plan_data, &analysis, &options)?;
                    std::fs::create_dir_all(&dir)
                        .map_err(|e| format!("{}: cannot create the folder: {e}", dir.display()))?;
                    for f in &files {
                        atomic::write_atomically(&dir.join(&f.name), &f.contents)?;
                    }
                    writeln!(out, "wrote {} files to {}", files.len(), dir.display())
                        .map_err(Failure::from_io)
                }
            }
        }
        Command::Catalog { format } => {
            let catalog = match catalog {
                Some(path) => Catalog::load(path)?,
                None => Catalog::builtin(),
            };
            match format {
                TextOrJson::Text => report::catalog::write_text(out, &catalog),
                TextOrJson::Json => report::catalog::write_json(out, &catalog),
            }
            .map_err(Failure::from_io)
        }
    }
}

/// Probes with progress on standard error when it is a terminal.
fn run_probes(
    targets: Vec<probe::Target>,
    options: probe::Options,
) -> Result<probe::Report, Failure> {
    use std::io::IsTerminal;
    let total = targets.len();
    let show = io::stderr().is_terminal();
    let mut done = 0;
    let progress = move |_: usize, _: &probe::ProbeResult| {
        done += 1;
        if show && (done % 50 == 0 || done == total) {
            eprint!("\rprobed {done}/{total}");
        }
    };
    let report = probe::engine::run_blocking(targets, options, probe::Cancel::default(), progress)
        .map_err(|e| format!("cannot start the probe engine: {e}"))?;
    if show {
        eprintln!();
    }
    Ok(report)
}

fn analyze(path: &Path, catalog: Option<&Path>) -> Result<Analysis, Failure> {
    let plan = plan_file::load(path)?;
    let catalog = load_catalog(catalog, &plan, path)?;
    Ok(Analysis::new(&plan, &catalog))
}

/// Probe results from a CSV file, with the file's time and the host they were taken on.
fn read_results(path: &Path) -> Result<Evidence, Failure> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let report = probe::Report::read_csv(&bytes).map_err(|rows| {
        rows.iter()
            .map(|r| format!("{}: {r}", path.display()))
            .collect::<Vec<_>>()
            .join("\nportplan: ")
    })?;
    let at = unix_seconds(
        std::fs::metadata(path)
            .and_then(|m| m.modified())
            .unwrap_or_else(|_| SystemTime::now()),
    );
    let origin = report
        .results
        .iter()
        .find_map(|r| r.from.clone())
        .unwrap_or_else(|| format!("the machine that wrote {}", path.display()));
    Ok(Evidence { report, at, origin })
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

/// Reports still print for a plan with errors (that is how one finds them), with a hint.
fn note_errors(analysis: &Analysis, path: &Path) {
    if analysis.errors() > 0 {
        eprintln!(
            "portplan: note: {} has {} errors; 'portplan check {}' lists them",
            path.display(),
            analysis.errors(),
            path.display()
        );
    }
}
