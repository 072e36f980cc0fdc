//! Probe scripts: run on another host (the installer, an SDC), they test exactly the ports
//! that host's flows reach, and write a CSV that `portplan probe --import` reads back.
//! Host names come from users: every one is quoted for the script's language.

use super::targets::Target;
use crate::model::Address;
use crate::quote;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shell {
    /// POSIX sh, probing with bash's /dev/tcp (or nc), bounded by `timeout`.
    Sh,
    /// Windows PowerShell 5.1 and later, with System.Net.Sockets.TcpClient.
    PowerShell,
}

impl Shell {
    pub fn extension(self) -> &'static str {
        match self {
            Shell::Sh => "sh",
            Shell::PowerShell => "ps1",
        }
    }
}

/// One CSV field, quoted when it must be.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A file-name-safe form of a host name, for the default output file.
fn file_safe(s: &str) -> String {
    let safe: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if safe.is_empty() { "host".into() } else { safe }
}

/// The script for `shell`, run on host `from`, probing `targets`. Addresses must be valid
/// (they are checked again here: a script never carries one that is not).
pub fn write(shell: Shell, plan: &str, from: &str, targets: &[Target]) -> Result<String, String> {
    for t in targets {
        Address::parse(&t.address).map_err(|e| format!("host {}: {e}", t.host))?;
    }
    let probed: Vec<&Target> = targets.iter().filter(|t| t.is_probeable()).collect();
    Ok(match shell {
        Shell::Sh => sh(plan, from, &probed),
        Shell::PowerShell => powershell(plan, from, &probed),
    })
}

fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The first comment line of both scripts: what made it, for which host and plan.
fn header(plan: &str, from: &str) -> String {
    format!(
        "# portplan {} probe script, to run on {} (plan {}).\n",
        env!("CARGO_PKG_VERSION"),
        one_line(from),
        one_line(plan)
    )
}

fn sh(plan: &str, from: &str, targets: &[&Target]) -> String {
    let mut s = String::new();
    s.push_str("#!/bin/sh\n");
    s.push_str(&header(plan, from));
    s.push_str(
        "# Tests from this host every port its flows in the plan reach, and writes the results\n\
         # as CSV for 'portplan probe --import FILE PLAN'.\n\
         # Usage: sh SCRIPT [OUTPUT.csv] [TIMEOUT_SECONDS]\n\
         set -u\n",
    );
    s.push_str(&format!(
        "out=${{1:-{}}}\n",
        quote::sh(&format!("portplan-probe-{}.csv", file_safe(from)))
    ));
    s.push_str(
        r#"limit=${2:-3}
command -v timeout >/dev/null 2>&1 || { echo "needs the 'timeout' command (coreutils)" >&2; exit 2; }
if command -v bash >/dev/null 2>&1; then method=bash
elif command -v nc >/dev/null 2>&1; then method=nc
else echo "needs bash or nc" >&2; exit 2; fi
now_ms() {
  t=$(date +%s%N 2>/dev/null)
  case $t in *N|'') echo $(( $(date +%s) * 1000 )) ;; *) echo $(( t / 1000000 )) ;; esac
}
printf '%s\n' 'from,host,address,port,protocol,phase,status,ms,detail' > "$out" || exit 2
# probe CSV_PREFIX ADDRESS PORT PHASE
probe() {
  start=$(now_ms)
  if [ "$method" = bash ]; then
    err=$(timeout "$limit" bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$2" "$3" 2>&1)
  else
    err=$(timeout "$limit" nc -z -w "$limit" "$2" "$3" 2>&1)
  fi
  rc=$?
  ms=$(( $(now_ms) - start ))
  detail=
  case $rc in
    0) status=open ;;
    124) status=filtered ;;
    *) case $err in
         *refused*) status=closed ;;
         *"No route"*|*nreachable*|*"not permitted"*|*denied*) status=unreachable ;;
         *"not known"*|*resol*|*"No address"*|*"Unknown host"*) status=unresolved ;;
         *) if [ "$method" = nc ] && [ -z "$err" ]; then status=closed
            else status=error; detail=$(printf '%s' "$err" | tr -d '\r\n",' | cut -c1-160); fi ;;
       esac ;;
  esac
  # A message a spreadsheet would take for a formula is kept as text, as portplan's CSVs do.
  case $detail in [=+@-]*) detail="'$detail" ;; esac
  printf '%s,%s,tcp,%s,%s,%s,%s\n' "$1" "$3" "$4" "$status" "$ms" "$detail" >> "$out"
  printf '%-40s %s\n' "$2:$3" "$status"
}
"#,
    );
    // The names are the CSV's cells, for a spreadsheet as much as for `probe --import` (which
    // takes the `'` off again).
    let from_cell = csv_field(&quote::spreadsheet_cell(from));
    for t in targets {
        let host_cell = csv_field(&quote::spreadsheet_cell(&t.host));
        let prefix = format!("{from_cell},{host_cell},{}", t.address);
        s.push_str(&format!(
            "probe {} {} {} {}\n",
            quote::sh(&prefix),
            quote::sh(&t.address),
            t.port.start,
            t.phase.name()
        ));
    }
    s.push_str("echo \"results written to $out\"\n");
    s
}

