//! The command line, as clap types.

use clap::{Parser, Subcommand, ValueEnum};
use rolegate::Lang;

/// Role and permission engine: role matrices, explained decisions, policy lint and validation,
/// and the administration of organizations.
#[derive(Parser, Debug)]
#[command(name = "rolegate", version, about, long_about = None, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

const AFTER_HELP: &str = "POLICY is a built-in policy (mytrumpf, platform) or a JSON file.\n\
ORG.json is an organization snapshot: { tenant, kind, modules, members, customRoles, invitations }.\n\
Exit status: 0 success/allowed, 1 denied/refused/lint errors/invalid policy, 2 bad input.";

/// The subject that `explain` and `plan` describe with options.
#[derive(clap::Args, Debug)]
pub struct SubjectArgs {
    /// Role assignments: ROLE[@key=value,...][,ROLE...], e.g. purchaser,operator@facility=f1
    #[arg(long, value_name = "ROLES")]
    pub roles: Option<String>,
    /// The subject's tenant.
    #[arg(long, default_value = "tenant")]
    pub tenant: String,
    /// The tenant's kind (needed when the policy has several).
    #[arg(long)]
    pub kind: Option<String>,
    /// Enabled modules, comma-separated.
    #[arg(long, value_name = "MODULES")]
    pub modules: Option<String>,
    /// The subject's id.
    #[arg(long, default_value = "cli")]
    pub subject: String,
    /// When to decide at (RFC 3339), for assignments with a window; now when left out. With
    /// --cases, for the cases that name no `at` of their own.
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
}

