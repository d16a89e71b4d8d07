//! Bad and odd input never panics, and every position points inside its file:
//! the corpus, deep nesting, huge files, and random documents (a cheap,
//! deterministic fuzz run that fits in CI; `fuzz/` has the coverage-guided one).

mod common;
#[path = "support/spans.rs"]
mod spans;

use charterlint::diagnostic::LineIndex;
use charterlint::lint::{FileReport, Options, lint_text};
use charterlint::model::Format;
use charterlint::rules::Registry;
use spans::assert_spans_valid;

fn lint(text: &str, format: Format) -> FileReport {
    let registry = Registry::builtin().expect("packs load");
    lint_text("input".into(), text.to_string(), format, &registry, &Options::default())
}

#[test]
fn corpus_spans_point_inside_their_files() {
    let Some(shared) = common::shared("span checks on the corpus") else {
        return;
    };
    let root = shared.join("corpus/docs");
    let mut count = 0;
    for lang in std::fs::read_dir(&root)
        .expect("corpus beside the repository")
        .flatten()
    {
        for file in std::fs::read_dir(lang.path()).expect("readable").flatten() {
            let path = file.path();
            let text = std::fs::read_to_string(&path).expect("corpus is UTF-8");
            let format = charterlint::load::format_of(&path);
            let report = lint(&text, format);
            assert!(
                !report
                    .diagnostics
                    .iter()
                    .any(|d| d.rule == "structure/parse-error" && format == Format::Markdown),
                "{}: a Markdown file never fails to parse",
                path.display()
            );
            assert_spans_valid(&report);
            count += report.diagnostics.len();
        }
    }
    assert!(count > 100, "the corpus should produce findings ({count})");
}

#[test]
fn columns_count_characters_on_accented_french() {
    let text = "# Écoute des clients\n\nÉléments à préciser : TODO.\n";
    let report = lint(text, Format::Markdown);
    let todo = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "structure/placeholder")
        .expect("TODO found");
    let position = LineIndex::new(text).position(todo.span.start);
    assert_eq!((position.line, position.column), (3, 23));
    assert_eq!(&text[todo.span.clone()], "TODO");
}

#[test]
fn positions_survive_yaml_folding_and_markdown_links() {
    let yaml = "title: Charte\nsections:\n  - title: Crise\n    body: >\n      Une ligne\n      puis [NOM] ici\n";
    let report = lint(yaml, Format::Yaml);
    let found = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "structure/placeholder")
        .expect("found");
    assert_eq!(&yaml[found.span.clone()], "[NOM]");
    let md = "# Charte\n\nVoir [la page de <nom>](https://x.org/TODO) pour TBD.\n";
    let report = lint(md, Format::Markdown);
    let spans: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "structure/placeholder")
        .map(|d| &md[d.span.clone()])
        .collect();
    assert_eq!(spans, ["<nom>", "TBD"], "the URL is not linted");
}

#[test]
fn thousands_of_nested_list_levels_do_not_overflow() {
    let text: String = (0..5000).map(|i| format!("{}- niveau {i}\n", "  ".repeat(i))).collect();
    let report = lint(&format!("# Charte\n\n{text}"), Format::Markdown);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.rule == "structure/parse-error" && d.message.contains("nested"))
    );
    assert_spans_valid(&report);
    let quotes = format!("# Charte\n\n{} citation\n", ">".repeat(20_000));
    assert_spans_valid(&lint(&quotes, Format::Markdown));
    let brackets = format!("# Charte\n\n{}x{}\n", "[".repeat(20_000), "](u)".repeat(20_000));
    assert_spans_valid(&lint(&brackets, Format::Markdown));
}

#[test]
fn thousands_of_yaml_levels_are_reported_not_overflowed() {
    let text: String = (0..5000).map(|i| format!("{}a:\n", "  ".repeat(i))).collect();
    let report = lint(&text, Format::Yaml);
    let error = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "structure/parse-error")
        .expect("reported");
    assert!(error.message.contains("nested more than"), "{}", error.message);
    assert_spans_valid(&report);
    let lists = format!("a: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    assert_spans_valid(&lint(&lists, Format::Yaml));
    let dashes = format!("{}x\n", "- ".repeat(5000));
    assert_spans_valid(&lint(&dashes, Format::Yaml));
}

