//! `report --markdown`: the scorecards as GitHub-flavoured Markdown, for a
//! pull-request comment or a CI job summary. A summary table, then per
//! charter its maturity, balance, what to do next and topics; the findings
//! are folded away (`<details>`), as a comment must stay short.

use super::{BalanceView, Group, Scorecard, family_title, group_title, page_language, severity_word, status_word, tr};
use crate::analyse::Status;
use crate::render::capitalised;
use crate::rules::Language;
use std::fmt::Write;

/// `text` as literal Markdown text: punctuation that would start markup is
/// escaped, a line break is a space, and `@` cannot mention anyone.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            // `#` and list markers only matter at a line's start, where no
            // charter text is ever put.
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            // A zero-width space after `@`, so that `@team` in a charter
            // does not notify a GitHub user.
            '@' => out.push_str("@&#8203;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn quoted(text: &str, language: Language) -> String {
    match language {
        Language::En => format!("“{}”", escape(text)),
        Language::Fr => format!("« {} »", escape(text)),
    }
}

fn status_mark(status: Status) -> &'static str {
    match status {
        Status::Covered => "✅",
        Status::Weak => "⚠️",
        Status::Missing => "❌",
    }
}

/// "70 % brand protection", or "—" when no instruction takes a side.
fn balance_cell(card: &Scorecard<'_>, language: Language) -> String {
    match card.balance.protect_percent() {
        Some(p) => match language {
            Language::En => format!("{p}% brand protection"),
            Language::Fr => format!("{p} % protection de la marque"),
        },
        None => "—".to_string(),
    }
}

fn summary_table(out: &mut String, cards: &[Scorecard<'_>], language: Language) {
    let header = tr(
        language,
        "| Charter | Customer culture | Good practice | Balance | Maturity | Errors | Warnings |",
        "| Charte | Culture client | Bonnes pratiques | Équilibre | Maturité | Erreurs | Avertissements |",
    );
    let _ = writeln!(out, "{header}\n|---|---|---|---|---|---:|---:|");
    for card in cards {
        let (culture, culture_total) = card.covered(Group::Culture);
        let (practice, practice_total) = card.covered(Group::Practice);
        let maturity = card
            .maturity
            .as_ref()
            .map_or("—".to_string(), |m| format!("{}/5", m.level));
        let _ = writeln!(
            out,
            "| {} | {culture}/{culture_total} | {practice}/{practice_total} | {} | {maturity} | {} | {} |",
            escape(card.path),
            balance_cell(card, language),
            card.errors,
            card.warnings,
        );
    }
    out.push('\n');
}

fn maturity(out: &mut String, card: &Scorecard<'_>) {
    let language = card.language;
    let Some(m) = &card.maturity else { return };
    let _ = writeln!(
        out,
        "**{} {}/5** — {}.",
        tr(language, "Maturity", "Maturité"),
        m.level,
        escape(&m.description)
    );
    if let Some(next) = m.next_words(language) {
        let _ = writeln!(out, "{}", escape(&next));
    }
    out.push('\n');
}

fn balance(out: &mut String, card: &Scorecard<'_>) {
    let language = card.language;
    let b = &card.balance;
    let _ = write!(
        out,
        "**{}** — {}",
        tr(language, "Balance", "Équilibre"),
        escape(&b.words(language))
    );
    if let Some(percent) = b.protect_percent() {
        let _ = write!(
            out,
            " {}",
            match language {
                Language::En => format!("Brand protection: {percent}% of the instructions that take a side."),
                Language::Fr => format!("Protection de la marque : {percent} % des consignes qui prennent parti."),
            }
        );
    }
    if !b.heaviest.is_empty() {
        let sections: Vec<String> = b
            .heaviest
            .iter()
            .map(|section| {
                let words = BalanceView::section_words(section, language);
                format!("{}{}", quoted(&section.heading, language), escape(&words))
            })
            .collect();
        let _ = write!(
            out,
            " {} {}.",
            tr(
                language,
                "Most protective sections:",
                "Sections les plus protectrices :"
            ),
            sections.join("; ")
        );
    }
    out.push_str("\n\n");
}

fn next_steps(out: &mut String, card: &Scorecard<'_>, level: &str) {
    let language = card.language;
    let _ = writeln!(
        out,
        "{level} {}\n",
        tr(language, "What to do next", "Que faire ensuite")
    );
    if card.next_steps.is_empty() {
        let _ = writeln!(
            out,
            "{}\n",
            tr(
                language,
                "Nothing to change: no finding calls for it.",
                "Rien à changer : aucun constat ne le demande."
            )
        );
        return;
    }
    for (n, d) in card.next_steps.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. **{}** — {}",
            n + 1,
            escape(&capitalised(&d.message)),
            escape(&capitalised(d.help.as_deref().unwrap_or_default()))
        );
    }
    out.push('\n');
}

