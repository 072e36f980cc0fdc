//! Every port of the three later-version profiles (scaleio-2x-3x, powerflex-3.6, powerflex-4.x),
//! held against the app: the research notes (powerflex-ports.md) written out here
//! independently of the catalog files, each row under the quote it comes from.
//!
//! A fact is checked twice: on the catalog entry (number, protocol, phase, evidence, `from`,
//! configurable, OS, optional, the roles that list it) and through the analysis (a host with
//! each role that needs the port gets the cell, with the installer as a source exactly when
//! the port is needed during install and exactly the hosts of the `from` roles in operation).

use portplan::analysis::{Analysis, Cell, Phase};
use portplan::model::Evidence::{self, Code, Inferred};
use portplan::model::Os::{self, Linux, Windows};
use portplan::model::Protocol::{self, Tcp, Udp};
use portplan::model::Role::{self, *};
use portplan::model::{Catalog, Plan, PortRange, PortSpec, RoleSet};

const S23: &str = "scaleio-2x-3x";
const P36: &str = "powerflex-3.6";
const P4X: &str = "powerflex-4.x";

/// When a port is needed.
#[derive(Clone, Copy, Debug, PartialEq)]
enum When {
    /// During install only: an install-only rule from the installer.
    Install,
    /// During install and in operation: permanent, the installer reaches it too.
    Always,
    /// In operation only: permanent, the installer is no source.
    Operation,
}

impl When {
    fn flags(self) -> (bool, bool) {
        match self {
            When::Install => (true, false),
            When::Always => (true, true),
            When::Operation => (false, true),
        }
    }
    fn phase(self) -> Phase {
        match self {
            When::Install => Phase::InstallOnly,
            When::Always | When::Operation => Phase::Permanent,
        }
    }
}

/// One port of a profile, as the research notes give it.
#[derive(Clone, Copy, Debug)]
struct Fact {
    key: &'static str,
    /// "9011" or "30000-32767".
    port: &'static str,
    protocol: Protocol,
    /// The host roles that need the port.
    roles: &'static [Role],
    when: When,
    evidence: Evidence,
    /// The roles that reach it in operation.
    from: &'static [Role],
    configurable: bool,
    os: Option<Os>,
    optional: bool,
}

/// The defaults the rows below override.
const TCP: Fact = Fact {
    key: "",
    port: "",
    protocol: Tcp,
    roles: &[],
    when: When::Operation,
    evidence: Code,
    from: &[],
    configurable: false,
    os: None,
    optional: false,
};
const UDP: Fact = Fact {
    protocol: Udp,
    ..TCP
};

fn set(roles: &[Role]) -> RoleSet {
    roles.iter().copied().collect()
}

fn range(port: &str) -> PortRange {
    match port.split_once('-') {
        Some((a, b)) => PortRange {
            start: a.parse().unwrap(),
            end: b.parse().unwrap(),
        },
        None => PortRange::single(port.parse().unwrap()),
    }
}

fn profile(id: &str) -> Catalog {
    Catalog::profile(id).unwrap_or_else(|| panic!("no built-in profile {id}"))
}

/// The roles whose entry lists port `key`.
fn needed_by(c: &Catalog, key: &str) -> RoleSet {
    c.roles
        .iter()
        .filter(|r| r.ports.iter().any(|k| k == key))
        .map(|r| r.role)
        .collect()
}

fn find<'a>(a: &'a Analysis, host: &str, port: PortRange, protocol: Protocol) -> Option<&'a Cell> {
    let row = a.hosts.iter().position(|h| h.name == host).unwrap();
    a.cells(row)
        .iter()
        .find(|c| c.port == port && c.protocol == protocol)
}

fn addresses(a: &Analysis, host: &str, cell: &Cell) -> Vec<String> {
    let row = a.hosts.iter().position(|h| h.name == host).unwrap();
    let mut list: Vec<String> = a.source_addresses(row, cell).map(str::to_string).collect();
    list.sort();
    list
}

const INSTALLER: &str = "10.0.0.5";

/// A least-privilege plan on `catalog`: the installer, a "target" host with `target_roles`
/// on `os`, and one Linux host for every other role the catalog defines, at 10.0.2.n.
fn plan_with_every_role(catalog: &Catalog, target_roles: &[Role], os: Os) -> Plan {
    let mut p = Plan::new("t");
    p.settings.catalog = catalog.id.clone();
    p.add_host("installer", INSTALLER, Linux, set(&[Installer]));
    p.add_host("target", "10.0.1.1", os, set(target_roles));
    for (r, address) in role_hosts(catalog) {
        p.add_host(r.name(), address, Linux, set(&[r]));
    }
    p
}

/// The catalog's roles but the installer, each with its host's address.
fn role_hosts(catalog: &Catalog) -> Vec<(Role, String)> {
    catalog
        .defined_roles()
        .iter()
        .filter(|r| *r != Installer)
        .enumerate()
        .map(|(i, r)| (r, format!("10.0.2.{}", i + 1)))
        .collect()
}

/// Checks every fact on the catalog entry and through the analysis.
fn check(id: &str, facts: &[Fact]) {
    let catalog = profile(id);
    for f in facts {
        let what = format!("{id} port '{}'", f.key);
        let e = catalog
            .port(f.key)
            .unwrap_or_else(|| panic!("{what} is missing"));
        assert_eq!(e.port, PortSpec::Fixed(range(f.port)), "{what}");
        assert_eq!(e.protocol, f.protocol, "{what}");
        assert_eq!((e.during_install, e.in_operation), f.when.flags(), "{what}");
        assert_eq!(e.evidence, f.evidence, "{what}");
        assert_eq!(e.from, Some(set(f.from)), "{what}");
        assert_eq!(e.configurable, f.configurable, "{what}");
        assert_eq!(e.os, f.os, "{what}");
        assert_eq!(e.optional, f.optional, "{what}");
        assert_eq!(needed_by(&catalog, f.key), set(f.roles), "{what}");
        assert!(!f.roles.is_empty(), "{what}: a port some role needs");
        for role in f.roles {
            through_analysis(&catalog, f, *role);
        }
    }
}

