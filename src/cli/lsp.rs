//! `charterlint lsp`: a language server over standard input and output.
//!
//! Diagnostics are published on open, change and save, from the same
//! configuration discovery as `check` (read again at each lint, so that an
//! edited `.charterlint.yaml` applies without a restart). Changes that arrive
//! together are linted once (the queue is drained before linting: a
//! debounce without a timer). Hover explains a finding, or says which topics
//! a heading's section covers; code actions add a missing section (the
//! `--fix` edit) or a suppression comment; document symbols are the
//! section outline. Logs go to standard error, never to standard output.

use super::setup::Setups;
use super::{Fatal, explain};
use crate::diagnostic::{Diagnostic, LineIndex, Severity};
use crate::discover::Input;
use crate::fix;
use crate::lint::{FileReport, lint_text};
use crate::load::format_of;
use crate::model::Format;
use crate::parse::parse;
use crate::rules::{Language, Registry, skeleton};
use lsp_server::{Connection, Message, Notification, Request, Response};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// The command behind "Explain RULE": the explanation shown as a message.
const EXPLAIN_COMMAND: &str = "charterlint.explain";

/// How positions are counted on a line, as negotiated with the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
            Encoding::Utf32 => "utf-32",
        }
    }

    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// A document the client has open, and what its last lint found.
struct Document {
    text: String,
    report: Option<FileReport>,
    dirty: bool,
}

struct Server<'a> {
    connection: &'a Connection,
    registry: &'a Registry,
    encoding: Encoding,
    documents: HashMap<String, Document>,
    /// Configurations and their packs, loaded once and loaded again when a
    /// configuration file changes (its modification time) or the client
    /// says files changed.
    setups: Setups<'a>,
    configs_seen: HashMap<PathBuf, Option<std::time::SystemTime>>,
}

#[allow(clippy::print_stderr)] // the client shows standard error as the server's log
fn log(message: &str) {
    eprintln!("charterlint lsp: {message}");
}

