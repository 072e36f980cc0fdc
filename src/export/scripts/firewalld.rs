//! firewalld (`.sh`): permanent rich rules, one per source and port, then a reload.

use std::fmt::Write;

use super::context::Context;
use crate::export::rules::{Rule, limits, split_list};
use crate::model::Protocol;
use crate::quote;

pub fn script(ctx: &Context) -> String {
    let mut s = String::new();
    s.push_str("#!/bin/sh\n");
    s.push_str(&ctx.header("#"));
    s.push_str(
        "# Run as root. Safe to run twice. ZONE picks the zone (default: public).\n\
         set -eu\n\
         zone=${ZONE:-public}\n",
    );
    if ctx.options.cleanup {
        s.push_str(
            "rule() {\n\
             \x20 if firewall-cmd --permanent --zone=\"$zone\" --query-rich-rule=\"$1\" >/dev/null 2>&1; then\n\
             \x20   firewall-cmd --permanent --zone=\"$zone\" --remove-rich-rule=\"$1\" >/dev/null\n\
             \x20 fi\n\
             }\n",
        );
    } else {
        s.push_str(
            "rule() {\n\
             \x20 if ! firewall-cmd --permanent --zone=\"$zone\" --query-rich-rule=\"$1\" >/dev/null 2>&1; then\n\
             \x20   firewall-cmd --permanent --zone=\"$zone\" --add-rich-rule=\"$1\" >/dev/null\n\
             \x20 fi\n\
             }\n",
        );
    }
    for rule in &ctx.rules {
        let _ = writeln!(
            s,
            "# {} rule: {}",
            rule.kind,
            quote::safe_text(&rule.purpose)
        );
        let ports = ports(rule);
        let (v4, v6) = rule.sources_by_family();
        for (family, sources) in [("ipv4", v4), ("ipv6", v6)] {
            if sources.is_empty() {
                continue;
            }
            // One rich rule per source and port, written as a loop: the list appears once.
            // Addresses, blocks and ports are validated: nothing in them needs quoting.
            // Long lists make more loops, each line of a size to review.
            for sources in Rule::source_runs(&sources) {
                for ports in port_runs(&ports) {
                    let _ = writeln!(s, "for source in {}; do", sources.join(" "));
                    let _ = writeln!(s, "  for port in {}; do", ports.join(" "));
                    let _ = writeln!(s, "    rule {}", rich_rule(family, rule.protocol));
                    let _ = writeln!(s, "  done\ndone");
                }
            }
        }
    }
    let _ = writeln!(s, "{RELOAD} >/dev/null\necho done");
    s
}

/// The rich rule of one `$source` and `$port`, as a double-quoted sh word.
fn rich_rule(family: &str, protocol: Protocol) -> String {
    format!(
        "\"rule family=\\\"{family}\\\" source address=\\\"$source\\\" port port=\\\"$port\\\" protocol=\\\"{protocol}\\\" accept\""
    )
}

/// A rule's ports as firewalld writes them: `135`, `49152-65535`.
fn ports(rule: &Rule) -> Vec<String> {
    rule.ports
        .iter()
        .map(|p| {
            if p.is_single() {
                p.start.to_string()
            } else {
                format!("{}-{}", p.start, p.end)
            }
        })
        .collect()
}

/// Port words in runs of a reviewable line.
fn port_runs(ports: &[String]) -> Vec<Vec<&str>> {
    let words: Vec<&str> = ports.iter().map(String::as_str).collect();
    split_list(&words, str::len, limits::PORTS, |_| 0, 0)
}

/// Commands (one line each, for a root shell) that remove a rule's rich rules from the
/// permanent configuration of the zone (`ZONE`, default public); a reload follows them.
pub fn removal(rule: &Rule) -> Vec<String> {
    let ports = ports(rule);
    let (v4, v6) = rule.sources_by_family();
    [("ipv4", v4), ("ipv6", v6)]
        .into_iter()
        .filter(|(_, sources)| !sources.is_empty())
        .flat_map(|(family, sources)| {
            let mut lines = Vec::new();
            for sources in Rule::source_runs(&sources) {
                for ports in port_runs(&ports) {
                    lines.push(format!(
                        "for source in {}; do for port in {}; do firewall-cmd --permanent --zone=\"${{ZONE:-public}}\" --remove-rich-rule={} >/dev/null 2>&1 || true; done; done",
                        sources.join(" "),
                        ports.join(" "),
                        rich_rule(family, rule.protocol)
                    ));
                }
            }
            lines
        })
        .collect()
}

/// Makes the permanent configuration the running one.
pub const RELOAD: &str = "firewall-cmd --reload";