/// A host with `role` alone gets the fact's cell with the fact's phase and sources; an
/// optional port only when the plan turns it on; an OS-bound port only on that OS; a
/// configurable port moves to the number the plan gives the host, and only then.
fn through_analysis(catalog: &Catalog, f: &Fact, role: Role) {
    let what = format!("{} port '{}' on a {role} host", catalog.id, f.key);
    let os = f.os.unwrap_or(Linux);
    let mut p = plan_with_every_role(catalog, &[role], os);
    if f.optional {
        p.settings.optional_ports.push(f.key.to_string());
    }
    let a = Analysis::new(&p, catalog);
    let c =
        find(&a, "target", range(f.port), f.protocol).unwrap_or_else(|| panic!("{what}: no cell"));
    assert_eq!(c.keys, [f.key], "{what}");
    assert_eq!(c.roles, set(&[role]), "{what}");
    assert_eq!(c.phase, f.when.phase(), "{what}");
    assert_eq!((c.during_install, c.in_operation), f.when.flags(), "{what}");
    assert_eq!(c.evidence, f.evidence, "{what}");
    assert_eq!(c.from, Some(set(f.from)), "{what}");

    let (during_install, in_operation) = f.when.flags();
    let mut expected: Vec<String> = role_hosts(catalog)
        .into_iter()
        .filter(|(r, _)| in_operation && f.from.contains(r))
        .map(|(_, address)| address)
        .collect();
    if during_install {
        expected.push(INSTALLER.to_string());
    }
    expected.sort();
    assert_eq!(addresses(&a, "target", c), expected, "{what}: sources");

    if f.optional {
        let mut off = p.clone();
        off.settings.optional_ports.clear();
        let a = Analysis::new(&off, catalog);
        assert!(
            find(&a, "target", range(f.port), f.protocol).is_none(),
            "{what}: optional, so off unless the plan turns it on"
        );
    }
    if let Some(only) = f.os {
        let other = if only == Linux { Windows } else { Linux };
        let mut elsewhere = p.clone();
        elsewhere.hosts[1].os = other;
        let a = Analysis::new(&elsewhere, catalog);
        assert!(
            find(&a, "target", range(f.port), f.protocol).is_none(),
            "{what}: {only} only, not on {other}"
        );
    }

    let mut moved = p.clone();
    moved.hosts[1].ports.insert(f.key.to_string(), 40000);
    let a = Analysis::new(&moved, catalog);
    let at_40000 = find(&a, "target", PortRange::single(40000), f.protocol);
    let at_default = find(&a, "target", range(f.port), f.protocol);
    let ignored = a.findings.iter().any(|x| x.code == "port-not-configurable");
    if f.configurable {
        assert_eq!(
            at_40000.map(|c| c.keys.clone()),
            Some(vec![f.key.to_string()]),
            "{what}"
        );
        assert!(at_default.is_none(), "{what}: moved");
        assert!(!ignored, "{what}");
    } else {
        assert!(at_40000.is_none(), "{what}: not configurable");
        assert!(at_default.is_some(), "{what}: stays");
        assert!(ignored, "{what}: the plan's move is reported as ignored");
    }
}

// ------------------------------------------------------------------------------------------
// scaleio-2x-3x: powerflex-ports.md section 1
// ------------------------------------------------------------------------------------------

const S23_MDM: &[Fact] = &[
    // "MDM (all manager MDMs) | 9011/tcp | MDM <-> MDM, MDM <-> TB (cluster membership) |
    // permanent; also used during cluster creation | yes: a port can be given per MDM when
    // adding a standby MDM/TB (default 9011) | code"
    // [S1] install_powerflex3x_mdm.yml L5-8: "Wait for MDM to be active / ansible.builtin.wait_for: / port: 9011"
    // [S1] playbooks/modules/mdm_cluster.yml L70: `role: "TieBreaker" ... port: 9011`
    // [S6] system.py L153: ":param port: Port of new MDM. Default: 9011"
    Fact {
        key: "mdm-cluster",
        port: "9011",
        roles: &[Mdm, Tb],
        when: When::Always,
        from: &[Mdm, Tb],
        configurable: true,
        ..TCP
    },
    // "MDM (primary; open it on every MDM because the primary role moves) | 6611/tcp | SDC,
    // SDS, scli/GUI, Gateway -> MDM | permanent | not found | code (port); the client list is
    // inferred"
    // [S1] install_powerflex3x_mdm.yml L48-51: "Wait for MDM to be active ... port: 6611"
    // [S11] mdm_server.pp L23-27: "'001 Open Ports 6611 and 9011 for ScaleIO MDM': dport => [6611, 9011]"
    Fact {
        key: "mdm-client",
        port: "6611",
        roles: &[Mdm],
        when: When::Always,
        from: &[Sdc, Sds, Admin, Gateway],
        ..TCP
    },
];

// "MDMs need 9011 and 6611 open, the TB needs 9011" still holds for 2.x/3.x (Dell code).
#[test]
fn s23_mdm_and_tb_ports() {
    check(S23, S23_MDM);
}

const S23_SDS: &[Fact] = &[
    // "SDS | 7072/tcp | SDC -> SDS (I/O), SDS <-> SDS (rebuild/rebalance), MDM -> SDS
    // (control) | permanent | yes: per-SDS port (`SetSdsPort`, PyPowerFlex `set_port`) | code
    // (port, configurable); direction partly code-community/inferred"
    // [S11] sds_server.pp L11-15: "'001 Open Port 7072 for ScaleIO SDS'"
    // [C1] scli.rb L95: `if (!port_open?(first_ip, 7072))` before the SDS is added
    Fact {
        key: "sds",
        port: "7072",
        roles: &[Sds],
        when: When::Always,
        from: &[Sdc, Sds, Mdm],
        configurable: true,
        ..TCP
    },
];

#[test]
fn s23_sds_port() {
    check(S23, S23_SDS);
}

const S23_LIA: &[Fact] = &[
    // "LIA (every node installed by IM) | 9099/tcp | Gateway / Installation Manager -> LIA |
    // needed for IM install, upgrade and log collection; keep open if IM manages the system
    // (inferred) | not found | code for 3.5+ ([S5], 2020-21); inferred for 2.x/3.0"
    // [S5] lia.yaml L76-80: `'201 powerlex_lia' ... '9099'`
    Fact {
        key: "lia",
        port: "9099",
        roles: &[Lia],
        when: When::Always,
        evidence: Inferred,
        from: &[Gateway],
        ..TCP
    },
];

#[test]
fn s23_lia_port_is_inferred_before_3_5() {
    check(S23, S23_LIA);
}

