//! Frame time of the real UI, headless: egui context pass + tessellation, no GPU.
//! Run with `cargo bench --bench ui_frame`. Budget (2 cores, release): 2,000 hosts median
//! <= 4 ms per frame, 10,000 hosts <= 16 ms.

mod common;

use std::time::{Duration, Instant};

use egui::{Event, Pos2, RawInput, Rect, Vec2};
use portplan::gui::{App, Command, Options, Start};
use portplan::model::Plan;
use portplan::model::auto_layout;

/// The shared synthetic plan, laid out in tiers as an import would.
fn plan(n: usize) -> Plan {
    let mut p = common::plan(n);
    auto_layout::tiers(&mut p);
    p
}

#[derive(Clone, Copy)]
enum Scene {
    /// Every card on screen (zoomed to fit), the matrix below.
    Fitted,
    /// Zoomed in on one host (cards with text), the matrix below.
    Detail,
}

fn input(frame: usize) -> RawInput {
    // The pointer moves over the canvas every frame, as when a user looks around.
    let x = 300.0 + (frame % 50) as f32 * 4.0;
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, Vec2::new(1280.0, 800.0))),
        events: vec![Event::PointerMoved(Pos2::new(x, 250.0))],
        ..RawInput::default()
    }
}

fn measure(n: usize, scene: Scene) -> (Duration, Duration) {
    let plan = plan(n);
    let focus = plan.hosts[n / 2].id;
    let mut app = App::new(Options {
        start: Start::Plan(Box::new(plan)),
        data_dir: None,
    });
    let ctx = egui::Context::default();
    let frame = |app: &mut App, i: usize| {
        let out = ctx.run_ui(input(i), |ui| app.ui(ui));
        let primitives = ctx.tessellate(out.shapes, out.pixels_per_point);
        std::hint::black_box(primitives);
    };
    // Warm up: layout settles, fonts are built, the first fit is done.
    for i in 0..5 {
        frame(&mut app, i);
    }
    match scene {
        Scene::Fitted => app.run(&ctx, Command::ZoomToFit),
        Scene::Detail => app.focus_host(focus),
    }
    for i in 0..5 {
        frame(&mut app, i);
    }
    let mut times: Vec<Duration> = (0..60)
        .map(|i| {
            let t = Instant::now();
            frame(&mut app, i);
            t.elapsed()
        })
        .collect();
    times.sort();
    (times[times.len() / 2], times[times.len() * 95 / 100])
}

fn main() {
    println!(
        "{:>7}  {:<28} {:>10} {:>10}",
        "hosts", "view", "median", "p95"
    );
    for n in [100, 2_000, 10_000] {
        for (scene, name) in [
            (Scene::Fitted, "canvas fitted + matrix"),
            (Scene::Detail, "canvas zoomed in + matrix"),
        ] {
            let (median, p95) = measure(n, scene);
            println!(
                "{n:>7}  {name:<28} {:>8.2}ms {:>8.2}ms",
                median.as_secs_f64() * 1e3,
                p95.as_secs_f64() * 1e3
            );
        }
    }
}
