//! Names come from users. Whatever a plan or host is called, every generated script must
//! tokenize, by its language's own rules, into exactly the intended commands and arguments.
//! At least 10,000 hostile cases per format.

use crate::common;

use common::tokenize::{hostile, ps_string, sh_commands};
use portplan::analysis::Analysis;
use portplan::export::{self, Format, Options};
use portplan::model::Catalog;
use portplan::model::{Os, Plan};
use portplan::model::{Role, RoleSet};
use portplan::quote;
use proptest::prelude::*;

/// A small deployment whose plan and host names are `names` (made unique and non-empty, as
/// `check` requires), all of `os`, every host with rules.
fn plan(plan_name: &str, names: &[String; 3], os: Os) -> Plan {
    let mut p = Plan::new(plan_name);
    // The change request's id is user text in every script's first line too.
    p.change_request.id = plan_name.chars().rev().collect();
    let roles = [
        RoleSet::EMPTY.with(Role::Installer),
        RoleSet::EMPTY.with(Role::Mdm),
        RoleSet::EMPTY.with(Role::Sds),
    ];
    for (i, (name, roles)) in names.iter().zip(roles).enumerate() {
        p.add_host(format!("{i}{name}"), format!("10.9.0.{}", i + 1), os, roles);
    }
    p
}

fn scripts(format: Format, p: &Plan) -> Vec<String> {
    let a = Analysis::new(p, &Catalog::builtin());
    [false, true]
        .into_iter()
        .map(|cleanup| {
            let options = Options {
                cleanup,
                ..Options::default()
            };
            export::host_script(format, p, &a, &p.hosts[1].name, &options).expect("a valid plan")
        })
        .collect()
}

fn config() -> ProptestConfig {
    ProptestConfig::with_cases(10_000)
}