/// What every request command takes: the policy, the organization, the time, the words.
#[derive(clap::Args, Debug)]
pub struct RequestArgs {
    /// Built-in policy name or JSON file.
    #[arg(long, value_name = "POLICY")]
    pub policy: String,
    /// The organization snapshot (JSON file).
    #[arg(long, value_name = "ORG.json")]
    pub org: String,
    /// When (RFC 3339); now when left out.
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
    /// Language of the violations.
    #[arg(long, default_value = "en", value_parser = parse_lang)]
    pub lang: Lang,
    /// Output format of the violations (the request is always JSON).
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// What a step of a request takes: the request command's arguments, the actor, the request.
#[derive(clap::Args, Debug)]
pub struct StepArgs {
    #[command(flatten)]
    pub request: RequestArgs,
    /// Who takes the step: a member id (not checked for `expire`).
    #[arg(long, value_name = "ID", default_value = "system")]
    pub actor: String,
    /// The request (JSON file, `-` for standard input).
    #[arg(value_name = "REQUEST.json")]
    pub file: String,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print the role × permission matrix (✔ direct, (✔) implied, – not granted).
    Matrix {
        /// Built-in policy name or JSON file.
        #[arg(long, value_name = "POLICY")]
        policy: String,
        /// Only the roles of this tenant kind.
        #[arg(long)]
        kind: Option<String>,
        /// Language of labels.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
        /// Output format.
        #[arg(long, value_enum, default_value_t = MatrixFormat::Md)]
        format: MatrixFormat,
    },
    /// Decide and explain one action for a subject. Exit 0 when allowed, 1 when denied.
    Explain {
        /// Built-in policy name or JSON file.
        #[arg(long, value_name = "POLICY")]
        policy: String,
        /// The subject.
        #[command(flatten)]
        who: SubjectArgs,
        /// The resource: key=value,... (tenant=T names its tenant), or a JSON object.
        #[arg(long, value_name = "ATTRIBUTES")]
        resource: Option<String>,
        /// Language of the message.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
        /// Print the explanation as JSON.
        #[arg(long)]
        json: bool,
        /// The action (a permission id), e.g. eshop.order.place.
        action: String,
    },
    /// Which resources a subject may do an action on: always (everywhere in its tenant), never
    /// (with the code every denial carries), or conditional (any of some scopes). Exit 0 when the
    /// plan allows something, 1 when it is never.
    Plan {
        /// Built-in policy name or JSON file.
        #[arg(long, value_name = "POLICY")]
        policy: String,
        /// The subject.
        #[command(flatten)]
        who: SubjectArgs,
        /// Language of the text.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
        /// Print the plan as JSON: { decision, tenant, code?, anyOf? }.
        #[arg(long)]
        json: bool,
        /// Plan many at once instead: a JSON list of { subject, action } (file, `-` for standard
        /// input); prints { policy, fingerprint, results } (JSON), each result the plan or
        /// { error } when that case's subject does not fit. Exit 0 whatever the plans.
        #[arg(long, value_name = "CASES.json", conflicts_with_all = ["roles", "kind", "modules", "json"])]
        cases: Option<String>,
        /// The action (a permission id), e.g. service.case.manage.
        #[arg(required_unless_present = "cases", conflicts_with = "cases")]
        action: Option<String>,
    },
    /// Decide and explain many checks at once: reads a JSON list of { subject, action, resource?, at? }
    /// and prints { policy, fingerprint, results } (JSON), each result the explanation with its
    /// message in English and German, or { error } when that case's subject or resource does not
    /// fit the policy. Exit 0 whatever the decisions.
    Decide {
        /// Built-in policy name or JSON file.
        #[arg(long, value_name = "POLICY")]
        policy: String,
        /// An organization snapshot whose own approval rules (and roles) count: a case may then
        /// name a `member` instead of a `subject`.
        #[arg(long, value_name = "ORG.json")]
        org: Option<String>,
        /// When to decide at (RFC 3339), for the cases that name no `at` of their own; now when
        /// left out.
        #[arg(long, value_name = "TIME")]
        now: Option<String>,
        /// The cases (JSON file, `-` for standard input).
        #[arg(value_name = "CASES.json")]
        cases: String,
    },
    /// Submit a member's request for an action that needs approval (the rules and tiers that
    /// apply are fixed now). Prints the request (JSON), or every violation and exit 1.
    Submit {
        #[command(flatten)]
        request: RequestArgs,
        /// The requester: a member id of the organization.
        #[arg(long, value_name = "ID")]
        requester: String,
        /// The resource: key=value,..., e.g. facility=f1,total=6000.00 EUR, or a JSON object.
        #[arg(long, value_name = "ATTRIBUTES")]
        resource: Option<String>,
        /// The request's id.
        #[arg(long, default_value = "request-1")]
        id: String,
        /// The action, e.g. eshop.order.place.
        action: String,
    },
    /// Approve the current tier of a request. Prints the next request (JSON; `status` approved
    /// once every tier is), or every violation and exit 1.
    Approve {
        #[command(flatten)]
        step: StepArgs,
    },
    /// Reject a request, with a reason. Prints the rejected request, or every violation and exit 1.
    Reject {
        #[command(flatten)]
        step: StepArgs,
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// Cancel a request (the requester). Prints the cancelled request, or every violation and exit 1.
    Cancel {
        #[command(flatten)]
        step: StepArgs,
    },
    /// Mark a request whose time ran out expired. Prints it, or every violation and exit 1.
    Expire {
        #[command(flatten)]
        step: StepArgs,
    },
    /// The members who may approve a request's current tier now (exit 1 when nobody may).
    Eligible {
        /// Built-in policy name or JSON file.
        #[arg(long, value_name = "POLICY")]
        policy: String,
        /// The organization snapshot (JSON file).
        #[arg(long, value_name = "ORG.json")]
        org: String,
        /// Language of the role labels.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// The request (JSON file, `-` for standard input).
        #[arg(value_name = "REQUEST.json")]
        request: String,
    },
    /// Lint a policy. Exit 1 when there is an error-severity finding.
    Lint {
        /// Built-in policy name or JSON file.
        #[arg(long, value_name = "POLICY")]
        policy: String,
        /// Language of the messages.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Validate a policy file, listing every problem. Exit 1 when invalid.
    Validate {
        /// The policy JSON file.
        file: String,
        /// Language of the messages.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// List the roles with their flags and effective permissions.
    Roles {
        /// Built-in policy name or JSON file.
        #[arg(long, value_name = "POLICY")]
        policy: String,
        /// Only the roles of this tenant kind.
        #[arg(long)]
        kind: Option<String>,
        /// Language of labels.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Apply an administrative operation to an organization snapshot. Prints the new
    /// organization (JSON), or every violation and exit 1 when the operation is refused.
    Apply {
        /// Built-in policy name or JSON file.
        #[arg(long, value_name = "POLICY")]
        policy: String,
        /// The organization snapshot (JSON file).
        #[arg(long, value_name = "ORG.json")]
        org: String,
        /// Who acts: a member id (for acceptInvitation the invitee's e-mail address, for
        /// createTenant the first user's id).
        #[arg(long, value_name = "ID")]
        actor: String,
        /// When (RFC 3339, e.g. 2026-11-22T12:00:00Z); now when left out.
        #[arg(long, value_name = "TIME")]
        now: Option<String>,
        /// Language of the violations.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
        /// Output format of the violations (the new organization is always JSON).
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// The operation (JSON file, `-` for standard input), e.g. {"op":"approve","member":"paul"}.
        #[arg(value_name = "OP.json")]
        operation: String,
    },
    /// Lint an organization snapshot: approver coverage, deprecated roles still held, members
    /// without a role, pending too long, expired invitations, no active administrator. Exit 1
    /// when there is an error-severity finding.
    LintOrg {
        /// Built-in policy name or JSON file.
        #[arg(long, value_name = "POLICY")]
        policy: String,
        /// When (RFC 3339), for the time-based findings; now when left out.
        #[arg(long, value_name = "TIME")]
        now: Option<String>,
        /// Language of the messages.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// The organization snapshot (JSON file, `-` for standard input).
        #[arg(value_name = "ORG.json")]
        org: String,
    },
    /// The active members of an organization who may do an action: whom to ask.
    WhoCan {
        /// Built-in policy name or JSON file.
        #[arg(long, value_name = "POLICY")]
        policy: String,
        /// The organization snapshot (JSON file).
        #[arg(long, value_name = "ORG.json")]
        org: String,
        /// The resource: key=value,..., or a JSON object. Without it, on nothing in particular:
        /// only tenant-wide assignments count.
        #[arg(long, value_name = "ATTRIBUTES", conflicts_with = "anywhere")]
        resource: Option<String>,
        /// Everyone who may do the action somewhere, each with the assignments (and scopes) that grant it.
        #[arg(long)]
        anywhere: bool,
        /// Language of role names.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// The action (a permission id), e.g. eshop.order.release.
        action: String,
    },
    /// Print the policy's fingerprint (SHA-256 of the normalized policy).
    Fingerprint {
        /// Built-in policy name or JSON file.
        #[arg(long, value_name = "POLICY")]
        policy: String,
    },
    /// Print the JSON Schema of a document, for editors and validators: `policy`,
    /// `organization` (a snapshot) or `operation` (an administration operation). The npm
    /// package ships the same files as `rolegate/schema/NAME.json`.
    Schema {
        /// The document: policy, organization or operation.
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(crate::SCHEMAS.map(|(name, _)| name)))]
        name: String,
    },
    /// Print TypeScript declarations of the policy's ids (permissions, roles, tenant kinds,
    /// modules, scope keys), so that a misspelt action is a compile error:
    /// `new PolicyEngine<Ids>(policy)`.
    Types {
        /// Built-in policy name or JSON file.
        #[arg(long, value_name = "POLICY")]
        policy: String,
        /// The interface's name; by default the policy id in PascalCase and `Ids` (`MytrumpfIds`).
        #[arg(long)]
        name: Option<String>,
    },
}

/// Output formats of `matrix`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum MatrixFormat {
    /// A Markdown table.
    Md,
    /// `{ roles, permissions, cells }`.
    Json,
}

/// Output formats of reports.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ReportFormat {
    /// Lines for people.
    Text,
    /// JSON for programs.
    Json,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse::<Lang>().map_err(|e| e.to_string())
}