/// Unclosed markup repeated thousands of times must stay linear (these took
/// minutes when every `[` or space looked ahead to the end of the text).
#[test]
fn unclosed_markup_stays_linear() {
    let n = 20_000;
    for text in [
        format!("# T\n\n{}\n", "[".repeat(n)),
        format!("# T\n\n{}\n", "![x".repeat(n)),
        format!("# T\n\n{}\n", "<!--".repeat(n)),
        format!("# T\n\n{}\n", "{{".repeat(n)),
        format!("# T\n\n{}\n", "{{<".repeat(n)),
        format!("# T\n\n{}\n", "x <!-- ".repeat(n)),
        format!("# T\n\n{}\n", "<".repeat(n)),
        format!("# T\n\n{}", format!("{}\n", ">".repeat(n)).repeat(5)),
        format!("# T\n\n{}", format!("{}x\n", "> ".repeat(n)).repeat(5)),
        format!("# a{}b\n", " ".repeat(n * 5)),
        format!("# T\n\nword{}.\n", " ".repeat(n * 5)),
    ] {
        assert_spans_valid(&lint(&text, Format::Markdown));
    }
    for text in [
        format!("title: a{}b\n", " ".repeat(n * 5)),
        format!("k{}x: v\n", " ".repeat(n * 5)),
        format!("title: a{}# c\n", " \t".repeat(n)),
    ] {
        assert_spans_valid(&lint(&text, Format::Yaml));
    }
}

/// One sentence of 100,000 words (a paragraph without a full stop): each
/// sentence's matches are compared in one sweep, not pair by pair.
#[test]
fn a_sentence_of_a_hundred_thousand_words_is_linted() {
    let words = [
        "we",
        "answer",
        "customers",
        "and",
        "listen",
        "to",
        "what",
        "they",
        "say",
        "about",
        "service",
    ];
    let text: Vec<&str> = (0..100_000).map(|i| words[(i * 7 + i / 3) % words.len()]).collect();
    let report = lint(&format!("# Policy\n\n{}\n", text.join(" ")), Format::Markdown);
    assert_spans_valid(&report);
}

/// One sentence of 100,000 words that is a list under a negation: each
/// word's negation and list neighbours are looked up around it, not across
/// the whole sentence.
#[test]
fn an_endless_denied_list_is_linted() {
    let text = "never answer customers, or listen, ".repeat(20_000);
    let report = lint(&format!("# Policy\n\n{text}\n"), Format::Markdown);
    assert_spans_valid(&report);
}

#[test]
fn a_huge_charter_is_linted() {
    let section = "## Écoute\n\nNous lisons ce que disent nos clients, chaque jour, avec attention.\n\n- une règle\n- une autre règle\n\n";
    let text = format!("# Charte\n\n{}", section.repeat(40_000));
    assert!(text.len() > 4_000_000);
    let report = lint(&text, Format::Markdown);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.rule == "structure/duplicate-section")
    );
}

/// A small deterministic generator (no dependency, same cases every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() as usize) % items.len()]
    }
}

#[test]
fn random_documents_never_panic() {
    let pieces = [
        "#",
        "# ",
        "## ",
        "-",
        "- ",
        "* ",
        "1. ",
        "2) ",
        ">",
        "> ",
        "`",
        "```",
        "~~~",
        "    ",
        "\t",
        "\n",
        "\r\n",
        "\r",
        " ",
        "|",
        "---",
        "===",
        "[",
        "]",
        "(",
        ")",
        "![",
        "<",
        ">",
        "<!--",
        "-->",
        "<div>",
        "</div>",
        "{{<",
        ">}}",
        "{%",
        "%}",
        "*",
        "_",
        "**",
        "~~",
        "&amp;",
        "&#",
        ";",
        "\\",
        "é",
        "’",
        "🙂",
        "TODO",
        "[NOM]",
        "texte",
        "word",
        ":",
        ": ",
        "key: ",
        "'",
        "\"",
        "|",
        "|-",
        ">+",
        "&a",
        "*a",
        "!t",
        "? ",
        "{",
        "}",
        ",",
        "...",
        "\u{FEFF}",
        "\u{0}",
        "%YAML",
        "{#id topic=listening}",
        "http://x.org",
        "\\\n",
    ];
    let registry = Registry::builtin().expect("packs load");
    let mut rng = Lcg(0x5eed);
    for case in 0..3000 {
        let len = 1 + rng.next() % 60;
        let text: String = (0..len).map(|_| rng.pick(&pieces)).collect();
        for format in [Format::Markdown, Format::Yaml, Format::Text] {
            let report = lint_text(
                format!("case-{case}"),
                text.clone(),
                format,
                &registry,
                &Options::default(),
            );
            let checked = std::panic::catch_unwind(|| assert_spans_valid(&report));
            assert!(checked.is_ok(), "case {case} ({format:?}): {text:?}");
        }
    }
}

#[test]
fn a_control_character_in_yaml_is_named_and_located() {
    let text = "title: Charte\nsections:\n  - title: Écoute\n    body: Nous r\u{7}pondons.\n";
    let report = lint(text, Format::Yaml);
    let error = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "structure/parse-error")
        .expect("a parse error");
    assert!(error.message.contains("U+0007"), "{}", error.message);
    assert_eq!(&text[error.span.clone()], "\u{7}");
    assert_spans_valid(&report);
}
