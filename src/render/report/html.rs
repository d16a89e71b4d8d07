//! `report --html`: the scorecards as one self-contained page (inline CSS
//! and SVG, no resource from the network) that opens offline, from an
//! e-mail attachment too. Semantic HTML with headings in order; every chart
//! has a text alternative and its figures in a table; a print style sheet
//! puts one charter per page; the layout holds at 320 px wide. A few lines
//! of script sort the summary table; the page reads fully without them.

use super::{
    BalanceView, Finding, Group, MaturityView, Scorecard, family_title, group_title, page_language, severity_word,
    status_word, tr,
};
use crate::analyse::Status;
use crate::diagnostic::Severity;
use crate::render::{capitalised, plural};
use crate::rules::Language;
use std::fmt::Write;

const STYLE: &str = include_str!("report.css");
const SORT_SCRIPT: &str = include_str!("sort.js");

/// `text` safe inside HTML text and double-quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters have no place in a page (and some are not
            // allowed in HTML at all).
            '\n' | '\t' => out.push(c),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A paragraph of advice after its label ("Help:", "To add:").
fn labelled(out: &mut String, class: &str, label: &str, text: &str) {
    let _ = write!(
        out,
        "<p class=\"{class}\"><strong>{label}</strong> {}</p>",
        escape(&capitalised(text))
    );
}

fn quoted(text: &str, language: Language) -> String {
    match language {
        Language::En => format!("“{}”", escape(text)),
        Language::Fr => format!("«&nbsp;{}&nbsp;»", escape(text)),
    }
}

fn status_class(status: Status) -> &'static str {
    match status {
        Status::Covered => "covered",
        Status::Weak => "weak",
        Status::Missing => "missing",
    }
}

/// A shape as well as a colour, so that status never rests on colour alone.
fn status_symbol(status: Status) -> &'static str {
    match status {
        Status::Covered => "✓",
        Status::Weak => "!",
        Status::Missing => "✗",
    }
}

fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn line_word(language: Language, line: usize) -> String {
    format!("{} {line}", tr(language, "line", "ligne"))
}

/// The anchor of a charter's part of the page.
fn anchor(n: usize) -> String {
    format!("charter-{}", n + 1)
}

