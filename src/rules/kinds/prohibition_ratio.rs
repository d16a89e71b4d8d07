//! `prohibition-ratio` (balance/prohibition-heavy): mostly don'ts, few dos.

use super::balance::{percent, section_labels};
use crate::rules::{Check, Context, Emitter};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// Fewer don'ts than this is never "prohibition-heavy".
    min_prohibitions: usize,
    /// Fires when don'ts are at least this many times the dos…
    ratio: f64,
    /// …and this share of the guidance sentences.
    min_share: f64,
    /// Requirements ("must be approved") weigh with the don'ts: they constrain.
    requirements_constrain: bool,
}

pub struct ProhibitionRatio {
    params: Params,
}

impl ProhibitionRatio {
    pub fn new(params: Params) -> ProhibitionRatio {
        ProhibitionRatio { params }
    }
}

impl Check for ProhibitionRatio {
    fn check(&self, ctx: &Context<'_>, emit: &mut Emitter<'_>) {
        let analysis = ctx.analysis;
        let counts = analysis.stance_counts();
        let guidance = counts.guidance;
        let constrains =
            |s: usize| analysis.is_prohibition(s) || (self.params.requirements_constrain && analysis.is_requirement(s));
        let donts: Vec<usize> = (0..analysis.sentences.len()).filter(|&s| constrains(s)).collect();
        // The issue is the ratio of forbidding to enabling: a do enables people
        // or serves the public ("thank people who tag us", "n'hésitez pas"),
        // a plain instruction is neither.
        let dos = counts.enabling;
        let share = donts.len() as f64 / guidance.max(1) as f64;
        if donts.len() < self.params.min_prohibitions
            || (donts.len() as f64) < self.params.ratio * dos as f64
            || share < self.params.min_share
        {
            return;
        }
        let densest = analysis.heaviest_sections(&donts, 1);
        let at = ctx.charter.title_span().unwrap_or(0..0);
        let args = [
            ("donts", donts.len().to_string()),
            ("dos", dos.to_string()),
            ("share", percent(donts.len(), guidance).to_string()),
        ];
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let labels = section_labels(analysis, emit, densest);
        emit.emit(at, &args).labels = labels;
    }
}
