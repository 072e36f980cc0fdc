//! Undo and redo: the stacks of inverse edits, with consecutive typing in one field merged
//! into one step.

use super::edit::Edit;
use crate::model::Plan;

/// One undoable step.
#[derive(Clone, Debug)]
struct Step {
    inverse: Edit,
    label: String,
    /// Consecutive edits with the same key (typing in one field) undo as one step.
    merge: Option<String>,
}

/// Undo and redo stacks.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// How many steps are kept; the oldest go first.
    pub const LIMIT: usize = 1000;

    /// Applies `edit` to `plan` as a new step called `label`. With a `merge` key equal to the
    /// previous step's, the two undo as one (the first inverse already restores the state).
    pub fn apply(&mut self, plan: &mut Plan, edit: Edit, label: &str, merge: Option<String>) {
        let inverse = edit.apply(plan);
        self.redo.clear();
        if merge.is_some() && self.undo.last().is_some_and(|s| s.merge == merge) {
            return;
        }
        self.undo.push(Step {
            inverse,
            label: label.to_string(),
            merge,
        });
        if self.undo.len() > Self::LIMIT {
            self.undo.remove(0);
        }
    }

    /// Ends merging: the next edit is a step of its own even with the same key.
    pub fn seal(&mut self) {
        if let Some(s) = self.undo.last_mut() {
            s.merge = None;
        }
    }

    /// Undoes the last step; returns what the step was called.
    pub fn undo(&mut self, plan: &mut Plan) -> Option<String> {
        let step = self.undo.pop()?;
        let forward = step.inverse.apply(plan);
        let label = step.label.clone();
        self.redo.push(Step {
            inverse: forward,
            label: step.label,
            merge: None,
        });
        Some(label)
    }

    pub fn redo(&mut self, plan: &mut Plan) -> Option<String> {
        let step = self.redo.pop()?;
        let backward = step.inverse.apply(plan);
        let label = step.label.clone();
        self.undo.push(Step {
            inverse: backward,
            label: step.label,
            merge: None,
        });
        Some(label)
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Os, Position};
    use crate::model::{Role, RoleSet};

    fn plan() -> Plan {
        let mut p = Plan::new("p");
        for i in 0..5 {
            p.add_host(
                format!("h{i}"),
                format!("10.0.0.{i}"),
                Os::Windows,
                RoleSet::EMPTY,
            );
        }
        p
    }

    #[test]
    fn every_edit_undoes_and_redoes_exactly() {
        let start = plan();
        let mut p = start.clone();
        let mut h = History::default();
        let mut moved = p.hosts[1].clone();
        moved.position = Position { x: 5.0, y: 6.0 };
        let mut renamed = p.hosts[3].clone();
        renamed.name = "renamed".into();
        renamed.roles.insert(Role::Sds);
        let new_host = crate::model::Host {
            id: p.next_host_id(),
            kind: crate::model::HostKind::Network,
            name: "new".into(),
            address: String::new(),
            os: Os::Linux,
            roles: RoleSet::EMPTY,
            ports: [("sds".to_string(), 7100)].into(),
            position: Position::default(),
        };
        let edits = vec![
            Edit::Update(vec![moved, renamed]),
            Edit::Remove(vec![p.hosts[0].id, p.hosts[2].id, p.hosts[4].id]),
            Edit::Insert(vec![(1, new_host)]),
            Edit::Name("other".into()),
            Edit::Settings(Default::default()),
        ];
        let mut states = vec![p.clone()];
        for e in edits {
            h.apply(&mut p, e, "step", None);
            states.push(p.clone());
        }
        for expected in states.iter().rev().skip(1) {
            h.undo(&mut p).unwrap();
            assert_eq!(&p, expected);
        }
        assert_eq!(p, start);
        assert!(h.undo(&mut p).is_none());
        for expected in states.iter().skip(1) {
            h.redo(&mut p).unwrap();
            assert_eq!(&p, expected);
        }
        assert!(h.redo(&mut p).is_none());
    }

    #[test]
    fn removing_hosts_restores_their_places() {
        let start = plan();
        let mut p = start.clone();
        let ids = vec![p.hosts[0].id, p.hosts[3].id];
        let inverse = Edit::Remove(ids).apply(&mut p);
        assert_eq!(p.hosts.len(), 3);
        inverse.apply(&mut p);
        assert_eq!(p, start);
    }

    #[test]
    fn typing_in_one_field_is_one_step_until_sealed() {
        let mut p = plan();
        let mut h = History::default();
        for name in ["a", "ab", "abc"] {
            let mut host = p.hosts[0].clone();
            host.name = name.into();
            h.apply(
                &mut p,
                Edit::Update(vec![host]),
                "Rename",
                Some("name#1".into()),
            );
        }
        h.seal();
        let mut host = p.hosts[0].clone();
        host.name = "abcd".into();
        h.apply(
            &mut p,
            Edit::Update(vec![host]),
            "Rename",
            Some("name#1".into()),
        );
        h.undo(&mut p);
        assert_eq!(p.hosts[0].name, "abc");
        h.undo(&mut p);
        assert_eq!(p.hosts[0].name, "h0");
        assert!(h.undo(&mut p).is_none());
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut p = plan();
        let mut h = History::default();
        h.apply(&mut p, Edit::Name("a".into()), "Rename plan", None);
        h.undo(&mut p);
        assert_eq!(h.redo_label(), Some("Rename plan"));
        h.apply(&mut p, Edit::Name("b".into()), "Rename plan", None);
        assert_eq!(h.redo_label(), None);
    }

    #[test]
    fn moves_do_not_change_the_analysis() {
        let p = plan();
        let mut moved = p.hosts[0].clone();
        moved.position.x += 10.0;
        assert!(!Edit::Update(vec![moved.clone()]).changes_analysis(&p));
        moved.roles.insert(Role::Mdm);
        assert!(Edit::Update(vec![moved]).changes_analysis(&p));
    }
}
