//! Validation findings as text and JSON.

use std::io::{self, Write};

use serde::Serialize;

use crate::analysis::{Analysis, Finding, Severity};

/// The name of the host a finding is about.
fn host_name<'a>(a: &'a Analysis, f: &Finding) -> Option<&'a str> {
    let id = f.host?;
    a.hosts.iter().find(|h| h.id == id).map(|h| h.name.as_str())
}

pub fn write_text(out: &mut dyn Write, a: &Analysis) -> io::Result<()> {
    for f in &a.findings {
        // Messages quote names and addresses as the user typed them.
        writeln!(
            out,
            "{}: {}",
            f.severity,
            crate::quote::terminal(&f.message)
        )?;
    }
    writeln!(
        out,
        "{}: {}",
        if a.errors() > 0 { "not ready" } else { "ok" },
        super::findings_count(a)
    )
}

#[derive(Serialize)]
struct FindingDoc<'a> {
    severity: Severity,
    code: &'a str,
    host: Option<&'a str>,
    message: &'a str,
}

#[derive(Serialize)]
struct FindingsDoc<'a> {
    plan: &'a str,
    errors: usize,
    warnings: usize,
    findings: Vec<FindingDoc<'a>>,
}

pub fn write_json(out: &mut dyn Write, a: &Analysis) -> io::Result<()> {
    let doc = FindingsDoc {
        plan: &a.plan_name,
        errors: a.errors(),
        warnings: a.warnings(),
        findings: a
            .findings
            .iter()
            .map(|f| FindingDoc {
                severity: f.severity,
                code: f.code,
                host: host_name(a, f),
                message: &f.message,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
