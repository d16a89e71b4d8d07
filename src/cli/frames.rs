//! `charterlint frames` (hidden, for `scripts/fit.py`): the concepts of each
//! block of guidance, sentence by sentence, with the concepts its heading,
//! lead-in or table header bring, what each sentence denies, its stance
//! and whether it constrains (a don't or a requirement); one JSON line per
//! file. The fit learns the frames' weights from these lines; it never
//! sees the text (`--text` adds it and the words of each concept, for a
//! person reading errors).

use super::{Fatal, print};
use crate::analyse::concepts::ConceptSet;
use crate::analyse::{Analysis, Lexicons};
use crate::load::format_of;
use crate::parse::parse;
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(paths: &[PathBuf], with_text: bool) -> Result<ExitCode, Fatal> {
    let lexicons = Lexicons::builtin().expect("the built-in lexicons are valid (tested)");
    let mut out = String::new();
    for path in paths {
        let text = std::fs::read_to_string(path).map_err(|e| Fatal::Read(path.display().to_string(), e))?;
        let charter = parse(&text, format_of(path));
        let analysis = Analysis::new(&charter, &lexicons, None);
        let names = |set: &ConceptSet| -> Vec<&str> { set.iter().map(|c| lexicons.concepts.ids[c].as_str()).collect() };
        let blocks: Vec<_> = analysis
            .blocks
            .iter()
            .map(|b| {
                let sentences: Vec<_> = b.sentences.iter().map(|s| names(&s.said)).collect();
                // What each sentence negates or forbids (the broadcast rules
                // read it), and what a don't forbids and says outside it (a
                // don't of a topic's action says only the latter for it).
                let denied: Vec<_> = b
                    .sentences
                    .iter()
                    .map(|s| names(&analysis.polar_concepts(s.sentence).1))
                    .collect();
                let forbidden: Vec<_> = b.sentences.iter().map(|s| names(&s.forbidden)).collect();
                let kept: Vec<_> = b.sentences.iter().map(|s| names(&s.kept)).collect();
                // What each sentence completes frames with: itself and the context in its sense.
                let around: Vec<_> = b.sentences.iter().map(|s| names(&s.around)).collect();
                let stance: Vec<_> = b
                    .sentences
                    .iter()
                    .map(|s| format!("{:?}", analysis.stance(s.sentence)).to_lowercase())
                    .collect();
                let forbids: Vec<bool> = b
                    .sentences
                    .iter()
                    .map(|s| analysis.is_prohibition(s.sentence) || analysis.is_requirement(s.sentence))
                    .collect();
                let mut block = json!({"section": analysis.units[b.unit].section, "sentences": sentences, "denied": denied,
                       "forbidden": forbidden, "kept": kept, "around": around, "stance": stance, "constrains": forbids,
                       "context": names(&b.context)});
                if with_text {
                    // Which words made each concept, for a person reading errors.
                    let words: Vec<Vec<String>> = b
                        .sentences
                        .iter()
                        .map(|s| {
                            let info = &analysis.sentences[s.sentence];
                            let (toks, text) = (&info.sentence.tokens, analysis.units[info.unit].text.as_str());
                            (info.concepts.iter())
                                .map(|m| {
                                    let span = toks[m.tokens.start].range.start..toks[m.tokens.end - 1].range.end;
                                    format!("{}={}", lexicons.concepts.ids[m.concept], &text[span])
                                })
                                .collect()
                        })
                        .collect();
                    block["words"] = json!(words);
                    let text: Vec<_> = b.sentences.iter().map(|s| analysis.sentence_text(s.sentence)).collect();
                    block["text"] = json!(text);
                }
                block
            })
            .collect();
        // Topics a heading or an explicit `topic` covers, whatever the text says.
        let declared: Vec<&str> = lexicons
            .specs
            .iter()
            .zip(&analysis.coverage)
            .filter(|(_, c)| c.as_ref().is_some_and(|c| c.heading.is_some() || c.explicit.is_some()))
            .map(|(spec, _)| spec.id.as_str())
            .collect();
        let line = json!({"path": path.display().to_string(), "language": analysis.language.map(|l| l.code()),
                          "declared": declared, "blocks": blocks});
        out.push_str(&line.to_string());
        out.push('\n');
    }
    print(&out).map(|_| ExitCode::SUCCESS)
}