pub(super) fn run(registry: &Registry) -> Result<ExitCode, Fatal> {
    let (connection, io_threads) = Connection::stdio();
    let lsp_error = |e: lsp_server::ProtocolError| Fatal::Output(std::io::Error::other(e.to_string()));
    let (id, params) = connection.initialize_start().map_err(lsp_error)?;
    let encoding = negotiate(&params);
    let capabilities = json!({
        "positionEncoding": encoding.name(),
        "textDocumentSync": {"openClose": true, "change": 1, "save": {"includeText": false}},
        "hoverProvider": true,
        "codeActionProvider": {"codeActionKinds": ["quickfix"]},
        "executeCommandProvider": {"commands": [EXPLAIN_COMMAND]},
        "documentSymbolProvider": true,
    });
    let result = json!({
        "capabilities": capabilities,
        "serverInfo": {"name": "charterlint", "version": env!("CARGO_PKG_VERSION")},
    });
    connection.initialize_finish(id, result).map_err(lsp_error)?;
    log(&format!("ready (positions in {})", encoding.name()));
    let mut server = Server {
        connection: &connection,
        registry,
        encoding,
        documents: HashMap::new(),
        setups: fresh_setups(registry),
        configs_seen: HashMap::new(),
    };
    let shut_down = server.main_loop();
    drop(connection);
    // A client that closes the pipes right after `exit` is not an error.
    if let Err(e) = io_threads.join() {
        log(&format!("after exit: {e}"));
    }
    // The protocol's rule: 0 after a shutdown request, 1 without one.
    Ok(if shut_down {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// UTF-16 unless the client offers UTF-8 (no conversion) or UTF-32.
fn negotiate(params: &Value) -> Encoding {
    let offered: Vec<&str> = params
        .pointer("/capabilities/general/positionEncodings")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if offered.contains(&"utf-8") {
        Encoding::Utf8
    } else if offered.contains(&"utf-32") {
        Encoding::Utf32
    } else {
        Encoding::Utf16
    }
}

impl Server<'_> {
    /// Serves until a shutdown request (`true`) or until the client goes
    /// away without one (`false`).
    fn main_loop(&mut self) -> bool {
        while let Ok(message) = self.connection.receiver.recv() {
            if self.handle(message) {
                return true;
            }
            // What arrived meanwhile (keystrokes) is applied before linting once.
            while let Ok(message) = self.connection.receiver.try_recv() {
                if self.handle(message) {
                    return true;
                }
            }
            self.lint_dirty();
        }
        false
    }

    /// Handles one message; `true` when the server must stop.
    fn handle(&mut self, message: Message) -> bool {
        match message {
            Message::Request(request) => {
                if self.connection.handle_shutdown(&request).unwrap_or(true) {
                    return true;
                }
                self.lint_dirty();
                let response = self.respond(&request);
                self.send(Message::Response(response));
            }
            Message::Notification(notification) => self.notify(notification),
            Message::Response(_) => {}
        }
        false
    }

    fn send(&self, message: Message) {
        if self.connection.sender.send(message).is_err() {
            log("the client has gone");
        }
    }

    fn notify(&mut self, notification: Notification) {
        let params = &notification.params;
        let uri = params
            .pointer("/textDocument/uri")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        match notification.method.as_str() {
            "textDocument/didOpen" => {
                let text = params
                    .pointer("/textDocument/text")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                self.documents.insert(
                    uri,
                    Document {
                        text: text.to_string(),
                        report: None,
                        dirty: true,
                    },
                );
            }
            "textDocument/didChange" => {
                // Full synchronisation: the last change holds the whole text.
                let text = params
                    .pointer("/contentChanges")
                    .and_then(Value::as_array)
                    .and_then(|changes| changes.last())
                    .and_then(|change| change.get("text"))
                    .and_then(Value::as_str);
                if let (Some(document), Some(text)) = (self.documents.get_mut(&uri), text) {
                    document.text = text.to_string();
                    document.dirty = true;
                }
            }
            // A save may follow a configuration change: lint again.
            "textDocument/didSave" => {
                if let Some(document) = self.documents.get_mut(&uri) {
                    document.dirty = true;
                }
            }
            "textDocument/didClose" => {
                self.documents.remove(&uri);
                self.publish(&uri, Vec::new());
            }
            "workspace/didChangeWatchedFiles" | "workspace/didChangeConfiguration" => {
                self.setups = fresh_setups(self.registry);
                for document in self.documents.values_mut() {
                    document.dirty = true;
                }
            }
            _ => {}
        }
    }

    fn lint_dirty(&mut self) {
        let dirty: Vec<String> = self
            .documents
            .iter()
            .filter(|(_, d)| d.dirty)
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in dirty {
            let started = Instant::now();
            let Some(document) = self.documents.get_mut(&uri) else {
                continue;
            };
            document.dirty = false;
            let text = document.text.clone();
            let (report, diagnostics) = match self.lint_document(&uri, text) {
                Ok(report) => {
                    let positions = Positions::new(&report.source, self.encoding);
                    let diagnostics = report
                        .diagnostics
                        .iter()
                        .map(|d| diagnostic_json(d, &positions))
                        .collect();
                    (Some(report), diagnostics)
                }
                // A broken configuration is shown on the document, not fatal.
                Err(reason) => {
                    log(&reason);
                    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}});
                    let shown = json!({"range": whole, "severity": 1, "source": "charterlint", "message": reason});
                    (None, vec![shown])
                }
            };
            if let Some(document) = self.documents.get_mut(&uri) {
                document.report = report;
            }
            self.publish(&uri, diagnostics);
            log(&format!(
                "linted {uri} in {:.1} ms",
                started.elapsed().as_secs_f64() * 1000.0
            ));
        }
    }

    fn publish(&self, uri: &str, diagnostics: Vec<Value>) {
        self.send(Message::Notification(Notification::new(
            "textDocument/publishDiagnostics".to_string(),
            json!({"uri": uri, "diagnostics": diagnostics}),
        )));
    }

    fn respond(&self, request: &Request) -> Response {
        let params = &request.params;
        let uri = params
            .pointer("/textDocument/uri")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let report = self.documents.get(uri).and_then(|d| d.report.as_ref());
        let result = match (request.method.as_str(), report) {
            ("textDocument/hover", Some(report)) => self.hover(report, params),
            ("textDocument/codeAction", Some(report)) => self.code_actions(uri, report, params),
            ("textDocument/documentSymbol", Some(report)) => self.symbols(report),
            ("workspace/executeCommand", _) => self.execute(params),
            ("textDocument/hover", None) => Value::Null,
            ("textDocument/codeAction" | "textDocument/documentSymbol", None) => json!([]),
            (method, _) => {
                return Response::new_err(
                    request.id.clone(),
                    lsp_server::ErrorCode::MethodNotFound as i32,
                    format!("charterlint does not answer {method}"),
                );
            }
        };
        Response::new_ok(request.id.clone(), result)
    }

    /// `charterlint.explain RULE [LANGUAGE]`: the rule's explanation, shown
    /// by the editor as a message.
    fn execute(&self, params: &Value) -> Value {
        let arguments = params.get("arguments").and_then(Value::as_array);
        let argument = |i: usize| arguments.and_then(|a| a.get(i)).and_then(Value::as_str);
        let command = params.get("command").and_then(Value::as_str);
        let rule = argument(0).and_then(|id| self.registry.get(id));
        if let (Some(EXPLAIN_COMMAND), Some(rule)) = (command, rule) {
            let language = argument(1).and_then(Language::parse).unwrap_or(Language::En);
            self.send(Message::Notification(Notification::new(
                "window/showMessage".to_string(),
                json!({"type": 3, "message": explain::explain(&rule.spec, language)}),
            )));
        }
        Value::Null
    }

    /// The explanation of the findings under the cursor, or the topics of the
    /// section whose heading is under it.
    fn hover(&self, report: &FileReport, params: &Value) -> Value {
        let positions = Positions::new(&report.source, self.encoding);
        let Some(offset) = params.get("position").and_then(|p| positions.offset(p)) else {
            return Value::Null;
        };
        let explained: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|d| d.span.start <= offset && offset <= d.span.end.max(d.span.start + 1))
            .filter_map(|d| self.registry.get(&d.rule))
            .map(|rule| format!("```text\n{}```", explain::explain(&rule.spec, report.messages)))
            .collect();
        if !explained.is_empty() {
            return json!({"contents": {"kind": "markdown", "value": explained.join("\n\n")}});
        }
        let charter = parse(&report.source, report.format);
        let Some(section) = charter
            .sections_flat()
            .into_iter()
            .find(|s| s.heading.span.start <= offset && offset <= s.heading.span.end)
        else {
            return Value::Null;
        };
        let heading = section.heading.text.as_str();
        let covered: Vec<String> = report
            .topics
            .iter()
            .filter_map(|t| {
                let evidence = t.evidence.iter().find(|e| e.section.as_deref() == Some(heading))?;
                let line = positions.index.position(evidence.span.start).line;
                Some(format!(
                    "- **{}** ({}): line {line}, “{}”",
                    t.topic,
                    t.status.name(),
                    evidence.text
                ))
            })
            .collect();
        let value = match (covered.is_empty(), report.messages) {
            (true, Language::En) => "This section covers none of the charter topics.".to_string(),
            (true, Language::Fr) => "Cette section ne couvre aucun des thèmes de la charte.".to_string(),
            (false, Language::En) => format!("Topics this section covers:\n\n{}", covered.join("\n")),
            (false, Language::Fr) => format!("Thèmes que couvre cette section :\n\n{}", covered.join("\n")),
        };
        json!({"contents": {"kind": "markdown", "value": value}})
    }

    /// For each finding in the range: add the missing section (what `--fix`
    /// adds) and a suppression comment on the line above it.
    fn code_actions(&self, uri: &str, report: &FileReport, params: &Value) -> Value {
        let asked: Vec<&str> = params
            .pointer("/context/diagnostics")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|d| d.get("code").and_then(Value::as_str)).collect())
            .unwrap_or_default();
        let mut actions = Vec::new();
        let positions = Positions::new(&report.source, self.encoding);
        let index = &positions.index;
        let fr = report.messages == Language::Fr;
        // One edit adds every missing section: offered once.
        let mut fix_offered = false;
        for d in report.diagnostics.iter().filter(|d| asked.contains(&d.rule.as_str())) {
            let Some(rule) = self.registry.get(&d.rule) else {
                continue;
            };
            let fixed = (!fix_offered && skeleton(&rule.spec).is_some())
                .then(|| fix::fixed_text(report, self.registry, report.messages))
                .flatten();
            if let Some(fixed) = fixed {
                fix_offered = true;
                let end = positions.position(report.source.len());
                let whole = json!({"start": {"line": 0, "character": 0}, "end": end});
                let title = if fr {
                    "Ajouter les sections manquantes (à rédiger)"
                } else {
                    "Add the missing sections (to be written)"
                };
                actions.push(json!({
                    "title": title,
                    "kind": "quickfix",
                    "diagnostics": [diagnostic_json(d, &positions)],
                    "edit": {"changes": {uri: [{"range": whole, "newText": fixed}]}},
                }));
            }
            let title = if fr {
                format!("Expliquer {}", d.rule)
            } else {
                format!("Explain {}", d.rule)
            };
            actions.push(json!({
                "title": title,
                "kind": "quickfix",
                "command": {"title": title, "command": EXPLAIN_COMMAND, "arguments": [d.rule, report.messages.code()]},
            }));
            let line = index.position(d.span.start).line - 1;
            let comment = match report.format {
                Format::Yaml => format!("# charterlint-disable-next-line {} reason=\"…\"\n", d.rule),
                Format::Markdown | Format::Text => {
                    format!("<!-- charterlint-disable-next-line {} reason=\"…\" -->\n", d.rule)
                }
            };
            let indent: String = index.line_text(line + 1).chars().take_while(|c| *c == ' ').collect();
            let at = json!({"line": line, "character": 0});
            let title = if fr {
                format!("Désactiver {} sur cette ligne (avec une raison)", d.rule)
            } else {
                format!("Suppress {} on this line (with a reason)", d.rule)
            };
            actions.push(json!({
                "title": title,
                "kind": "quickfix",
                "edit": {"changes": {uri: [{"range": {"start": at, "end": at}, "newText": format!("{indent}{comment}")}]}},
            }));
        }
        Value::Array(actions)
    }

    /// The section outline, nested by heading level, each with its topics.
    fn symbols(&self, report: &FileReport) -> Value {
        let charter = parse(&report.source, report.format);
        let positions = Positions::new(&report.source, self.encoding);
        let mut stack: Vec<(usize, Value)> = Vec::new();
        let mut roots: Vec<Value> = Vec::new();
        let attach = |stack: &mut Vec<(usize, Value)>, roots: &mut Vec<Value>, node: Value| match stack.last_mut() {
            Some((_, parent)) => {
                if let Some(children) = parent.get_mut("children").and_then(Value::as_array_mut) {
                    children.push(node);
                }
            }
            None => roots.push(node),
        };
        for section in charter.sections_flat() {
            let heading = section.heading.text.as_str();
            let topics: Vec<&str> = report
                .topics
                .iter()
                .filter(|t| t.evidence.iter().any(|e| e.section.as_deref() == Some(heading)))
                .map(|t| t.topic.as_str())
                .collect();
            let range = positions.range(&section.heading.span);
            let node = json!({
                "name": if heading.trim().is_empty() { "(untitled)" } else { heading },
                "detail": topics.join(", "),
                "kind": 15,
                "range": range,
                "selectionRange": range,
                "children": [],
            });
            while stack.last().is_some_and(|(level, _)| *level >= section.heading.level) {
                if let Some((_, done)) = stack.pop() {
                    attach(&mut stack, &mut roots, done);
                }
            }
            stack.push((section.heading.level, node));
        }
        while let Some((_, done)) = stack.pop() {
            attach(&mut stack, &mut roots, done);
        }
        Value::Array(roots)
    }
}

