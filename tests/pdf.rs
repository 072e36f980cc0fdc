//! The change request PDF and the SVG diagram, read back: every host, address and port is in
//! it, nothing runs out of its cell or its page, headers repeat, the paper is as asked.

use crate::common;

use common::pdf::{self, Pdf};
use portplan::analysis::Analysis;
use std::sync::LazyLock;

use portplan::analysis::Severity;
use portplan::export::documents::blocks::Block;
use portplan::export::documents::change_request;
use portplan::export::documents::fonts;
use portplan::export::documents::pdf::pages::{self, Item};
use portplan::export::documents::svg;
use portplan::export::{ExportError, Format, Inputs, Options, Paper};
use portplan::model::Role;
use portplan::model::{Catalog, HostKind};
use portplan::model::{Os, Plan};
use portplan::probe::Evidence;
use portplan::probe::Report;
use proptest::prelude::*;

/// 2026-11-25 09:00 UTC
const WHEN: i64 = 1_795_597_200;

/// The options the documents here are written with: the defaults, on this paper, with the
/// seed's netsh for the Windows hosts' commands.
fn options(paper: Paper) -> &'static Options {
    static A4: LazyLock<Options> = LazyLock::new(|| Options {
        windows_format: Format::Netsh,
        ..Options::default()
    });
    static LETTER: LazyLock<Options> = LazyLock::new(|| Options {
        paper: Paper::Letter,
        windows_format: Format::Netsh,
        ..Options::default()
    });
    match paper {
        Paper::A4 => &A4,
        Paper::Letter => &LETTER,
    }
}

fn inputs<'a>(plan: &'a Plan, catalog: &'a Catalog, a: &'a Analysis) -> Inputs<'a> {
    Inputs {
        generated: WHEN,
        ..Inputs::new(plan, catalog, a, options(Paper::A4))
    }
}

/// The change request of `plan`, on the built-in profile it names.
fn write(plan: &Plan, paper: Paper) -> (Pdf, usize) {
    let catalog = Catalog::profile(&plan.settings.catalog).expect("a built-in profile");
    let a = Analysis::new(plan, &catalog);
    let i = Inputs {
        options: options(paper),
        ..inputs(plan, &catalog, &a)
    };
    let pages = pages::lay_out(&change_request::blocks(&i).unwrap(), paper)
        .pages
        .len();
    let bytes = portplan::export::documents::pdf::change_request(&i).unwrap();
    (pdf::parse(&bytes), pages)
}

/// The text with line breaks removed, so a name wrapped over two lines of a cell is found.
fn flat(text: &str) -> String {
    text.replace('\n', "")
}

/// The text with each line break read as a space, so a sentence wrapped at a space is found.
fn spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_example_names_every_host_address_and_port_on_the_pages_laid_out() {
    let plan = portplan::files::plan_file::example();
    let (pdf, pages) = write(&plan, Paper::A4);
    assert_eq!(pdf.pages.len(), pages);
    assert!(pages >= 10, "{pages} pages");
    let text = pdf.text();
    let a = Analysis::new(&plan, &Catalog::builtin());
    for (row, h) in a.hosts.iter().enumerate() {
        assert!(text.contains(&h.name), "{}", h.name);
        assert!(text.contains(&h.address), "{}", h.address);
        for c in a.cells(row) {
            assert!(text.contains(&c.port.to_string()), "{} {}", h.name, c.port);
        }
    }
    for needle in [
        "Firewall change request CHG-2026-0142",
        "1. Summary",
        "2. Business justification",
        "Risk and security impact",
        "3. Hosts",
        "4. Topology",
        "5. Rules by host",
        "6. Inferred rules to confirm",
        "7. Install-only rules and their removal",
        "8. Implementation steps",
        "9. Verification plan",
        "10. Rollback",
        "11. Sign-off",
        "12. Where the requirements come from",
        "Appendix A. Commands per host",
        "Appendix B. Removal commands per host",
        "2026-12-05",
        "Change advisory board",
        // The seed's own words, cited.
        "6611: Required for MDM communication.",
        // The commands are the scripts': the WMI fix and a rule of mdm1.
        "winmgmt -standalonehost || goto failed",
        "name=\"portplan-scaleio-example-mdm1-install\"",
        "netsh advfirewall firewall delete rule name=\"portplan-scaleio-example-mdm1-operation\"",
        "No connectivity test has been run for this plan yet.",
    ] {
        assert!(flat(&text).contains(needle), "missing: {needle}");
    }
    // Every page says where it is, of how many.
    for (n, page) in pdf.pages.iter().enumerate() {
        assert!(
            page.text().contains(&format!("Page {} of {pages}", n + 1)),
            "page {n}"
        );
    }
    assert_eq!(
        pdf.info("Title"),
        "CHG-2026-0142: Open ScaleIO ports for the new storage cluster"
    );
    assert_eq!(pdf.info("Author"), "Storage architecture");
    assert!(pdf.info("Creator").starts_with("portplan "));
    assert!((pdf.pages[0].width - 595.28).abs() < 0.1);
}

