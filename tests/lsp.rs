//! `charterlint lsp`, driven as an editor would: the real binary as a child
//! process, JSON-RPC over its standard input and output.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Messages that arrived while another was awaited, in order.
    backlog: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn start(dir: &std::path::Path) -> Client {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("charterlint"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let stderr = child.stderr.take().expect("stderr");
        // The server's log (standard error), shown with the test's output.
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = writeln!(std::io::stderr(), "[server] {line}");
            }
        });
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = 0;
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 {
                        return;
                    }
                    let header = header.trim_end();
                    if header.is_empty() {
                        break;
                    }
                    if let Some(n) = header.strip_prefix("Content-Length: ") {
                        length = n.parse().expect("a length");
                    }
                }
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let message: Value = serde_json::from_slice(&body).expect("JSON-RPC is JSON");
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages,
            backlog: Vec::new(),
            next_id: 1,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its result.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let response = self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none());
        assert!(response.get("error").is_none(), "{method}: {response}");
        response["result"].clone()
    }

    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(at) = self.backlog.iter().position(&wanted) {
            return self.backlog.remove(at);
        }
        loop {
            let message = self
                .messages
                .recv_timeout(Duration::from_secs(60))
                .expect("the server answers within a minute");
            if wanted(&message) {
                return message;
            }
            self.backlog.push(message);
        }
    }

    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let message = self.wait_for(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri);
        message["params"]["diagnostics"].as_array().cloned().unwrap_or_default()
    }
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics.iter().filter_map(|d| d["code"].as_str()).collect()
}

#[test]
fn an_editor_session_in_french() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("charte.md");
    let uri = format!("file://{}", path.display());
    let text = "# Charte\n\n## Écoute\n\nÉcrivez à [ENTREPRISE] pour toute question.\n";
    std::fs::write(&path, text).expect("write");
    let mut client = Client::start(dir.path());

    let init = client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16", "{init}");
    client.notify("initialized", json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let diagnostics = client.diagnostics(&uri);
    let placeholder = diagnostics
        .iter()
        .find(|d| d["code"] == "structure/placeholder")
        .unwrap_or_else(|| panic!("{diagnostics:?}"));
    // "Écrivez à " is 10 UTF-16 code units (12 bytes): the range is in code units.
    assert_eq!(
        placeholder["range"],
        json!({"start": {"line": 4, "character": 10}, "end": {"line": 4, "character": 22}})
    );
    assert_eq!(placeholder["severity"], 2);
    assert!(
        placeholder["codeDescription"]["href"]
            .as_str()
            .unwrap_or_default()
            .contains("structure/placeholder")
    );
    assert!(
        placeholder["message"]
            .as_str()
            .unwrap_or_default()
            .contains("[ENTREPRISE]"),
        "French message: {placeholder}"
    );
    assert!(
        codes(&diagnostics).contains(&"culture/customer-care"),
        "{diagnostics:?}"
    );

    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 4, "character": 12}}),
    );
    let shown = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(
        shown.contains("structure/placeholder") && shown.contains("Pourquoi"),
        "{hover}"
    );

    let care = diagnostics
        .iter()
        .find(|d| d["code"] == "culture/customer-care")
        .cloned()
        .expect("care");
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": care["range"], "context": {"diagnostics": [care]}}),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .expect("actions")
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert!(
        titles.iter().any(|t| t.starts_with("Ajouter les sections manquantes")),
        "{titles:?}"
    );
    assert!(
        titles.iter().any(|t| t.starts_with("Désactiver culture/customer-care")),
        "{titles:?}"
    );
    let fix = &actions[0]["edit"]["changes"][&uri][0]["newText"];
    assert!(fix.as_str().unwrap_or_default().contains("## Relation client"), "{fix}");
    let explain = actions
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["title"] == "Expliquer culture/customer-care")
        .expect("an action opens the explanation");
    let command = explain["command"].clone();
    client.request(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    );
    let shown = client.wait_for(|m| m["method"] == "window/showMessage");
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("Pourquoi c'est important"),
        "{shown}"
    );

    // Hover on a heading: the topics its section covers, with the sentence.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 4}}),
    );
    let shown = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(
        shown.starts_with("Thèmes que couvre cette section") || shown.contains("ne couvre aucun"),
        "{hover}"
    );

    let symbols = client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}}));
    assert_eq!(symbols[0]["name"], "Charte", "{symbols}");
    assert_eq!(symbols[0]["children"][0]["name"], "Écoute", "{symbols}");

    // The placeholder written: its finding is gone at the next change.
    let written = text.replace("[ENTREPRISE]", "Maison Dupré");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": written}]}),
    );
    let diagnostics = client.diagnostics(&uri);
    assert!(
        !codes(&diagnostics).contains(&"structure/placeholder"),
        "{diagnostics:?}"
    );

    // A 2,000-word charter: the server's log says how long its lint took.
    let long_uri = format!("file://{}", dir.path().join("longue.md").display());
    let paragraph = "Nous répondons à chaque client qui nous écrit sur nos pages, dans la journée, avec son prénom. ";
    let long = format!("# Charte\n\n## Relation client\n\n{}\n", paragraph.repeat(120));
    assert!(long.split_whitespace().count() >= 2000);
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": long_uri, "languageId": "markdown", "version": 1, "text": long}}),
    );
    client.diagnostics(&long_uri);

    let shutdown = client.request("shutdown", Value::Null);
    assert!(shutdown.is_null());
    client.notify("exit", Value::Null);
    let status = client.child.wait().expect("the server exits");
    assert!(status.success(), "{status:?}");
}

#[test]
fn a_broken_configuration_is_shown_not_fatal() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join(".charterlint.yaml"),
        "rules:\n  culture/listening: warnng\n",
    )
    .expect("write");
    let path = dir.path().join("charte.md");
    let uri = format!("file://{}", path.display());
    let mut client = Client::start(dir.path());
    client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}}}),
    );
    client.notify("initialized", json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": "# Charte\n"}}),
    );
    let diagnostics = client.diagnostics(&uri);
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("warnng"),
        "{diagnostics:?}"
    );
    // Fixed on disk: the next change is linted with it.
    std::fs::write(
        dir.path().join(".charterlint.yaml"),
        "rules:\n  culture/listening: warning\n",
    )
    .expect("write");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "# Charte\n\nTexte.\n"}]}),
    );
    let diagnostics = client.diagnostics(&uri);
    let listening = diagnostics
        .iter()
        .find(|d| d["code"] == "culture/listening")
        .expect("linted");
    assert_eq!(listening["severity"], 2, "the configuration applies without a restart");
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert!(client.child.wait().expect("exits").success());
}
