//! iptables (`.sh`): a chain of our own per kind, jumped to from INPUT, with `-m comment`; safe
//! to run twice (the chains are flushed and refilled, the jumps added once).

use std::fmt::Write;

use super::context::Context;
use crate::analysis::FlowKind;
use crate::quote;

pub fn chain_name(prefix: &str, kind: FlowKind) -> String {
    format!("{}-{}", prefix.to_uppercase(), kind.name().to_uppercase())
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
        for ipt in ["iptables", "ip6tables"] {
            let v6 = ipt == "ip6tables";
            let any = rules.iter().any(|r| {
                !if v6 {
                    r.sources_by_family().1
                } else {
                    r.sources_by_family().0
                }
                .is_empty()
            });
            if !any {
                continue;
            }
            if o.cleanup {
                let _ = writeln!(s, "while {ipt} -D INPUT -j {chain} 2>/dev/null; do :; done");
                let _ = writeln!(s, "{ipt} -F {chain} 2>/dev/null || true");
                let _ = writeln!(s, "{ipt} -X {chain} 2>/dev/null || true");
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
                let _ = writeln!(
                    s,
                    "{ipt} -A {chain} -p {} -s {} -m multiport --dports {} -m comment --comment {} -j ACCEPT",
                    rule.protocol,
                    sources.join(","),
                    rule.port_list(":"),
                    quote::sh(&comment)
                );
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