#[test]
fn letter_paper_is_letter_sized() {
    let (pdf, _) = write(&portplan::files::plan_file::example(), Paper::Letter);
    assert!(
        pdf.pages
            .iter()
            .all(|p| (p.width - 612.0).abs() < 0.01 && (p.height - 792.0).abs() < 0.01)
    );
}

fn unruly_plan() -> Plan {
    let mut plan = Plan::new(
        "Ünïcode plan with a name long enough to be cut in running headers and elsewhere, surely",
    );
    let cr = &mut plan.change_request;
    cr.id = "CHG-Ω-1".into();
    cr.title = "A title ".repeat(30);
    cr.justification = "Wörds ".repeat(400);
    cr.requester = "Ruoxi Wang-Müller".into();
    let long = format!("host-{}", "x".repeat(150));
    let hosts: [(&str, &str, &[Role]); 6] = [
        ("installer", "10.0.0.5", &[Role::Installer]),
        (
            &long,
            "10.0.0.11",
            &[Role::Mdm, Role::Sds, Role::Sdc, Role::Callhome],
        ),
        (
            "Zürich-сервер-Ωmega-01",
            "10.0.0.12",
            &[Role::Mdm, Role::Sds],
        ),
        ("数据服务器", "10.0.0.13", &[Role::Tb, Role::Sds]),
        ("שרת-נתונים", "2001:db8::1234:5678:9abc", &[Role::Sdc]),
        (
            "a b c d e f g h i j k l m n o p q r s t u v w x y z",
            "10.0.0.15",
            &[Role::Sdc],
        ),
    ];
    for (name, address, roles) in hosts {
        plan.add_host(name, address, Os::Windows, roles.iter().copied().collect());
    }
    portplan::model::auto_layout::tiers(&mut plan);
    plan
}

#[test]
fn long_and_non_ascii_names_wrap_or_shrink_and_stay_inside_cells_and_pages() {
    let plan = unruly_plan();
    let catalog = Catalog::builtin();
    let a = Analysis::new(&plan, &catalog);
    let i = inputs(&plan, &catalog, &a);
    // Every text item of the layout fits the box it was given, and the page.
    let laid = pages::lay_out(&change_request::blocks(&i).unwrap(), Paper::A4);
    let (w, h) = Paper::A4.size();
    let mut texts = 0;
    for page in &laid.pages {
        for item in &page.items {
            if let Item::Text {
                x,
                y,
                text,
                style,
                size,
                right,
                ..
            } = item
            {
                texts += 1;
                let width = fonts::metrics(*style).width(text, *size);
                assert!(x + width <= right + 0.01, "'{text}' runs out of its box");
                assert!(
                    *right <= w - pages::MARGIN_X + 0.01,
                    "'{text}': box beyond the margin"
                );
                assert!(
                    *x >= pages::MARGIN_X - 0.01 && *y > 0.0 && *y < h,
                    "'{text}' off the page"
                );
            }
        }
    }
    assert!(texts > 500);

    // The same read back from the file: positions and widths from the PDF itself.
    let bytes = portplan::export::documents::pdf::change_request(&i).unwrap();
    let pdf = pdf::parse(&bytes);
    for page in &pdf.pages {
        for r in &page.runs {
            assert!(
                r.x >= pages::MARGIN_X - 0.01
                    && r.x + r.width <= page.width - pages::MARGIN_X + 0.05,
                "'{}' at x {} width {}",
                r.text,
                r.x,
                r.width
            );
            assert!(
                r.y > 20.0 && r.y < page.height - 20.0,
                "'{}' at y {}",
                r.text,
                r.y
            );
        }
    }
    // Every run is where the layout put it (lines are placed relative to the line before:
    // no drift), with the text it was given.
    let mut placed = 0;
    for (page, laid) in pdf.pages.iter().zip(&laid.pages) {
        let texts = laid.items.iter().filter_map(|i| match i {
            Item::Text { x, y, text, .. } => Some((*x, h - y, text.as_str())),
            _ => None,
        });
        for (run, (x, y, text)) in page.runs.iter().zip(texts) {
            assert_eq!(run.text, text);
            assert!(
                (run.x - x).abs() < 0.02 && (run.y - y).abs() < 0.02,
                "'{text}' moved: {} {} vs {x} {y}",
                run.x,
                run.y
            );
            placed += 1;
        }
    }
    assert!(placed > 500);
    let text = flat(&pdf.text());
    for name in [
        "Zürich-сервер-Ωmega-01",
        "שרת-נתונים",
        "2001:db8::1234:5678:9abc",
        &plan.hosts[1].name,
    ] {
        assert!(text.contains(name), "{name}");
    }
    // What the fonts cannot draw is written as code points: nothing is lost.
    assert!(text.contains("<U+6570><U+636E><U+670D><U+52A1><U+5668>"));
}