fn summary_table(out: &mut String, cards: &[Scorecard<'_>], language: Language) {
    let _ = write!(
        out,
        "<section aria-labelledby=\"summary\"><h2 id=\"summary\">{}</h2>\n<p>{}</p>\n\
         <div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"summary-caption\">\
         <table class=\"sortable\"><caption id=\"summary-caption\">{}</caption>\n<thead><tr>",
        tr(language, "Summary", "Synthèse"),
        tr(
            language,
            "One row per charter. Coverage counts covered topics; balance is the share of instructions that protect the brand.",
            "Une ligne par charte. La couverture compte les sujets couverts ; l'équilibre est la part des consignes qui protègent la marque."
        ),
        tr(language, "The charters", "Les chartes"),
    );
    let headers = [
        tr(language, "Charter", "Charte"),
        tr(language, "Customer culture", "Culture client"),
        tr(language, "Good practice", "Bonnes pratiques"),
        tr(language, "Brand protection", "Protection de la marque"),
        tr(language, "Maturity", "Maturité"),
        tr(language, "Errors", "Erreurs"),
        tr(language, "Warnings", "Avertissements"),
    ];
    for header in headers {
        let _ = write!(out, "<th scope=\"col\">{header}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (n, card) in cards.iter().enumerate() {
        let (culture, culture_total) = card.covered(Group::Culture);
        let (practice, practice_total) = card.covered(Group::Practice);
        let protect = card.balance.protect_percent();
        let maturity = card.maturity.as_ref().map(|m| m.level);
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\" data-sort=\"{path}\"><a href=\"#{anchor}\">{path}</a></th>\
             <td data-sort=\"{culture}\">{culture}/{culture_total}</td>\
             <td data-sort=\"{practice}\">{practice}/{practice_total}</td>\
             <td data-sort=\"{}\">{}</td><td data-sort=\"{}\">{}</td>\
             <td data-sort=\"{errors}\">{errors}</td><td data-sort=\"{warnings}\">{warnings}</td></tr>",
            protect.map_or(-1, i64::from),
            protect.map_or("—".to_string(), |p| format!("{p}&nbsp;%")),
            maturity.map_or(0, i64::from),
            maturity.map_or("—".to_string(), |l| format!("{l}/5")),
            path = escape(card.path),
            anchor = anchor(n),
            errors = card.errors,
            warnings = card.warnings,
        );
    }
    out.push_str("</tbody></table></div></section>\n");
}

/// The ten topics as tiles (name, symbol and status word), with their
/// figures said in the label; the table after it gives the detail.
fn coverage_chart(out: &mut String, card: &Scorecard<'_>) {
    let language = card.language;
    for group in [Group::Culture, Group::Practice] {
        let rows: Vec<_> = card.topics.iter().filter(|t| t.group == group).collect();
        if rows.is_empty() {
            continue;
        }
        let count = |s: Status| rows.iter().filter(|t| t.status == s).count();
        let label = match language {
            Language::En => format!(
                "{}: {} covered, {} weak, {} missing",
                group_title(group, language),
                count(Status::Covered),
                count(Status::Weak),
                count(Status::Missing)
            ),
            Language::Fr => format!(
                "{} : {} couverts, {} faibles, {} absents",
                group_title(group, language),
                count(Status::Covered),
                count(Status::Weak),
                count(Status::Missing)
            ),
        };
        let _ = write!(
            out,
            "<figure class=\"tiles\"><figcaption>{}</figcaption><ul role=\"list\" aria-label=\"{}\">",
            escape(&label),
            escape(&label)
        );
        for t in rows {
            let _ = write!(
                out,
                "<li class=\"tile {class}\"><span class=\"symbol\" aria-hidden=\"true\">{symbol}</span> \
                 <span class=\"name\">{name}</span> <span class=\"status\">{status}</span></li>",
                class = status_class(t.status),
                symbol = status_symbol(t.status),
                name = escape(&t.name),
                status = status_word(t.status, language),
            );
        }
        out.push_str("</ul></figure>\n");
    }
}

fn coverage_table(out: &mut String, card: &Scorecard<'_>) {
    let language = card.language;
    let _ = writeln!(
        out,
        "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><table><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        escape(&format!("{} — {}", tr(language, "Topics", "Sujets"), card.path)),
        tr(
            language,
            "Each topic, the sentence that covers it or touches on it, and what to add",
            "Chaque sujet, la phrase qui le couvre ou l'évoque, et ce qu'il faut ajouter"
        ),
        tr(language, "Topic", "Sujet"),
        tr(language, "Status", "État"),
        tr(language, "Line", "Ligne"),
        tr(language, "Evidence, or what to add", "Preuve, ou ce qu'il faut ajouter"),
    );
    for t in &card.topics {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{} <span class=\"group\">({})</span></th>\
             <td><span class=\"badge {}\"><span aria-hidden=\"true\">{}</span> {}</span></td><td>{}</td><td>",
            escape(&t.name),
            group_title(t.group, language),
            status_class(t.status),
            status_symbol(t.status),
            status_word(t.status, language),
            t.quote.as_ref().map_or(String::new(), |q| q.line.to_string()),
        );
        if let Some(q) = &t.quote {
            let _ = write!(out, "<q>{}</q>", escape(&q.text));
        }
        if let Some(add) = &t.to_add {
            labelled(out, "add", tr(language, "To add:", "À ajouter :"), add);
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
}

/// The balance as a bar: protection on the left, serving and enabling on
/// the right, with the figures in words beside it.
fn balance_gauge(out: &mut String, balance: &BalanceView, language: Language) {
    let _ = write!(out, "<h4>{}</h4>", tr(language, "Balance", "Équilibre"));
    let words = balance.words(language);
    if let Some(percent) = balance.protect_percent() {
        let label = match language {
            Language::En => format!(
                "Brand protection {percent}%, serving customers and enabling people {}%",
                100 - percent
            ),
            Language::Fr => format!(
                "Protection de la marque {percent} %, service des clients et moyens d'agir {} %",
                100 - percent
            ),
        };
        let width = percent * 3;
        let _ = write!(
            out,
            "<svg class=\"gauge\" viewBox=\"0 0 300 40\" role=\"img\" aria-label=\"{label}\">\
             <rect x=\"0\" y=\"8\" width=\"300\" height=\"24\" rx=\"4\" class=\"gauge-enable\"/>\
             <rect x=\"0\" y=\"8\" width=\"{width}\" height=\"24\" rx=\"4\" class=\"gauge-protect\"/>\
             </svg>\
             <p class=\"legend\"><span class=\"key protect\" aria-hidden=\"true\"></span>{} {percent}&nbsp;% \
             <span class=\"key enable\" aria-hidden=\"true\"></span>{} {}&nbsp;%</p>",
            tr(language, "Brand protection", "Protection de la marque"),
            tr(language, "Customers and people", "Clients et personnes"),
            100 - percent,
            label = escape(&label),
        );
    }
    let _ = write!(out, "<p>{}</p>", escape(&words));
    if !balance.heaviest.is_empty() {
        let _ = write!(
            out,
            "<p>{}</p><ul>",
            tr(
                language,
                "Most protective sections:",
                "Sections les plus protectrices :"
            )
        );
        for section in &balance.heaviest {
            let _ = write!(
                out,
                "<li>{}{}</li>",
                quoted(&section.heading, language),
                escape(&BalanceView::section_words(section, language))
            );
        }
        out.push_str("</ul>");
    }
}

/// Five steps, the reached ones filled, and what the level above needs.
fn maturity_part(out: &mut String, maturity: &MaturityView, language: Language) {
    let _ = write!(out, "<h4>{}</h4>", tr(language, "Maturity", "Maturité"));
    let label = match language {
        Language::En => format!("Estimated maturity: level {} of 5", maturity.level),
        Language::Fr => format!("Maturité estimée : niveau {} sur 5", maturity.level),
    };
    let _ = write!(
        out,
        "<svg class=\"steps\" viewBox=\"0 0 300 84\" role=\"img\" aria-label=\"{}\">",
        escape(&label)
    );
    for step in 1..=5u32 {
        let height = 12 * step;
        let x = (step - 1) * 60;
        let class = if step <= u32::from(maturity.level) {
            "step reached"
        } else {
            "step"
        };
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"52\" height=\"{height}\" rx=\"3\" class=\"{class}\"/>\
             <text x=\"{}\" y=\"80\" text-anchor=\"middle\" class=\"step-number\">{step}</text>",
            x + 4,
            62 - height,
            x + 30,
        );
    }
    out.push_str("</svg>");
    let _ = write!(
        out,
        "<p><strong>{}</strong> — {}.</p>",
        escape(&label),
        escape(&maturity.description)
    );
    if !maturity.evidence.is_empty() {
        let _ = write!(
            out,
            "<p>{}</p><ul>",
            tr(language, "Supported by:", "Ce qui le justifie :")
        );
        for q in &maturity.evidence {
            let _ = write!(
                out,
                "<li><q>{}</q> ({})</li>",
                escape(&q.text),
                line_word(language, q.line)
            );
        }
        out.push_str("</ul>");
    }
    if let Some(next) = maturity.next_words(language) {
        let _ = write!(out, "<p class=\"next\">{}</p>", escape(&next));
    }
}

/// Where the charter stands in three figures.
fn glance(out: &mut String, card: &Scorecard<'_>) {
    let language = card.language;
    let (culture, culture_total) = card.covered(Group::Culture);
    let (practice, practice_total) = card.covered(Group::Practice);
    let figures = [
        (
            tr(language, "Customer culture", "Culture client"),
            format!("{culture}/{culture_total}"),
        ),
        (
            tr(language, "Good practice", "Bonnes pratiques"),
            format!("{practice}/{practice_total}"),
        ),
        (
            tr(language, "Brand protection", "Protection de la marque"),
            card.balance
                .protect_percent()
                .map_or("—".to_string(), |p| format!("{p}&nbsp;%")),
        ),
        (
            tr(language, "Maturity", "Maturité"),
            card.maturity
                .as_ref()
                .map_or("—".to_string(), |m| format!("{}/5", m.level)),
        ),
    ];
    out.push_str("<dl class=\"glance\">");
    for (term, value) in figures {
        let _ = write!(out, "<div><dt>{term}</dt><dd>{value}</dd></div>");
    }
    out.push_str("</dl>\n");
}

fn next_steps(out: &mut String, card: &Scorecard<'_>) {
    let language = card.language;
    let _ = write!(out, "<h3>{}</h3>", tr(language, "What to do next", "Que faire ensuite"));
    if card.next_steps.is_empty() {
        let _ = write!(
            out,
            "<p>{}</p>",
            tr(
                language,
                "Nothing to change: no finding calls for it.",
                "Rien à changer : aucun constat ne le demande."
            )
        );
        return;
    }
    out.push_str("<ol class=\"next-steps\">");
    for d in &card.next_steps {
        let _ = write!(
            out,
            "<li><strong>{}</strong><br>{}</li>",
            escape(&capitalised(&d.message)),
            escape(&capitalised(d.help.as_deref().unwrap_or_default()))
        );
    }
    out.push_str("</ol>\n");
}

fn finding(out: &mut String, f: &Finding<'_>, language: Language) {
    let d = f.diagnostic;
    let _ = write!(
        out,
        "<li class=\"finding\"><p><span class=\"badge {class}\">{severity}</span> <code>{rule}</code>",
        class = severity_class(d.severity),
        severity = severity_word(d.severity, language),
        rule = escape(&d.rule),
    );
    if let Some(line) = f.line {
        let _ = write!(out, " <span class=\"where\">{}</span>", line_word(language, line));
    }
    let _ = write!(out, "</p><p>{}</p>", escape(&capitalised(&d.message)));
    if let Some(q) = &f.quote {
        let _ = write!(out, "<blockquote><p>{}</p></blockquote>", escape(q));
    }
    if !f.places.is_empty() {
        out.push_str("<ul class=\"places\">");
        for (line, message) in &f.places {
            let _ = write!(out, "<li>{} — {}</li>", line_word(language, *line), escape(message));
        }
        out.push_str("</ul>");
    }
    for note in &d.notes {
        let _ = write!(out, "<p class=\"note\">{}</p>", escape(note));
    }
    if let Some(help) = &d.help {
        labelled(out, "help", tr(language, "Help:", "Aide :"), help);
    }
    out.push_str("</li>\n");
}

fn findings(out: &mut String, card: &Scorecard<'_>) {
    let language = card.language;
    let _ = write!(out, "<h3>{}</h3>", tr(language, "Findings", "Constats"));
    if card.families.is_empty() {
        let _ = write!(out, "<p>{}</p>", tr(language, "No finding.", "Aucun constat."));
        return;
    }
    for (family, findings) in &card.families {
        let _ = write!(
            out,
            "<h4>{} ({})</h4><ul class=\"findings\">",
            escape(&family_title(family, language)),
            findings.len()
        );
        for f in findings {
            finding(out, f, language);
        }
        out.push_str("</ul>\n");
    }
}

fn charter(out: &mut String, n: usize, card: &Scorecard<'_>) {
    let language = card.language;
    let id = anchor(n);
    let _ = writeln!(
        out,
        "<article class=\"charter\" id=\"{id}\" lang=\"{}\" aria-labelledby=\"{id}-title\">\
         <h2 id=\"{id}-title\">{}</h2>",
        language.code(),
        escape(card.path)
    );
    let _ = write!(
        out,
        "<p class=\"counts\">{}</p>",
        match language {
            Language::En => format!(
                "{}, {}",
                plural(card.errors, "error", "errors"),
                plural(card.warnings, "warning", "warnings")
            ),
            Language::Fr => format!(
                "{}, {}",
                plural(card.errors, "erreur", "erreurs"),
                plural(card.warnings, "avertissement", "avertissements")
            ),
        }
    );
    glance(out, card);
    next_steps(out, card);
    let _ = write!(
        out,
        "<h3>{}</h3>",
        tr(language, "Where the charter stands", "Où en est la charte")
    );
    let _ = write!(
        out,
        "<h4>{}</h4>",
        tr(language, "Topic coverage", "Couverture des sujets")
    );
    coverage_chart(out, card);
    coverage_table(out, card);
    balance_gauge(out, &card.balance, language);
    if let Some(m) = &card.maturity {
        maturity_part(out, m, language);
    }
    findings(out, card);
    out.push_str("</article>\n");
}

pub fn render(cards: &[Scorecard<'_>]) -> String {
    let language = page_language(cards);
    let title = tr(language, "charterlint report", "Rapport charterlint");
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n",
        language.code()
    );
    let _ = writeln!(
        out,
        "<p class=\"lede\">{}</p>",
        match (language, cards.len()) {
            (Language::En, 1) => "One charter: where it stands, why, and what to do next.".to_string(),
            (Language::En, n) => format!("{n} charters: where each stands, why, and what to do next."),
            (Language::Fr, 1) => "Une charte : où elle en est, pourquoi, et que faire ensuite.".to_string(),
            (Language::Fr, n) => format!("{n} chartes : où en est chacune, pourquoi, et que faire ensuite."),
        }
    );
    if cards.len() > 1 {
        summary_table(&mut out, cards, language);
    }
    for (n, card) in cards.iter().enumerate() {
        charter(&mut out, n, card);
    }
    out.push_str("</main>\n");
    if cards.len() > 1 {
        let _ = write!(out, "<script>\n{SORT_SCRIPT}</script>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}
