//! Ratchets on the judgement: topic coverage, broadcast practices and balance
//! measured on the passage bank and on the development corpus (`../shared`)
//! must not fall below the figures reached. Raise the floors when the figures rise; never lower them to let a
//! change land without saying why in its commit. Broadcast is also checked on
//! invented wordings, which need no `../shared`.

mod common;

use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// The floors (and the false-coverage ceiling) of one set of bank figures.
struct BankFloors {
    what: &'static str,
    language: Option<&'static str>,
    /// Passages of guidance recognised as covering their topic.
    recall: f64,
    /// Passages that use a topic's words in another sense, taken as coverage.
    false_coverage: f64,
    /// Broadcast findings that are right, and broadcast passages found.
    broadcast_precision: f64,
    broadcast_recall: f64,
    /// Composed charters whose e-reputation verdict is right.
    balance: f64,
}

const BANK: &[BankFloors] = &[
    BankFloors {
        what: "bank",
        language: None,
        recall: 0.80,
        false_coverage: 0.14,
        broadcast_precision: 0.95,
        broadcast_recall: 0.80,
        balance: 0.98,
    },
    BankFloors {
        what: "bank en",
        language: Some("en"),
        recall: 0.85,
        false_coverage: 0.19,
        broadcast_precision: 0.95,
        broadcast_recall: 0.81,
        balance: 0.98,
    },
    BankFloors {
        what: "bank fr",
        language: Some("fr"),
        recall: 0.75,
        false_coverage: 0.07,
        broadcast_precision: 0.95,
        broadcast_recall: 0.78,
        balance: 0.98,
    },
];
/// Cohen's kappa of each family on the labelled charters. Practice was
/// lowered (0.57 → 0.55) when stem collisions were fixed (`forms.yaml`
/// `whole`): "utiliser" had been read as the public ("utilisateur") and
/// "organisation" as an offer, which had lent some blocks a topic they do not
/// have. Balance rose (0.44 → 0.49) when permissions to speak became dos,
/// and holds 0.51 with caution, prior approval, thanks and accessibility read.
/// Practice rose to 0.62 with the refit of 2026-12-02 (weights fitted on the
/// concepts and morphology of that day); balance to 0.54 with the
/// e-reputation threshold refitted on the new stance (scripts/fit_balance.py).
/// Broadcast rose to 0.58 when a private conversation became a case of its
/// own (`narrow_unless`) and French plural verbs were read over their subject,
/// and to 0.61 (precision 1.00) when automation that proposes posts stopped
/// being read as auto-posting. Culture rose to 0.53 and balance to 0.58 when
/// the words a stemmer merges were kept apart in both languages (an audit of
/// every single-word entry: "assuré"/"assurer", "careful"/"care"…).
/// Balance rose to 0.60 (floor 0.58) when a list under a lead-in that forbids
/// became a list of don'ts and prohibition-heavy was refitted with the whole
/// charters read; culture to 0.55 (floor 0.53) when a statement of scope
/// about "it", the charter, stopped carrying topics (2026-12-03).
const CORPUS_KAPPA: &[(&str, f64)] = &[
    ("culture", 0.53),
    ("practice", 0.61),
    // 0.51 (from 0.60): the stance reads English and French alike (on the
    // corpus's aligned translated sentences 80% → 86% agree): "X do not…"
    // is said, not forbidden, as "does not" and "ne … pas" are; a relative
    // clause's "that do not require" forbids nothing; "se réserve le droit
    // de supprimer" controls as "reserves the right" did. Two charters at
    // the threshold flip (2026-12-03). 0.57 (floor 0.55) when a French
    // negative subject with a gate (« aucune publication ne devrait être
    // initiée sans l'approbation de l'une des personnes suivantes : ») lists
    // approvers, as its English twin did, not things forbidden.
    ("balance", 0.55),
    // 0.56: a French translation's no-replies was found through "no
    // manager should answer on behalf of another team", which says who
    // answers, not that nobody does (2026-12-02). 0.63 (from 0.65): a
    // charter that asks twice for announcements to be posted and never says
    // anyone answers runs a feed of them, read across the document
    // (`charter_silent_on`, 2026-12-03).
    ("broadcast", 0.63),
];