#[test]
fn table_headers_repeat_on_every_page_a_table_runs_onto() {
    let mut plan = Plan::new("forty hosts");
    plan.add_host(
        "installer",
        "10.1.0.1",
        Os::Linux,
        [Role::Installer].into_iter().collect(),
    );
    for n in 0..40 {
        plan.add_host(
            format!("sds{n:02}"),
            format!("10.1.1.{}", n + 10),
            Os::Linux,
            [Role::Sds, Role::Sdc].into_iter().collect(),
        );
    }
    let (pdf, _) = write(&plan, Paper::A4);
    let start = pdf
        .pages
        .iter()
        .position(|p| p.text().contains("5. Rules by host"))
        .unwrap();
    let end = pdf
        .pages
        .iter()
        .position(|p| p.text().contains("6. Inferred rules to confirm"))
        .unwrap();
    assert!(end > start + 2, "the rules span pages {start}..{end}");
    for page in &pdf.pages[start..=end] {
        let runs: Vec<&str> = page.runs.iter().map(|r| r.text.as_str()).collect();
        // Section 6 may open a fresh page: the rules' table then ended on the page before.
        if runs.first() == Some(&"6. Inferred rules to confirm") {
            continue;
        }
        assert!(
            runs.contains(&"Proto") && runs.contains(&"Sources"),
            "{runs:?}"
        );
    }
    // Forty hosts: the commands are in the appendices, nftables for Linux.
    let text = flat(&pdf.text());
    assert!(text.contains("Appendix A. Commands per host"));
    assert!(text.contains("flush chain inet filter portplan_install"));
}

#[test]
fn a_small_plan_has_its_commands_in_the_sections() {
    let mut plan = Plan::new("tiny");
    plan.add_host(
        "inst",
        "10.2.0.1",
        Os::Windows,
        [Role::Installer].into_iter().collect(),
    );
    plan.add_host(
        "solo",
        "10.2.0.2",
        Os::Windows,
        [Role::Mdm, Role::Sds].into_iter().collect(),
    );
    let (pdf, _) = write(&plan, Paper::A4);
    let text = flat(&pdf.text());
    assert!(!text.contains("Appendix"));
    assert!(text.contains("solo (10.2.0.2): removal of the install rules"));
    assert!(
        text.contains("netsh advfirewall firewall add rule name=\"portplan-tiny-solo-install\"")
    );
    // No change request details yet: the document says so.
    assert!(text.contains("Not filled in yet: id, title, requester"));
}

#[test]
fn the_last_test_results_are_in_the_verification_plan() {
    let plan = portplan::files::plan_file::example();
    let catalog = Catalog::builtin();
    let a = Analysis::new(&plan, &catalog);
    let csv = "from,host,address,port,protocol,phase,status,ms,detail\n\
               install01,mdm1,192.0.2.11,135,tcp,install-only,open,3,\n\
               install01,mdm1,192.0.2.11,445,tcp,install-only,filtered,1000,no answer\n";
    let evidence = Evidence {
        report: Report::read_csv(csv.as_bytes()).unwrap(),
        at: WHEN,
        origin: "install01".into(),
    };
    let i = Inputs {
        evidence: Some(&evidence),
        ..inputs(&plan, &catalog, &a)
    };
    let bytes = portplan::export::documents::pdf::change_request(&i).unwrap();
    let text = flat(&pdf::parse(&bytes).text());
    assert!(
        text.contains("Tested 2026-11-25 09:00 UTC from install01: 1 open, 0 closed, 1 filtered"),
        "{text}"
    );
    assert!(text.contains("filtered: no answer"));
}

