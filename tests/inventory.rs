//! Inventory import: every bad row reported with its line, nothing half-imported.

use portplan::files::inventory::{self, InventoryError, RowError};
use portplan::model::Os;
use portplan::model::Role;
use portplan::model::auto_layout;

fn errors(csv: &str) -> Vec<String> {
    let InventoryError(rows) = inventory::import(csv.as_bytes(), "t").unwrap_err();
    rows.iter().map(RowError::to_string).collect()
}

#[test]
fn imports_hosts_with_roles_os_and_positions() {
    let plan = inventory::import(
        "\u{feff}Name, Address ,ROLES,os\n\
         inst,10.0.0.5,installer,\n\
         mdm1,10.0.0.11,mdm; CALLHOME,Linux\n\
         sdc1,sdc1.example,SDC,windows\n\
         spare,10.0.0.99,,\n"
            .as_bytes(),
        "lab",
    )
    .unwrap();
    assert_eq!(plan.name, "lab");
    let names: Vec<&str> = plan.hosts.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(names, ["inst", "mdm1", "sdc1", "spare"]);
    let mdm = &plan.hosts[1];
    assert_eq!(
        mdm.roles.iter().collect::<Vec<_>>(),
        [Role::Mdm, Role::Callhome]
    );
    assert_eq!(mdm.os, Os::Linux);
    assert_eq!(plan.hosts[0].os, Os::Windows, "os defaults to windows");
    assert!(
        plan.hosts[3].roles.is_empty(),
        "no roles is a warning of check, not an import error"
    );
    // Ids are unique; tiers go down the canvas by role.
    let ys: Vec<f32> = plan.hosts.iter().map(|h| h.position.y).collect();
    assert_eq!(
        ys,
        [
            0.0,
            auto_layout::ROW_STEP,
            2.0 * auto_layout::ROW_STEP,
            3.0 * auto_layout::ROW_STEP
        ]
    );
    let mut ids: Vec<_> = plan.hosts.iter().map(|h| h.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), 4);
}

#[test]
fn the_os_column_is_optional() {
    let plan = inventory::import(b"name,address,roles\na,10.0.0.1,SDS\n", "t").unwrap();
    assert_eq!(plan.hosts[0].os, Os::Windows);
}

#[test]
fn every_bad_row_is_reported_with_its_line_and_reason() {
    let csv = "name,address,roles,os\n\
               ok,10.0.0.1,SDS,windows\n\
               ,10.0.0.2,SDS,windows\n\
               b,10.0.0.300,SDS,windows\n\
               c,10.0.0.3,SDS;NFS,windows\n\
               d,10.0.0.4,SDC,solaris\n\
               OK,10.0.0.5,SDC,windows\n\
               e,10.0.0.1,SDC,windows\n\
               f,10.0.0.6,SDC\n";
    assert_eq!(
        errors(csv),
        [
            "line 3: the name is empty",
            "line 4: '10.0.0.300' is not an IPv4 address, an IPv6 address or a DNS name (looks like an IP address, but is not a valid one)",
            "line 5: unknown role 'NFS' (known roles: MDM, TB, SDS, SDC, Callhome, LIA, Gateway, SDR, SDT, PFMP, Installer, Admin, NVMe host, Peer system, REST client)",
            "line 6: unknown os 'solaris' (expected windows or linux)",
            "line 7: duplicate host 'OK' (first on line 2)",
            "line 8: duplicate address 10.0.0.1 (first on line 2)",
            "line 9: 3 fields, but the header has 4",
        ]
    );
}

#[test]
fn a_missing_column_is_named() {
    assert_eq!(
        errors("name,roles\na,SDS\n"),
        [
            "line 1: missing column address: the header must name name, address, roles and optionally os and kind"
        ]
    );
    assert_eq!(
        errors("host,ip\na,10.0.0.1\n"),
        [
            "line 1: missing columns name, address, roles: the header must name name, address, roles and optionally os and kind"
        ]
    );
    assert_eq!(
        errors("name,address,roles,Name\n"),
        ["line 1: column 'Name' appears twice"]
    );
}

#[test]
fn empty_binary_and_header_only_files_are_refused() {
    assert_eq!(errors(""), ["the file is empty"]);
    assert_eq!(errors("\n  \n"), ["the file is empty"]);
    assert_eq!(
        errors("name,address,roles\n"),
        ["the inventory has a header but no hosts"]
    );
    let InventoryError(rows) = inventory::import(b"PK\x03\x04\x14\0\x06\0", "t").unwrap_err();
    assert_eq!(
        rows[0].to_string(),
        "not a text file (binary data at byte 5)"
    );
    let InventoryError(rows) =
        inventory::import(b"name,address,roles\n\xff\xfe,10.0.0.1,SDS\n", "t").unwrap_err();
    assert_eq!(rows[0].to_string(), "line 2: not valid UTF-8 text");
}

#[test]
fn quoted_fields_with_commas_and_quotes_are_read_as_text() {
    let plan = inventory::import(
        b"name,address,roles\n\"db, \"\"primary\"\"\",10.0.0.1,\"SDS;SDC\"\n",
        "t",
    )
    .unwrap();
    assert_eq!(plan.hosts[0].name, "db, \"primary\"");
    assert_eq!(plan.hosts[0].roles.len(), 2);
}

#[test]
fn a_network_row_holds_its_blocks_and_bad_blocks_are_named() {
    use portplan::model::HostKind;
    let plan = inventory::import(
        b"name,address,roles,kind\n\
          admins,10.8.0.0/16; 2001:db8::/48,Admin;REST client,network\n\
          mdm1,10.0.0.11,MDM,\n",
        "t",
    )
    .unwrap();
    assert_eq!(plan.hosts[0].kind, HostKind::Network);
    assert_eq!(plan.hosts[0].address, "10.8.0.0/16; 2001:db8::/48");
    assert!(plan.hosts[0].roles.contains(Role::RestClient));
    assert_eq!(plan.hosts[1].kind, HostKind::Host);

    assert_eq!(
        errors(
            "name,address,roles,kind\n\
             a,10.8.0.1/16,Admin,network\n\
             b,,Admin,network\n\
             c,10.0.0.1,MDM,cluster\n"
        ),
        [
            "line 2: '10.8.0.1/16' has host bits set: the block of 10.8.0.1/16 starts lower",
            "line 3: a network needs its blocks in the address cell (10.1.0.0/16;...)",
            "line 4: unknown kind 'cluster' (expected host or network)",
        ]
    );
}
