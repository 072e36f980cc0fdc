//! iptables (`.sh`): a chain of our own per kind, jumped to from INPUT, with `-m comment`; safe
//! to run twice (the chains are flushed and refilled, the jumps added once).

use std::fmt::Write;

use super::context::Context;
use crate::analysis::FlowKind;
use crate::export::rules::{Rule, limits, ports_text};
use crate::quote;

pub fn chain_name(prefix: &str, kind: FlowKind) -> String {
    format!("{}-{}", prefix.to_uppercase(), kind.name().to_uppercase())
}

/// The commands that take away a chain entirely: every jump to it from INPUT, its rules, the
/// chain. Safe to run twice.
pub fn removal(ipt: &str, chain: &str) -> [String; 3] {
    [
        format!("while {ipt} -D INPUT -j {chain} 2>/dev/null; do :; done"),
        format!("{ipt} -F {chain} 2>/dev/null || true"),
        format!("{ipt} -X {chain} 2>/dev/null || true"),
    ]
}

/// The iptables commands a kind's rules are in: `iptables` for IPv4 sources, `ip6tables`
/// for IPv6 ones.
pub fn commands_for<'r>(rules: impl Iterator<Item = &'r Rule<'r>> + Clone) -> Vec<&'static str> {
    ["iptables", "ip6tables"]
        .into_iter()
        .filter(|ipt| {
            let v6 = *ipt == "ip6tables";
            rules.clone().any(|r| {
                let (v4s, v6s) = r.sources_by_family();
                !if v6 { v6s } else { v4s }.is_empty()
            })
        })
        .collect()
}

pub fn script(ctx: &Context) -> String {
    let host = ctx.host();
    let o = ctx.options;
    let mut s = String::new();
    s.push_str("#!/bin/sh\n");
    s.push_str(&ctx.header("#"));
    s.push_str("# Run as root. Safe to run twice.\nset -eu\n");
    let kinds: Vec<FlowKind> = if o.cleanup {
        vec![FlowKind::Install]
    } else {
        [FlowKind::Install, FlowKind::Operation]
            .into_iter()
            .filter(|k| o.kind.is_none_or(|want| want == *k))
            .collect()
    };
    for k in kinds {
        let chain = chain_name(&o.chain, k);
        let rules: Vec<_> = ctx.rules.iter().filter(|r| r.kind == k).collect();
        let used = commands_for(rules.iter().copied());
        // Both families, always: a plan that moved from IPv6 to IPv4 (or back) must not leave
        // the other family's chain open. A family without rules has its chain taken away.
        for ipt in ["iptables", "ip6tables"] {
            let v6 = ipt == "ip6tables";
            if o.cleanup || !used.contains(&ipt) {
                for line in removal(ipt, &chain) {
                    let _ = writeln!(s, "{line}");
                }
                continue;
            }
            let _ = writeln!(s, "{ipt} -N {chain} 2>/dev/null || true");
            let _ = writeln!(s, "{ipt} -F {chain}");
            for rule in &rules {
                let (v4s, v6s) = rule.sources_by_family();
                let sources = if v6 { v6s } else { v4s };
                if sources.is_empty() {
                    continue;
                }
                let comment = quote::safe_text(&rule.comment(&ctx.plan.name, &host.name));
                // multiport takes 15 ports, and Linux no argument over 128 KiB: long lists
                // make more rules.
                for ports in rule.port_runs(limits::MULTIPORT) {
                    for sources in Rule::source_runs(&sources) {
                        let _ = writeln!(
                            s,
                            "{ipt} -A {chain} -p {} -s {} -m multiport --dports {} -m comment --comment {} -j ACCEPT",
                            rule.protocol,
                            sources.join(","),
                            ports_text(&ports, ":"),
                            quote::sh(&comment)
                        );
                    }
                }
            }
            let _ = writeln!(
                s,
                "{ipt} -C INPUT -j {chain} 2>/dev/null || {ipt} -I INPUT -j {chain}"
            );
        }
    }
    s.push_str("echo done\n");
    s
}
