//! Probe scripts carry user text (host and plan names): whatever it is, each script must
//! tokenize into exactly the intended commands and arguments.

use portplan::analysis::Phase;
use portplan::model::{PortRange, Protocol};
use portplan::probe::Target;
use portplan::probe::script::{self, Shell, csv_field};
use portplan::quote::{from_spreadsheet_cell, spreadsheet_cell};
use proptest::prelude::*;

use crate::common;

use common::tokenize::{expect, hostile, ps_string, sh_commands};

fn targets(names: &[String]) -> Vec<Target> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| Target {
            host: n.clone(),
            address: format!("10.0.0.{}", i + 1),
            port: PortRange::single(9011),
            protocol: Protocol::Tcp,
            phase: Phase::Permanent,
        })
        .collect()
}

/// The values of the `$targets` block and `$from`, read by PowerShell's quoting rules.
fn ps_values(text: &str) -> Result<(String, Vec<(String, String)>), String> {
    let from_at = text.find("\n$from = ").ok_or("no $from")? + "\n$from = ".len();
    let (from, rest) = ps_string(&text[from_at..])?;
    let mut rest = expect(rest, "\n$targets = @(\n")?;
    let mut targets = Vec::new();
    while !rest.starts_with(")\n") {
        rest = expect(rest, "    [pscustomobject]@{ Host = ")?;
        let (host, r) = ps_string(rest)?;
        let r = expect(r, "; Address = ")?;
        let (address, r) = ps_string(r)?;
        let r = expect(r, "; Port = 9011; Phase = 'permanent' }")?;
        rest = r
            .strip_prefix(",\n")
            .or_else(|| r.strip_prefix('\n'))
            .ok_or("expected end of entry")?;
        targets.push((host, address));
    }
    Ok((from, targets))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn sh_probe_lines_tokenize_into_the_intended_words(
        from in hostile(), plan in hostile(), names in proptest::collection::vec(hostile(), 1..4)
    ) {
        let text = script::write(Shell::Sh, &plan, &from, &targets(&names)).unwrap();
        // The header is comments: no user text may start a new line there.
        let (header, body) = text.split_once("set -u\n").unwrap();
        prop_assert!(header.lines().all(|l| l.starts_with('#')), "{header}");
        // The calls follow the probe function, which ends with this line.
        let calls = body.split_once("\"$2:$3\" \"$status\"\n}\n").unwrap().1;
        let commands = sh_commands(calls.trim_end_matches("echo \"results written to $out\"\n"))
            .map_err(TestCaseError::fail)?;
        prop_assert_eq!(commands.len(), names.len());
        for (cmd, (i, name)) in commands.iter().zip(names.iter().enumerate()) {
            let address = format!("10.0.0.{}", i + 1);
            // Each name as a cell: a spreadsheet never takes it for a formula.
            let cell = |s: &str| csv_field(&spreadsheet_cell(s));
            let prefix = format!("{},{},{address}", cell(&from), cell(name));
            prop_assert_eq!(cmd, &vec!["probe".to_string(), prefix, address, "9011".into(), "permanent".into()]);
        }
    }

    #[test]
    fn powershell_strings_hold_exactly_the_names(
        from in hostile(), plan in hostile(), names in proptest::collection::vec(hostile(), 1..4)
    ) {
        let text = script::write(Shell::PowerShell, &plan, &from, &targets(&names)).unwrap();
        let (header, _) = text.split_once("param(").unwrap();
        prop_assert!(header.lines().all(|l| l.starts_with('#')), "{header}");
        let (got_from, got) = ps_values(&text).map_err(TestCaseError::fail)?;
        // Export-Csv writes them as they are: cells a spreadsheet never takes for a formula,
        // which `probe --import` reads back as the names.
        prop_assert_eq!(from_spreadsheet_cell(&got_from), from.as_str());
        prop_assert!(!got_from.starts_with(['=', '+', '-', '@', '\t', '\r']));
        prop_assert_eq!(got.len(), names.len());
        for ((host, address), (i, name)) in got.iter().zip(names.iter().enumerate()) {
            prop_assert_eq!(from_spreadsheet_cell(host), name.as_str());
            prop_assert!(!host.starts_with(['=', '+', '-', '@', '\t', '\r']));
            prop_assert_eq!(address, &format!("10.0.0.{}", i + 1));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The real shell agrees: `sh -n` parses the whole script.
    #[test]
    fn sh_parses_the_script(from in hostile(), names in proptest::collection::vec(hostile(), 1..3)) {
        let text = script::write(Shell::Sh, "p", &from, &targets(&names)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sh");
        std::fs::write(&path, &text).unwrap();
        let o = std::process::Command::new("sh").arg("-n").arg(&path).output().unwrap();
        prop_assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
}

#[test]
fn a_script_never_carries_an_invalid_address() {
    let mut t = targets(&["h".into()]);
    t[0].address = "10.0.0.1; reboot".into();
    let err = script::write(Shell::Sh, "p", "i", &t).unwrap_err();
    assert!(err.contains("is not an IPv4 address"), "{err}");
}

#[test]
fn the_powershell_script_uses_tcpclient_with_a_timeout_and_writes_csv() {
    let text = script::write(
        Shell::PowerShell,
        "p",
        "installer",
        &targets(&["mdm1".into()]),
    )
    .unwrap();
    for needle in [
        "New-Object System.Net.Sockets.TcpClient",
        "$client.ConnectAsync($t.Address, $t.Port)",
        "$task.Wait($TimeoutMs)",
        "Export-Csv -Path $Output -NoTypeInformation",
        "'ConnectionRefused' { $status = 'closed' }",
        "'HostUnreachable' { $status = 'unreachable' }",
        "'HostNotFound' { $status = 'unresolved' }",
        "[int]$TimeoutMs = 3000",
    ] {
        assert!(text.contains(needle), "{needle}");
    }
    assert!(!text.contains("Test-NetConnection"));
    // Braces and parentheses balance outside strings.
    let mut depth = [0i32; 2];
    let mut rest = text.as_str();
    while let Some(c) = rest.chars().next() {
        if c == '\'' {
            rest = ps_string(rest).unwrap().1;
            continue;
        }
        match c {
            '{' => depth[0] += 1,
            '}' => depth[0] -= 1,
            '(' => depth[1] += 1,
            ')' => depth[1] -= 1,
            _ => {}
        }
        assert!(depth[0] >= 0 && depth[1] >= 0);
        rest = &rest[c.len_utf8()..];
    }
    assert_eq!(depth, [0, 0]);
}
