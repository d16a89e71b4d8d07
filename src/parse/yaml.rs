//! YAML (the subset documents use) to a spanned node tree.
//!
//! The pest grammar (`grammar/yaml.pest`) reads lines and scalars; this module
//! rebuilds the nesting from columns with an explicit stack and resolves scalar
//! values (quotes, escapes, folding, block scalars) with a source mapping.

// A file has at most one fatal YAML problem: the size of the error type does
// not matter, and boxing it would only add noise to every return.
#![allow(clippy::result_large_err)]

use crate::model::Localized;
use crate::model::{LintText, ParseProblem, Span};
use pest::Parser;
use pest::iterators::Pair;

#[derive(pest_derive::Parser)]
#[grammar = "grammar/yaml.pest"]
struct YamlGrammar;

/// Collections nested deeper than this are rejected (and reported), which also
/// bounds every recursive walk of the tree.
pub const MAX_DEPTH: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeValue {
    Null,
    Scalar { text: LintText, style: ScalarStyle },
    Sequence(Vec<Node>),
    Mapping(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: NodeValue,
    pub span: Span,
}

impl Node {
    fn null(at: usize) -> Node {
        Node {
            value: NodeValue::Null,
            span: at..at,
        }
    }

    /// The scalar's text, if the node is a scalar.
    pub fn as_text(&self) -> Option<&LintText> {
        match &self.value {
            NodeValue::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    pub fn as_mapping(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            NodeValue::Mapping(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_sequence(&self) -> Option<&[Node]> {
        match &self.value {
            NodeValue::Sequence(items) => Some(items),
            _ => None,
        }
    }

    /// What kind of node this is, in words for messages.
    pub fn kind_name(&self) -> Localized {
        match self.value {
            NodeValue::Null => t("nothing", "rien"),
            NodeValue::Scalar { .. } => t("a text value", "un texte"),
            NodeValue::Sequence(_) => t("a list", "une liste"),
            NodeValue::Mapping(_) => t("a set of `key: value` pairs", "un ensemble de paires `clé: valeur`"),
        }
    }
}

/// Parses `src[range]` (a whole YAML file, or the body of a front matter).
/// `Ok(None)` for a document with no content.
pub fn parse(src: &str, range: Span) -> Result<Option<Node>, ParseProblem> {
    let base = range.start;
    let text = &src[range];
    if let Some(found) = control_character(text, base) {
        return Err(found);
    }
    let pairs = match YamlGrammar::parse(Rule::stream, text) {
        Ok(pairs) => pairs,
        Err(e) => {
            // Report problems in document order: an unsupported construct
            // before the line pest stopped at is the real cause.
            let line_start = match e.location {
                pest::error::InputLocation::Pos(p) | pest::error::InputLocation::Span((p, _)) => {
                    text[..p].rfind('\n').unwrap_or(0)
                }
            };
            if line_start > 0 {
                parse(src, base..base + line_start)?;
            }
            return Err(grammar_error(e, text, base));
        }
    };
    let mut builder = TreeBuilder {
        src,
        base,
        stack: Vec::new(),
        root: None,
        seen_content: false,
    };
    // Whether a `---` opened the document (a `...` may then close it empty).
    let mut started = false;
    // Where a `...` ended the document: content after it is another document.
    let mut ended: Option<usize> = None;
    for pair in pairs.flat_map(|stream| stream.into_inner()) {
        match pair.as_rule() {
            Rule::node_line if ended.is_some() && !pair.as_str().trim().is_empty() => {
                let at = base + pair.as_span().start() + (pair.as_str().len() - pair.as_str().trim_start().len());
                return Err(problem(
                    t(
                        "this file holds several YAML documents",
                        "ce fichier contient plusieurs documents YAML",
                    ),
                    at..at + 1,
                    t(
                        "content after the `...` that ended the document",
                        "du contenu après le `...` qui a terminé le document",
                    ),
                    t(
                        "keep one charter per file: delete the `...` line or move what follows into its own file",
                        "gardez une charte par fichier : supprimez la ligne `...` ou placez la suite dans son propre fichier",
                    ),
                ));
            }
            Rule::node_line => builder.node_line(pair)?,
            Rule::tab_indent | Rule::tab_after_dash => {
                let at = base + pair.as_span().start();
                let tab = at + pair.as_str().find('\t').unwrap_or(0);
                let what = if pair.as_rule() == Rule::tab_indent {
                    t("a tab is used for indentation", "une tabulation sert d'indentation")
                } else {
                    t("a tab follows a list dash", "une tabulation suit un tiret de liste")
                };
                return Err(problem(
                    what,
                    tab..tab + 1,
                    t("YAML only allows spaces here", "YAML n'accepte que des espaces ici"),
                    t("replace the tab with spaces", "remplacez la tabulation par des espaces"),
                ));
            }
            Rule::marker_text => {
                return Err(unsupported(
                    base + pair.as_span().start(),
                    pair.as_str().trim_end(),
                    t(
                        "text after a `---` or `...` document marker",
                        "du texte après un marqueur de document `---` ou `...`",
                    ),
                ));
            }
            Rule::directive => {
                return Err(unsupported(
                    base + pair.as_span().start(),
                    pair.as_str().trim_end(),
                    t("a directive (`%YAML`, `%TAG`)", "une directive (`%YAML`, `%TAG`)"),
                ));
            }
            Rule::document_end if !builder.seen_content && !started => {
                let at = base + pair.as_span().start();
                return Err(problem(
                    t(
                        "`...` ends a YAML document, but none has started",
                        "`...` termine un document YAML, mais aucun n'a commencé",
                    ),
                    at..at + 3,
                    t("this end marker", "ce marqueur de fin"),
                    t(
                        "delete this line, or put the charter above it",
                        "supprimez cette ligne, ou placez la charte au-dessus",
                    ),
                ));
            }
            Rule::document_end => ended = Some(base + pair.as_span().start()),
            Rule::document_start if !builder.seen_content => started = true,
            Rule::document_start if builder.seen_content => {
                let at = base + pair.as_span().start();
                return Err(problem(
                    t(
                        "this file holds several YAML documents",
                        "ce fichier contient plusieurs documents YAML",
                    ),
                    at..at + 3,
                    t("a second document starts here", "un deuxième document commence ici"),
                    t(
                        "keep one charter per file; split the others into their own files",
                        "gardez une charte par fichier ; placez les autres dans leurs propres fichiers",
                    ),
                ));
            }
            _ => {}
        }
    }
    builder.finish()
}

/// A text in both languages.
pub fn t(en: impl Into<String>, fr: impl Into<String>) -> Localized {
    Localized {
        en: en.into(),
        fr: fr.into(),
    }
}

/// YAML text may not hold control characters other than tab and line breaks,
/// nor the noncharacters U+FFFE and U+FFFF (outside YAML's printable set),
/// nor a byte-order mark after the start: they are usually the trace of a
/// binary paste or a broken export.
fn control_character(text: &str, base: usize) -> Option<ParseProblem> {
    let (at, c) = text.char_indices().find(|&(i, c)| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{85}'))
            || matches!(c, '\u{FFFE}' | '\u{FFFF}')
            || (c == '\u{FEFF}' && i > 0)
    })?;
    let code = format!("U+{:04X}", u32::from(c));
    Some(problem(
        t(
            format!("an invisible control character ({code}) is not allowed in YAML"),
            format!("un caractère de contrôle invisible ({code}) n'est pas autorisé en YAML"),
        ),
        base + at..base + at + c.len_utf8(),
        t("this character", "ce caractère"),
        t(
            "delete it (it often comes from a copy and paste)",
            "supprimez-le (il vient souvent d'un copier-coller)",
        ),
    ))
}

fn problem(message: Localized, span: Span, label: Localized, help: Localized) -> ParseProblem {
    ParseProblem {
        message,
        span,
        label: Some(label),
        help: Some(help),
    }
}

fn unsupported(at: usize, text: &str, what: Localized) -> ParseProblem {
    let len = text
        .chars()
        .next()
        .map_or(1, char::len_utf8)
        .max(text.find([' ', '\t']).unwrap_or(text.len()));
    problem(
        t(
            format!("charterlint does not read {} in YAML charters", what.en),
            format!("charterlint ne lit pas {} dans les chartes YAML", what.fr),
        ),
        at..at + len.max(1),
        t(format!("{} here", what.en), format!("{} ici", what.fr)),
        t(
            "write the value out in full: charters use plain keys, lists and text",
            "écrivez la valeur en entier : les chartes utilisent des clés simples, des listes et du texte",
        ),
    )
}

fn unsupported_pair(pair: &Pair<'_, Rule>, base: usize) -> ParseProblem {
    let what = match pair.clone().into_inner().next().map(|p| p.as_rule()) {
        Some(Rule::anchor) => t("an anchor (`&name`)", "une ancre (`&nom`)"),
        Some(Rule::alias) => t("an alias (`*name`)", "un alias (`*nom`)"),
        Some(Rule::tag) => t("a tag (`!name`)", "une étiquette (`!nom`)"),
        Some(Rule::complex_key) => t("a complex key (`? key`)", "une clé complexe (`? clé`)"),
        Some(Rule::flow_key) => t(
            "a `?` or `:` at the start of a `[...]` item (a key to some YAML readers)",
            "un `?` ou `:` au début d'un élément de `[...]` (une clé pour certains lecteurs YAML)",
        ),
        Some(Rule::flow_mapping) => t(
            "a `{ key: value }` mapping written on one line",
            "un ensemble `{ clé: valeur }` écrit sur une ligne",
        ),
        _ => t("this construct", "cette construction"),
    };
    unsupported(base + pair.as_span().start(), pair.as_str(), what)
}

/// A pest error in words a non-engineer can act on.
fn grammar_error(error: pest::error::Error<Rule>, text: &str, base: usize) -> ParseProblem {
    let offset = match error.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    let at = base + offset;
    let width = text[offset..].chars().next().map_or(1, char::len_utf8);
    if let Some(quote) = text[offset..].chars().next().filter(|c| *c == '"' || *c == '\'') {
        return problem(
            t(
                "a quoted text is never closed",
                "un texte entre guillemets n'est jamais fermé",
            ),
            at..at + 1,
            t(
                format!("this `{quote}` opens a text that has no closing `{quote}`"),
                format!("ce `{quote}` ouvre un texte sans `{quote}` fermant"),
            ),
            t(
                format!("add the closing `{quote}` at the end of the text"),
                format!("ajoutez le `{quote}` fermant à la fin du texte"),
            ),
        );
    }
    let names = |rule: &Rule| match rule {
        Rule::EOI => ("the end of the file", "la fin du fichier"),
        Rule::eol | Rule::comment => ("the end of the line", "la fin de la ligne"),
        Rule::entry | Rule::key | Rule::plain_key => ("a `key: value` pair", "une paire `clé: valeur`"),
        Rule::dash => ("a list item (`- `)", "un élément de liste (`- `)"),
        Rule::flow_sequence => ("a `[a, b]` list", "une liste `[a, b]`"),
        _ => ("a value", "une valeur"),
    };
    let name = |rule: &Rule| names(rule).0;
    let mut error = error;
    // Many grammar rules share one friendly name: list each name once.
    if let pest::error::ErrorVariant::ParsingError { positives, negatives } = &mut error.variant {
        positives.sort_by_key(|r| name(r));
        positives.dedup_by_key(|r| name(r));
        negatives.clear();
    }
    let french: Vec<&str> = match &error.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => positives.iter().map(|r| names(r).1).collect(),
        pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let label_fr = match french.split_last() {
        Some((last, [])) => format!("attendu : {last}"),
        Some((last, rest)) => format!("attendu : {} ou {last}", rest.join(", ")),
        None => "ce n'est pas du YAML valide".to_string(),
    };
    let label = error
        .renamed_rules(|rule| name(rule).to_string())
        .variant
        .message()
        .to_string();
    problem(
        t("this YAML cannot be read", "ce YAML ne peut pas être lu"),
        at..at + width,
        t(label, label_fr),
        t(
            "check the quotes, the colon after each key and the indentation of this line",
            "vérifiez les guillemets, les deux-points après chaque clé et l'indentation de cette ligne",
        ),
    )
}

#[derive(Debug)]
enum Collection {
    Sequence {
        items: Vec<Node>,
        pending: bool,
    },
    Mapping {
        entries: Vec<(Node, Node)>,
        pending: Option<Node>,
    },
}

#[derive(Debug)]
struct Open {
    column: usize,
    start: usize,
    end: usize,
    collection: Collection,
}

impl Open {
    fn has_pending(&self) -> bool {
        match &self.collection {
            Collection::Sequence { pending, .. } => *pending,
            Collection::Mapping { pending, .. } => pending.is_some(),
        }
    }

    /// Fills the pending item or key with `node`.
    fn fill(&mut self, node: Node) {
        self.end = self.end.max(node.span.end);
        match &mut self.collection {
            Collection::Sequence { items, pending } => {
                items.push(node);
                *pending = false;
            }
            Collection::Mapping { entries, pending } => {
                if let Some(key) = pending.take() {
                    entries.push((key, node));
                }
            }
        }
    }

    fn close_pending(&mut self) {
        if self.has_pending() {
            let at = self.end;
            self.fill(Node::null(at));
        }
    }

    fn into_node(mut self) -> Node {
        self.close_pending();
        let value = match self.collection {
            Collection::Sequence { items, .. } => NodeValue::Sequence(items),
            Collection::Mapping { entries, .. } => NodeValue::Mapping(entries),
        };
        Node {
            value,
            span: self.start..self.end,
        }
    }
}

struct TreeBuilder<'a> {
    src: &'a str,
    base: usize,
    stack: Vec<Open>,
    root: Option<Node>,
    seen_content: bool,
}

enum Token<'p> {
    Dash(usize, usize),
    Entry(usize, Pair<'p, Rule>),
    Value(usize, Pair<'p, Rule>),
}

impl<'a> TreeBuilder<'a> {
    fn column(&self, offset: usize) -> usize {
        let line_start = self.src[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        self.src[line_start..offset].chars().count()
    }

    fn node_line(&mut self, pair: Pair<'_, Rule>) -> Result<(), ParseProblem> {
        let mut tokens = Vec::new();
        for part in pair.into_inner() {
            let at = self.base + part.as_span().start();
            match part.as_rule() {
                Rule::dash => tokens.push(Token::Dash(self.column(at), at)),
                Rule::entry => tokens.push(Token::Entry(self.column(at), part)),
                Rule::indent | Rule::comment => {}
                _ => tokens.push(Token::Value(self.column(at), part)),
            }
        }
        if tokens.is_empty() {
            return Ok(());
        }
        self.seen_content = true;
        let first_column = match &tokens[0] {
            Token::Dash(c, _) | Token::Entry(c, _) | Token::Value(c, _) => *c,
        };
        self.close_deeper_than(first_column);
        for token in tokens {
            match token {
                Token::Dash(column, at) => self.dash(column, at)?,
                Token::Entry(column, pair) => self.entry(column, pair)?,
                Token::Value(column, pair) => {
                    let node = self.value(pair)?;
                    self.place_value(column, node)?;
                }
            }
        }
        Ok(())
    }

    fn close_deeper_than(&mut self, column: usize) {
        while self.stack.last().is_some_and(|top| top.column > column) {
            self.pop();
        }
    }

    fn pop(&mut self) {
        if let Some(top) = self.stack.pop() {
            let node = top.into_node();
            match self.stack.last_mut() {
                Some(parent) => parent.fill(node),
                None => self.root = Some(node),
            }
        }
    }

    fn push(&mut self, column: usize, at: usize, collection: Collection) -> Result<(), ParseProblem> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(problem(
                t(
                    format!("this YAML is nested more than {MAX_DEPTH} levels deep"),
                    format!("ce YAML est imbriqué sur plus de {MAX_DEPTH} niveaux"),
                ),
                at..at + 1,
                t("too deep from here", "trop profond à partir d'ici"),
                t(
                    "a charter never needs this much nesting; flatten the structure",
                    "une charte n'a jamais besoin d'autant d'imbrication ; aplatissez la structure",
                ),
            ));
        }
        self.stack.push(Open {
            column,
            start: at,
            end: at + 1,
            collection,
        });
        Ok(())
    }

    /// Whether a new collection at `column` can be the value waiting on the top.
    fn can_nest(&self, column: usize) -> bool {
        match self.stack.last() {
            None => self.root.is_none(),
            Some(top) => top.has_pending() && column > top.column,
        }
    }

    fn misplaced(&self, at: usize, what: Localized) -> ParseProblem {
        problem(
            t(
                format!("{} is not where YAML expects it", what.en),
                format!("{} n'est pas là où YAML l'attend", what.fr),
            ),
            at..at + 1,
            t(
                "check the indentation of this line",
                "vérifiez l'indentation de cette ligne",
            ),
            t(
                "items of the same list, and keys of the same block, must start in the same column",
                "les éléments d'une même liste, et les clés d'un même bloc, commencent dans la même colonne",
            ),
        )
    }

    fn dash(&mut self, column: usize, at: usize) -> Result<(), ParseProblem> {
        // A list written under a key at the key's own column.
        let compact = self.stack.last().is_some_and(|top| {
            top.column == column && matches!(top.collection, Collection::Mapping { pending: Some(_), .. })
        });
        let nests = compact || self.can_nest(column);
        match self.stack.last_mut() {
            Some(top) if top.column == column && matches!(top.collection, Collection::Sequence { .. }) => {
                top.close_pending();
                if let Collection::Sequence { pending, .. } = &mut top.collection {
                    *pending = true;
                }
                top.end = top.end.max(at + 1);
                Ok(())
            }
            _ if nests => self.push(
                column,
                at,
                Collection::Sequence {
                    items: Vec::new(),
                    pending: true,
                },
            ),
            _ => Err(self.misplaced(at, t("this list item", "cet élément de liste"))),
        }
    }

    fn entry(&mut self, column: usize, pair: Pair<'_, Rule>) -> Result<(), ParseProblem> {
        let at = self.base + pair.as_span().start();
        let mut parts = pair.into_inner();
        let key_pair = parts.next().and_then(|k| k.into_inner().next());
        let Some(key_pair) = key_pair else {
            return Err(self.misplaced(at, t("this key", "cette clé")));
        };
        if key_pair.as_rule() == Rule::unsupported {
            return Err(unsupported_pair(&key_pair, self.base));
        }
        if let Some(line_break) = key_pair.as_str().find(['\n', '\r']) {
            let key_start = self.base + key_pair.as_span().start();
            return Err(problem(
                t("a key must fit on one line", "une clé doit tenir sur une ligne"),
                key_start..key_start + line_break,
                t(
                    "this key goes on to the next line",
                    "cette clé continue à la ligne suivante",
                ),
                t(
                    "close the quotes on the same line, or shorten the key",
                    "fermez les guillemets sur la même ligne, ou raccourcissez la clé",
                ),
            ));
        }
        let key = self.scalar(key_pair)?;
        let value_pair = parts.next();
        if let Some(v) = &value_pair {
            self.check_continuations(column, v)?;
        }
        let value = value_pair.map(|v| self.value(v)).transpose()?;

        // A compact list under a key ends where the next key of that block starts.
        let ends_compact = self.stack.len() >= 2
            && self
                .stack
                .last()
                .is_some_and(|t| t.column == column && matches!(t.collection, Collection::Sequence { .. }))
            && self.stack[self.stack.len() - 2].column == column;
        if ends_compact {
            self.pop();
        }
        let is_sibling = self
            .stack
            .last()
            .is_some_and(|top| top.column == column && matches!(top.collection, Collection::Mapping { .. }));
        if !is_sibling {
            if !self.can_nest(column) {
                return Err(self.misplaced(at, t("this key", "cette clé")));
            }
            self.push(
                column,
                at,
                Collection::Mapping {
                    entries: Vec::new(),
                    pending: None,
                },
            )?;
        }
        let Some(top) = self.stack.last_mut() else {
            return Err(self.misplaced(at, t("this key", "cette clé")));
        };
        top.close_pending();
        if let Collection::Mapping { entries, pending } = &mut top.collection {
            let key_text = key.as_text().map(|t| t.as_str().to_string()).unwrap_or_default();
            if let Some((first, _)) = entries
                .iter()
                .find(|(k, _)| k.as_text().is_some_and(|t| t.as_str() == key_text))
            {
                let first_span = first.span.clone();
                let first_line = self.src[..first_span.start].matches('\n').count() + 1;
                return Err(problem(
                    t(
                        format!("the key `{key_text}` appears twice in the same block"),
                        format!("la clé `{key_text}` apparaît deux fois dans le même bloc"),
                    ),
                    key.span.clone(),
                    t(
                        format!("second time here (first on line {first_line})"),
                        format!("deuxième fois ici (la première ligne {first_line})"),
                    ),
                    t(
                        "keep one of them: YAML readers would silently drop the other",
                        "gardez-en une : les lecteurs YAML ignoreraient l'autre sans prévenir",
                    ),
                ));
            }
            top.end = top.end.max(key.span.end);
            *pending = Some(key);
        }
        if let Some(value) = value {
            top.fill(value);
        }
        Ok(())
    }

    /// The lines continuing a plain value, and a `|`/`>` text, must be indented
    /// more than their key (the grammar only knows the line's indentation,
    /// before any `- `).
    fn check_continuations(&self, key_column: usize, value: &Pair<'_, Rule>) -> Result<(), ParseProblem> {
        let first_under_key = match value.as_rule() {
            Rule::plain_scalar => value
                .clone()
                .into_inner()
                .flat_map(|c| c.into_inner())
                .filter(|part| part.as_rule() == Rule::plain_part)
                .map(|part| self.base + part.as_span().start())
                .find(|&at| self.column(at) <= key_column),
            Rule::block_scalar => {
                let lines: Vec<usize> = value
                    .clone()
                    .into_inner()
                    .filter(|part| part.as_rule() == Rule::block_content)
                    .flat_map(|content| {
                        let start = self.base + content.as_span().start();
                        let text = content.as_str();
                        // Where each non-blank line's text starts, inside the content.
                        text.match_indices('\n')
                            .map(|(i, _)| i + 1)
                            .map(|line| line + (text[line..].len() - text[line..].trim_start_matches(' ').len()))
                            .filter(|&at| at < text.len() && !text[at..].starts_with(['\n', '\r']))
                            .map(|at| start + at)
                            .collect::<Vec<_>>()
                    })
                    .collect();
                if let Some(&later) = lines.iter().skip(1).find(|&&at| self.column(at) <= key_column) {
                    // Valid YAML (a sibling key after `- key: |`), which the
                    // line-based grammar has read as part of the text.
                    let key_len = self.src[later..].find([':', '\n', '\r']).unwrap_or(1).max(1);
                    return Err(problem(
                        t(
                            "charterlint does not read more keys after a `|` or `>` text that opens a list item (`- key: |`)",
                            "charterlint ne lit pas d'autres clés après un texte `|` ou `>` qui ouvre un élément de liste (`- clé: |`)",
                        ),
                        later..later + key_len,
                        t(
                            "read as part of the text above",
                            "lu comme une partie du texte au-dessus",
                        ),
                        t(
                            "move the text's key after the item's other keys (e.g. `- title:` first), or put `-` alone on its line",
                            "placez la clé du texte après les autres clés de l'élément (par exemple `- title:` en premier), ou mettez `-` seul sur sa ligne",
                        ),
                    ));
                }
                lines.first().copied().filter(|&at| self.column(at) <= key_column)
            }
            _ => None,
        };
        match first_under_key {
            Some(at) => Err(self.misplaced(at, t("this value", "cette valeur"))),
            None => Ok(()),
        }
    }

    fn place_value(&mut self, column: usize, node: Node) -> Result<(), ParseProblem> {
        let at = node.span.start;
        match self.stack.last_mut() {
            // A value is deeper than the key or dash it belongs to: `-` then
            // a line at the dash's own column is not that item's value.
            Some(top) if top.has_pending() && column > top.column => {
                top.fill(node);
                Ok(())
            }
            None if self.root.is_none() => {
                self.root = Some(node);
                Ok(())
            }
            _ => Err(self.misplaced(at, t("this value", "cette valeur"))),
        }
    }

    fn value(&self, pair: Pair<'_, Rule>) -> Result<Node, ParseProblem> {
        match pair.as_rule() {
            Rule::unsupported => Err(unsupported_pair(&pair, self.base)),
            Rule::flow_sequence => {
                let span = self.span(&pair);
                let mut items = Vec::new();
                for item in pair.into_inner() {
                    match item.as_rule() {
                        Rule::nested_flow => {
                            return Err(unsupported(
                                self.base + item.as_span().start(),
                                item.as_str(),
                                t(
                                    "a list or mapping inside a `[...]` list",
                                    "une liste ou un ensemble dans une liste `[...]`",
                                ),
                            ));
                        }
                        Rule::unsupported | Rule::flow_unsupported => {
                            return Err(unsupported_pair(&item, self.base));
                        }
                        _ => items.push(self.scalar(item)?),
                    }
                }
                Ok(Node {
                    value: NodeValue::Sequence(items),
                    span,
                })
            }
            Rule::block_scalar => self.block_scalar(pair),
            _ => self.scalar(pair),
        }
    }

    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        self.base + s.start()..self.base + s.end()
    }

    fn scalar(&self, pair: Pair<'_, Rule>) -> Result<Node, ParseProblem> {
        let span = self.span(&pair);
        let raw = &self.src[span.clone()];
        let (text, style) = match pair.as_rule() {
            Rule::double_quoted => (self.double_quoted(raw, span.start)?, ScalarStyle::DoubleQuoted),
            Rule::single_quoted => (single_quoted(raw, span.start), ScalarStyle::SingleQuoted),
            _ => (plain(raw, span.start), ScalarStyle::Plain),
        };
        Ok(Node {
            value: NodeValue::Scalar { text, style },
            span,
        })
    }

    fn double_quoted(&self, raw: &str, start: usize) -> Result<LintText, ParseProblem> {
        let inner = &raw[1..raw.len() - 1];
        let offset = start + 1;
        let mut out = LintText::new();
        let mut chars = inner.char_indices().peekable();
        let mut run_start = 0;
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    out.push_verbatim(&inner[run_start..i], offset + run_start);
                    let Some((j, e)) = chars.next() else { break };
                    let mut end = j + e.len_utf8();
                    let decoded: Option<String> = match e {
                        'n' => Some("\n".into()),
                        't' | '\t' => Some("\t".into()),
                        'r' => Some("\r".into()),
                        '0' => Some("\0".into()),
                        'a' => Some("\x07".into()),
                        'b' => Some("\x08".into()),
                        'e' => Some("\x1b".into()),
                        'f' => Some("\x0c".into()),
                        'v' => Some("\x0b".into()),
                        ' ' => Some(" ".into()),
                        '"' | '\\' | '/' => Some(e.to_string()),
                        'N' => Some("\u{85}".into()),
                        '_' => Some("\u{a0}".into()),
                        'L' => Some("\u{2028}".into()),
                        'P' => Some("\u{2029}".into()),
                        'x' | 'u' | 'U' => {
                            let digits = match e {
                                'x' => 2,
                                'u' => 4,
                                _ => 8,
                            };
                            let hex = inner.get(end..end + digits);
                            end += digits;
                            hex.and_then(|h| u32::from_str_radix(h, 16).ok())
                                .and_then(char::from_u32)
                                .map(String::from)
                        }
                        '\n' | '\r' => {
                            // An escaped line break joins the lines without a space.
                            let rest = &inner[end..];
                            let skipped = rest.len() - rest.trim_start_matches([' ', '\t', '\n', '\r']).len();
                            end += skipped;
                            Some(String::new())
                        }
                        _ => None,
                    };
                    let Some(decoded) = decoded else {
                        let at = offset + i;
                        return Err(problem(
                            t(
                                format!("`\\{e}` is not a known escape in a double-quoted value"),
                                format!("`\\{e}` n'est pas un échappement connu entre guillemets doubles"),
                            ),
                            at..at + 1 + e.len_utf8(),
                            t("unknown escape", "échappement inconnu"),
                            t(
                                "write `\\\\` for a backslash, or use single quotes",
                                "écrivez `\\\\` pour une barre oblique inverse, ou utilisez des apostrophes",
                            ),
                        ));
                    };
                    out.push_synthetic(&decoded, offset + i..offset + end);
                    while chars.peek().is_some_and(|(k, _)| *k < end) {
                        chars.next();
                    }
                    run_start = end;
                }
                '\n' | '\r' => {
                    out.push_verbatim(inner[run_start..i].trim_end_matches([' ', '\t']), offset + run_start);
                    run_start = fold_break(inner, i, offset, &mut out, &mut chars);
                }
                _ => {}
            }
        }
        out.push_verbatim(&inner[run_start..], offset + run_start);
        Ok(out)
    }

    fn block_scalar(&self, pair: Pair<'_, Rule>) -> Result<Node, ParseProblem> {
        let span = self.span(&pair);
        let mut header = "|";
        let mut content: Option<Pair<'_, Rule>> = None;
        for part in pair.clone().into_inner() {
            match part.as_rule() {
                Rule::block_header => header = part.as_str(),
                Rule::block_content => content = Some(part),
                _ => {}
            }
        }
        let folded = header.starts_with('>');
        let chomp = if header.contains('-') {
            Chomp::Strip
        } else if header.contains('+') {
            Chomp::Keep
        } else {
            Chomp::Clip
        };
        let indicator = header.chars().find_map(|c| c.to_digit(10)).map(|d| d as usize);
        let parent_indent = {
            let line_start = self.src[..span.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
            self.src[line_start..].len() - self.src[line_start..].trim_start_matches(' ').len()
        };
        let mut lines: Vec<(usize, &str)> = Vec::new();
        if let Some(content) = &content {
            let start = self.base + content.as_span().start();
            let body = content.as_str();
            let mut offset = start;
            // The content starts with the header line's break.
            for (i, line) in body.split('\n').enumerate() {
                if i > 0 {
                    lines.push((offset, line.trim_end_matches('\r')));
                }
                offset += line.len() + 1;
            }
            // An empty last piece not followed by a line break is the end of
            // the input, not a blank line (it matters to `|+`).
            let end = start + body.len();
            if lines.last().is_some_and(|(_, t)| t.is_empty()) && !self.src[end..].starts_with(['\n', '\r']) {
                lines.pop();
            }
        }
        // Without an indicator: the first non-empty line's indentation, or,
        // when every line is blank, the longest run of spaces (YAML 1.2
        // §8.1.1.1: then every line is empty).
        let leading_spaces = |t: &str| t.len() - t.trim_start_matches(' ').len();
        let indent = indicator.map(|d| parent_indent + d).unwrap_or_else(|| {
            lines
                .iter()
                .find(|(_, t)| !t.trim().is_empty())
                .map(|(_, t)| leading_spaces(t))
                .unwrap_or_else(|| lines.iter().map(|(_, t)| leading_spaces(t)).max().unwrap_or(0))
        });
        // Blank lines before the first line of text may not be deeper than
        // the text (YAML 1.2 §8.1.1.1; readers refuse them).
        if indicator.is_none() {
            let deeper = lines
                .iter()
                .take_while(|(_, t)| t.trim().is_empty())
                .find(|(_, t)| leading_spaces(t) > indent);
            if let (Some(&(at, _)), true) = (deeper, lines.iter().any(|(_, t)| !t.trim().is_empty())) {
                return Err(problem(
                    t(
                        "a blank line at the start of a `|` or `>` text is more indented than the text",
                        "une ligne vide au début d'un texte `|` ou `>` est plus indentée que le texte",
                    ),
                    at..at + 1,
                    t("this line holds only spaces", "cette ligne ne contient que des espaces"),
                    t(
                        "remove the spaces on this line, or indent the text as much",
                        "supprimez les espaces de cette ligne, ou indentez le texte autant",
                    ),
                ));
            }
        }
        if let Some((at, line)) = lines
            .iter()
            .find(|(_, t)| !t.trim().is_empty() && t.len() - t.trim_start_matches(' ').len() < indent)
        {
            let shown = line.trim_start_matches(' ');
            let start = at + (line.len() - shown.len());
            return Err(problem(
                t(
                    "this line of a `|` or `>` text is less indented than the text",
                    "cette ligne d'un texte `|` ou `>` est moins indentée que le texte",
                ),
                start..start + shown.chars().next().map_or(1, char::len_utf8),
                t(
                    format!("the text is indented by {indent} spaces"),
                    format!("le texte est indenté de {indent} espaces"),
                ),
                t(
                    "indent every line of the text at least as much as its first line",
                    "indentez chaque ligne du texte au moins autant que sa première ligne",
                ),
            ));
        }
        // Whether the text's last line has a line break (a file may end without one).
        let ends_with_break = lines
            .last()
            .is_none_or(|(at, line)| self.src[at + line.len()..].starts_with(['\n', '\r']));
        let text = block_text(&lines, indent, folded, chomp, ends_with_break);
        let mut span = span;
        if let Some((o, t)) = lines.iter().rev().find(|(_, t)| !t.trim().is_empty()) {
            span.end = o + t.len();
        }
        Ok(Node {
            value: NodeValue::Scalar {
                text,
                style: if folded {
                    ScalarStyle::Folded
                } else {
                    ScalarStyle::Literal
                },
            },
            span,
        })
    }

    fn finish(mut self) -> Result<Option<Node>, ParseProblem> {
        while !self.stack.is_empty() {
            self.pop();
        }
        Ok(self.root)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Chomp {
    Strip,
    Clip,
    Keep,
}

/// Content of a block scalar: `lines` are `(source offset, line text)`
/// pairs of the content lines, blank ones included.
fn block_text(lines: &[(usize, &str)], indent: usize, folded: bool, chomp: Chomp, ends_with_break: bool) -> LintText {
    let mut out = LintText::new();
    // An empty line has at most the indentation in spaces; a line of more
    // spaces is content (YAML keeps `   ` under an indentation of 2 as ` `).
    let is_empty = |t: &str| {
        let t = t.strip_suffix('\r').unwrap_or(t);
        t.len() <= indent && t.bytes().all(|b| b == b' ')
    };
    // Trailing empty lines only count for `+`.
    let last_content = lines.iter().rposition(|(_, t)| !is_empty(t));
    let Some(last_content) = last_content else {
        // Only empty lines: nothing, or with `+` their line breaks.
        if let (Chomp::Keep, Some(&(at, _))) = (chomp, lines.first()) {
            let breaks = lines.len() - usize::from(!ends_with_break);
            out.push_synthetic(&"\n".repeat(breaks), at..at + 1);
        }
        return out;
    };
    let mut previous_more_indented = false;
    let mut pending_breaks: Vec<usize> = Vec::new();
    let mut first = true;
    for &(offset, text) in &lines[..=last_content] {
        if is_empty(text) {
            pending_breaks.push(offset);
            continue;
        }
        let cut = indent.min(text.len() - text.trim_start_matches(' ').len());
        let body = &text[cut..];
        let more_indented = body.starts_with([' ', '\t']);
        if !first {
            let break_at = pending_breaks.first().copied().unwrap_or(offset).saturating_sub(1);
            if folded && pending_breaks.is_empty() && !more_indented && !previous_more_indented {
                out.push_synthetic(" ", break_at..break_at + 1);
            } else {
                let breaks = if folded && !more_indented && !previous_more_indented {
                    pending_breaks.len()
                } else {
                    pending_breaks.len() + 1
                };
                out.push_synthetic(&"\n".repeat(breaks.max(1)), break_at..break_at + 1);
            }
        } else if !pending_breaks.is_empty() {
            let at = pending_breaks[0];
            out.push_synthetic(&"\n".repeat(pending_breaks.len()), at..at + 1);
        }
        pending_breaks.clear();
        out.push_verbatim(body, offset + cut);
        previous_more_indented = more_indented;
        first = false;
    }
    let end = lines[last_content].0 + lines[last_content].1.len();
    let breaks_after = lines.len() - last_content - usize::from(!ends_with_break);
    match chomp {
        Chomp::Strip => {}
        Chomp::Clip if breaks_after > 0 => out.push_synthetic("\n", end..end + 1),
        Chomp::Clip => {}
        Chomp::Keep => out.push_synthetic(&"\n".repeat(breaks_after), end..end + 1),
    }
    out
}

/// Folds a line break inside a flow scalar at `i`: one break becomes a space,
/// each further empty line a `\n`. Returns where the next run starts.
fn fold_break(
    inner: &str,
    i: usize,
    offset: usize,
    out: &mut LintText,
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
) -> usize {
    let mut breaks = 0;
    let mut pos = i;
    let bytes = inner.as_bytes();
    while pos < bytes.len() {
        match bytes[pos] {
            b'\r' if bytes.get(pos + 1) == Some(&b'\n') => pos += 2,
            b'\n' | b'\r' => pos += 1,
            _ => break,
        }
        breaks += 1;
        while pos < bytes.len() && (bytes[pos] == b' ' || bytes[pos] == b'\t') {
            pos += 1;
        }
    }
    let folded = if breaks == 1 {
        " ".to_string()
    } else {
        "\n".repeat(breaks - 1)
    };
    out.push_synthetic(&folded, offset + i..offset + pos);
    while chars.peek().is_some_and(|(k, _)| *k < pos) {
        chars.next();
    }
    pos
}

fn single_quoted(raw: &str, start: usize) -> LintText {
    let inner = &raw[1..raw.len() - 1];
    let offset = start + 1;
    let mut out = LintText::new();
    let mut chars = inner.char_indices().peekable();
    let mut run_start = 0;
    while let Some((i, c)) = chars.next() {
        match c {
            '\'' => {
                // `''` is one quote: keep the first, skip the second.
                out.push_verbatim(&inner[run_start..i + 1], offset + run_start);
                chars.next();
                run_start = i + 2;
            }
            '\n' | '\r' => {
                out.push_verbatim(inner[run_start..i].trim_end_matches([' ', '\t']), offset + run_start);
                run_start = fold_break(inner, i, offset, &mut out, &mut chars);
            }
            _ => {}
        }
    }
    out.push_verbatim(&inner[run_start..], offset + run_start);
    out
}

/// A plain scalar, folding continuation lines.
fn plain(raw: &str, start: usize) -> LintText {
    let mut out = LintText::new();
    let mut chars = raw.char_indices().peekable();
    let mut run_start = 0;
    while let Some((i, c)) = chars.next() {
        if c == '\n' || c == '\r' {
            out.push_verbatim(raw[run_start..i].trim_end_matches([' ', '\t']), start + run_start);
            run_start = fold_break(raw, i, start, &mut out, &mut chars);
        }
    }
    out.push_verbatim(raw[run_start..].trim_end_matches([' ', '\t']), start + run_start);
    out
}