const S23_GATEWAY: &[Fact] = &[
    // "Gateway (REST API and IM web app) | 443/tcp (HTTPS), 80/tcp (HTTP) | admins, REST
    // clients (CSI, Cinder, Ansible, Terraform) -> Gateway | REST: permanent; IM UI:
    // install/upgrade | yes: `ssl.port` and `http.port` in catalina.properties | code"
    // [S1] argument_specs.yml L25-32: "PowerFlex gateway HTTP port. default: 80 ... PowerFlex
    // gateway HTTPS port. default: 443"
    Fact {
        key: "gateway-https",
        port: "443",
        roles: &[Gateway],
        when: When::Always,
        from: &[Admin, RestClient],
        configurable: true,
        ..TCP
    },
    Fact {
        key: "gateway-http",
        port: "80",
        roles: &[Gateway],
        when: When::Always,
        from: &[Admin, RestClient],
        configurable: true,
        ..TCP
    },
];

#[test]
fn s23_gateway_ports() {
    check(S23, S23_GATEWAY);
}

const S23_INSTALL: &[Fact] = &[
    // "Installer push, Linux (IM -> node) | 22/tcp | IM host -> node | install/upgrade only |
    // inferred for 2.x/3.x IM; code only for other tools (Ansible inventory `ansible_port=22`,
    // Terraform SSH default 22)"
    // [S2] sshClient.go L245-246: `config.Port = "22"`
    Fact {
        key: "ssh",
        port: "22",
        roles: &[Mdm, Tb, Sds, Sdc, Lia, Gateway],
        when: When::Install,
        evidence: Inferred,
        os: Some(Linux),
        ..TCP
    },
];

#[test]
fn s23_installer_reaches_linux_nodes_by_ssh() {
    check(S23, S23_INSTALL);
}

// "Installer push, Windows (IM -> node) | not found | ... (the seed's 135/445/WMI are for the
// 1.x Python installer; nothing found says IM 2.x/3.x uses the same channel)"
#[test]
fn s23_a_linux_host_gets_ssh_from_the_installer_and_never_135_445_or_wmi() {
    let c = profile(S23);
    assert!(c.ports.iter().all(|p| p.port != PortSpec::Wmi));
    for banned in [135, 445] {
        assert!(
            c.ports
                .iter()
                .all(|p| p.port != PortSpec::Fixed(PortRange::single(banned))),
            "{banned}"
        );
    }
    let all = [Mdm, Tb, Sds, Sdc, Lia, Gateway];
    let mut p = plan_with_every_role(&c, &all, Linux);
    for wmi in [
        portplan::model::WmiMode::Fixed,
        portplan::model::WmiMode::Dynamic,
    ] {
        p.settings.wmi.mode = wmi;
        let a = Analysis::new(&p, &c);
        let ssh = find(&a, "target", PortRange::single(22), Tcp).expect("SSH");
        assert_eq!(ssh.phase, Phase::InstallOnly);
        assert_eq!(addresses(&a, "target", ssh), [INSTALLER]);
        let row = a.hosts.iter().position(|h| h.name == "target").unwrap();
        for cell in a.cells(row) {
            assert!(
                ![135, 445, 24158].contains(&cell.port.start) && cell.port.start < 49152,
                "{:?}",
                cell.port
            );
        }
        assert!(a.findings.iter().all(|f| !f.code.starts_with("wmi")));
    }
}

// Not found for Windows with IM: a Windows host of this profile gets its operation ports and
// no install rule at all (the gap is named in the profile's source).
#[test]
fn s23_a_windows_host_gets_no_install_rule() {
    let c = profile(S23);
    assert!(c.source.contains("Windows"));
    let p = plan_with_every_role(&c, &[Mdm, Sds, Sdc, Lia], Windows);
    let a = Analysis::new(&p, &c);
    let row = a.hosts.iter().position(|h| h.name == "target").unwrap();
    let ports: Vec<u16> = a.cells(row).iter().map(|c| c.port.start).collect();
    assert_eq!(ports, [6611, 7072, 9011, 9099]);
    assert!(a.cells(row).iter().all(|c| c.phase == Phase::Permanent));
}

// "SDC | none inbound | SDC -> MDM 6611, SDC -> SDS 7072 (outbound only) | code (absence: Dell's
// TripleO templates give MDM, SDS and LIA firewall rules and none to SDC) + inferred"
#[test]
fn s23_sdc_needs_no_inbound_port_in_operation() {
    let c = profile(S23);
    assert_eq!(c.role(Sdc).unwrap().ports, ["ssh"]);
    assert!(c.port("mdm-client").unwrap().from.unwrap().contains(Sdc));
    assert!(c.port("sds").unwrap().from.unwrap().contains(Sdc));
}

// ------------------------------------------------------------------------------------------
// powerflex-3.6: powerflex-ports.md section 2 ("Everything in section 1 still applies, with the
// same evidence. Additions and changes")
// ------------------------------------------------------------------------------------------

const P36_CORE: &[Fact] = &[
    // "MDM 6611, 9011; SDS 7072 | as in section 1 | code (TripleO 3.5 era; the Ansible 3.x
    // role; the R3_6 sample `"mdmManagementPort": 6611`)"
    // [S5] powerflex-mdm.yaml L77-82: `'200 powerflex_mdm': dport: '6611' '9011'`
    Fact {
        key: "mdm-cluster",
        port: "9011",
        roles: &[Mdm, Tb],
        when: When::Always,
        from: &[Mdm, Tb],
        configurable: true,
        ..TCP
    },
    // [S1] info.py L459-460 (R3_6 sample): `"mdmExternalPort": 7611, "mdmManagementPort": 6611`
    Fact {
        key: "mdm-client",
        port: "6611",
        roles: &[Mdm],
        when: When::Always,
        from: &[Sdc, Sds, Admin, Gateway],
        ..TCP
    },
    // [S5] powerflex-sds.yaml L77-81: `'202 powerflex_sds' ... '7072'`; the SDR (3.5+) reaches
    // the SDS too (inferred)
    Fact {
        key: "sds",
        port: "7072",
        roles: &[Sds],
        when: When::Always,
        from: &[Sdc, Sds, Mdm, Sdr],
        configurable: true,
        ..TCP
    },
];

#[test]
fn p36_core_ports_are_those_of_2x_3x() {
    check(P36, P36_CORE);
}

