//! The colors of roles and phases, shared by the app's views and the documents it writes, so a
//! printed change request reads like the screen.

use crate::analysis::{Cell, FlowKind, Phase};
use crate::model::Role;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// "#e8a317", for SVG.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// Install-only: amber.
pub const INSTALL: Rgb = Rgb(0xE8, 0xA3, 0x17);
/// Permanent: green.
pub const PERMANENT: Rgb = Rgb(0x3B, 0xA5, 0x5C);
/// Permanent but not needed during install (6611): a paler green.
pub const PERMANENT_LATE: Rgb = Rgb(0x9C, 0xD6, 0xA9);
/// Text on the colored fills above.
pub const ON_FILL: Rgb = Rgb(0x1B, 0x1B, 0x1B);
pub const ERROR: Rgb = Rgb(0xD9, 0x3B, 0x3B);
pub const WARNING: Rgb = Rgb(0xE0, 0x8A, 0x00);

pub fn role(role: Role) -> Rgb {
    match role {
        Role::Mdm => Rgb(0x2F, 0x6F, 0xDB),
        Role::Tb => Rgb(0x8E, 0x4F, 0xD0),
        Role::Sds => Rgb(0x13, 0x93, 0x8C),
        Role::Sdc => Rgb(0x5C, 0x7A, 0x99),
        Role::Callhome => Rgb(0xD0, 0x6A, 0x2A),
        Role::Installer => Rgb(0x55, 0x55, 0x55),
        Role::Lia => Rgb(0x6B, 0x8E, 0x23),
        Role::Gateway => Rgb(0xB0, 0x3A, 0x7A),
        Role::Sdr => Rgb(0x1F, 0x7A, 0xB5),
        Role::Sdt => Rgb(0x00, 0x8B, 0x6B),
        Role::Pfmp => Rgb(0x7A, 0x4A, 0x2A),
        // External roles: greys with a tint, so networks read as outside the deployment.
        Role::Admin => Rgb(0x6E, 0x6A, 0x86),
        Role::NvmeHost => Rgb(0x5E, 0x7F, 0x7A),
        Role::PeerSystem => Rgb(0x86, 0x6E, 0x5E),
        Role::RestClient => Rgb(0x70, 0x70, 0x70),
    }
}

/// The fill and the short mark of a matrix cell.
pub fn cell(cell: &Cell) -> (Rgb, &'static str) {
    match (cell.phase, cell.during_install) {
        (Phase::InstallOnly, _) => (INSTALL, "install"),
        (Phase::Permanent, true) => (PERMANENT, "perm"),
        (Phase::Permanent, false) => (PERMANENT_LATE, "perm*"),
    }
}

pub fn flow(kind: FlowKind) -> Rgb {
    match kind {
        FlowKind::Install => INSTALL,
        FlowKind::Operation => PERMANENT,
    }
}
