//! An open plan: the plan, where it lives, its undo history, its catalog and its analysis.
//! Every change goes through [`OpenPlan::apply`], which keeps the analysis current: it is
//! recomputed when the plan changes in a way that matters, never per frame.

use std::path::{Path, PathBuf};

use super::edit::Edit;
use super::history::History;
use crate::analysis::Analysis;
use crate::files::atomic::SaveError;
use crate::files::plan_file::{self, LoadError};
use crate::model::Catalog;
use crate::model::Plan;

pub struct OpenPlan {
    plan: Plan,
    /// The plan as it was last saved or opened, to tell whether there are unsaved changes.
    saved: Plan,
    path: Option<PathBuf>,
    history: History,
    catalog: Catalog,
    /// Why the plan's own catalog could not be used (the built-in one is used instead).
    catalog_problem: Option<String>,
    analysis: Analysis,
    /// A new value whenever the analysis changes, so views can cache what they derive from it.
    /// Unique across documents: a view's cache must not mistake a new plan for the old one.
    revision: u64,
    /// Bumped on every change, for autosave.
    generation: u64,
    dirty: bool,
}

impl OpenPlan {
    pub fn new(plan: Plan, path: Option<PathBuf>) -> OpenPlan {
        let (catalog, catalog_problem) = resolve_catalog(&plan, path.as_deref());
        let analysis = Analysis::new(&plan, &catalog);
        OpenPlan {
            saved: plan.clone(),
            plan,
            path,
            history: History::default(),
            catalog,
            catalog_problem,
            analysis,
            revision: next_revision(),
            generation: 0,
            dirty: false,
        }
    }

    pub fn open(path: &Path) -> Result<OpenPlan, LoadError> {
        Ok(OpenPlan::new(
            plan_file::load(path)?,
            Some(path.to_path_buf()),
        ))
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }
    pub fn catalog_problem(&self) -> Option<&str> {
        self.catalog_problem.as_deref()
    }
    pub fn revision(&self) -> u64 {
        self.revision
    }
    pub fn generation(&self) -> u64 {
        self.generation
    }
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Marks the document as changed since it was saved (a recovered plan).
    pub fn mark_unsaved(&mut self) {
        self.saved = Plan::default();
        self.dirty = true;
    }

    /// Applies an edit as one undoable step.
    pub fn apply(&mut self, edit: Edit, label: &str, merge: Option<String>) {
        let reanalyze = edit.changes_analysis(&self.plan);
        let catalog_changed =
            matches!(&edit, Edit::Settings(s) if s.catalog != self.plan.settings.catalog);
        self.history.apply(&mut self.plan, edit, label, merge);
        self.changed(reanalyze, catalog_changed);
    }

    /// Ends the merging of consecutive typing into one undo step.
    pub fn seal(&mut self) {
        self.history.seal();
    }

    pub fn undo(&mut self) -> Option<String> {
        let label = self.history.undo(&mut self.plan)?;
        self.changed(true, true);
        Some(label)
    }

    pub fn redo(&mut self) -> Option<String> {
        let label = self.history.redo(&mut self.plan)?;
        self.changed(true, true);
        Some(label)
    }

    fn changed(&mut self, reanalyze: bool, catalog_changed: bool) {
        if catalog_changed {
            let (catalog, problem) = resolve_catalog(&self.plan, self.path.as_deref());
            self.catalog = catalog;
            self.catalog_problem = problem;
        }
        if reanalyze || catalog_changed {
            self.analysis = Analysis::new(&self.plan, &self.catalog);
            self.revision = next_revision();
        }
        self.generation += 1;
        self.dirty = self.plan != self.saved;
    }

    /// Saves to `path` (atomically, keeping a .bak) and makes it the document's path.
    pub fn save_as(&mut self, path: &Path) -> Result<(), SaveError> {
        plan_file::save(&self.plan, path)?;
        self.path = Some(path.to_path_buf());
        self.saved = self.plan.clone();
        self.dirty = false;
        Ok(())
    }
}