const P36_REPLICATION: &[Fact] = &[
    // "MDM external / peer port (replication, 3.5+) | 7611/tcp | peer-system MDM -> MDM (both
    // directions between the replicating systems) | permanent when replication is used |
    // yes: peer-system port (default 7611; `ModifyPeerMDMPortParam`) | code (R3_6 sample shows
    // `"mdmExternalPort": 7611`)"
    Fact {
        key: "mdm-peer",
        port: "7611",
        roles: &[Mdm],
        from: &[PeerSystem],
        configurable: true,
        // Needed only with replication: off unless the plan turns it on.
        optional: true,
        ..TCP
    },
    // "SDR (replication, 3.5+) | 11088/tcp (default as seen in 4.5 code) | SDR <-> peer-system
    // SDR; local SDS/SDC <-> SDR (inferred) | permanent when replication is used | yes: "SDR
    // Port" per SDR in the IM CSV | 11088 is code for 4.5 only; for 3.5/3.6 it is inferred"
    Fact {
        key: "sdr",
        port: "11088",
        roles: &[Sdr],
        evidence: Inferred,
        from: &[Sdr, Sds, Sdc, PeerSystem],
        configurable: true,
        ..TCP
    },
];

#[test]
fn p36_replication_ports() {
    check(P36, P36_REPLICATION);
}

const P36_LIA: &[Fact] = &[
    // "LIA | 9099/tcp | Gateway/IM -> LIA | install/upgrade/maintenance | not found | code
    // (Dell TripleO, 2020-21, 3.5 era)"
    // [S5] lia.yaml L76-80: `'201 powerlex_lia' ... '9099'`
    Fact {
        key: "lia",
        port: "9099",
        roles: &[Lia],
        when: When::Always,
        from: &[Gateway],
        ..TCP
    },
];

#[test]
fn p36_lia_port_is_code() {
    check(P36, P36_LIA);
}

const P36_GATEWAY: &[Fact] = &[
    // "Gateway 443/80 | as in section 1 | code"
    // "Package upload to the Gateway (3.x) | 443/tcp (Gateway REST) | admin tool -> Gateway |
    // install only | as for the Gateway | code"
    // [S2] package.md L29: "upload packages to a PowerFlex Manager (4.x) or Gateway Server (3.x)"
    Fact {
        key: "gateway-https",
        port: "443",
        roles: &[Gateway],
        when: When::Always,
        from: &[Admin, RestClient],
        configurable: true,
        ..TCP
    },
    Fact {
        key: "gateway-http",
        port: "80",
        roles: &[Gateway],
        when: When::Always,
        from: &[Admin, RestClient],
        configurable: true,
        ..TCP
    },
];

#[test]
fn p36_gateway_ports() {
    check(P36, P36_GATEWAY);
    let c = profile(P36);
    assert!(
        c.port("gateway-https")
            .unwrap()
            .source
            .contains("package.md L29")
    );
}

const P36_INSTALL: &[Fact] = &[
    // Section 1: "Installer push, Linux (IM -> node) | 22/tcp | ... | inferred for 2.x/3.x IM"
    Fact {
        key: "ssh",
        port: "22",
        roles: &[Mdm, Tb, Sds, Sdc, Lia, Gateway, Sdr],
        when: When::Install,
        evidence: Inferred,
        os: Some(Linux),
        ..TCP
    },
    // "Windows SDC installed by the Terraform provider (not Dell IM) | 5985/tcp WinRM (5986
    // HTTPS possible) | Terraform host -> Windows node | install only | yes (`remote.port`) |
    // code"
    // [S2] winrm_client.go L107-113: `winRMClient.Port = 5985`
    // (Optional: only with the Terraform provider. Not configurable: section 4 does not list it.)
    Fact {
        key: "winrm-terraform",
        port: "5985",
        roles: &[Sdc],
        when: When::Install,
        os: Some(Windows),
        optional: true,
        ..TCP
    },
];

#[test]
fn p36_installer_channels() {
    check(P36, P36_INSTALL);
}

// ------------------------------------------------------------------------------------------
// powerflex-4.x: powerflex-ports.md section 3 (mainly [S3] dell/terraform-powerflex-modules
// internal_security_group/main.tf and [S4] azure_pfmp/variables.tf)
// ------------------------------------------------------------------------------------------

const P4X_MDM: &[Fact] = &[
    // "MDM | 9011/tcp | "PowerFlex - MDM Cluster member" | MDM <-> MDM <-> TB | permanent |
    // yes at add-standby time (default 9011) | code" ([S3] L323-329; [S4] L537)
    Fact {
        key: "mdm-cluster",
        port: "9011",
        roles: &[Mdm, Tb],
        when: When::Always,
        from: &[Mdm, Tb],
        configurable: true,
        ..TCP
    },
    // "MDM | 8611/tcp | "Default mTLS port for MDM" | management clients (PFMP/Gateway, scli)
    // -> MDM | permanent; the 4.x Ansible role waits on it right after cluster creation | not
    // found | code" ([S3] L141-147; [S1] install_powerflex4x_mdm.yml L50-53)
    Fact {
        key: "mdm-mtls",
        port: "8611",
        roles: &[Mdm],
        when: When::Always,
        from: &[Pfmp, Admin],
        ..TCP
    },
    // "MDM | 6611/tcp | "PowerFlex - AMS and MDM listener" | SDC/SDS -> MDM (inferred); AMS ->
    // MDM | permanent | not found | code (port); clients inferred" ([S3] L260-266; [S4] L526)
    Fact {
        key: "mdm-client",
        port: "6611",
        roles: &[Mdm],
        from: &[Sdc, Sds, Admin, Pfmp],
        ..TCP
    },
    // "MDM | 7611/tcp | "PowerFlex - MDM peer connection" | peer-system MDM -> MDM
    // (replication) | permanent if replication is used | yes (default 7611) | code"
    // ([S3] L92-98; [S2] peer_system_resource_schema.go L57)
    Fact {
        key: "mdm-peer",
        port: "7611",
        roles: &[Mdm],
        from: &[PeerSystem],
        configurable: true,
        // Needed only with replication: off unless the plan turns it on.
        optional: true,
        ..TCP
    },
];

#[test]
fn p4x_mdm_ports() {
    check(P4X, P4X_MDM);
}