fn python(args: &[&str]) -> String {
    let out = Command::new("python3")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("python3 runs the scorers in ../shared/tools");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The figures of `bank.py` (from `../shared/tools`) on passage files.
fn bank(shared: &Path, files: &[std::path::PathBuf], language: Option<&str>) -> Value {
    let json = tempfile::NamedTempFile::new().expect("temp file");
    let mut args: Vec<String> = vec![shared.join("tools/bank.py").display().to_string()];
    for file in files {
        args.push("--bank".into());
        args.push(file.display().to_string());
    }
    if let Some(language) = language {
        args.extend(["--lang".to_string(), language.to_string()]);
    }
    args.extend([
        "--bin".to_string(),
        env!("CARGO_BIN_EXE_charterlint").to_string(),
        "--json".to_string(),
        json.path().display().to_string(),
    ]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    python(&args);
    serde_json::from_str(&std::fs::read_to_string(json.path()).expect("figures written")).expect("figures are JSON")
}

/// Checks figures against their bounds: a ceiling for false coverage, a
/// floor for every other figure.
fn holds(what: &str, figures: &Value, bounds: &[(&str, f64)]) {
    eprintln!("{what}: {figures}");
    for &(name, bound) in bounds {
        let value = figures[name]
            .as_f64()
            .unwrap_or_else(|| panic!("{what}: no {name} in {figures}"));
        if name == "false_coverage" {
            assert!(value <= bound, "{what}: {name} rose to {value:.3} (ceiling {bound})");
        } else {
            assert!(value >= bound, "{what}: {name} fell to {value:.3} (floor {bound})");
        }
    }
}

#[test]
fn passage_bank_judgement_holds() {
    let Some(shared) = common::shared("the passage-bank ratchet") else {
        return;
    };
    let files: Vec<_> = ["en-corporate", "en-public", "fr-corporate", "fr-public"]
        .iter()
        .map(|file| shared.join(format!("corpus/bank/{file}.jsonl")))
        .collect();
    for floors in BANK {
        let bounds = [
            ("coverage_recall", floors.recall),
            ("false_coverage", floors.false_coverage),
            ("broadcast_precision", floors.broadcast_precision),
            ("broadcast_recall", floors.broadcast_recall),
            ("balance_accuracy", floors.balance),
        ];
        holds(floors.what, &bank(&shared, &files, floors.language), &bounds);
    }
}

/// Passages nobody working on the rules has read (data/heldout: topics;
/// data/train/*-d: broadcast), written for other organisations than every
/// other set: how the judgement holds on wording it was not tuned on; and
/// the broadcast sets i, read once scored. The French held-out false
/// coverage fell to 0.17 (ceiling 0.19) when a don't stopped covering the
/// topic it forbids.
const HELD_OUT: &[(&str, &[(&str, f64)])] = &[
    (
        "data/heldout/en-e.jsonl",
        &[("coverage_recall", 0.86), ("false_coverage", 0.05)],
    ),
    (
        "data/heldout/fr-e.jsonl",
        &[("coverage_recall", 0.63), ("false_coverage", 0.19)],
    ),
    (
        "data/train/en-d.jsonl",
        &[("broadcast_precision", 0.90), ("broadcast_recall", 0.69)],
    ),
    (
        "data/train/fr-d.jsonl",
        &[("broadcast_precision", 0.90), ("broadcast_recall", 0.72)],
    ),
    // Read since (scored unread at en 0.88 / 0.71, fr 0.85 / 0.67): their
    // hard negatives keep the precision they brought.
    (
        "data/train/en-i.jsonl",
        &[("broadcast_precision", 0.95), ("broadcast_recall", 0.69)],
    ),
    (
        "data/train/fr-i.jsonl",
        &[("broadcast_precision", 0.91), ("broadcast_recall", 0.65)],
    ),
];

#[test]
fn held_out_passages_judgement_holds() {
    let Some(shared) = common::shared("the held-out passages ratchet (it scores with ../shared/tools/bank.py)") else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for &(file, bounds) in HELD_OUT {
        holds(file, &bank(&shared, &[root.join(file)], None), bounds);
    }
}

#[test]
fn corpus_kappa_holds() {
    let Some(shared) = common::shared("the corpus kappa ratchet") else {
        return;
    };
    let out = python(&[
        &shared.join("tools/score.py").display().to_string(),
        "--labels",
        &shared.join("corpus/labels.json").display().to_string(),
        "--docs",
        &shared.join("corpus/docs").display().to_string(),
        "--bin",
        env!("CARGO_BIN_EXE_charterlint"),
    ]);
    for &(family, floor) in CORPUS_KAPPA {
        let kappa: f64 = out
            .lines()
            .find(|l| l.starts_with(&format!("family {family}")))
            .and_then(|l| l.rsplit("kappa ").next())
            .and_then(|k| k.trim().parse().ok())
            .unwrap_or_else(|| panic!("no kappa for {family} in:\n{out}"));
        eprintln!("corpus: {family} kappa {kappa:.3}");
        assert!(kappa >= floor, "{family} kappa fell to {kappa:.3} (floor {floor})");
    }
}

/// One `check --format json` run over the charters.
fn lint(paths: &[std::path::PathBuf]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_charterlint"))
        .args(["check", "--isolated", "--format", "json"])
        .args(paths)
        .output()
        .expect("charterlint runs");
    serde_json::from_slice(&out.stdout).expect("JSON report")
}

/// The report of one charter.
fn reported<'r>(report: &'r Value, path: &Path) -> &'r Value {
    report["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|f| f["path"].as_str() == Some(&path.display().to_string()))
        .expect("every charter reported")
}

/// The rules a charter's report raises.
fn rules_of(file: &Value) -> Vec<&str> {
    file["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["rule"].as_str())
        .collect()
}

/// Whole charters written for this project (data/charters, never taken from
/// ../shared): no broadcast finding outside the practices each charter's
/// author says it prescribes (but for the known ones, listed), and the
/// e-reputation verdict its author meant (for the clear cases).
#[test]
fn whole_charters_raise_only_what_they_prescribe() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/charters");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("data/charters")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "md")
                && p.file_name().is_some_and(|n| n != "README.md" && n != "BRIEF.md")
        })
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 204, "two hundred and four charters in data/charters");
    // Findings outside the authors' intents that are known and left, with why.
    let known: &[(&str, &str)] = &[
        // An alerts feed published automatically and "not monitored for
        // replies": auto-posting on a narrow channel the author meant as fine.
        ("public-en-2.md", "auto-posting"),
        ("public-en-2.md", "no-replies"),
        // "Must not respond on behalf of the Agency": close to the practice.
        ("public-en-3.md", "single-spokesperson"),
        // "… et la directrice générale l'a signée": the charter signed by its
        // owner, read as replies signed by the brand.
        ("eighth-fr-6.md", "brand-signature"),
        // "Afin d'assurer une présence régulière…": presence given as a reason.
        ("public-fr-2.md", "presence-as-goal"),
        // "We do not connect the newsroom … to publish automatically": the
        // negation stands too far before the practice.
        ("third-en-4.md", "auto-posting"),
        // Employees must not "respond to … complaints about the Group", in a
        // charter whose care team answers on its own accounts: the muzzle is
        // read as the accounts' silence in the whole charter, though not in
        // the same passages alone.
        ("tenth-en-6.md", "no-replies"),
        // A WhatsApp channel "réservé aux abonnés saison" that "ne permet pas
        // de répondre": one narrow channel, named only by its heading.
        ("eleventh-fr-5.md", "no-replies"),
        // A WhatsApp alert channel that "ne permet pas aux abonnés d'y
        // répondre", given as the only exception (like eleventh-fr-5).
        ("thirteenth-fr-4.md", "no-replies"),
        // "Content may be published on Association accounts only by the
        // Communications Manager or by staff to whom she has delegated that
        // authority": who posts on the accounts, close to the practice by
        // its letter; the author meant it as a gate (a label doubt).
        ("seventeenth-en-5.md", "single-spokesperson"),
        // « Sont proscrits, … que le compte soit public ou privé : … c) toute
        // réponse à une critique … visant la Maison », staff's conduct in a
        // charter whose official accounts answer: the list names no actor, so
        // it is read for the whole organisation and the accounts' answers do
        // not veto it.
        ("seventeenth-fr-5.md", "no-replies"),
    ];
    let report = lint(&paths);
    let mut wrong = Vec::new();
    let mut still_known = Vec::new();
    for path in &paths {
        let file = reported(&report, path);
        let intent: Value =
            serde_json::from_str(&std::fs::read_to_string(path.with_extension("intent.json")).expect("intent"))
                .expect("intent JSON");
        let prescribed: Vec<&str> = intent["broadcast"]
            .as_array()
            .expect("broadcast")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let rules = rules_of(file);
        let name = path.file_name().expect("name").to_string_lossy();
        for rule in &rules {
            if let Some(practice) = rule.strip_prefix("broadcast/")
                && !prescribed.contains(&practice)
            {
                if known.contains(&(name.as_ref(), practice)) {
                    still_known.push((name.to_string(), practice));
                } else {
                    wrong.push(format!("{name}: {rule} fires, the charter does not prescribe it"));
                }
            }
        }
        // The mixed ones sit at the threshold: their verdict is not asserted.
        let focused = intent["e_reputation_focus"].as_bool().expect("e_reputation_focus");
        let clear = ["good-", "brand-", "public-"].iter().any(|p| name.starts_with(p));
        if clear && rules.contains(&"balance/e-reputation-focus") != focused {
            wrong.push(format!(
                "{name}: balance/e-reputation-focus should {}fire",
                if focused { "" } else { "not " }
            ));
        }
    }
    // A known finding that is gone leaves the list, so that the list stays true.
    for (name, practice) in known {
        if !still_known.iter().any(|(n, p)| n == name && p == practice) {
            wrong.push(format!(
                "{name}: {practice} no longer fires; remove it from the known list"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Broadcast rules on invented sentences (never taken from ../shared): each
/// practice said in plain words fires its rule, in both languages; the
/// practice warned against, compared, narrowed to a case or listed as a tool
/// fires none.
#[test]
fn broadcast_reads_practices_not_their_words() {
    let fires: &[(&str, &str, &str)] = &[
        (
            "en",
            "The handle exists to publish our changelog and release announcements.",
            "press-release-feed",
        ),
        (
            "fr",
            "Le compte sert à diffuser nos communiqués et nos annonces de nouvelles versions.",
            "press-release-feed",
        ),
        ("en", "Comments are turned off on every post of the page.", "no-replies"),
        (
            "fr",
            "Les commentaires sont désactivés sur toutes les publications de la page.",
            "no-replies",
        ),
        (
            "en",
            "Only authorised spokespeople may speak on behalf of the Bank.",
            "single-spokesperson",
        ),
        (
            "fr",
            "Seuls les porte-parole habilités peuvent s'exprimer au nom de la banque.",
            "single-spokesperson",
        ),
        (
            "en",
            "We judge the page by the number of people reached and the clicks sent to the shop.",
            "vanity-metrics",
        ),
        (
            "fr",
            "Nous jugeons la page au nombre de personnes touchées et aux clics vers la boutique.",
            "vanity-metrics",
        ),
        (
            "en",
            "Every blog article is pushed to our accounts automatically by a plug-in.",
            "auto-posting",
        ),
        (
            "fr",
            "Chaque article du blog est publié automatiquement sur nos comptes par un module.",
            "auto-posting",
        ),
        (
            "en",
            "We must be present on every platform, because our competitors are.",
            "presence-as-goal",
        ),
        (
            "fr",
            "Nous devons être présents sur toutes les plateformes, car nos concurrents y sont.",
            "presence-as-goal",
        ),
        (
            "fr",
            "Les messages de la page sont toujours signés « L'équipe », à la première personne du pluriel.",
            "brand-signature",
        ),
        (
            "en",
            "The page answers neither comments nor private messages.",
            "no-replies",
        ),
        (
            "fr",
            "La page ne répond ni aux commentaires ni aux messages privés.",
            "no-replies",
        ),
    ];
    let silent: &[(&str, &str)] = &[
        // A subject kept off the pages, or questions from the press: not silence.
        ("en", "Do not engage in political debates on our pages."),
        ("en", "Do not discuss pending litigation online."),
        (
            "fr",
            "Ne débattez jamais de sujets politiques sur les comptes de la mairie.",
        ),
        ("fr", "Ne répondez pas vous-même aux sollicitations des médias."),
        // What a don't asks instead, after a semicolon: routing, not silence.
        (
            "en",
            "Staff do not reply to complaints under our posts themselves; they flag them to the customer care team in the shared channel.",
        ),
        (
            "fr",
            "Les agents ne répondent pas eux-mêmes aux réclamations publiées sous nos messages ; ils les signalent au service clients dans le canal partagé.",
        ),
        // The practice as the long subject of "… is not allowed".
        (
            "en",
            "Automatic cross-posting of the same message to all of our networks is not allowed.",
        ),
        (
            "fr",
            "La publication automatique d'un même message sur l'ensemble de nos réseaux est interdite.",
        ),
        // The audience reported, the accounts judged on their answers.
        (
            "en",
            "We report follower numbers to the board once a year, but we judge the accounts on how fast and how well we answer.",
        ),
        (
            "fr",
            "Nous communiquons le nombre d'abonnés au conseil une fois par an, mais nous jugeons les comptes sur la rapidité et la qualité de nos réponses.",
        ),
        // How to reply, not whether.
        ("en", "Never argue with a customer in the comments of our page."),
        (
            "fr",
            "Les agents n'entrent jamais en polémique avec un internaute sur la page de la commune.",
        ),
        (
            "en",
            "Tools we use: Buffer for scheduling, Hootsuite for monitoring mentions, and a shared inbox for replies.",
        ),
        (
            "en",
            "A newsletter broadcasts news to subscribers; our social accounts are for conversation.",
        ),
        (
            "en",
            "Some organisations measure success by follower counts; we look at how many questions we resolved.",
        ),
        (
            "en",
            "On your personal profile you may choose not to engage with trolls.",
        ),
        (
            "en",
            "The press office handles media inquiries; any trained colleague may answer customers.",
        ),
        (
            "en",
            "We used to post only press releases; now every post invites replies.",
        ),
        ("en", "Our accounts must never become a press-release feed."),
        (
            "en",
            "Each Wednesday, tweet three good first issues from the tracker (TODO: automate this).",
        ),
        (
            "fr",
            "Une lettre d'information diffuse nos actualités aux abonnés ; nos comptes sociaux servent à la conversation.",
        ),
        (
            "fr",
            "Les communiqués sont publiés dans l'espace presse, tandis que nos comptes répondent aux questions des clients.",
        ),
        (
            "fr",
            "Le service presse traite les demandes des journalistes ; tout collaborateur formé peut répondre aux clients.",
        ),
        (
            "fr",
            "Autrefois, nous ne publiions que des communiqués ; aujourd'hui chaque publication invite à réagir.",
        ),
        (
            "fr",
            "Sur votre profil personnel, vous pouvez choisir de ne pas répondre aux provocateurs.",
        ),
        (
            "fr",
            "Les agents d'astreinte le week-end ne lancent pas de conversations privées depuis la page ; ils répondent publiquement.",
        ),
        ("en", "Social media is not the place for private conversations."),
        (
            "en",
            "A bot is used to request posts from the team, and a maintainer publishes them.",
        ),
        (
            "fr",
            "Un robot sert à proposer une publication ; un animateur la relit et la publie.",
        ),
        (
            "fr",
            "Les réseaux sociaux ne sont pas faits pour les conversations privées.",
        ),
        // A restriction shown as a loss is rejected, not prescribed.
        (
            "fr",
            "Confier toute prise de parole au seul service presse priverait le musée de ses meilleurs guides : les médiateurs sont invités à raconter leurs visites.",
        ),
        (
            "en",
            "Keeping every post with the press office alone would deprive the museum of its best guides: educators are invited to share their tours.",
        ),
        // "been seen" is not "be seen" (being visible).
        (
            "en",
            "Even if you delete a post, it may have been seen and shared elsewhere.",
        ),
    ];
    let dir = tempfile::tempdir().expect("temp dir");
    let cases: Vec<(&str, &str, Option<&str>)> = fires
        .iter()
        .map(|&(language, text, rule)| (language, text, Some(rule)))
        .chain(silent.iter().map(|&(language, text)| (language, text, None)))
        .collect();
    let paths: Vec<_> = cases
        .iter()
        .enumerate()
        .map(|(i, (language, text, _))| {
            let head = if *language == "fr" {
                "# Charte\n\n## Article 1"
            } else {
                "# Policy\n\n## Section 1"
            };
            let path = dir.path().join(format!("{i:02}.md"));
            std::fs::write(&path, format!("{head}\n\n{text}\n")).expect("write");
            path
        })
        .collect();
    // One run for every case.
    let report = lint(&paths);
    for ((_, text, rule), path) in cases.iter().zip(&paths) {
        let found: Vec<&str> = rules_of(reported(&report, path))
            .into_iter()
            .filter(|r| r.starts_with("broadcast/"))
            .collect();
        match rule {
            Some(rule) => assert!(
                found.contains(&format!("broadcast/{rule}").as_str()),
                "{rule} should fire on “{text}”: {found:?}"
            ),
            None => assert!(found.is_empty(), "no broadcast rule should fire on “{text}”: {found:?}"),
        }
    }
}
