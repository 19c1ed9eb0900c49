//! `rolegate`: the command-line tool. Prints role matrices, explains decisions (one, or many with
//! `decide`), lints and validates policies, and applies administrative operations to organization
//! snapshots.
//!
//! Exit status: 0 success (or allowed), 1 a negative answer (denied, refused, lint errors,
//! invalid policy for `validate`), 2 bad input (one line on stderr, never a panic or a backtrace).

mod cli;
mod decide;
mod load;
mod render;
mod syntax;
mod types;

use clap::Parser;
use cli::{Cli, Command};
use rolegate::{PolicyEngine, Resource, Subject};
use std::io::Write;
use std::process::ExitCode;

/// A failure to report: the message (one line) and the exit status.
pub(crate) struct Failure {
    pub message: String,
    pub status: u8,
}

impl Failure {
    /// Bad input: exit status 2.
    pub fn input(message: impl Into<String>) -> Self {
        Failure { message: message.into(), status: 2 }
    }
}

/// What a command produced: text for stdout and the exit status.
pub(crate) struct Outcome {
    pub stdout: String,
    pub status: u8,
}

fn main() -> ExitCode {
    // Last resort: a bug must still end in one line, not a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let _ = writeln!(std::io::stderr(), "rolegate: internal error: {info}");
    }));
    // Built for WASI (`npx rolegate`), the program starts in `/`: the launcher (js/cli.mjs) passes
    // the directory it was started in, so relative paths mean what they mean natively.
    #[cfg(target_os = "wasi")]
    if let Some(dir) = std::env::var_os("ROLEGATE_CWD") {
        if let Err(e) = std::env::set_current_dir(&dir) {
            let _ = writeln!(std::io::stderr(), "rolegate: cannot enter the directory {}: {e}", dir.to_string_lossy());
            return ExitCode::from(2);
        }
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with status 0; usage errors to stderr with status 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result =
        std::panic::catch_unwind(|| run(cli)).unwrap_or_else(|_| Err(Failure { message: String::new(), status: 2 }));
    match result {
        Ok(outcome) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`rolegate matrix … | head`) is not an error worth reporting.
            let _ = stdout.write_all(outcome.stdout.as_bytes()).and_then(|_| stdout.flush());
            ExitCode::from(outcome.status)
        }
        Err(failure) => {
            if !failure.message.is_empty() {
                let _ = writeln!(std::io::stderr(), "rolegate: {}", failure.message);
            }
            ExitCode::from(failure.status)
        }
    }
}

/// The documents' JSON Schemas, as committed in schema/ (`rolegate::schema` derives them from
/// the types; tests/schema.rs holds the files to it).
pub(crate) const SCHEMAS: [(&str, &str); 3] = [
    ("policy", include_str!("../../../schema/policy.json")),
    ("organization", include_str!("../../../schema/organization.json")),
    ("operation", include_str!("../../../schema/operation.json")),
];