const P4X_ACTIVEMQ: &[Fact] = &[
    // "ActiveMQ (on MDM nodes) | 61714/tcp, 8161/tcp, 61613/tcp | "PowerFlex - ActiveMQ 1",
    // "ActiveMQ 2", "ActiveMQ" | PFMP/components -> ActiveMQ (inferred) | permanent | not found |
    // code (ports); the Ansible 4.5 playbook puts ActiveMQ on the MDM hosts"
    // ([S3] L99-112, L302-308; [S1] site_powerflex45.yml L7-12, inventory `[activemq]`)
    Fact {
        key: "activemq-1",
        port: "61714",
        roles: &[Mdm],
        from: &[Pfmp],
        ..TCP
    },
    Fact {
        key: "activemq-2",
        port: "8161",
        roles: &[Mdm],
        from: &[Pfmp],
        ..TCP
    },
    Fact {
        key: "activemq",
        port: "61613",
        roles: &[Mdm],
        from: &[Pfmp],
        ..TCP
    },
];

#[test]
fn p4x_activemq_runs_on_the_mdm_nodes() {
    check(P4X, P4X_ACTIVEMQ);
}

const P4X_SDS: &[Fact] = &[
    // "SDS | 7072/tcp | "PowerFlex - SDS listener" | SDC/SDS/MDM -> SDS | permanent | yes
    // (`SetSdsPort`) | code" ([S3] L78-84; [S7] sds.go L306); SDR and SDT -> SDS inferred
    Fact {
        key: "sds",
        port: "7072",
        roles: &[Sds],
        when: When::Always,
        from: &[Sdc, Sds, Mdm, Sdr, Sdt],
        configurable: true,
        ..TCP
    },
    // "SDS (?) | 7072/udp, 9098/udp, 9099/udp | "PowerFlex - SDS listener" | unknown | unknown |
    // unknown | code (opened by Dell); purpose not stated; may not be needed (inferred)"
    // ([S3] L120-126, L239-245, L344-350)
    Fact {
        key: "sds-udp",
        port: "7072",
        roles: &[Sds],
        evidence: Inferred,
        from: &[Sdc, Sds, Mdm],
        optional: true,
        ..UDP
    },
    Fact {
        key: "sds-udp-9098",
        port: "9098",
        roles: &[Sds],
        evidence: Inferred,
        from: &[Sdc, Sds, Mdm],
        optional: true,
        ..UDP
    },
    Fact {
        key: "sds-udp-9099",
        port: "9099",
        roles: &[Sds],
        evidence: Inferred,
        from: &[Sdc, Sds, Mdm],
        optional: true,
        ..UDP
    },
];

#[test]
fn p4x_sds_ports() {
    check(P4X, P4X_SDS);
}

const P4X_SDR: &[Fact] = &[
    // "SDR | 11088/tcp | "PowerFlex - SDR listener" | SDR <-> SDR (peer), local components ->
    // SDR | permanent if replication is used | yes ("SDR Port") | code" ([S3] L71-77; [S4] L372)
    Fact {
        key: "sdr",
        port: "11088",
        roles: &[Sdr],
        from: &[Sdr, Sds, Sdc, PeerSystem],
        configurable: true,
        ..TCP
    },
];

#[test]
fn p4x_sdr_port_is_code() {
    check(P4X, P4X_SDR);
}

const P4X_SDT: &[Fact] = &[
    // "SDT (NVMe/TCP target, 4.0+) | 4420/tcp | "PowerFlex - Core SDT" | NVMe host -> SDT (I/O)
    // | permanent | yes (`--nvme_port`, `SetSdtNvmePort`) | code; CSI hard-codes 4420 for
    // portals" ([S3] L358-371; [S1] sdt defaults L3-5; [S8] nvme_utils.go L63)
    Fact {
        key: "sdt-nvme",
        port: "4420",
        roles: &[Sdt],
        from: &[NvmeHost],
        configurable: true,
        ..TCP
    },
    // "SDT | 8009/tcp | "PowerFlex - Core SDT" | NVMe host -> SDT (discovery) | permanent | yes
    // (`--discovery_port`) | code" ([S3] L386-399; [S1] install_sdt.yml L75-80)
    Fact {
        key: "sdt-discovery",
        port: "8009",
        roles: &[Sdt],
        from: &[NvmeHost],
        configurable: true,
        ..TCP
    },
    // "SDT | 12200/tcp | "PowerFlex - Core SDT" | SDT <-> SDS/MDM ("storage port"; direction
    // inferred) | permanent | yes (`--storage_port`) | code" ([S3] L372-385; [S2]
    // nvme_target_resource.go L136-160: "The storage port of the NVMe target (default: 12200)")
    Fact {
        key: "sdt-storage",
        port: "12200",
        roles: &[Sdt],
        from: &[Sds, Mdm],
        configurable: true,
        ..TCP
    },
    // "SDT | 4420, 8009, 12200 udp | "PowerFlex - Core SDT" | unknown | code (Dell opens UDP
    // too); NVMe/TCP itself is TCP, so UDP is probably unnecessary (inferred)"
    // ([S3]; [S4] L821-876)
    Fact {
        key: "sdt-nvme-udp",
        port: "4420",
        roles: &[Sdt],
        evidence: Inferred,
        from: &[NvmeHost],
        optional: true,
        ..UDP
    },
    Fact {
        key: "sdt-discovery-udp",
        port: "8009",
        roles: &[Sdt],
        evidence: Inferred,
        from: &[NvmeHost],
        optional: true,
        ..UDP
    },
    Fact {
        key: "sdt-storage-udp",
        port: "12200",
        roles: &[Sdt],
        evidence: Inferred,
        from: &[Sds, Mdm],
        optional: true,
        ..UDP
    },
];

#[test]
fn p4x_sdt_ports() {
    check(P4X, P4X_SDT);
}

const P4X_LIA: &[Fact] = &[
    // "LIA | 9099/tcp | "PowerFlex - LIA listener" | PFMP -> LIA on every node | install,
    // upgrade, lifecycle; permanent if PFMP manages the nodes (inferred) | not found | code"
    // ([S3] L281-287; [S4] L504)
    Fact {
        key: "lia",
        port: "9099",
        roles: &[Lia],
        when: When::Always,
        from: &[Pfmp],
        ..TCP
    },
];

#[test]
fn p4x_lia_port() {
    check(P4X, P4X_LIA);
}

