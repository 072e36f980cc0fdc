//! nftables (`.nft`, for `nft -f`): the rules in chains of their own, one per kind, jumped to
//! from an existing `inet` input chain (table and chain names are options). Removing the
//! install rules is one `flush` of their chain.

use std::fmt::Write;

use super::context::Context;
use crate::analysis::FlowKind;
use crate::export::options::Options;
use crate::export::rules::{Rule, ports_text};
use crate::quote;

pub fn chain_name(prefix: &str, kind: FlowKind) -> String {
    format!("{prefix}_{}", kind.name())
}

/// The table our chains are in: `inet filter`.
pub fn table(o: &Options) -> String {
    format!("inet {}", o.nft_table)
}

/// Empties a chain (for `nft -f`, or after `nft` on a command line).
pub fn flush_chain(table: &str, chain: &str) -> String {
    format!("flush chain {table} {chain}")
}

/// Shell commands (run as root) that take away the chain of `kind` entirely: every jump to it
/// from the input chain (applying the file twice adds a second; nft deletes a rule by its
/// handle only), its rules, then the chain itself.
pub fn removal(o: &Options, kind: FlowKind) -> [String; 3] {
    let (table, chain) = (table(o), chain_name(&o.chain, kind));
    let input = &o.nft_input;
    [
        format!(
            "nft -a list chain {table} {input} | awk '/jump {chain} # handle/{{print $NF}}' | while read -r h; do nft delete rule {table} {input} handle \"$h\"; done"
        ),
        format!("nft {}", flush_chain(&table, &chain)),
        format!("nft delete chain {table} {chain}"),
    ]
}

pub fn script(ctx: &Context) -> String {
    let host = ctx.host();
    let o = ctx.options;
    let table = table(o);
    let mut s = String::new();
    s.push_str(&ctx.header("#"));
    if o.cleanup {
        let _ = writeln!(
            s,
            "# Apply with: nft -f FILE. The install chain is emptied; its jump stays, harmless."
        );
        let _ = writeln!(
            s,
            "{}",
            flush_chain(&table, &chain_name(&o.chain, FlowKind::Install))
        );
        return s;
    }
    let _ = writeln!(
        s,
        "# Apply with: nft -f FILE. Needs the table '{table}' with the chain '{}' (the host's filter).\n\
         # Applying again refreshes the rules (and adds one more jump to each chain, which changes nothing);\n\
         # remove the install rules with: nft {}",
        o.nft_input,
        flush_chain(&table, &chain_name(&o.chain, FlowKind::Install))
    );
    let kinds: Vec<FlowKind> = [FlowKind::Install, FlowKind::Operation]
        .into_iter()
        .filter(|k| o.kind.is_none_or(|want| want == *k))
        .collect();
    let _ = writeln!(s, "table {table} {{");
    for k in &kinds {
        let _ = writeln!(s, "  chain {} {{\n  }}", chain_name(&o.chain, *k));
    }
    let _ = writeln!(s, "}}");
    for k in &kinds {
        let chain = chain_name(&o.chain, *k);
        let _ = writeln!(s, "{}", flush_chain(&table, &chain));
        for rule in ctx.rules.iter().filter(|r| r.kind == *k) {
            let comment = quote::safe_text(&rule.comment(&ctx.plan.name, &host.name));
            let (v4, v6) = rule.sources_by_family();
            for (family, sources) in [("ip", v4), ("ip6", v6)] {
                if sources.is_empty() {
                    continue;
                }
                // Long lists make more rules, each line of a size to review.
                for ports in rule.port_runs(usize::MAX) {
                    for sources in Rule::source_runs(&sources) {
                        let _ = writeln!(
                            s,
                            "add rule {table} {chain} {family} saddr {{ {} }} {} dport {{ {} }} accept comment \"{comment}\"",
                            sources.join(", "),
                            rule.protocol,
                            ports_text(&ports, "-").replace(',', ", ")
                        );
                    }
                }
            }
        }
        let _ = writeln!(s, "insert rule {table} {} jump {chain}", o.nft_input);
    }
    s
}