/// The document's path from its `file://` URI (percent-decoded); other
/// schemes (an unsaved buffer) lint as a Markdown file in the current folder.
fn path_of(uri: &str) -> PathBuf {
    let Some(rest) = uri.strip_prefix("file://") else {
        return PathBuf::from("untitled.md");
    };
    let bytes = rest.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(byte) => {
                decoded.push(byte);
                i += 3;
            }
            None => {
                decoded.push(bytes[i]);
                i += 1;
            }
        }
    }
    PathBuf::from(String::from_utf8_lossy(&decoded).into_owned())
}

fn fresh_setups(registry: &Registry) -> Setups<'_> {
    Setups::new(registry, None, false, None, false)
}

impl Server<'_> {
    fn lint_document(&mut self, uri: &str, text: String) -> Result<FileReport, String> {
        let path = path_of(uri);
        // An edited configuration applies at the next change, without a restart.
        if let Some(config) = crate::config::find_for(&path) {
            let modified = std::fs::metadata(&config).and_then(|m| m.modified()).ok();
            if self.configs_seen.get(&config) != Some(&modified) {
                self.setups = fresh_setups(self.registry);
                self.configs_seen.clear();
                self.configs_seen.insert(config, modified);
            }
        }
        let input = Input::File {
            path: path.clone(),
            explicit: true,
        };
        let setup = self
            .setups
            .for_input(&input)
            .map_err(|e| {
                use miette::Diagnostic as _;
                match e.help() {
                    Some(help) => format!("{e} ({help})"),
                    None => e.to_string(),
                }
            })?
            .ok_or_else(|| "excluded by the configuration".to_string())?;
        Ok(lint_text(
            crate::discover::lossless(&path),
            text,
            format_of(&path),
            &setup.registry,
            &setup.options,
        ))
    }
}