const P4X_INSTALL: &[Fact] = &[
    // "Installer -> node | 22/tcp | "Allow ssh from installer" | PFMP installer / core
    // deployer -> node | install (and expansion) only (inferred) | n/a | code"
    // ([S3] L309-315; [S4] L746)
    Fact {
        key: "ssh",
        port: "22",
        roles: &[Mdm, Tb, Sds, Sdc, Lia, Sdr, Sdt, Pfmp],
        when: When::Install,
        os: Some(Linux),
        ..TCP
    },
    // "DNS for core install uploads | 53/udp from the pod CIDR | "PowerFlex - Gateway core
    // installation upload files" | PFMP pods -> nodes | install (inferred) | code"
    // ([S3] L351-357; [S4] L909)
    Fact {
        key: "core-install-dns",
        port: "53",
        roles: &[Mdm, Tb, Sds, Sdc, Lia, Sdr, Sdt],
        when: When::Install,
        ..UDP
    },
    // "Windows hosts (SDC) | The Terraform provider uses WinRM 5985 (install only). Dell PFMP's
    // Windows channel: not found." ([S2] winrm_client.go L107-113)
    Fact {
        key: "winrm-terraform",
        port: "5985",
        roles: &[Sdc],
        when: When::Install,
        os: Some(Windows),
        optional: true,
        ..TCP
    },
];

#[test]
fn p4x_installer_channels() {
    check(P4X, P4X_INSTALL);
}

const P4X_PFMP: &[Fact] = &[
    // "PFMP UI/REST (via load balancer) | 443/tcp at the LB -> NodePort 30400/tcp on PFMP nodes
    // | LB variables `load_balancer_port` 443, `cluster_node_port` 30400 | admins,
    // Ansible/Terraform/CSI -> LB:443 -> PFMP nodes:30400 | permanent | code"
    // ([S3] load_balancer main.tf L38-47; PF_Installer_template.json `"nodeport": 30400`)
    Fact {
        key: "pfmp-ui",
        port: "30400",
        roles: &[Pfmp],
        from: &[Admin, RestClient],
        ..TCP
    },
    // "PFMP / Gateway | 443/tcp | "PowerFlex - HTTPs from inside" | internal -> PFMP |
    // permanent | code" ([S3] L274-280)
    Fact {
        key: "pfmp-https",
        port: "443",
        roles: &[Pfmp],
        from: &[Pfmp],
        ..TCP
    },
    // "Gateway (in PFMP) | 80, 8080, 8443/tcp | "PowerFlex - Gateway" | internal -> Gateway |
    // permanent | code" ([S3] L57-63, L183-189, L253-259)
    Fact {
        key: "gateway-http",
        port: "80",
        roles: &[Pfmp],
        from: &[Pfmp],
        ..TCP
    },
    Fact {
        key: "gateway-8080",
        port: "8080",
        roles: &[Pfmp],
        from: &[Pfmp],
        ..TCP
    },
    Fact {
        key: "gateway-8443",
        port: "8443",
        roles: &[Pfmp],
        from: &[Pfmp],
        ..TCP
    },
    // "SSO | 8083/tcp | "PowerFlex - SSO internal pod listener" | internal | permanent | code"
    // ([S3] L64-70)
    Fact {
        key: "sso",
        port: "8083",
        roles: &[Pfmp],
        from: &[Pfmp],
        ..TCP
    },
    // "Thin Deployer | 9433/tcp | "PowerFlex - Thin Deployer" | internal (deployment service)
    // | install/deploy (inferred) | code" ([S3] L113-119)
    Fact {
        key: "thin-deployer",
        port: "9433",
        roles: &[Pfmp],
        when: When::Always,
        from: &[Pfmp],
        ..TCP
    },
    // "unnamed PowerFlex service | 28765/tcp | "PowerFlex" | unknown | unknown | code"
    // ([S3] L204-210): no stated purpose, so inferred and optional
    Fact {
        key: "powerflex-28765",
        port: "28765",
        roles: &[Pfmp],
        evidence: Inferred,
        from: &[Pfmp],
        optional: true,
        ..TCP
    },
];

#[test]
fn p4x_pfmp_and_its_gateway() {
    check(P4X, P4X_PFMP);
}

/// An RKE2 port between PFMP nodes only.
const fn rke2(key: &'static str, port: &'static str, protocol: Protocol) -> Fact {
    Fact {
        key,
        port,
        protocol,
        roles: &[Pfmp],
        from: &[Pfmp],
        ..TCP
    }
}

// "RKE2 between PFMP nodes | 6443, 9345, 10250, 2379, 2380, 179, 5473, 9098, 9099, 4240,
// 4789/tcp; 8472, 51820, 51821/udp; 5000 tcp+udp, 9000, 9402/tcp; 30000-32767/tcp; ICMP |
// "RKE2 - ..." (kube API, etcd, kubelet, Calico/Canal/Cilium, registry, cert-manager, NodePort
// range) | PFMP node <-> PFMP node only | permanent | code"
const P4X_RKE2: &[Fact] = &[
    // [S3] L197-203 "RKE2 - Kubernetes API"
    rke2("rke2-api", "6443", Tcp),
    // [S3] L162-168 "RKE2 agent nodes - Kubernetes API"
    rke2("rke2-supervisor", "9345", Tcp),
    // [S3] L155-161 "RKE2 - kubelet"
    rke2("rke2-kubelet", "10250", Tcp),
    // [S3] L330-336 "RKE2 - etcd client port"
    rke2("rke2-etcd-client", "2379", Tcp),
    // [S3] L267-273 "RKE2 - etcd peer port"
    rke2("rke2-etcd-peer", "2380", Tcp),
    // [S3] L288-294 "RKE2 - Calico CNI with BGP"
    rke2("rke2-calico-bgp", "179", Tcp),
    // [S3] L316-322 "RKE2 - Calico CNI with Typha"
    rke2("rke2-calico-typha", "5473", Tcp),
    // [S3] L295-301 "RKE2 - Calico Typha health checks"
    rke2("rke2-typha-health", "9098", Tcp),
    // [S4] L735 "RKE2_server_and_agent_nodes_Calico_Canal_CNI_health_checks" 9099/tcp
    rke2("rke2-cni-health", "9099", Tcp),
    // [S3] L337-343 "RKE2 - Cilium CNI health checks"
    rke2("rke2-cilium-health", "4240", Tcp),
    // [S3] L148-154 "RKE2 - Calico CNI with VXLAN" (tcp, as Dell's rule says)
    rke2("rke2-calico-vxlan", "4789", Tcp),
    // [S3] L246-252 "RKE2 - Cilium CNI VXLAN"
    rke2("rke2-cilium-vxlan", "8472", Udp),
    // [S3] L218-224 "RKE2 - Canal CNI with WireGuard IPv4"
    rke2("rke2-wireguard-ipv4", "51820", Udp),
    // [S3] L85-91 "RKE2 - Canal CNI with WireGuard IPv6/dual-stack"
    rke2("rke2-wireguard-ipv6", "51821", Udp),
    // [S3] L225-231 and L169-175 "RKE2 - docker-registry" (tcp and udp)
    rke2("rke2-registry", "5000", Tcp),
    rke2("rke2-registry-udp", "5000", Udp),
    // [S3] L232-238 and L176-182 "RKE2 - docker-registry-file-upload" (tcp, and udp: the
    // research notes list 9000/tcp only; the UDP rule is in the same file)
    rke2("rke2-registry-upload", "9000", Tcp),
    rke2("rke2-registry-upload-udp", "9000", Udp),
    // [S3] L211-217 "RKE2 - cert manager"
    rke2("rke2-cert-manager", "9402", Tcp),
    // [S3] L134-140 "RKE2 - NodePort port range", from_port = 30000, to_port = 32767
    rke2("rke2-nodeport", "30000-32767", Tcp),
];