#[test]
fn results_of_a_host_changed_since_the_test_are_left_out_of_the_verification_plan() {
    let mut plan = portplan::files::plan_file::example();
    let catalog = Catalog::builtin();
    let csv = "from,host,address,port,protocol,phase,status,ms,detail\n\
               install01,mdm1,192.0.2.11,135,tcp,install-only,open,3,\n\
               install01,mdm1,192.0.2.11,445,tcp,install-only,filtered,1000,no answer\n\
               install01,mdm2,192.0.2.12,135,tcp,install-only,closed,2,refused\n";
    let evidence = Evidence {
        report: Report::read_csv(csv.as_bytes()).unwrap(),
        at: WHEN,
        origin: "install01".into(),
    };
    let mdm1 = plan.hosts.iter().position(|h| h.name == "mdm1").unwrap();
    assert_eq!(plan.hosts[mdm1].address, "192.0.2.11");
    // mdm1 moved after the test.
    plan.hosts[mdm1].address = "192.0.2.111".into();
    let a = Analysis::new(&plan, &catalog);
    let i = Inputs {
        evidence: Some(&evidence),
        ..inputs(&plan, &catalog, &a)
    };
    let bytes = portplan::export::documents::pdf::change_request(&i).unwrap();
    let text = flat(&pdf::parse(&bytes).text());
    assert!(
        text.contains("Stale results left out (2 of 3): mdm1 changed since the test"),
        "{text}"
    );
    assert!(
        text.contains("from install01: 0 open, 1 closed, 0 filtered"),
        "{text}"
    );
    assert!(!text.contains("filtered: no answer"), "{text}");
    assert!(text.contains("closed: refused"), "{text}");
}

#[test]
fn a_plan_with_errors_gets_no_change_request() {
    let mut plan = portplan::files::plan_file::example();
    plan.hosts[1].address = "not an address!".into();
    let catalog = Catalog::builtin();
    let a = Analysis::new(&plan, &catalog);
    match portplan::export::documents::pdf::change_request(&inputs(&plan, &catalog, &a)) {
        Err(ExportError::PlanErrors(e)) => assert!(e.iter().any(|m| m.contains("not an address!"))),
        other => panic!("{:?}", other.map(|b| b.len())),
    }
}

#[test]
fn the_blocks_follow_the_plan_not_the_page() {
    // The content is decided before the layout: one rules table per host with rules.
    let plan = portplan::files::plan_file::example();
    let catalog = Catalog::builtin();
    let a = Analysis::new(&plan, &catalog);
    let blocks = change_request::blocks(&inputs(&plan, &catalog, &a)).unwrap();
    let diagrams = blocks
        .iter()
        .filter(|b| matches!(b, Block::Diagram(_)))
        .count();
    assert_eq!(diagrams, 1);
    let rules_tables = blocks
        .iter()
        .filter(|b| matches!(b, Block::Table(t) if t.columns.iter().any(|c| c.title == "Proto")))
        .count();
    assert_eq!(rules_tables, 9, "every host but the installer");
}