fn powershell(plan: &str, from: &str, targets: &[&Target]) -> String {
    let mut s = String::new();
    s.push_str(&header(plan, from));
    s.push_str(
        "# Tests from this host every port its flows in the plan reach (TcpClient with a real\n\
         # timeout), and writes the results as CSV for 'portplan probe --import FILE PLAN'.\n\
         # Usage: powershell -ExecutionPolicy Bypass -File SCRIPT.ps1 [-Output FILE.csv] [-TimeoutMs 3000]\n",
    );
    s.push_str(&format!(
        "param(\n    [string]$Output = {},\n    [int]$TimeoutMs = 3000\n)\n",
        quote::powershell(&format!("portplan-probe-{}.csv", file_safe(from)))
    ));
    s.push_str("$ErrorActionPreference = 'Stop'\n");
    // Export-Csv writes cells as they are: a name a spreadsheet would take for a formula
    // carries the `'` portplan's own CSVs give it (`probe --import` takes it off again).
    s.push_str(&format!(
        "$from = {}\n",
        quote::powershell(&quote::spreadsheet_cell(from))
    ));
    s.push_str("$targets = @(\n");
    for (i, t) in targets.iter().enumerate() {
        let sep = if i + 1 < targets.len() { "," } else { "" };
        s.push_str(&format!(
            "    [pscustomobject]@{{ Host = {}; Address = {}; Port = {}; Phase = {} }}{sep}\n",
            quote::powershell(&quote::spreadsheet_cell(&t.host)),
            quote::powershell(&t.address),
            t.port.start,
            quote::powershell(t.phase.name())
        ));
    }
    s.push_str(")\n");
    s.push_str(
        r#"$results = foreach ($t in $targets) {
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $client = New-Object System.Net.Sockets.TcpClient
    $status = 'error'
    $detail = ''
    try {
        $task = $client.ConnectAsync($t.Address, $t.Port)
        if ($task.Wait($TimeoutMs)) { $status = 'open' } else { $status = 'filtered' }
    } catch {
        $e = $_.Exception
        while ($e.InnerException) { $e = $e.InnerException }
        if ($e -is [System.Net.Sockets.SocketException]) {
            switch ($e.SocketErrorCode.ToString()) {
                'ConnectionRefused' { $status = 'closed' }
                'HostUnreachable' { $status = 'unreachable' }
                'NetworkUnreachable' { $status = 'unreachable' }
                'AccessDenied' { $status = 'unreachable' }
                'HostNotFound' { $status = 'unresolved' }
                'NoData' { $status = 'unresolved' }
                'TimedOut' { $status = 'filtered' }
                default { $detail = $e.Message }
            }
        } else {
            $detail = $e.Message
        }
    } finally {
        $client.Dispose()
    }
    if ($detail -match '^[=+@-]') { $detail = '''' + $detail }
    [pscustomobject]@{
        from = $from; host = $t.Host; address = $t.Address; port = $t.Port; protocol = 'tcp'
        phase = $t.Phase; status = $status; ms = $watch.ElapsedMilliseconds; detail = $detail
    }
}
$results | Export-Csv -Path $Output -NoTypeInformation -Encoding UTF8
$results | Format-Table host, address, port, phase, status, ms -AutoSize
Write-Host "results written to $Output"
"#,
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(csv_field("a,\"b\""), "\"a,\"\"b\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(file_safe("my host/1"), "my_host_1");
    }
}