#[test]
fn p4x_rke2_ports_are_between_pfmp_nodes_only() {
    check(P4X, P4X_RKE2);
}

// "Port collision: 9099/tcp is the LIA listener on storage nodes [S3], and on PFMP nodes Dell's
// Azure rules label 9099/tcp as the Calico/Canal CNI health check [S4] L735. A profile must not
// merge the two purposes."
#[test]
fn p4x_9099_tcp_is_two_entries_with_different_purposes() {
    let c = profile(P4X);
    let at_9099: Vec<&str> = c
        .ports
        .iter()
        .filter(|p| p.port == PortSpec::Fixed(PortRange::single(9099)) && p.protocol == Tcp)
        .map(|p| p.key.as_str())
        .collect();
    assert_eq!(at_9099, ["lia", "rke2-cni-health"]);
    let (lia, cni) = (c.port("lia").unwrap(), c.port("rke2-cni-health").unwrap());
    assert_ne!(lia.purpose, cni.purpose);
    assert!(lia.purpose.contains("Light Installation Agent"));
    assert!(cni.purpose.contains("CNI health"));
    assert!(lia.source.contains("\"PowerFlex - LIA listener\""));
    assert!(cni.source.contains("Calico_Canal_CNI_health_checks"));
    assert_eq!(needed_by(&c, "lia"), set(&[Lia]));
    assert_eq!(needed_by(&c, "rke2-cni-health"), set(&[Pfmp]));

    // A storage node and a PFMP node each get 9099/tcp for their own reason.
    let mut p = plan_with_every_role(&c, &[Sds, Lia], Linux);
    p.add_host("pfmp1", "10.0.3.1", Linux, set(&[Pfmp]));
    let a = Analysis::new(&p, &c);
    let nine = PortRange::single(9099);
    assert_eq!(find(&a, "target", nine, Tcp).unwrap().keys, ["lia"]);
    assert_eq!(
        find(&a, "pfmp1", nine, Tcp).unwrap().keys,
        ["rke2-cni-health"]
    );
    // The UDP "SDS listener" on 9099 is a third entry, off unless turned on.
    assert!(find(&a, "target", nine, Udp).is_none());

    // One host with both roles needs one rule for the port; the cell keeps both entries.
    let p = plan_with_every_role(&c, &[Lia, Pfmp], Linux);
    let a = Analysis::new(&p, &c);
    let both = find(&a, "target", nine, Tcp).unwrap();
    assert_eq!(both.keys, ["lia", "rke2-cni-health"]);
    assert_eq!(both.roles, set(&[Lia, Pfmp]));
}

// "PFMP UI/REST ... NodePort 30400/tcp on PFMP nodes" lies inside "30000-32767/tcp" ("RKE2 -
// NodePort port range"): its own entry, reached from outside; the range from PFMP only.
#[test]
fn p4x_the_ui_nodeport_is_its_own_entry_inside_the_range() {
    let c = profile(P4X);
    let p = plan_with_every_role(&c, &[Pfmp], Linux);
    let a = Analysis::new(&p, &c);
    let ui = find(&a, "target", PortRange::single(30400), Tcp).unwrap();
    let nodeports = find(&a, "target", range("30000-32767"), Tcp).unwrap();
    assert!(nodeports.port.overlaps(ui.port));
    let hosts_of = |roles: &[Role]| {
        let mut list: Vec<String> = role_hosts(&c)
            .into_iter()
            .filter(|(r, _)| roles.contains(r))
            .map(|(_, a)| a)
            .collect();
        list.sort();
        list
    };
    assert_eq!(addresses(&a, "target", ui), hosts_of(&[Admin, RestClient]));
    assert_eq!(addresses(&a, "target", nodeports), hosts_of(&[Pfmp]));
}

// ------------------------------------------------------------------------------------------
// Every profile
// ------------------------------------------------------------------------------------------

fn facts_of(id: &str) -> Vec<Fact> {
    let groups: &[&[Fact]] = match id {
        S23 => &[S23_MDM, S23_SDS, S23_LIA, S23_GATEWAY, S23_INSTALL],
        P36 => &[P36_CORE, P36_REPLICATION, P36_LIA, P36_GATEWAY, P36_INSTALL],
        P4X => &[
            P4X_MDM,
            P4X_ACTIVEMQ,
            P4X_SDS,
            P4X_SDR,
            P4X_SDT,
            P4X_LIA,
            P4X_INSTALL,
            P4X_PFMP,
            P4X_RKE2,
        ],
        _ => unreachable!(),
    };
    groups.iter().flat_map(|g| g.iter().copied()).collect()
}

// "Keep every port the doc gives for that version's profile": the tests above cover every port
// of every profile, each once, and nothing else.
#[test]
fn every_port_of_every_profile_is_checked_once() {
    for id in [S23, P36, P4X] {
        let c = profile(id);
        let mut tested: Vec<&str> = facts_of(id).iter().map(|f| f.key).collect();
        tested.sort_unstable();
        let before = tested.len();
        tested.dedup();
        assert_eq!(before, tested.len(), "{id}: a port is checked twice");
        let mut keys: Vec<&str> = c.ports.iter().map(|p| p.key.as_str()).collect();
        keys.sort_unstable();
        assert_eq!(keys, tested, "{id}");
    }
}