fn run(cli: Cli) -> Result<Outcome, Failure> {
    match cli.command {
        Command::Matrix { policy, kind, lang, format } => {
            let engine = load::engine(&policy)?;
            let matrix = engine.matrix(kind.as_deref(), lang).map_err(|e| Failure::input(syntax::request_error(&e)))?;
            let stdout = match format {
                cli::MatrixFormat::Md => render::matrix_markdown(&engine, &matrix, kind.as_deref(), lang),
                cli::MatrixFormat::Json => render::json(&matrix),
            };
            Ok(Outcome { stdout, status: 0 })
        }
        Command::Explain { policy, who, resource, lang, json, action } => {
            let engine = load::engine(&policy)?;
            let subject = cli_subject(who)?;
            let resource: Option<Resource> = resource
                .as_deref()
                .map(syntax::resource)
                .transpose()
                .map_err(|e| Failure::input(format!("--resource: {e}")))?;
            let explanation = engine
                .explain(&subject, &action, resource.as_ref())
                .map_err(|e| Failure::input(syntax::request_error(&e)))?;
            let stdout = if json {
                render::json(&explanation.in_lang(lang))
            } else {
                render::explanation_text(&engine, &explanation, lang)
            };
            Ok(Outcome { stdout, status: if explanation.allowed { 0 } else { 1 } })
        }
        Command::Plan { policy, who, lang, json, cases, action } => {
            let engine = load::engine(&policy)?;
            if let Some(cases) = cases {
                let text = load::input(&cases)?;
                let source = if cases == "-" { "standard input" } else { cases.as_str() };
                let now = instant(who.now.as_deref(), "--now")?;
                return Ok(Outcome { stdout: render::json(&decide::plans(&engine, &text, source, now)?), status: 0 });
            }
            let action = action.unwrap_or_default();
            let subject = cli_subject(who)?;
            let plan = engine.plan(&subject, &action).map_err(|e| Failure::input(syntax::request_error(&e)))?;
            let stdout = if json { render::json(&plan) } else { render::plan_text(&engine, &action, &plan, lang) };
            Ok(Outcome { stdout, status: if matches!(plan, rolegate::Plan::Never { .. }) { 1 } else { 0 } })
        }
        Command::Decide { policy, org, now, cases } => {
            let now = instant(now.as_deref(), "--now")?;
            let engine = load::engine(&policy)?;
            let org = match &org {
                Some(file) => {
                    let snapshot = load::org(file)?;
                    // Checked once here, so that each case's answer is about the case.
                    engine.organization(snapshot.clone()).map_err(|e| org_failure(file, &e))?;
                    Some(snapshot)
                }
                None => None,
            };
            let text = load::input(&cases)?;
            let source = if cases == "-" { "standard input" } else { cases.as_str() };
            Ok(Outcome { stdout: render::json(&decide::cases(&engine, org.as_ref(), &text, source, now)?), status: 0 })
        }
        Command::Submit { request, requester, resource, id, action } => {
            let engine = load::engine(&request.policy)?;
            let snapshot = load::org(&request.org)?;
            let resource: Option<Resource> = resource
                .as_deref()
                .map(syntax::resource)
                .transpose()
                .map_err(|e| Failure::input(format!("--resource: {e}")))?;
            let now = request.now.clone().unwrap_or_else(clock);
            let result = engine.submit(&snapshot, &requester, &action, resource.as_ref(), &id, &now);
            Ok(request_outcome(result, &request))
        }
        Command::Approve { step } => take_step(step, rolegate::admin::Step::Approve),
        Command::Reject { step, reason } => take_step(step, rolegate::admin::Step::Reject { reason }),
        Command::Cancel { step } => take_step(step, rolegate::admin::Step::Cancel),
        Command::Expire { step } => take_step(step, rolegate::admin::Step::Expire),
        Command::Eligible { policy, org, lang, format, request } => {
            let engine = load::engine(&policy)?;
            let snapshot = load::org(&org)?;
            let document = load::request(&request)?;
            let members = engine.eligible_approvers(&snapshot, &document).map_err(|e| org_failure(&org, &e))?;
            let status = if members.is_empty() { 1 } else { 0 };
            let stdout = match format {
                cli::ReportFormat::Text => render::members_text(&engine, &snapshot, &members, lang),
                cli::ReportFormat::Json => render::json(&members),
            };
            Ok(Outcome { stdout, status })
        }
        Command::Lint { policy, lang, format } => {
            let engine = load::engine(&policy)?;
            let findings = engine.lint();
            let errors = findings.iter().filter(|f| f.severity == rolegate::Severity::Error).count();
            let stdout = match format {
                cli::ReportFormat::Text => render::findings_text(&findings, lang),
                cli::ReportFormat::Json => render::findings_json(&findings, lang),
            };
            Ok(Outcome { stdout, status: if errors > 0 { 1 } else { 0 } })
        }
        Command::Validate { file, lang, format } => {
            let text = load::read_file(&file)?;
            let checked = PolicyEngine::from_json(&text);
            let problems = checked.as_ref().err().map(|e| e.problems.as_slice()).unwrap_or_default();
            let stdout = match format {
                cli::ReportFormat::Text => render::validation_text(&file, &checked, lang),
                cli::ReportFormat::Json => {
                    render::json(&problems.iter().map(|p| p.localized(lang)).collect::<Vec<_>>())
                }
            };
            Ok(Outcome { stdout, status: if checked.is_ok() { 0 } else { 1 } })
        }
        Command::Schema { name } => {
            let (_, schema) = SCHEMAS
                .iter()
                .find(|(n, _)| *n == name)
                .ok_or_else(|| Failure::input(format!("no schema named '{name}'")))?;
            Ok(Outcome { stdout: (*schema).to_string(), status: 0 })
        }
        Command::Types { policy, name } => {
            let engine = load::engine(&policy)?;
            let stdout = types::declarations(&engine, name.as_deref()).map_err(Failure::input)?;
            Ok(Outcome { stdout, status: 0 })
        }
        Command::Roles { policy, kind, lang, format } => {
            let engine = load::engine(&policy)?;
            let roles = engine.roles(kind.as_deref()).map_err(|e| Failure::input(syntax::request_error(&e)))?;
            let stdout = match format {
                cli::ReportFormat::Text => render::roles_text(&engine, &roles, lang),
                cli::ReportFormat::Json => render::json(&roles),
            };
            Ok(Outcome { stdout, status: 0 })
        }
        Command::Apply { policy, org, actor, now, lang, format, operation } => {
            let engine = load::engine(&policy)?;
            let snapshot = load::org(&org)?;
            let op = load::operation(&operation)?;
            let now = now.unwrap_or_else(clock);
            match engine.apply(&snapshot, &actor, &op, &now) {
                // The organization; with a tenant created beside it, both: `{ org, created }`.
                Ok(applied) if applied.created.is_some() => Ok(Outcome { stdout: render::json(&applied), status: 0 }),
                Ok(applied) => Ok(Outcome { stdout: render::json(&applied.org), status: 0 }),
                Err(violations) => {
                    let stdout = match format {
                        cli::ReportFormat::Text => render::violations_text(&violations, lang),
                        cli::ReportFormat::Json => render::violations_json(&violations, lang),
                    };
                    Ok(Outcome { stdout, status: 1 })
                }
            }
        }
        Command::LintOrg { policy, now, lang, format, org } => {
            let engine = load::engine(&policy)?;
            let snapshot = load::org(&org)?;
            let findings =
                engine.lint_org(&snapshot, Some(&now.unwrap_or_else(clock))).map_err(|e| org_failure(&org, &e))?;
            let errors = findings.iter().filter(|f| f.severity == rolegate::Severity::Error).count();
            let stdout = match format {
                cli::ReportFormat::Text => render::findings_text(&findings, lang),
                cli::ReportFormat::Json => render::findings_json(&findings, lang),
            };
            Ok(Outcome { stdout, status: if errors > 0 { 1 } else { 0 } })
        }
        Command::WhoCan { policy, org, resource, anywhere, lang, format, action } => {
            let engine = load::engine(&policy)?;
            let snapshot = load::org(&org)?;
            let resource: Option<Resource> = resource
                .as_deref()
                .map(syntax::resource)
                .transpose()
                .map_err(|e| Failure::input(format!("--resource: {e}")))?;
            let members = if anywhere {
                engine.who_can_anywhere(&snapshot, &action)
            } else {
                engine.who_can(&snapshot, &action, resource.as_ref())
            }
            .map_err(|e| query_failure(&org, &e))?;
            let stdout = match format {
                cli::ReportFormat::Text => render::members_text(&engine, &snapshot, &members, lang),
                cli::ReportFormat::Json => render::json(&members),
            };
            Ok(Outcome { stdout, status: 0 })
        }
        Command::Fingerprint { policy } => {
            let engine: PolicyEngine = load::engine(&policy)?;
            Ok(Outcome { stdout: format!("{}\n", engine.fingerprint()), status: 0 })
        }
    }
}