/// Every text node of an SVG, unescaped; panics when the XML is not well formed.
fn svg_texts(svg: &str) -> Vec<String> {
    let mut texts = Vec::new();
    for token in xmlparser::Tokenizer::from(svg) {
        match token.expect("well-formed XML") {
            xmlparser::Token::Text { text } => texts.push(unescape(text.as_str())),
            xmlparser::Token::Cdata { .. } => panic!("no CDATA expected"),
            _ => {}
        }
    }
    texts
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[test]
fn the_svg_diagram_is_well_formed_and_names_every_host() {
    let plan = portplan::files::plan_file::example();
    let a = Analysis::new(&plan, &Catalog::builtin());
    let doc = svg::diagram(&plan, &a);
    let texts = svg_texts(&doc);
    for h in &plan.hosts {
        assert!(texts.contains(&h.name), "{}", h.name);
        assert!(texts.contains(&h.address), "{}", h.address);
    }
    // One arrow head per install flow of the diagram: the installer reaches 9 hosts.
    assert_eq!(doc.matches("<polygon").count(), 9);
    assert!(doc.contains("fill=\"#e8a317\""), "install amber");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Names are user text: in the SVG they are always character data, whatever they hold.
    #[test]
    fn any_name_stays_text_in_the_svg(name in any::<String>()) {
        let doc = format!("<svg><text>{}</text></svg>", svg::escape(&name));
        let texts = svg_texts(&doc);
        let expected: String = name
            .chars()
            .map(|c| if (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}' { ' ' } else { c })
            .collect();
        if expected.is_empty() {
            prop_assert!(texts.is_empty());
        } else {
            prop_assert_eq!(texts, vec![expected]);
        }
    }

    #[test]
    fn a_hostile_host_name_leaves_the_svg_well_formed(name in "[<>&\"' a-z\\x00-\\x1f]{0,40}") {
        let mut plan = portplan::files::plan_file::example();
        plan.hosts[1].name = name;
        let a = Analysis::new(&plan, &Catalog::builtin());
        let doc = svg::diagram(&plan, &a);
        prop_assert!(svg_texts(&doc).len() >= plan.hosts.len());
    }
}

#[test]
fn too_many_commands_to_print_are_pinned_by_file_name_and_sha256() {
    use sha2::{Digest, Sha256};
    // Scattered addresses: no CIDR blocks, every script lists every other host.
    let mut plan = Plan::new("scattered");
    plan.add_host(
        "inst",
        "10.3.0.1",
        Os::Windows,
        [Role::Installer].into_iter().collect(),
    );
    for n in 0..600u32 {
        let a = n * 3 + 10;
        plan.add_host(
            format!("h{n}"),
            format!("10.3.{}.{}", a / 256, a % 256),
            Os::Windows,
            [Role::Sds, Role::Sdc].into_iter().collect(),
        );
    }
    let catalog = Catalog::builtin();
    let a = Analysis::new(&plan, &catalog);
    let bytes =
        portplan::export::documents::pdf::change_request(&inputs(&plan, &catalog, &a)).unwrap();
    assert!(bytes.len() < 3_000_000, "{} bytes", bytes.len());
    let text = flat(&pdf::parse(&bytes).text());
    assert!(text.contains("too many to print"));
    assert!(text.contains("--format netsh -o FOLDER"));
    // The digest is the file's that `portplan export` writes.
    let files = portplan::export::files(
        portplan::export::Format::Netsh,
        &inputs(&plan, &catalog, &a),
    )
    .unwrap();
    let f = files.iter().find(|f| f.name == "h7.cmd").unwrap();
    let hash: String = Sha256::digest(&f.contents)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert!(text.contains(&hash), "no {hash}");
    assert!(
        !text
            .contains("netsh advfirewall firewall add rule name=\"portplan-scattered-h7-install\"")
    );
}

/// The optional, inferred UDP twin of the SDT's NVMe/TCP port 4420 in powerflex-4.x.
const INFERRED_KEY: &str = "sdt-nvme-udp";

/// A PowerFlex 4.x plan: an installer, an SDT host, and the NVMe hosts as a network, with the
/// inferred, optional 4420/udp turned on.
fn nvme_plan() -> Plan {
    let mut plan = Plan::new("nvme");
    plan.settings.catalog = "powerflex-4.x".into();
    plan.settings.optional_ports.push(INFERRED_KEY.into());
    let roles = |r: &[Role]| r.iter().copied().collect();
    plan.add_host("inst", "10.9.1.5", Os::Linux, roles(&[Role::Installer]));
    plan.add_host("sdt1", "10.9.1.20", Os::Linux, roles(&[Role::Sdt]));
    plan.add_host(
        "NVMe hosts",
        "10.9.0.0/24",
        Os::Linux,
        roles(&[Role::NvmeHost]),
    );
    plan.hosts.last_mut().unwrap().kind = HostKind::Network;
    portplan::model::auto_layout::tiers(&mut plan);
    plan
}

/// The texts of the runs on the same line as a run reading `first` (a table row read back),
/// on every page from the one reading `from` on.
fn rows_starting(pdf: &Pdf, from: &str, first: &str) -> Vec<Vec<String>> {
    let start = pdf
        .pages
        .iter()
        .position(|p| p.text().contains(from))
        .unwrap_or_else(|| panic!("no page reads {from}"));
    let mut rows = Vec::new();
    for page in &pdf.pages[start..] {
        for run in page.runs.iter().filter(|r| r.text == first) {
            let mut row: Vec<&pdf::Run> = page
                .runs
                .iter()
                .filter(|r| (r.y - run.y).abs() < 0.5 && r.x >= run.x)
                .collect();
            row.sort_by(|a, b| a.x.total_cmp(&b.x));
            rows.push(row.iter().map(|r| r.text.clone()).collect());
        }
    }
    rows
}

#[test]
fn inferred_rules_are_tagged_and_listed_for_the_security_team_to_confirm() {
    let plan = nvme_plan();
    let catalog = Catalog::profile("powerflex-4.x").unwrap();
    let entry = catalog.port(INFERRED_KEY).unwrap();
    assert_eq!(entry.evidence, portplan::model::Evidence::Inferred);
    assert!(entry.optional);
    let a = Analysis::new(&plan, &catalog);
    assert!(!a.findings.iter().any(|f| f.severity == Severity::Error));

    let (pdf, _) = write(&plan, Paper::A4);
    let text = spaced(&pdf.text());
    // The summary names the profile and the source policy.
    for needle in [
        "powerflex-4.x: PowerFlex 4.x with PowerFlex Manager (PFMP)",
        "least-privilege: each operation rule admits only the hosts and networks",
        "section 6 lists the 1 inferred for the security team to confirm",
    ] {
        assert!(text.contains(needle), "missing: {needle}");
    }

    // Section 5: the evidence beside each port of a rule, on its row.
    let sdt_rows = rows_starting(&pdf, "5. Rules by host", "4420");
    let udp = sdt_rows
        .iter()
        .find(|r| r.get(1).is_some_and(|p| p == "udp"));
    let tcp = sdt_rows
        .iter()
        .find(|r| r.get(1).is_some_and(|p| p == "tcp"));
    assert!(
        udp.is_some_and(|r| r.contains(&"inferred".to_string())),
        "{sdt_rows:?}"
    );
    assert!(
        tcp.is_some_and(|r| r.contains(&"code".to_string())),
        "{sdt_rows:?}"
    );
    // Every rule port of the blocks carries its cell's evidence.
    let blocks = change_request::blocks(&inputs(&plan, &catalog, &a)).unwrap();
    let sdt = a.hosts.iter().position(|h| h.name == "sdt1").unwrap();
    let mut tagged = 0;
    for b in &blocks {
        let Block::Table(t) = b else { continue };
        let Some(evidence) = t.columns.iter().position(|c| c.title == "Evidence") else {
            continue;
        };
        for row in &t.rows {
            let cell = a
                .cells(sdt)
                .iter()
                .find(|c| {
                    c.port.to_string() == row[0].text && c.protocol.to_string() == row[1].text
                })
                .unwrap();
            assert_eq!(row[evidence].text, cell.evidence.name());
            tagged += 1;
        }
    }
    assert!(tagged >= 5, "{tagged} rule ports");

    // Section 6: the inferred port, where it is, whom it admits, what the catalog quotes, and
    // what the security team is asked to do.
    let six = text
        .find("6. Inferred rules to confirm")
        .expect("section 6");
    let seven = text.find("7. Install-only rules").expect("section 7");
    assert!(text.find("5. Rules by host").unwrap() < six && six < seven);
    let section = &text[six..seven];
    for needle in [
        "1 rule port on 1 host rests on inferred evidence",
        "4420/udp SDT 4420 (UDP) [sdt-nvme-udp]",
        &entry.purpose,
        "\"PowerFlex-Core-SDT-4420udp\"",
        "NVMe host, in operation",
        "the security team should confirm with the vendor that 4420/udp (SDT 4420 (UDP))",
        "turn the optional port off",
        "sdt1",
        "10.9.1.20",
        "10.9.0.0/24",
        "permanent",
    ] {
        assert!(section.contains(needle), "section 6 lacks: {needle}");
    }
    // Only the inferred: the TCP port, known from Dell's code, is not asked about.
    assert!(!section.contains("[sdt-nvme]"));
    let rows = rows_starting(&pdf, "6. Inferred rules to confirm", "sdt1");
    assert!(
        rows.iter()
            .any(|r| r.contains(&"4420/udp".to_string()) && r.contains(&"10.9.0.0/24".to_string())),
        "{rows:?}"
    );
}

#[test]
fn with_no_inferred_port_section_6_says_so_and_names_the_profile() {
    let plan = portplan::files::plan_file::example();
    let catalog = Catalog::builtin();
    let (pdf, _) = write(&plan, Paper::A4);
    let text = spaced(&pdf.text());
    let sentence = format!(
        "Every rule's port in this request rests on seed, documented or code evidence of the \
         catalog profile scaleio-seed ({}): none is inferred",
        catalog.name
    );
    assert!(text.contains(&sentence), "missing: {sentence}");
    for needle in [
        "scaleio-seed: ",
        "deployment: each operation rule admits every other host of the deployment",
        "none inferred (section 6)",
    ] {
        assert!(text.contains(needle), "missing: {needle}");
    }
    // The seed's ports are tagged seed, beside each rule port and in the install-only table.
    let rows = rows_starting(&pdf, "5. Rules by host", "6611");
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|r| r.contains(&"seed".to_string())),
        "{rows:?}"
    );
    assert!(text.contains("135/tcp [seed], 445/tcp [seed]"));
    assert!(!text.contains("[inferred]"));
}