fn topics(out: &mut String, card: &Scorecard<'_>, level: &str) {
    let language = card.language;
    let _ = writeln!(out, "{level} {}\n", tr(language, "Topics", "Sujets"));
    let _ = writeln!(
        out,
        "{}\n|---|---|---|---:|---|",
        tr(
            language,
            "| Group | Topic | Status | Line | Evidence, or what to add |",
            "| Groupe | Sujet | État | Ligne | Preuve, ou ce qu'il faut ajouter |"
        )
    );
    for t in &card.topics {
        let line = t.quote.as_ref().map_or(String::new(), |q| q.line.to_string());
        let mut evidence = t.quote.as_ref().map_or(String::new(), |q| quoted(&q.text, language));
        if let Some(add) = &t.to_add {
            if !evidence.is_empty() {
                evidence.push_str(" — ");
            }
            evidence.push_str(&escape(&capitalised(add)));
        }
        let _ = writeln!(
            out,
            "| {} | {} | {} {} | {line} | {evidence} |",
            group_title(t.group, language),
            escape(&t.name),
            status_mark(t.status),
            status_word(t.status, language),
        );
    }
    out.push('\n');
}

fn findings(out: &mut String, card: &Scorecard<'_>) {
    let language = card.language;
    let count: usize = card.families.iter().map(|(_, f)| f.len()).sum();
    if count == 0 {
        return;
    }
    let _ = writeln!(
        out,
        "<details><summary>{} ({count})</summary>\n",
        tr(language, "Findings", "Constats")
    );
    for (family, findings) in &card.families {
        let _ = writeln!(out, "**{}**\n", escape(&family_title(family, language)));
        for f in findings {
            let d = f.diagnostic;
            let at = f.line.map_or(String::new(), |line| {
                format!(" ({} {line})", tr(language, "line", "ligne"))
            });
            // One line per finding: a blockquote or a paragraph inside a
            // list item would swallow what follows it.
            let _ = write!(
                out,
                "- {} `{}`{at}: {}",
                severity_word(d.severity, language),
                d.rule,
                escape(&capitalised(&d.message))
            );
            if let Some(q) = &f.quote {
                let _ = write!(out, "<br>{}", quoted(q, language));
            }
            for note in &d.notes {
                let _ = write!(out, "<br>{}", escape(note));
            }
            if let Some(help) = &d.help {
                let _ = write!(
                    out,
                    "<br>{} {}",
                    tr(language, "Help:", "Aide :"),
                    escape(&capitalised(help))
                );
            }
            out.push('\n');
        }
        out.push('\n');
    }
    out.push_str("</details>\n\n");
}

pub fn render(cards: &[Scorecard<'_>]) -> String {
    let mut out = String::new();
    let language = page_language(cards);
    let _ = writeln!(
        out,
        "## {}\n",
        tr(language, "charterlint report", "Rapport charterlint")
    );
    summary_table(&mut out, cards, language);
    for card in cards {
        let _ = writeln!(out, "### {}\n", escape(card.path));
        maturity(&mut out, card);
        balance(&mut out, card);
        next_steps(&mut out, card, "####");
        topics(&mut out, card, "####");
        findings(&mut out, card);
    }
    out
}