/// `approve`, `reject`, `cancel` and `expire`: the step on the request file.
fn take_step(args: cli::StepArgs, step: rolegate::admin::Step) -> Result<Outcome, Failure> {
    let engine = load::engine(&args.request.policy)?;
    let snapshot = load::org(&args.request.org)?;
    let request = load::request(&args.file)?;
    let now = args.request.now.clone().unwrap_or_else(clock);
    let result = engine.step(&snapshot, &request, &args.actor, &step, &now);
    Ok(request_outcome(result, &args.request))
}

/// The request (JSON, exit 0) or the violations (exit 1).
fn request_outcome(
    result: Result<rolegate::admin::ApprovalRequest, Vec<rolegate::Violation>>,
    args: &cli::RequestArgs,
) -> Outcome {
    match result {
        Ok(request) => Outcome { stdout: render::json(&request), status: 0 },
        Err(violations) => {
            let stdout = match args.format {
                cli::ReportFormat::Text => render::violations_text(&violations, args.lang),
                cli::ReportFormat::Json => render::violations_json(&violations, args.lang),
            };
            Outcome { stdout, status: 1 }
        }
    }
}

/// The current time, RFC 3339: the default of `--now`.
fn clock() -> String {
    rolegate::admin::rfc3339(clock_seconds())
}

/// The current time in Unix seconds.
fn clock_seconds() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The instant of `--now` (RFC 3339) in Unix seconds, the current time when it is left out.
fn instant(now: Option<&str>, flag: &str) -> Result<i64, Failure> {
    match now {
        None => Ok(clock_seconds()),
        Some(text) => rolegate::unix_seconds(text).ok_or_else(|| {
            Failure::input(format!("{flag}: '{text}' is not an RFC 3339 time, e.g. 2026-11-22T12:00:00Z"))
        }),
    }
}

/// An organization snapshot that does not fit the policy: every problem on one line.
fn org_failure(file: &str, e: &rolegate::OrgError) -> Failure {
    Failure::input(format!("{file} does not fit the policy: {}", render::problems_line(&e.problems)))
}

/// A question that has no answer: the snapshot does not fit the policy, or the question (an
/// unknown action, with a suggestion) does not.
fn query_failure(file: &str, e: &rolegate::QueryError) -> Failure {
    match e {
        rolegate::QueryError::Org(e) => org_failure(file, e),
        rolegate::QueryError::Request(e) => Failure::input(render::problems_line(&e.problems)),
    }
}

/// The subject that `explain` and `plan` describe with options.
fn cli_subject(who: cli::SubjectArgs) -> Result<Subject, Failure> {
    let at = instant(who.now.as_deref(), "--now")?;
    Ok(Subject {
        id: who.subject,
        tenant: who.tenant,
        tenant_kind: who.kind,
        modules: syntax::list(who.modules.as_deref()),
        roles: syntax::roles(who.roles.as_deref().unwrap_or_default())
            .map_err(|e| Failure::input(format!("--roles: {e}")))?,
        at: Some(at),
    })
}