/// The runs of the rollback section (10), in order.
fn rollback_runs(pdf: &Pdf) -> Vec<&common::pdf::Run> {
    let runs: Vec<&common::pdf::Run> = pdf.pages.iter().flat_map(|p| &p.runs).collect();
    let start = runs
        .iter()
        .position(|r| r.text == "10. Rollback")
        .expect("a rollback section");
    let end = start
        + runs[start..]
            .iter()
            .position(|r| r.text == "11. Sign-off")
            .expect("a sign-off section");
    runs[start..end].to_vec()
}

/// The commands of the rollback's code blocks, each with its continuation lines joined, and
/// whether each printed line holds one command: a command starts a line at the block's left
/// edge, its continuation lines are indented under it.
fn rollback_commands(pdf: &Pdf, starts: &[&str]) -> Vec<String> {
    let runs = rollback_runs(pdf);
    let left = runs
        .iter()
        .filter(|r| starts.iter().any(|s| r.text.starts_with(s)))
        .map(|r| r.x)
        .fold(f32::MAX, f32::min);
    assert!(left < f32::MAX, "no command in the rollback");
    let mut commands: Vec<String> = Vec::new();
    let mut in_code = false;
    for r in runs {
        // Every line holds at most one command.
        for s in starts {
            assert!(
                r.text.matches(s).count() <= 1,
                "two commands in {:?}",
                r.text
            );
        }
        if (r.x - left).abs() < 0.5 {
            assert!(
                starts.iter().any(|s| r.text.starts_with(s)),
                "a line of the block starts with no command: {:?}",
                r.text
            );
            commands.push(r.text.clone());
            in_code = true;
        } else if in_code && r.x > left + 0.5 && r.x < left + 12.0 {
            // A continuation line, indented under its command (set apart by a tab).
            let last = commands.last_mut().unwrap();
            last.push('\t');
            last.push_str(&r.text);
        } else {
            in_code = false;
        }
    }
    commands
}