fn next_revision() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// The plan's catalog, or the built-in one with the reason when it cannot be loaded: a plan
/// whose catalog file went missing still opens.
fn resolve_catalog(plan: &Plan, path: Option<&Path>) -> (Catalog, Option<String>) {
    let base = path.and_then(Path::parent).unwrap_or(Path::new("."));
    match Catalog::resolve(&plan.settings.catalog, base) {
        Ok(c) => (c, None),
        Err(e) => (
            Catalog::builtin(),
            Some(format!("{e}; using the built-in catalog")),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Os;
    use crate::model::{Role, RoleSet};

    #[test]
    fn analysis_follows_edits_and_undo() {
        let mut doc = OpenPlan::new(Plan::new("t"), None);
        let id = doc.plan().next_host_id();
        let mut plan = doc.plan().clone();
        plan.add_host("a", "10.0.0.1", Os::Windows, RoleSet::EMPTY.with(Role::Sdc));
        let host = plan.hosts[0].clone();
        doc.apply(Edit::Insert(vec![(0, host.clone())]), "Add host", None);
        assert_eq!(doc.analysis().hosts.len(), 1);
        assert!(doc.is_dirty());
        let r = doc.revision();

        let mut moved = host.clone();
        moved.position.x = 50.0;
        doc.apply(Edit::Update(vec![moved]), "Move", None);
        assert_eq!(doc.revision(), r, "a move does not recompute the analysis");

        doc.undo();
        doc.undo();
        assert!(doc.analysis().hosts.is_empty());
        assert!(!doc.is_dirty(), "back to the saved plan");
        assert!(doc.plan().host(id).is_none());
    }

    #[test]
    fn a_settings_edit_reloads_the_catalog_and_undo_restores_it() {
        let mut doc = OpenPlan::new(Plan::new("t"), None);
        let mut settings = doc.plan().settings.clone();
        settings.catalog = "powerflex-4.x".into();
        doc.apply(Edit::Settings(settings.clone()), "Use the profile", None);
        assert_eq!(doc.catalog().id, "powerflex-4.x");
        settings.catalog = "no-such-catalog.toml".into();
        doc.apply(Edit::Settings(settings), "Choose the catalog", None);
        assert!(
            doc.catalog_problem()
                .unwrap()
                .contains("no-such-catalog.toml")
        );
        doc.undo();
        assert_eq!(doc.catalog().id, "powerflex-4.x");
        assert!(doc.catalog_problem().is_none());
        doc.undo();
        assert_eq!(doc.catalog().id, crate::model::catalog::BUILTIN_ID);
    }

    #[test]
    fn a_moved_port_recomputes_the_analysis() {
        let mut plan = Plan::new("t");
        plan.settings.catalog = "powerflex-3.6".into();
        plan.add_host("s", "10.0.0.1", Os::Linux, RoleSet::EMPTY.with(Role::Sds));
        let mut doc = OpenPlan::new(plan, None);
        let mut host = doc.plan().hosts[0].clone();
        host.ports.insert("sds".into(), 7100);
        doc.apply(Edit::Update(vec![host]), "Move the SDS port", None);
        let a = doc.analysis();
        assert!(a.cells(0).iter().any(|c| c.port.start == 7100));
    }

    #[test]
    fn two_documents_never_share_a_revision() {
        let a = OpenPlan::new(Plan::new("a"), None);
        let b = OpenPlan::new(Plan::new("b"), None);
        assert_ne!(a.revision(), b.revision());
    }

    #[test]
    fn a_missing_catalog_falls_back_to_the_builtin_one_with_a_reason() {
        let mut plan = Plan::new("t");
        plan.settings.catalog = "no-such-catalog.toml".into();
        let doc = OpenPlan::new(plan, None);
        assert!(
            doc.catalog_problem()
                .unwrap()
                .contains("no-such-catalog.toml")
        );
        assert_eq!(doc.catalog().id, crate::model::catalog::BUILTIN_ID);
    }
}
