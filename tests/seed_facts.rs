//! Every port, phase and role rule of the source document
//! ("Required network ports for Python ScaleIO install on Windows"), held against the app.

use crate::common;

use common::{analyze, cell, plan, ports, roles};
use portplan::analysis::{Analysis, Phase};
use portplan::model::Role::{self, *};
use portplan::model::{Catalog, PortRange, Protocol};
use portplan::model::{WmiMode, WmiSetting};

const WMI: u16 = 24158;

/// A deployment of one target host with `target_roles`, plus the installer.
fn target(target_roles: &[Role]) -> Analysis {
    analyze(&plan(&[
        ("installer", "10.0.0.5", &[Installer]),
        ("target", "10.0.0.10", target_roles),
    ]))
}

// "If the target is either a MDM/Callhome it needs: 135, 445, 6611, 9011 and WMI."
#[test]
fn mdm_needs_135_445_6611_9011_and_wmi() {
    assert_eq!(
        ports(&target(&[Mdm]), "target"),
        [135, 445, 6611, 9011, WMI]
    );
}

#[test]
fn callhome_needs_the_mdm_ports() {
    assert_eq!(
        ports(&target(&[Callhome]), "target"),
        [135, 445, 6611, 9011, WMI]
    );
    assert_eq!(
        ports(&target(&[Callhome]), "target"),
        ports(&target(&[Mdm]), "target")
    );
}

// "If the target is a TB it needs: 135, 445, 9011 and WMI."
#[test]
fn tb_needs_135_445_9011_and_wmi() {
    assert_eq!(ports(&target(&[Tb]), "target"), [135, 445, 9011, WMI]);
}

// "If the target is a SDS it needs: 135, 445, 7072 and WMI."
#[test]
fn sds_needs_135_445_7072_and_wmi() {
    assert_eq!(ports(&target(&[Sds]), "target"), [135, 445, 7072, WMI]);
}

// "If the target is a SDC it needs: 135, 445 and WMI."
#[test]
fn sdc_needs_135_445_and_wmi() {
    assert_eq!(ports(&target(&[Sdc]), "target"), [135, 445, WMI]);
}

// "Ports Required (all TCP)"
#[test]
fn every_port_is_tcp() {
    let a = target(&[Mdm, Tb, Sds, Sdc, Callhome]);
    assert!(a.cells(1).iter().all(|c| c.protocol == Protocol::Tcp));
    assert!(
        Catalog::builtin()
            .ports
            .iter()
            .all(|p| p.protocol == Protocol::Tcp)
    );
}

#[test]
fn the_installer_needs_no_ports() {
    let a = target(&[Sds]);
    assert!(a.cells(0).is_empty());
    assert!(Catalog::builtin().role(Installer).unwrap().ports.is_empty());
}

// "135: ... Only needed during install not normal ScaleIO operation."
// "445: ... Only needed during install not normal ScaleIO operation."
// "WMI: ... Only needed during install not normal ScaleIO operation."
#[test]
fn rpc_smb_and_wmi_are_install_only() {
    let a = target(&[Mdm]);
    for port in [135, 445, WMI] {
        let c = cell(&a, "target", port);
        assert_eq!(c.phase, Phase::InstallOnly, "{port}");
        assert!(c.during_install && !c.in_operation, "{port}");
    }
}

// "6611: Required for MDM communication. Technically not needed for installation but must be
// opened for normal operation."
#[test]
fn port_6611_is_permanent_but_not_needed_during_install() {
    let a = target(&[Mdm]);
    let c = cell(&a, "target", 6611);
    assert_eq!(c.phase, Phase::Permanent);
    assert!(!c.during_install);
    assert!(c.in_operation);
}

// "7072: Required for SDS communication–needed during install and after."
// "9011: Required for MDM and TB communication–needed during install and after."
#[test]
fn ports_7072_and_9011_are_needed_during_install_and_after() {
    let a = target(&[Mdm, Sds]);
    for port in [7072, 9011] {
        let c = cell(&a, "target", port);
        assert_eq!(c.phase, Phase::Permanent, "{port}");
        assert!(c.during_install && c.in_operation, "{port}");
    }
}

// "MDMs need 9011 and 6611 open, the TB needs 9011 and SDSs need 7072 (all TCP)."
#[test]
fn normal_operation_needs_what_the_summary_says() {
    let permanent = |r: Role| -> Vec<u16> {
        let a = target(&[r]);
        a.cells(1)
            .iter()
            .filter(|c| c.phase == Phase::Permanent)
            .map(|c| c.port.start)
            .collect()
    };
    assert_eq!(permanent(Mdm), [6611, 9011]);
    assert_eq!(permanent(Tb), [9011]);
    assert_eq!(permanent(Sds), [7072]);
    assert_eq!(permanent(Sdc), Vec::<u16>::new());
    assert_eq!(permanent(Callhome), [6611, 9011]);
}