/// cmd.exe: the words of one line, quotes removed and `%%` made `%`, each with whether it holds
/// an operator (`& | < > ^`) outside quotes; a `%` that would expand a variable is an error.
fn cmd_words(line: &str) -> Result<Vec<(String, bool)>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut operator = false;
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '%' if chars.peek() == Some(&'%') => {
                chars.next();
                word.push('%');
            }
            // The script's own variable (cleanup): the only expansion allowed.
            '%' if chars.clone().take(11).collect::<String>() == "REVERT_WMI%" => {
                word.push_str("%REVERT_WMI%");
                for _ in 0..11 {
                    chars.next();
                }
            }
            '%' => return Err(format!("a lone % in {line:?}")),
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    words.push((std::mem::take(&mut word), std::mem::take(&mut operator)));
                }
            }
            '&' | '|' | '<' | '>' | '^' if !quoted => {
                operator = true;
                word.push(c);
            }
            c if c.is_control() => return Err(format!("control character in {line:?}")),
            c => word.push(c),
        }
    }
    if quoted {
        return Err(format!("unbalanced quotes in {line:?}"));
    }
    if !word.is_empty() {
        words.push((word, operator));
    }
    Ok(words)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn netsh(plan_name in hostile(), names in [hostile(), hostile(), hostile()]) {
        let p = plan(&plan_name, &names, Os::Windows);
        for script in scripts(Format::Netsh, &p) {
            for line in script.split("\r\n").filter(|l| !l.is_empty()) {
                let tokens = cmd_words(line).map_err(TestCaseError::fail)?;
                // Operators outside quotes only where the script puts them.
                for (w, operator) in &tokens {
                    if *operator {
                        prop_assert!(["||", ">nul", "2>&1"].contains(&w.as_str()), "{line}");
                    }
                }
                let words: Vec<String> = tokens.into_iter().map(|(w, _)| w).collect();
                if words.starts_with(&["netsh".into(), "advfirewall".into(), "firewall".into(), "add".into()]) {
                    let description = words.iter().find_map(|w| w.strip_prefix("description=")).unwrap();
                    let host = &p.hosts[1].name;
                    let expected = quote::cmd(&format!("portplan {plan_name}: {host}"));
                    let expected = expected.trim_matches('"').replace("%%", "%");
                    prop_assert!(description.starts_with(&expected), "{description:?} / {expected:?}");
                    prop_assert_eq!(&words[words.len() - 3..], ["||", "goto", "failed"]);
                }
            }
        }
    }

    #[test]
    fn powershell(plan_name in hostile(), names in [hostile(), hostile(), hostile()]) {
        let p = plan(&plan_name, &names, Os::Windows);
        let host = &p.hosts[1].name;
        for script in scripts(Format::PowerShell, &p) {
            // Walk the script outside strings: no expansion or statement separator may come
            // from user text, so outside strings only the script's own code remains.
            let mut code = String::new();
            let mut strings = Vec::new();
            let mut rest = script.as_str();
            while let Some(c) = rest.chars().next() {
                if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}') {
                    let (value, after) = ps_string(rest).map_err(TestCaseError::fail)?;
                    strings.push(value);
                    code.push_str("''");
                    rest = after;
                } else {
                    code.push(c);
                    rest = &rest[c.len_utf8()..];
                }
            }
            for line in code.lines().filter(|l| !l.starts_with('#')) {
                prop_assert!(!line.contains(['`', '"']), "{line}");
            }
            // The group is the plan's id (issue 14, item 11); the plan's name reaches the
            // description below, and the cleanup's removal of the group of older versions.
            let group = format!("portplan {} install", p.rules_id());
            prop_assert!(strings.contains(&group), "{strings:?}");
            if !script.contains("$RevertWmi") {
                // The names reach the description intact (the display name is the rule's id).
                let description = format!("portplan {plan_name}: {host} install rule, ");
                prop_assert!(strings.iter().any(|s| s.starts_with(&description)), "{strings:?}");
            }
        }
    }

    #[test]
    fn firewalld(plan_name in hostile(), names in [hostile(), hostile(), hostile()]) {
        // Names only ever reach comment lines: without its comments, the script is the same
        // as for plain names.
        let p = plan(&plan_name, &names, Os::Linux);
        let plain = plan("plain", &["a".into(), "b".into(), "c".into()], Os::Linux);
        for (script, reference) in scripts(Format::Firewalld, &p).iter().zip(scripts(Format::Firewalld, &plain)) {
            prop_assert_eq!(strip_comments(script), strip_comments(&reference));
            header_is_comments(script)?;
        }
    }

    #[test]
    fn iptables(plan_name in hostile(), names in [hostile(), hostile(), hostile()]) {
        let p = plan(&plan_name, &names, Os::Linux);
        let host = &p.hosts[1].name;
        for script in scripts(Format::Iptables, &p) {
            let body = script.split_once("set -eu\n").unwrap().1;
            for line in body.lines().filter(|l| l.contains(" -A ")) {
                let words = &sh_commands(line).map_err(TestCaseError::fail)?[0];
                let at = words.iter().position(|w| w == "--comment").unwrap();
                let expected = quote::safe_text(&format!("portplan {plan_name}: {host} install"));
                let expected_op = quote::safe_text(&format!("portplan {plan_name}: {host} operation"));
                prop_assert!(words[at + 1] == expected || words[at + 1] == expected_op, "{:?}", words[at + 1]);
                prop_assert_eq!(words.last().unwrap(), "ACCEPT");
            }
            header_is_comments(&script)?;
        }
    }

    #[test]
    fn nftables(plan_name in hostile(), names in [hostile(), hostile(), hostile()]) {
        let p = plan(&plan_name, &names, Os::Linux);
        let host = &p.hosts[1].name;
        for script in scripts(Format::Nftables, &p) {
            for line in script.lines() {
                if line.starts_with('#') {
                    continue;
                }
                // nft strings end at the next double quote: a comment holds no quote and no
                // backslash, so it ends where the script ends it.
                if let Some((_, comment)) = line.split_once(" comment \"") {
                    let comment = comment.strip_suffix('"').unwrap();
                    prop_assert!(!comment.contains(['"', '\\']), "{comment}");
                    prop_assert!(comment.len() <= 128);
                    let start = quote::safe_text(&format!("portplan {plan_name}: {host}"));
                    prop_assert!(comment.starts_with(&start), "{comment} / {start}");
                } else {
                    prop_assert!(!line.contains('"'), "{line}");
                }
            }
        }
    }
}

fn strip_comments(body: &str) -> String {
    body.lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
}

/// User text in a script's header stays inside comment lines.
fn header_is_comments(script: &str) -> Result<(), TestCaseError> {
    let header: Vec<&str> = script
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with("set "))
        .collect();
    prop_assert!(header.iter().all(|l| l.starts_with('#')), "{header:?}");
    Ok(())
}
