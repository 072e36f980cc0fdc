//! Files written off the UI thread, from a copy of the plan: the change request (a large
//! plan's PDF takes a second), the topology diagram, and the Export dialog's files (a large
//! plan's workbook takes seconds).

use std::sync::mpsc;

use super::export_view::{Request, Save};
use crate::analysis::Analysis;
use crate::export::change_request::{Evidence, Inputs};
use crate::export::pdf::layout::Paper;
use crate::export::{self, File};
use crate::model::Catalog;
use crate::model::Plan;
use crate::model::timestamp::unix_seconds;

pub enum Kind {
    /// The PDF, with the app's last connectivity test as evidence.
    ChangeRequest(Paper, Option<Evidence>),
    /// The SVG.
    Diagram,
    /// What the Export dialog asked for.
    Export(Request),
}

impl Kind {
    /// What the status bar says while it is written.
    pub fn progress(&self) -> &'static str {
        match self {
            Kind::ChangeRequest(..) => "Writing the change request…",
            Kind::Diagram => "Drawing the topology…",
            Kind::Export(_) => "Writing the export…",
        }
    }
}

pub struct DocumentJob {
    rx: mpsc::Receiver<Result<Save, String>>,
}

impl DocumentJob {
    pub fn start(ctx: &egui::Context, plan: Plan, catalog: Catalog, kind: Kind) -> DocumentJob {
        let (tx, rx) = mpsc::channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let _ = tx.send(write(&plan, &catalog, kind));
            ctx.request_repaint();
        });
        DocumentJob { rx }
    }

    /// The file once it is written, or why it could not be.
    pub fn poll(&self) -> Option<Result<Save, String>> {
        match self.rx.try_recv() {
            Ok(answer) => Some(answer),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => {
                Some(Err("the file could not be written (internal error)".into()))
            }
        }
    }
}

fn write(plan: &Plan, catalog: &Catalog, kind: Kind) -> Result<Save, String> {
    let a = Analysis::new(plan, catalog);
    let slug = crate::quote::slug(if plan.change_request.id.is_empty() {
        &plan.name
    } else {
        &plan.change_request.id
    });
    match kind {
        Kind::ChangeRequest(paper, evidence) => {
            let inputs = Inputs {
                plan,
                catalog,
                analysis: &a,
                generated: unix_seconds(std::time::SystemTime::now()),
                evidence: evidence.as_ref(),
            };
            export::pdf::change_request(&inputs, paper)
                .map(|contents| {
                    Save::File(File {
                        name: format!("{slug}-change-request.pdf"),
                        contents,
                    })
                })
                .map_err(|e| e.to_string())
        }
        Kind::Diagram => Ok(Save::File(File {
            name: format!("{slug}-topology.svg"),
            contents: export::svg::diagram(plan, &a).into_bytes(),
        })),
        Kind::Export(request) => request.files(plan, &a).map_err(|e| e.to_string()),
    }
}
