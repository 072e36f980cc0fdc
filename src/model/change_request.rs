//! The details of the change request beyond the rules themselves: its id, window, people,
//! texts and sign-offs (their dates are checked by [`super::change_window`]).

use serde::{Deserialize, Serialize};

/// What the security team's change request needs beyond the rules themselves.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ChangeRequest {
    pub id: String,
    pub title: String,
    pub requester: String,
    /// How to reach the requester: mail, phone.
    pub contact: String,
    /// The application owner.
    pub owner: String,
    pub change_type: ChangeType,
    pub category: ChangeCategory,
    pub justification: String,
    /// Requested implementation window, "2026-12-01 22:00" (a zone may follow): text as typed,
    /// checked by [`super::change_window::problems`].
    pub window_start: String,
    pub window_end: String,
    /// When the install-only rules are to be removed.
    pub install_rules_expire: String,
    /// Risk and security impact, as the requester assesses it.
    pub risk: String,
    /// Who signs the change off; the document's sign-off table has a row for each.
    pub approvers: Vec<Approver>,
    /// The request's revision: a board that approved revision 2 can tell that revision 3 is
    /// not what it saw. Plans written before it existed read as revision 1.
    pub revision: u32,
    /// What changed in each revision, oldest first.
    pub history: Vec<HistoryLine>,
}

impl Default for ChangeRequest {
    fn default() -> Self {
        ChangeRequest {
            id: String::new(),
            title: String::new(),
            requester: String::new(),
            contact: String::new(),
            owner: String::new(),
            change_type: ChangeType::default(),
            category: ChangeCategory::default(),
            justification: String::new(),
            window_start: String::new(),
            window_end: String::new(),
            install_rules_expire: String::new(),
            risk: String::new(),
            approvers: Vec::new(),
            // A request exists from its first revision on; there is no revision 0 to approve.
            revision: 1,
            history: Vec::new(),
        }
    }
}

impl ChangeRequest {
    /// Starts the next revision: the number goes up and a history line dated `date`
    /// (`YYYY-MM-DD`) waits for what changed.
    pub fn new_revision(&mut self, date: String) {
        self.revision = self.revision.saturating_add(1);
        self.history.push(HistoryLine {
            date,
            change: String::new(),
        });
    }

    /// The fields a change board expects and this request leaves empty, by their labels.
    pub fn missing(&self) -> Vec<&'static str> {
        [
            ("id", &self.id),
            ("title", &self.title),
            ("requester", &self.requester),
            ("business justification", &self.justification),
            ("requested window", &self.window_start),
            ("expiry of the install rules", &self.install_rules_expire),
            ("risk and impact", &self.risk),
        ]
        .into_iter()
        .filter(|(_, v)| v.trim().is_empty())
        .map(|(label, _)| label)
        .collect()
    }
}

/// What the change does to the firewall.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeType {
    /// New openings (a new deployment).
    #[default]
    New,
    /// Changes openings that exist.
    Modify,
    /// Removes openings (a decommission).
    Remove,
}

/// How the change board handles it (the ITIL change categories).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeCategory {
    /// Pre-approved and routine.
    Standard,
    /// Assessed and approved by the change board.
    #[default]
    Normal,
    /// Expedited.
    Emergency,
}

impl ChangeType {
    pub const ALL: [ChangeType; 3] = [ChangeType::New, ChangeType::Modify, ChangeType::Remove];

    pub fn name(self) -> &'static str {
        match self {
            ChangeType::New => "new",
            ChangeType::Modify => "modify",
            ChangeType::Remove => "remove",
        }
    }
}

impl ChangeCategory {
    pub const ALL: [ChangeCategory; 3] = [
        ChangeCategory::Standard,
        ChangeCategory::Normal,
        ChangeCategory::Emergency,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ChangeCategory::Standard => "standard",
            ChangeCategory::Normal => "normal",
            ChangeCategory::Emergency => "emergency",
        }
    }
}

/// One sign-off: the function ("Security") and, when known, the person.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Approver {
    pub role: String,
    pub name: String,
}

/// One line of the request's history: when, and what changed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HistoryLine {
    /// As typed, `YYYY-MM-DD` when the app writes it.
    pub date: String,
    pub change: String,
}
