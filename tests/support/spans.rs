//! The invariant every report keeps, shared by `tests/robustness.rs` and the
//! coverage-guided fuzz targets in `fuzz/`.

use charterlint::diagnostic::LineIndex;
use charterlint::lint::FileReport;
use charterlint::render::human;
use codespan_reporting::term::termcolor::NoColor;

/// Every span is in bounds and on character boundaries, its line and column
/// exist, and the human renderer can show it.
pub fn assert_spans_valid(report: &FileReport) {
    let source = &report.source;
    let index = LineIndex::new(source);
    for d in &report.diagnostics {
        for span in std::iter::once(&d.span).chain(d.labels.iter().map(|l| &l.span)) {
            assert!(
                span.start <= span.end && span.end <= source.len(),
                "{}: {span:?} out of {}",
                d.rule,
                source.len()
            );
            assert!(
                source.is_char_boundary(span.start) && source.is_char_boundary(span.end),
                "{}: {span:?}",
                d.rule
            );
            let p = index.position(span.start);
            let line = index.line_text(p.line);
            assert!(
                p.column <= line.chars().count() + 1,
                "{}: column {} past line {}",
                d.rule,
                p.column,
                p.line
            );
        }
    }
    let mut out = NoColor::new(Vec::new());
    human::render(
        std::slice::from_ref(report),
        &mut out,
        Some(charterlint::render::Summary::of(std::slice::from_ref(report))),
    )
    .expect("renders");
}