// Only the roles the sources support for the version: no SDT before 4.x, no SDR or peer system
// before 3.5, no Callhome (a 1.x seed role), the Gateway inside PFMP in 4.x.
#[test]
fn every_profile_defines_the_roles_its_sources_support() {
    let expect = [
        (
            S23,
            &[
                Mdm, Tb, Sds, Sdc, Lia, Gateway, Installer, Admin, RestClient,
            ][..],
        ),
        (
            P36,
            &[
                Mdm, Tb, Sds, Sdc, Lia, Gateway, Sdr, Installer, Admin, PeerSystem, RestClient,
            ][..],
        ),
        (
            P4X,
            &[
                Mdm, Tb, Sds, Sdc, Lia, Sdr, Sdt, Pfmp, Installer, Admin, NvmeHost, PeerSystem,
                RestClient,
            ][..],
        ),
    ];
    for (id, roles) in expect {
        let c = profile(id);
        assert_eq!(c.defined_roles(), set(roles), "{id}");
        for r in c.roles.iter() {
            assert!(!r.source.trim().is_empty(), "{id} {}", r.role);
            if r.role == Installer || r.role.is_external() {
                assert!(r.ports.is_empty(), "{id} {}", r.role);
            }
        }
        // Every installed host role has the installer's Linux channel.
        for r in c.roles.iter().filter(|r| r.role.is_scaleio()) {
            assert!(r.ports.iter().any(|k| k == "ssh"), "{id} {}", r.role);
        }
    }
}

// "Configurability summary (what a planner may let users override)": SDS 7072; SDT 12200 /
// 4420 / 8009; SDR 11088; MDM peer 7611; MDM cluster 9011; Gateway 80/443 (3.x standalone).
// "MDM 6611 / 8611, LIA 9099 | not found".
#[test]
fn only_the_ports_of_the_configurability_summary_are_configurable() {
    let expect: [(&str, &[u16]); 3] = [
        (S23, &[80, 443, 7072, 9011]),
        (P36, &[80, 443, 7072, 7611, 9011, 11088]),
        (P4X, &[4420, 7072, 7611, 8009, 9011, 11088, 12200]),
    ];
    for (id, ports) in expect {
        let c = profile(id);
        let mut got: Vec<u16> = c
            .ports
            .iter()
            .filter(|p| p.configurable)
            .map(|p| match p.port {
                PortSpec::Fixed(r) => r.start,
                PortSpec::Wmi => unreachable!(),
            })
            .collect();
        got.sort_unstable();
        assert_eq!(got, ports, "{id}");
        assert!(
            c.ports
                .iter()
                .filter(|p| p.configurable)
                .all(|p| p.protocol == Tcp),
            "{id}"
        );
    }
}

// "Caveats the product must show to users: 1. No Dell port table could be read." and "Nothing
// here was tested on a live system."
#[test]
fn every_profile_says_where_its_facts_come_from() {
    let expect = [
        (
            S23,
            "ScaleIO 2.x / 3.x (VxFlex OS up to 3.0.x)",
            "2.0 - 3.0.x",
        ),
        (P36, "PowerFlex 3.5 / 3.6", "3.5 - 3.6.x"),
        (
            P4X,
            "PowerFlex 4.x with PowerFlex Manager (PFMP)",
            "4.0 - 4.6 (ports read from 4.5/4.6 code)",
        ),
    ];
    for (id, name, versions) in expect {
        let c = profile(id);
        assert_eq!(c.id, id);
        assert_eq!(c.version, 2);
        assert_eq!(c.name, name);
        assert_eq!(c.versions, versions);
        assert_eq!(c.targets, [Linux, Windows], "{id}");
        assert!(
            c.source.contains("no Dell port table could be read"),
            "{id}"
        );
        assert!(
            c.source.contains("nothing was tested on a live system"),
            "{id}"
        );
        assert!(Catalog::profile_ids().any(|p| p == id), "{id}");
        for p in &c.ports {
            // Quoted and referenced, as in powerflex-ports.md.
            let cites = ["[S", "[C", "[D"].iter().any(|s| p.source.contains(s));
            assert!(cites, "{id} {}: no reference", p.key);
            assert!(
                p.source.contains('"') || p.source.contains('`'),
                "{id} {}: no quote",
                p.key
            );
            assert!(
                p.evidence != Evidence::Seed,
                "{id} {}: the seed is 1.x",
                p.key
            );
            // What the port is needs saying even when no source states it.
            assert!(
                !p.purpose.is_empty() && !p.name.is_empty(),
                "{id} {}",
                p.key
            );
            if !p.in_operation {
                assert!(p.from.unwrap().is_empty(), "{id} {}: install-only", p.key);
            }
        }
    }
}

// "ICMP and IP proto 94 cannot be expressed (tcp/udp only)"; "Azure-only extras: leave out, and
// say so in the top source."
#[test]
fn p4x_names_what_it_cannot_represent() {
    let c = profile(P4X);
    for said in [
        "ICMP",
        "IP protocol 94",
        "Azure-only extras",
        "31550",
        "3389",
        "api/v1/install",
    ] {
        assert!(c.source.contains(said), "{said}");
    }
    // None of the Azure-only extras is a port of the profile.
    for azure_only in [137, 445, 3389, 31550] {
        assert!(
            c.ports
                .iter()
                .all(|p| p.port != PortSpec::Fixed(PortRange::single(azure_only))),
            "{azure_only}"
        );
    }
}

// The ports Dell opens with no stated purpose are optional and inferred: "the UDP twins of
// 4420/8009/12200/7072, 9098/udp, 9099/udp, 28765/tcp" (and the Terraform provider's WinRM,
// which only that tool uses, and the MDM peer port, "permanent if replication is used").
#[test]
fn the_optional_ports_are_those_with_no_stated_purpose_tool_or_replication() {
    let optional = |id: &str| -> Vec<String> {
        profile(id)
            .ports
            .iter()
            .filter(|p| p.optional)
            .map(|p| p.key.clone())
            .collect()
    };
    assert!(optional(S23).is_empty());
    assert_eq!(optional(P36), ["mdm-peer", "winrm-terraform"]);
    assert_eq!(
        optional(P4X),
        [
            "mdm-peer",
            "sds-udp",
            "sds-udp-9098",
            "sds-udp-9099",
            "sdt-nvme-udp",
            "sdt-discovery-udp",
            "sdt-storage-udp",
            "powerflex-28765",
            "winrm-terraform",
        ]
    );
}