/// A document's offsets as LSP positions and back, in the negotiated
/// encoding, over one line index built once per document and request.
struct Positions<'a> {
    text: &'a str,
    index: LineIndex<'a>,
    encoding: Encoding,
}

impl<'a> Positions<'a> {
    fn new(text: &'a str, encoding: Encoding) -> Self {
        Positions {
            text,
            index: LineIndex::new(text),
            encoding,
        }
    }

    /// A byte offset as an LSP position.
    fn position(&self, offset: usize) -> Value {
        let line = self.index.position(offset).line - 1;
        let start = self.index.line_range(line).map_or(0, |r| r.start);
        let mut end = offset.min(self.text.len()).max(start);
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let character: usize = self.text[start..end].chars().map(|c| self.encoding.units(c)).sum();
        json!({"line": line, "character": character})
    }

    fn range(&self, span: &crate::model::Span) -> Value {
        json!({"start": self.position(span.start), "end": self.position(span.end)})
    }

    /// An LSP position back to a byte offset.
    fn offset(&self, position: &Value) -> Option<usize> {
        let line = usize::try_from(position.get("line")?.as_u64()?).ok()?;
        let character = usize::try_from(position.get("character")?.as_u64()?).ok()?;
        let range = self.index.line_range(line)?;
        let mut units = 0;
        for (i, c) in self.text[range.clone()].char_indices() {
            if units >= character || c == '\n' || c == '\r' {
                return Some(range.start + i);
            }
            units += self.encoding.units(c);
        }
        Some(range.end)
    }
}

/// Where each rule is documented (its pack: rationale, examples).
fn rule_documentation(rule: &str) -> String {
    format!("https://github.com/charterlint/charterlint/blob/main/rules/{rule}.yaml")
}

fn diagnostic_json(d: &Diagnostic, positions: &Positions<'_>) -> Value {
    let severity = match d.severity {
        Severity::Error => 1,
        Severity::Warning => 2,
        Severity::Info => 3,
    };
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push('\n');
        message.push_str(help);
    }
    json!({
        "range": positions.range(&d.span),
        "severity": severity,
        "code": d.rule,
        "codeDescription": {"href": rule_documentation(&d.rule)},
        "source": "charterlint",
        "message": message,
    })
}
