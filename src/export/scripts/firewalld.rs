//! firewalld (`.sh`): permanent rich rules, one per source and port, then a reload.

use std::fmt::Write;

use super::context::Context;
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
        let ports: Vec<String> = rule
            .ports
            .iter()
            .map(|p| {
                if p.is_single() {
                    p.start.to_string()
                } else {
                    format!("{}-{}", p.start, p.end)
                }
            })
            .collect();
        let (v4, v6) = rule.sources_by_family();
        for (family, sources) in [("ipv4", v4), ("ipv6", v6)] {
            if sources.is_empty() {
                continue;
            }
            // One rich rule per source and port, written as a loop: the list appears once.
            // Addresses, blocks and ports are validated: nothing in them needs quoting.
            let _ = writeln!(s, "for source in {}; do", sources.join(" "));
            let _ = writeln!(s, "  for port in {}; do", ports.join(" "));
            let _ = writeln!(
                s,
                "    rule \"rule family=\\\"{family}\\\" source address=\\\"$source\\\" port port=\\\"$port\\\" protocol=\\\"{}\\\" accept\"",
                rule.protocol
            );
            let _ = writeln!(s, "  done\ndone");
        }
    }
    s.push_str("firewall-cmd --reload >/dev/null\necho done\n");
    s
}