#[test]
fn the_rollback_of_an_nftables_host_deletes_the_jumps_then_each_chain_one_command_a_line() {
    let mut plan = Plan::new("linux");
    plan.add_host(
        "inst",
        "10.4.0.1",
        Os::Linux,
        [Role::Installer].into_iter().collect(),
    );
    for (name, address) in [("mdm1", "10.4.0.2"), ("mdm2", "10.4.0.3")] {
        plan.add_host(
            name,
            address,
            Os::Linux,
            [Role::Mdm, Role::Sds].into_iter().collect(),
        );
    }
    let (pdf, _) = write(&plan, Paper::A4);
    let commands = rollback_commands(&pdf, &["nft -a list ", "nft flush ", "nft delete chain "]);
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    let at = |needle: &str| {
        commands
            .iter()
            .position(|c| squeeze(c).contains(&squeeze(needle)))
            .unwrap_or_else(|| panic!("no {needle:?} in {commands:#?}"))
    };
    for chain in ["portplan_install", "portplan_operation"] {
        let jumps = at(&format!(
            "nft -a list chain inet filter input | awk '/jump {chain} # handle/{{print $NF}}'"
        ));
        assert!(squeeze(&commands[jumps]).contains("nftdeleteruleinetfilterinputhandle"));
        let flush = at(&format!("nft flush chain inet filter {chain}"));
        let delete = at(&format!("nft delete chain inet filter {chain}"));
        assert!(jumps < flush && flush < delete, "{commands:#?}");
    }
    // Two hosts, two chains each, three commands a chain, each whole on its line (set
    // smaller rather than broken: a broken line is not safe to paste into a shell).
    assert_eq!(commands.len(), 12, "{commands:#?}");
    assert!(commands.iter().all(|c| !c.contains('\t')), "{commands:#?}");
}