// "If the target host will leverage multiple different ScaleIO functions (like act as an MDM
// and a SDS and a SDC) obviously you will need to aggregate the relevant port requirements."
#[test]
fn a_multi_role_host_lists_each_port_once_with_every_role_that_needs_it() {
    let a = target(&[Mdm, Sds, Sdc]);
    assert_eq!(ports(&a, "target"), [135, 445, 6611, 7072, 9011, WMI]);
    assert_eq!(cell(&a, "target", 135).roles, roles(&[Mdm, Sds, Sdc]));
    assert_eq!(cell(&a, "target", WMI).roles, roles(&[Mdm, Sds, Sdc]));
    assert_eq!(cell(&a, "target", 6611).roles, roles(&[Mdm]));
    assert_eq!(cell(&a, "target", 7072).roles, roles(&[Sds]));
}

/// The seed's table, written out independently of the catalog file.
fn seed_table(r: Role) -> &'static [u16] {
    match r {
        Mdm | Callhome => &[135, 445, 6611, 9011, WMI],
        Tb => &[135, 445, 9011, WMI],
        Sds => &[135, 445, 7072, WMI],
        Sdc => &[135, 445, WMI],
        Installer => &[],
        other => panic!("{other} is not a role of the seed"),
    }
}

#[test]
fn every_mix_of_roles_gets_the_union_of_the_seed_table() {
    let scaleio = [Mdm, Tb, Sds, Sdc, Callhome];
    for mask in 1u32..(1 << scaleio.len()) {
        let mix: Vec<Role> = (0..scaleio.len())
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| scaleio[i])
            .collect();
        let mut expected: Vec<u16> = mix.iter().flat_map(|r| seed_table(*r)).copied().collect();
        expected.sort_unstable();
        expected.dedup();
        let a = target(&mix);
        assert_eq!(ports(&a, "target"), expected, "{mix:?}");
        for c in a.cells(1) {
            let need: Vec<Role> = mix
                .iter()
                .copied()
                .filter(|r| seed_table(*r).contains(&c.port.start))
                .collect();
            assert_eq!(c.roles, roles(&need), "{mix:?} port {}", c.port);
        }
    }
}

// "This will force the WMI connection to always use port 24158. You can pick any sufficiently
// high port though."
#[test]
fn wmi_fixed_defaults_to_24158_and_takes_another_port() {
    let mut p = plan(&[
        ("installer", "10.0.0.5", &[Installer]),
        ("t", "10.0.0.10", &[Sdc]),
    ]);
    assert_eq!(
        p.settings.wmi,
        WmiSetting {
            mode: WmiMode::Fixed,
            port: 24158
        }
    );
    assert_eq!(ports(&analyze(&p), "t"), [135, 445, 24158]);

    p.settings.wmi.port = 6985;
    let a = analyze(&p);
    assert_eq!(ports(&a, "t"), [135, 445, 6985]);
    assert_eq!(cell(&a, "t", 6985).phase, Phase::InstallOnly);
    assert!(a.findings.iter().all(|f| f.code != "wmi-port"));
}

// "Once the connection is established it negotiates a random port above 1024": without a fixed
// port WMI uses the RPC dynamic range, 49152-65535 (Microsoft KB929851).
#[test]
fn wmi_dynamic_is_the_rpc_range() {
    let mut p = plan(&[
        ("installer", "10.0.0.5", &[Installer]),
        ("t", "10.0.0.10", &[Tb]),
    ]);
    p.settings.wmi.mode = WmiMode::Dynamic;
    let a = analyze(&p);
    let wmi = a.cells(1).last().unwrap();
    assert_eq!(
        wmi.port,
        PortRange {
            start: 49152,
            end: 65535
        }
    );
    assert_eq!(wmi.phase, Phase::InstallOnly);
    assert!(!a.cells(1).iter().any(|c| c.port.start == 24158));
    assert!(a.findings.iter().any(|f| f.code == "wmi-dynamic"));
}

#[test]
fn a_fixed_wmi_port_must_be_above_1024() {
    let mut p = plan(&[
        ("installer", "10.0.0.5", &[Installer]),
        ("t", "10.0.0.10", &[Sdc]),
    ]);
    for bad in [0, 135, 1024] {
        p.settings.wmi.port = bad;
        assert!(
            analyze(&p).findings.iter().any(|f| f.code == "wmi-port"),
            "{bad}"
        );
    }
    p.settings.wmi.port = 1025;
    assert!(!analyze(&p).findings.iter().any(|f| f.code == "wmi-port"));
    p.settings.wmi.port = 9011;
    assert!(
        analyze(&p)
            .findings
            .iter()
            .any(|f| f.code == "wmi-port-in-use")
    );
}

/// The catalog keeps the source of every fact, quoting the seed.
#[test]
fn every_catalog_fact_cites_its_source() {
    let c = Catalog::builtin();
    let quote = |key: &str| c.port(key).unwrap().source.clone();
    assert!(quote("rpc").starts_with("135: RPC endpoint port"));
    assert!(quote("smb").starts_with("445: Allows for the script to use the Server Message Block"));
    assert!(quote("mdm").starts_with("6611: Required for MDM communication"));
    assert!(quote("sds").starts_with("7072: Required for SDS communication"));
    assert!(quote("cluster").starts_with("9011: Required for MDM and TB communication"));
    assert!(quote("wmi").starts_with("WMI: Random TCP port required for WMI interactions"));
    assert!(
        c.role(Tb)
            .unwrap()
            .source
            .contains("If the target is a TB it needs: 135, 445, 9011 and WMI.")
    );
    assert!(c.roles.iter().all(|r| !r.source.is_empty()));
}