/// The names of the rules a Windows script adds, and of those a change request's rollback
/// removes.
fn added_names(script: &str) -> Vec<String> {
    let mut names: Vec<String> = script
        .lines()
        .filter_map(|l| {
            l.split_once("add rule name=\"")
                .map(|(_, rest)| rest.split('"').next().unwrap().to_string())
                .or_else(|| {
                    let (_, rest) = l.split_once("New-NetFirewallRule -Name '")?;
                    let name = rest.split('\'').next().unwrap();
                    // netsh's name= is the display name: the same.
                    assert!(
                        rest.contains(&format!("-DisplayName '{name}' ")),
                        "display name of {name}: {l}"
                    );
                    Some(name.to_string())
                })
        })
        .collect();
    names.sort();
    names
}

#[test]
fn the_windows_rollback_removes_exactly_the_rules_the_chosen_format_adds() {
    let plan = portplan::files::plan_file::example();
    let catalog = Catalog::builtin();
    let a = Analysis::new(&plan, &catalog);
    for (format, start, name_at) in [
        (
            Format::Netsh,
            "netsh ",
            "netsh advfirewall firewall delete rule name=\"",
        ),
        (
            Format::PowerShell,
            "Remove-NetFirewallRule ",
            "Remove-NetFirewallRule -Name '",
        ),
    ] {
        let options = Options {
            windows_format: format,
            ..Options::default()
        };
        let i = Inputs {
            generated: WHEN,
            ..Inputs::new(&plan, &catalog, &a, &options)
        };
        let pdf = pdf::parse(&portplan::export::documents::pdf::change_request(&i).unwrap());
        let commands = rollback_commands(&pdf, &[start]);
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        let mut removed: Vec<String> = commands
            .iter()
            .map(|c| {
                let c = squeeze(c);
                let rest = c
                    .strip_prefix(&squeeze(name_at))
                    .unwrap_or_else(|| panic!("{format}: {c}"));
                rest.split(['"', '\'']).next().unwrap().to_string()
            })
            .collect();
        removed.sort();
        let mut added = Vec::new();
        for f in portplan::export::files(format, &i).unwrap() {
            if f.name != "index.txt" {
                added.extend(added_names(&String::from_utf8(f.contents).unwrap()));
            }
        }
        added.sort();
        assert!(!added.is_empty());
        assert_eq!(removed, added, "{format}");
        // The commands of the document are the chosen format's.
        let text = flat(&pdf.text());
        let adds = if format == Format::Netsh {
            "netsh advfirewall firewall add rule"
        } else {
            "New-NetFirewallRule -Name"
        };
        assert!(text.contains(adds), "{format}");
    }
}

#[test]
fn a_table_header_breaks_between_words_never_inside_one() {
    use portplan::export::documents::blocks::Table;
    // A column far too narrow for "Operation" at the header's usual size.
    let mut t = Table::new(&[("Host", 0.78), ("Operation", 0.07), ("Rule kind", 0.15)]);
    t.row(["mdm1", "x", "install"]);
    let laid = pages::lay_out(&[Block::Table(t)], Paper::A4);
    let texts: Vec<&str> = laid.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert!(texts.contains(&"Operation"), "{texts:?}");
    for word in ["Operatio", "Operati", "n"] {
        assert!(!texts.contains(&word), "{word} in {texts:?}");
    }
    // Between words it may break: "Rule" and "kind" are whole words, on one line or two.
    assert!(
        texts.contains(&"Rule kind") || (texts.contains(&"Rule") && texts.contains(&"kind")),
        "{texts:?}"
    );
}
