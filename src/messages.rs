//! Every sentence the engine writes, in English and German, in one place: validation problems,
//! request problems, explanations and lint findings. A translator reviews this file alone.
//!
//! A [`Text`] holds both languages with numbered holes (`{0}`, `{1}`, …); [`Text::fill`] puts
//! the arguments in. Arguments are plain strings (the same in both languages, e.g. ids) or
//! [`Label`]s (a text per language, e.g. a role's name). One small renderer instead of two
//! `format!` calls per message keeps the wasm module small.

use crate::lang::{Label, Lang, UnknownLang};
use std::fmt;

/// The message of a document nested deeper than [`crate::limits::MAX_DEPTH`] (also the key of its
/// translation): serde's error while reading carries it.
pub(crate) const TOO_DEEP: &str = "nested more than 127 levels deep";

// Here, not in `lang`, which is below this module: the foundation is a ladder.
impl fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&UNKNOWN_LANG.fill(&[&self.0]).en)
    }
}

/// A message in English and German with numbered holes.
pub(crate) struct Text {
    pub en: &'static str,
    pub de: &'static str,
}

/// An argument of a message: a text in each language.
pub(crate) trait Arg {
    /// The argument in `lang`.
    fn text(&self, lang: Lang) -> &str;
}

impl Arg for str {
    fn text(&self, _: Lang) -> &str {
        self
    }
}

impl Arg for String {
    fn text(&self, _: Lang) -> &str {
        self
    }
}

impl Arg for Label {
    fn text(&self, lang: Lang) -> &str {
        self.get(lang)
    }
}

impl<T: Arg + ?Sized> Arg for &T {
    fn text(&self, lang: Lang) -> &str {
        (**self).text(lang)
    }
}

impl Text {
    /// The message with `args` put into its holes, in both languages.
    pub fn fill(&self, args: &[&dyn Arg]) -> Label {
        Label { en: render(self.en, args, Lang::En), de: render(self.de, args, Lang::De) }
    }

    /// The message, which has no holes.
    pub fn label(&self) -> Label {
        Label::new(self.en, self.de)
    }
}

/// `template` with each `{n}` replaced by argument `n` in `lang`.
fn render(template: &str, args: &[&dyn Arg], lang: Lang) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.bytes().position(|b| b == b'{') {
        // `get` rather than slicing: `open` is a char boundary, and this links no panic path.
        let (before, after) = (rest.get(..open).unwrap_or_default(), rest.get(open..).unwrap_or_default());
        out.push_str(before);
        let bytes = after.as_bytes();
        match (bytes.get(1), bytes.get(2)) {
            (Some(digit @ b'0'..=b'9'), Some(b'}')) => {
                if let Some(arg) = args.get(usize::from(digit - b'0')) {
                    out.push_str(arg.text(lang));
                }
                rest = after.get(3..).unwrap_or_default();
            }
            _ => {
                out.push('{');
                rest = after.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}

/// `one` when `count` is 1, else `many`: the grammatical number chosen by the count, in both
/// languages (English and German agree on it: 1 problem, 0 and 2 problems).
pub(crate) fn by_count(count: usize, one: &'static Text, many: &'static Text) -> &'static Text {
    if count == 1 {
        one
    } else {
        many
    }
}

/// Declares message constants: `NAME = "English", "Deutsch";`.
macro_rules! texts {
    ($($(#[$meta:meta])* $name:ident = $en:literal, $de:literal;)+) => {
        $($(#[$meta])* pub(crate) const $name: Text = Text { en: $en, de: $de };)+
    };
}

// Shared pieces.
texts! {
    /// Ends a message fragment: "unknown role 'x'. Did you mean 'y'?" (the fragment has no full stop
    /// of its own, so none is left over when there is no suggestion).
    DID_YOU_MEAN = ". Did you mean '{0}'?", ". Meinten Sie '{0}'?";
    LIMIT = "{0} {1} exceeds the limit of {2}", "{0} {1} überschreitet die Grenze von {2}";
    VALUE_TOO_LONG = "the value is {0} bytes long; the limit is {1}", "der Wert ist {0} Bytes lang; die Grenze ist {1}";
    NOT_JSON = "not valid JSON at line {0}, column {1}: {2}", "kein gültiges JSON in Zeile {0}, Spalte {1}: {2}";
    UNKNOWN_PERMISSION = "unknown permission '{0}'{1}", "unbekannte Berechtigung '{0}'{1}";
    UNKNOWN_ROLE = "unknown role '{0}'{1}", "unbekannte Rolle '{0}'{1}";
    UNKNOWN_KIND = "unknown tenant kind '{0}'{1}", "unbekannte Mandantenart '{0}'{1}";
}

// Validation of a policy document.
texts! {
    INVALID_POLICY_ONE = "invalid policy: 1 problem", "ungültige Richtlinie: 1 Problem";
    INVALID_POLICY = "invalid policy: {0} problems", "ungültige Richtlinie: {0} Probleme";
    POLICY_TOO_LONG = "the policy is {0} bytes long; the limit is {1}", "die Richtlinie ist {0} Bytes lang; die Grenze ist {1}";
    SNAPSHOT_FOREIGN = "not a compiled policy of rolegate {0}: compile it again",
        "keine kompilierte Richtlinie von rolegate {0}: neu kompilieren";
    SNAPSHOT_DAMAGED = "the compiled policy is damaged: compile it again",
        "die kompilierte Richtlinie ist beschädigt: neu kompilieren";
    UNSUPPORTED_VERSION = "format version {0} is not supported; this rolegate reads version {1}",
        "die Formatversion {0} wird nicht unterstützt; dieses rolegate liest Version {1}";
    NO_TENANT_KINDS = "the policy declares no tenant kind; add at least one to 'tenantKinds'",
        "die Richtlinie deklariert keine Mandantenart; fügen Sie mindestens eine zu 'tenantKinds' hinzu";
    ID_TOO_LONG = "the {0} id is {1} bytes long; the limit is {2}", "die Kennung ({0}) ist {1} Bytes lang; die Grenze ist {2}";
    ID_EMPTY = "the {0} id is empty", "die Kennung ({0}) ist leer";
    ID_INVALID = "'{1}' is not a valid {0} id: use lowercase letters, digits, '_', '-' and '.', starting with a letter",
        "'{1}' ist keine gültige Kennung ({0}): erlaubt sind Kleinbuchstaben, Ziffern, '_', '-' und '.', beginnend mit einem Buchstaben";
    ID_TAKEN = "{0} id '{1}' is already used at {2}", "die Kennung '{1}' ({0}) ist bereits bei {2} vergeben";
    SCOPE_KEY_TENANT = "'tenant' cannot be a scope key: a resource's tenant is checked on its own", "'tenant' kann kein Bereichsschlüssel sein: der Mandant einer Ressource wird eigens geprüft";
    MODULE_TWICE = "module id '{0}' appears twice in this tenant kind", "die Modulkennung '{0}' kommt in dieser Mandantenart zweimal vor";
    ENGLISH_LABEL_EMPTY = "the English label is empty", "die englische Bezeichnung ist leer";
    GERMAN_LABEL_EMPTY = "the German label is empty", "die deutsche Bezeichnung ist leer";
    IMPLIES_CYCLE = "permissions imply each other in a circle: {0}", "Berechtigungen schließen sich im Kreis ein: {0}";
    EMPTY_KINDS = "the role is available to no tenant kind; leave 'kinds' out to make it available to every kind",
        "die Rolle ist für keine Mandantenart verfügbar; lassen Sie 'kinds' weg, um sie für alle Arten verfügbar zu machen";
    NO_KIND_OFFERS_MODULE = "no tenant kind offers module '{0}'{1}", "keine Mandantenart bietet das Modul '{0}' an{1}";
    KIND_LACKS_MODULE = "module '{0}' is not offered by tenant kind '{1}', to which the role is available",
        "das Modul '{0}' wird von der Mandantenart '{1}' nicht angeboten, für die die Rolle verfügbar ist";
    DEFAULT_ROLE_DEPRECATED = "the default role '{0}' is deprecated, and new members cannot get a deprecated role",
        "die Standardrolle '{0}' ist veraltet, und neue Mitglieder können keine veraltete Rolle erhalten";
    DEFAULT_ROLE_OTHER_KIND = "the default role '{0}' is not available to tenant kind '{1}'",
        "die Standardrolle '{0}' ist für die Mandantenart '{1}' nicht verfügbar";
    DEFAULT_ROLE_NEEDS_MODULE = "the default role '{0}' needs a module, which a tenant may not have enabled",
        "die Standardrolle '{0}' setzt ein Modul voraus, das ein Mandant eventuell nicht aktiviert hat";
    FEATURE_LEVEL_LABEL = "{0}: {1}", "{0}: {1}";
    NOT_POSITIVE = "the number must be 1 or more", "die Zahl muss 1 oder größer sein";
    NOT_AT_MOST = "the number must be at most {0}", "die Zahl darf höchstens {0} sein";
    DUPLICATE_TENANT_INVITATION_RULE = "tenants of kind '{0}' inviting kind '{1}' have a rule already", "für Mandanten der Art '{0}', die die Art '{1}' einladen, gibt es bereits eine Regel";
}

// Names used in the messages above.
texts! {
    THING_POLICY = "policy", "Richtlinie";
    THING_SCOPE_KEY = "scope key", "Geltungsbereich";
    THING_KIND = "tenant kind", "Mandantenart";
    THING_MODULE = "module", "Modul";
    THING_PERMISSION = "permission", "Berechtigung";
    THING_FEATURE = "feature", "Funktion";
    THING_ROLE = "role", "Rolle";
    THING_TENANT = "tenant", "Mandant";
    THING_RULE = "approval rule", "Freigaberegel";
    THING_ATTRIBUTE = "attribute", "Attribut";
    COUNT_PERMISSIONS = "number of permissions (features count twice):", "Anzahl der Berechtigungen (Funktionen zählen doppelt):";
    COUNT_ROLES = "number of roles:", "Anzahl der Rollen:";
    COUNT_TIERS = "number of tiers:", "Anzahl der Freigabestufen:";
    COUNT_RULES = "number of approval rules:", "Anzahl der Freigaberegeln:";
    COUNT_KINDS = "number of tenant kinds:", "Anzahl der Mandantenarten:";
    COUNT_SCOPE_KEYS = "number of scope keys:", "Anzahl der Geltungsbereiche:";
    COUNT_MODULES = "number of distinct modules:", "Anzahl verschiedener Module:";
    LABEL_LENGTH = "label length:", "Länge der Bezeichnung:";
    CHAIN_LENGTH = "implication chain length:", "Länge der Implikationskette:";
    LEVEL_READ = "Read", "Lesen";
    LEVEL_MANAGE = "Manage", "Verwalten";
}

// Shapes of JSON documents.
texts! {
    WRONG_TYPE = "expected {0}, found {1}{2}", "erwartet: {0}, gefunden: {1}{2}";
    FIELD_TWICE = "field `{0}` appears twice", "das Feld `{0}` kommt zweimal vor";
    UNKNOWN_FIELD = "unknown field `{0}`; the fields here are {1}{2}", "unbekanntes Feld `{0}`; erlaubt sind {1}{2}";
    DID_YOU_MEAN_FIELD = ". Did you mean `{0}`?", ". Meinten Sie `{0}`?";
    MISSING_FIELD = "missing field `{0}`", "das Feld `{0}` fehlt";
    NOT_A_U32 = "expected a whole number from 0 to 4294967295, found {0}", "erwartet: eine ganze Zahl von 0 bis 4294967295, gefunden: {0}";
    NOT_A_COMMENT = "a comment is a string or a list of strings", "ein Kommentar ist eine Zeichenkette oder eine Liste von Zeichenketten";
    NOT_AN_ASSIGNMENT = "expected a role id or { role, scope }, found {0}", "erwartet: eine Rollenkennung oder { role, scope }, gefunden: {0}";
    NOT_DATA = "cannot be read as JSON data: {0}", "kann nicht als JSON-Daten gelesen werden: {0}";
    KIND_OBJECT = "an object", "ein Objekt";
    KIND_LIST = "a list", "eine Liste";
    KIND_STRING = "a string", "eine Zeichenkette";
    KIND_BOOL = "true or false", "true oder false";
    KIND_NUMBER = "a number", "eine Zahl";
    KIND_WHOLE_NUMBER = "a whole number", "eine ganze Zahl";
    KIND_NULL = "null", "null";
    KIND_ATTRIBUTE_VALUE = "a string or a whole number", "eine Zeichenkette oder eine ganze Zahl";
    KIND_THRESHOLD = "money text (\"5000.00 EUR\") or a whole number", "ein Geldbetrag als Text (\"5000.00 EUR\") oder eine ganze Zahl";
    NOT_AN_I64 = "expected a whole number of at most 19 digits, found {0}", "erwartet: eine ganze Zahl mit höchstens 19 Stellen, gefunden: {0}";
    NOT_AN_ATTRIBUTE_TYPE = "'{0}' is not an attribute type: use \"money\" or \"integer\"",
        "'{0}' ist kein Attributtyp: erlaubt sind \"money\" und \"integer\"";
}

// Money.
texts! {
    MONEY_SYNTAX = "'{0}' is not an amount of money: write digits, optionally a '.' and decimals, a space and the ISO 4217 currency code, e.g. \"12000.00 EUR\"",
        "'{0}' ist kein Geldbetrag: erlaubt sind Ziffern, optional ein '.' mit Nachkommastellen, ein Leerzeichen und der ISO-4217-Währungscode, z. B. \"12000.00 EUR\"";
    MONEY_UNKNOWN_CURRENCY = "'{0}' is not an ISO 4217 currency with minor units", "'{0}' ist keine ISO-4217-Währung mit Untereinheiten";
    MONEY_TOO_PRECISE = "'{0}' has more decimals than {1} has minor units ({2})", "'{0}' hat mehr Nachkommastellen, als {1} Untereinheiten hat ({2})";
    MONEY_TOO_LARGE = "'{0}' has more than {1} digits before the decimal point", "'{0}' hat mehr als {1} Stellen vor dem Komma";
}

/// What serde_json says is wrong with JSON text (its messages, without the position), in both
/// languages; a message not listed here is shown as serde_json wrote it.
pub(crate) fn json_syntax(what: &str) -> Label {
    /// serde_json's message, ours in English (where it reads better), ours in German.
    const SYNTAX: &[(&str, &str, &str)] = &[
        ("EOF while parsing a list", "the text ends inside a list", "der Text endet in einer Liste"),
        ("EOF while parsing an object", "the text ends inside an object", "der Text endet in einem Objekt"),
        ("EOF while parsing a string", "the text ends inside a string", "der Text endet in einer Zeichenkette"),
        (
            "EOF while parsing a value",
            "the text ends where a value should follow",
            "der Text endet, wo ein Wert folgen sollte",
        ),
        ("expected `:`", "expected `:`", "`:` erwartet"),
        ("expected `,` or `]`", "expected `,` or `]`", "`,` oder `]` erwartet"),
        ("expected `,` or `}`", "expected `,` or `}`", "`,` oder `}` erwartet"),
        ("expected ident", "expected true, false or null", "true, false oder null erwartet"),
        ("expected value", "expected a value", "ein Wert erwartet"),
        ("expected `\"`", "expected `\"`", "`\"` erwartet"),
        ("invalid escape", "invalid escape sequence", "ungültige Escape-Sequenz"),
        ("invalid number", "invalid number", "ungültige Zahl"),
        ("number out of range", "number out of range", "Zahl außerhalb des Wertebereichs"),
        ("invalid unicode code point", "invalid Unicode code point", "ungültiger Unicode-Codepunkt"),
        (
            "control character (\\u0000-\\u001F) found while parsing a string",
            "a control character (\\u0000-\\u001F) in a string",
            "ein Steuerzeichen (\\u0000-\\u001F) in einer Zeichenkette",
        ),
        ("key must be a string", "a key must be a string", "ein Schlüssel muss eine Zeichenkette sein"),
        (
            "lone leading surrogate in hex escape",
            "a lone surrogate in an escape sequence",
            "ein einzelnes Ersatzzeichen in einer Escape-Sequenz",
        ),
        ("trailing comma", "a comma too many", "ein Komma zu viel"),
        ("trailing characters", "text after the JSON value", "Text nach dem JSON-Wert"),
        ("unexpected end of hex escape", "an incomplete escape sequence", "eine unvollständige Escape-Sequenz"),
        ("recursion limit exceeded", TOO_DEEP, "mehr als 127 Ebenen tief verschachtelt"),
        (TOO_DEEP, TOO_DEEP, "mehr als 127 Ebenen tief verschachtelt"),
    ];
    match SYNTAX.iter().find(|(serde, _, _)| *serde == what) {
        Some((_, en, de)) => Label::new(*en, *de),
        None => Label::new(what, what),
    }
}

// Requests: subjects and arguments.
texts! {
    EMPTY_TENANT = "the tenant is empty", "der Mandant ist leer";
    MISSING_KIND = "the tenant kind is missing; this policy has several: '{0}'", "die Mandantenart fehlt; diese Richtlinie hat mehrere: '{0}'";
    KIND_OFFERS_NO_MODULE = "tenant kind '{0}' offers no module '{1}'{2}", "die Mandantenart '{0}' bietet kein Modul '{1}' an{2}";
    TOO_MANY_MEMBERS = "{0} entries exceed the limit of {1} per organization", "{0} Einträge überschreiten die Grenze von {1} je Organisation";
    TOO_MANY_ASSIGNMENTS = "{0} role assignments exceed the limit of {1}", "{0} Rollenzuweisungen überschreiten die Grenze von {1}";
    TOO_MANY_SCOPE_ATTRIBUTES = "{0} scope attributes exceed the limit of {1}", "{0} Geltungsbereichsangaben überschreiten die Grenze von {1}";
    UNKNOWN_SCOPE_KEY = "'{0}' is not a scope key of this policy (it has: '{1}'){2}", "'{0}' ist kein Geltungsbereich dieser Richtlinie (sie hat: '{1}'){2}";
    EMPTY_SCOPE_VALUE = "the scope value is empty", "der Wert des Geltungsbereichs ist leer";
    INVALID_TIME = "'{0}' is not an RFC 3339 time, e.g. 2026-11-22T12:00:00Z", "'{0}' ist keine Zeitangabe nach RFC 3339, z. B. 2026-11-22T12:00:00Z";
    EMPTY_WINDOW = "'until' must be after 'from'", "'until' muss nach 'from' liegen";
    WINDOWS_NOT_IN_BUILD = "a window needs Node's build", "ein Zeitfenster braucht den Build für Node";
    MISSING_TIME = "the assignment has a window, and no time to decide at was given (Subject::at)",
        "die Zuweisung hat ein Zeitfenster, und keine Zeit der Entscheidung ist angegeben (Subject::at)";
    UNKNOWN_LANG = "unknown language '{0}': use 'en' or 'de'", "unbekannte Sprache '{0}': verwenden Sie 'en' oder 'de'";
    #[cfg_attr(not(all(target_arch = "wasm32", target_os = "unknown")), allow(dead_code))]
    NOT_A_TIME = "must be an RFC 3339 time (e.g. '2026-11-22T12:00:00Z') or a valid Date", "muss eine Zeit nach RFC 3339 (z. B. '2026-11-22T12:00:00Z') oder ein gültiges Date sein";
}

// Explanations of decisions. Quotes are typographic: “x” in English, „x“ in German.
texts! {
    QUOTED = "“{0}”", "„{0}“";
    AND = "{0} and {1}", "{0} und {1}";
    OR = "{0} or {1}", "{0} oder {1}";
    ALLOWED = "Allowed: the role {0} grants {1}.", "Erlaubt: Die Rolle {0} gewährt {1}.";
    ROLE_IN_SCOPE = "{0} ({1})", "{0} ({1})";
    ROLE_FROM = "{0} from {1}", "{0} ab {1}";
    ROLE_UNTIL = "{0} until {1}", "{0} bis {1}";
    SCOPE_VALUE = "{0} {1}", "{0} {1}";
    INCLUDES = "{0}, which includes {1}{2}", "{0}, das {1} einschließt{2}";
    VIA = " (via {0})", " (über {0})";
    /// `{2}` is a [`DID_YOU_MEAN`] or the full stop.
    UNKNOWN_ACTION = "Denied: {0} is not a permission of the policy {1}{2}", "Verweigert: {0} ist keine Berechtigung der Richtlinie {1}{2}";
    OTHER_TENANT = "Denied: the resource belongs to tenant {0}, not to your tenant {1}; nothing is ever allowed across tenants.",
        "Verweigert: Die Ressource gehört zum Mandanten {0}, nicht zu Ihrem Mandanten {1}; über Mandantengrenzen hinweg ist nichts erlaubt.";
    OUT_OF_SCOPE = "Denied: the role {0} grants {1} only within {2}; {3}.", "Verweigert: Die Rolle {0} gewährt {1} nur innerhalb von {2}; {3}.";
    NO_RESOURCE = "this check names no resource", "diese Prüfung nennt keine Ressource";
    RESOURCE_IN = "this resource is in {0} {1}", "diese Ressource liegt in {0} {1}";
    RESOURCE_LACKS = "this resource has no {0}", "diese Ressource hat keine Angabe zu {1}";
    ROLE_UNAVAILABLE = "Denied: the role {0} would grant {1}, but {2}.", "Verweigert: Die Rolle {0} würde {1} gewähren, {2}.";
    OTHER_KIND = "it is not available to tenants of kind {0}", "ist aber für Mandanten der Art {0} nicht verfügbar";
    MODULE_OFF = "it needs the module {0}, which is not enabled for your tenant", "setzt aber das Modul {0} voraus, das für Ihren Mandanten nicht aktiviert ist";
    EXPIRED_ON = "it expired on {0}", "ist aber am {0} abgelaufen";
    COUNTS_FROM = "it counts only from {0}", "gilt aber erst ab {0}";
    NOT_GRANTED_ONE = "Denied: none of your roles grants {0}. It is granted by the role {1}.",
        "Verweigert: Keine Ihrer Rollen gewährt {0}. Gewährt wird es von der Rolle {1}.";
    NOT_GRANTED = "Denied: none of your roles grants {0}. It is granted by the roles {1}.",
        "Verweigert: Keine Ihrer Rollen gewährt {0}. Gewährt wird es von den Rollen {1}.";
    GRANTED_BY_NONE = "Denied: none of your roles grants {0}, and no role available to your tenant does.",
        "Verweigert: Keine Ihrer Rollen gewährt {0}, und keine für Ihren Mandanten verfügbare Rolle gewährt es.";
}

// Approval processes: attributes, rules and decisions.
texts! {
    NOT_GOVERNED = "'{0}' has no approval process; the actions that have one are: '{1}'",
        "'{0}' hat kein Freigabeverfahren; eines haben: '{1}'";
    UNKNOWN_ATTRIBUTE = "'{0}' is not an attribute of this policy (it has: '{1}'){2}",
        "'{0}' ist kein Attribut dieser Richtlinie (sie hat: '{1}'){2}";
    ATTRIBUTE_IS_SCOPE_KEY = "'{0}' is a scope key already; an attribute needs a name of its own",
        "'{0}' ist bereits ein Geltungsbereich; ein Attribut braucht einen eigenen Namen";
    BOUND_NOT_INTEGER = "the bounds of '{0}' are whole numbers", "die Grenzen von '{0}' sind ganze Zahlen";
    BOUND_NOT_MONEY = "the bounds of '{0}' are money text, e.g. \"5000.00 EUR\"",
        "die Grenzen von '{0}' sind Geldbeträge als Text, z. B. \"5000.00 EUR\"";
    CONDITION_EMPTY = "the condition on '{0}' has no bound: give over, atLeast, below or upTo",
        "die Bedingung für '{0}' hat keine Grenze: over, atLeast, below oder upTo angeben";
    CONDITION_MIXED_CURRENCIES = "the bounds of '{0}' are in different currencies",
        "die Grenzen von '{0}' sind in verschiedenen Währungen";
    NO_TIERS = "a rule needs at least one tier of approvers", "eine Regel braucht mindestens eine Freigabestufe";
    EMPTY_TIER = "a tier needs at least one role", "eine Freigabestufe braucht mindestens eine Rolle";
    NOT_AN_INTEGER_ATTRIBUTE = "{0} must be a whole number, not '{1}'", "{0} muss eine ganze Zahl sein, nicht '{1}'";
    CURRENCY_MISMATCH = "{0} is in {1}, but the approval rules that apply compare it in {2}",
        "{0} ist in {1} angegeben, die geltenden Freigaberegeln vergleichen aber in {2}";
    BOUND_OVER = "over {0}", "über {0}";
    BOUND_AT_LEAST = "at least {0}", "mindestens {0}";
    BOUND_BELOW = "below {0}", "unter {0}";
    BOUND_UP_TO = "up to {0}", "bis {0}";
    CONDITION_PHRASE = "{0} {1}", "{0} {1}";
    RULE_WHEN = "{0} with {1} needs approval by {2}.", "{0} bei {1} braucht die Freigabe durch {2}.";
    RULE_ALWAYS = "{0} always needs approval by {1}.", "{0} braucht immer die Freigabe durch {1}.";
    APPROVAL_NEEDED = "Approval needed: {0}", "Freigabe nötig: {0}";
    APPROVAL_NEEDED_REQUEST = "Approval needed (you may request it): {0}", "Freigabe nötig (Sie dürfen es anfordern): {0}";
    APPROVAL_BUILTIN = "Approval needed: you may request {0} ({1}); it is released by {2}.",
        "Freigabe nötig: Sie dürfen {0} anfordern ({1}); freigeben kann es {2}.";
    INVALID_ATTRIBUTE_DENIED = "Denied: {0}.", "Verweigert: {0}.";
    APPROVALS_NOT_CONFIGURED = "the policy names no permission for setting approval rules (administration.manageApprovals)",
        "die Richtlinie nennt keine Berechtigung zum Festlegen von Freigaberegeln (administration.manageApprovals)";
    NO_APPROVALS = "the policy has no approval processes, so a tenant cannot have approval rules",
        "die Richtlinie hat keine Freigabeverfahren, also kann ein Mandant keine Freigaberegeln haben";
    TOO_MANY_RULES = "{0} approval rules; the policy allows at most {1}", "{0} Freigaberegeln; die Richtlinie erlaubt höchstens {1}";
    TOO_MANY_TIERS = "{0} tiers; the policy allows at most {1}", "{0} Freigabestufen; die Richtlinie erlaubt höchstens {1}";
    DUPLICATE_RULE = "approval rule '{0}' is listed twice", "die Freigaberegel '{0}' ist doppelt aufgeführt";
    TENANT_RULE_KINDS = "a tenant's own rule applies to its own kind; leave out 'kinds'",
        "eine eigene Regel des Mandanten gilt für seine Art; 'kinds' weglassen";
    APPROVER_NOT_IN_BOUNDS = "the policy does not let the role {0} approve in a tenant's rules",
        "die Richtlinie lässt die Rolle {0} in Regeln eines Mandanten nicht freigeben";
    APPROVER_CANNOT_APPROVE = "the role {0} does not hold {1}, so its holders cannot approve",
        "die Rolle {0} hat {1} nicht, also können ihre Inhaber nicht freigeben";
    APPROVER_UNAVAILABLE = "the role {0} is not available to this tenant (its kind or modules), or is deprecated",
        "die Rolle {0} ist für diesen Mandanten (Art oder Module) nicht verfügbar oder veraltet";
    RULE_NEVER_MATCHES = "the rule can never apply: its bounds exclude each other, or it names no requester",
        "die Regel kann nie gelten: ihre Grenzen schließen einander aus, oder sie nennt keinen Antragsteller";
}

// Approval requests: submitting and each step.
texts! {
    NOT_A_REQUEST_STATUS = "'{0}' is not a request status: use pending, approved, rejected, cancelled or expired",
        "'{0}' ist kein Status einer Anfrage: erlaubt sind pending, approved, rejected, cancelled und expired";
    NOT_A_RULE_SOURCE = "'{0}' is not a rule source: use policy, tenant or builtin",
        "'{0}' ist keine Herkunft einer Regel: erlaubt sind policy, tenant und builtin";
    UNKNOWN_STEP = "unknown step '{0}'; the steps are {1}{2}", "unbekannter Schritt '{0}'; erlaubt sind {1}{2}";
    APPROVAL_NOT_REQUIRED = "no approval needed: {0} may do {1} directly",
        "keine Freigabe nötig: {0} darf {1} direkt ausführen";
    REQUEST_CLOSED = "request '{0}' is {1} already", "die Anfrage '{0}' ist bereits abgeschlossen ({1})";
    REQUEST_EXPIRED = "request '{0}' expired on {1}; it can only be marked expired",
        "die Anfrage '{0}' ist am {1} abgelaufen; sie kann nur noch als abgelaufen markiert werden";
    NOT_EXPIRED = "request '{0}' does not expire before {1}", "die Anfrage '{0}' läuft erst am {1} ab";
    NOT_REQUESTER = "only the requester, {1}, may cancel the request, not {0}",
        "nur der Antragsteller, {1}, darf die Anfrage zurückziehen, nicht {0}";
    EMPTY_REASON = "a rejection needs a reason", "eine Ablehnung braucht eine Begründung";
    TIER_OUT_OF_ORDER = "tier {0} is approved although an earlier tier is not", "Stufe {0} ist freigegeben, eine frühere aber nicht";
    STATUS_MISMATCH = "the request is '{0}', which does not fit its tiers (approved: {1} of {2})",
        "die Anfrage ist '{0}', was nicht zu ihren Stufen passt (freigegeben: {1} von {2})";
    REQUEST_TOO_LARGE = "the request document is beyond the limits", "das Dokument der Anfrage überschreitet die Grenzen";
    OWN_REQUEST = "{0} submitted this request and cannot approve or reject it (four-eyes)",
        "{0} hat diese Anfrage gestellt und kann sie nicht freigeben oder ablehnen (Vier-Augen-Prinzip)";
    ALREADY_APPROVED = "{0} approved tier {1} of this request already; another member must approve this one (four-eyes)",
        "{0} hat Stufe {1} dieser Anfrage schon freigegeben; diese muss ein anderes Mitglied freigeben (Vier-Augen-Prinzip)";
    NOT_ELIGIBLE = "{0} may not approve tier {1}: it needs {2}, in a scope that covers the request",
        "{0} darf Stufe {1} nicht freigeben: sie braucht {2}, in einem Geltungsbereich, der die Anfrage umfasst";
    INVALID_REQUEST_ID = "a request needs an id of 1 to 256 bytes", "eine Anfrage braucht eine Kennung von 1 bis 256 Bytes";
}

// Organization lint findings of approval rules.
texts! {
    TIER_WITHOUT_APPROVER = "tier {1} of approval rule '{0}' ({2}) has no active member who could approve it other than a requester",
        "Stufe {1} der Freigaberegel '{0}' ({2}) hat außer einem Antragsteller kein aktives Mitglied, das sie freigeben könnte";
    TOO_FEW_APPROVERS = "tier {1} of approval rule '{0}' ({2}) has {3} eligible approvers; at least {4} should be able to stand in for each other",
        "Stufe {1} der Freigaberegel '{0}' ({2}) hat {3} Personen, die freigeben können; mindestens {4} sollten einander vertreten können";
    TOO_FEW_APPROVERS_ONE = "tier {1} of approval rule '{0}' ({2}) has only one eligible approver; at least {4} should be able to stand in for each other",
        "Stufe {1} der Freigaberegel '{0}' ({2}) hat nur eine Person, die freigeben kann; mindestens {4} sollten einander vertreten können";
}

// Administration: snapshots and operations.
texts! {
    NOT_A_STATUS = "expected invited, pending or active, found '{0}'", "erwartet: invited, pending oder active, gefunden: '{0}'";
    UNKNOWN_OPERATION = "unknown operation '{0}'; the operations are {1}{2}", "unbekannte Operation '{0}'; die Operationen sind {1}{2}";
    NOT_CONFIGURED = "this policy has no administration settings; add 'administration' to it",
        "diese Richtlinie hat keine Verwaltungseinstellungen; ergänzen Sie 'administration'";
    TIMED_ASSIGNMENT = "an organization's assignments cannot have a window (from, until) yet", "die Zuweisungen einer Organisation können noch kein Zeitfenster (from, until) haben";
    INVALID_EMAIL = "'{0}' is not an e-mail address", "'{0}' ist keine E-Mail-Adresse";
    DUPLICATE_MEMBER = "member id '{0}' appears twice", "die Mitgliedskennung '{0}' kommt zweimal vor";
    DUPLICATE_EMAIL = "the e-mail address {0} already belongs to {1}", "die E-Mail-Adresse {0} gehört bereits zu {1}";
    ALREADY_INVITED = "{0} has an open invitation already", "{0} hat bereits eine offene Einladung";
    NOT_A_MEMBER = "'{0}' is not a member of tenant '{1}'", "'{0}' ist kein Mitglied des Mandanten '{1}'";
    NOT_ACTIVE_MEMBER = "{0} is {1}, not an active member: no permissions until then", "{0} ist {1}, kein aktives Mitglied: bis dahin ohne Berechtigungen";
    STATUS_INVITED = "invited", "eingeladen";
    STATUS_PENDING = "waiting for approval", "noch nicht freigeschaltet";
    NOT_ACTIVE = "{0} is not an active member and cannot administer", "{0} ist kein aktives Mitglied und kann nicht verwalten";
    NOT_PERMITTED_ONE = "{0} may not do this: it needs {1}, which the role {2} grants", "{0} darf das nicht: nötig ist {1}, was die Rolle {2} gewährt";
    NOT_PERMITTED = "{0} may not do this: it needs {1}, which the roles {2} grant", "{0} darf das nicht: nötig ist {1}, was die Rollen {2} gewähren";
    NOT_PERMITTED_ANY = "{0} may not do this: it needs {1}, which no role of this tenant grants", "{0} darf das nicht: nötig ist {1}, was keine Rolle dieses Mandanten gewährt";
    ROLE_OTHER_KIND = "the role {0} is not available to tenants of kind {1}", "die Rolle {0} ist für Mandanten der Art {1} nicht verfügbar";
    ROLE_NEEDS_MODULE = "the role {0} needs the module {1}, which this tenant has not enabled", "die Rolle {0} setzt das Modul {1} voraus, das dieser Mandant nicht aktiviert hat";
    DEPRECATED_ASSIGNED = "the role {0} is deprecated and cannot be assigned anew", "die Rolle {0} ist veraltet und kann nicht neu vergeben werden";
    LAST_ADMIN = "{0} is the last active administrator of tenant '{1}'; make someone else an administrator first",
        "{0} ist der letzte aktive Administrator des Mandanten '{1}'; ernennen Sie zuerst jemand anderen zum Administrator";
    SELF_REMOVAL = "administrators cannot delete their own account", "Administratoren können ihr eigenes Konto nicht löschen";
    SELF_DEMOTION = "administrators cannot remove the administrator role from themselves", "Administratoren können sich die Administratorrolle nicht selbst entziehen";
    CUSTOM_TOO_POWERFUL = "the role would grant what tenants of kind {0} cannot have: {1}", "die Rolle würde gewähren, was Mandanten der Art {0} nicht haben können: {1}";
    ROLE_ID_TAKEN = "the role id '{0}' is already taken", "die Rollenkennung '{0}' ist bereits vergeben";
    ROLE_IN_USE = "the role '{0}' is still assigned to {1}", "die Rolle '{0}' ist noch {1} zugewiesen";
    UNKNOWN_INVITATION = "there is no invitation '{0}'", "es gibt keine Einladung '{0}'";
    INVITATION_EXPIRED = "the invitation expired on {0}", "die Einladung ist am {0} abgelaufen";
    INVITATION_USED = "the invitation was used already", "die Einladung wurde bereits verwendet";
    NOT_INVITEE = "the invitation is for {0}, not for '{1}'", "die Einladung gilt für {0}, nicht für '{1}'";
    NOT_PENDING = "{0} is not waiting for approval", "{0} wartet nicht auf Freischaltung";
    TENANT_EXISTS = "tenant '{0}' exists already: it has members, roles or invitations", "der Mandant '{0}' besteht bereits: er hat Mitglieder, Rollen oder Einladungen";
    NOT_FIRST_USER = "a tenant is created by its first user, {0}, not by '{1}'", "ein Mandant wird von seinem ersten Benutzer {0} angelegt, nicht von '{1}'";
    NO_DEFAULT_ROLE = "tenant kind {0} has no default role: name the invitation's roles", "die Mandantenart {0} hat keine Standardrolle: nennen Sie die Rollen der Einladung";
    NO_ADMIN_ROLE = "tenant kind {0} has no administrator role for a first user", "die Mandantenart {0} hat keine Administratorrolle für einen ersten Benutzer";
    ONBOARDING_NOT_CONFIGURED = "this policy lets no tenant invite another: its administration section has no tenantInvitations", "diese Richtlinie lässt keinen Mandanten einen anderen einladen: ihr Abschnitt administration hat keine tenantInvitations";
    KIND_MAY_NOT_INVITE = "tenants of kind {0} may not invite other companies", "Mandanten der Art {0} dürfen keine anderen Firmen einladen";
    KIND_NOT_INVITABLE = "tenants of kind {0} may not invite companies of kind {1}; they may invite {2}", "Mandanten der Art {0} dürfen keine Firmen der Art {1} einladen, nur {2}";
    INVITATION_REVOKED = "the invitation was revoked", "die Einladung wurde widerrufen";
    EMPTY_NAME = "the name is empty", "der Name ist leer";
    TENANT_ID_TAKEN = "tenant id '{0}' is taken: {1}", "die Mandanten-ID '{0}' ist vergeben: {1}";
    OWN_TENANT = "it is the inviting tenant's own", "es ist die des einladenden Mandanten";
    TENANT_INVITED = "a company was invited under it already", "unter ihr wurde bereits eine Firma eingeladen";
    DUPLICATE_INVITATION = "a company invitation with id '{0}' comes earlier", "eine Firmeneinladung mit der ID '{0}' steht weiter vorn";
    TENANT_INVITED_ALREADY = "{0} has an open company invitation already ({1})", "{0} hat bereits eine offene Firmeneinladung ({1})";
    MEMBER_OF_INVITER = "{0} is a member of the inviting tenant ({1}), not of a new company", "{0} ist Mitglied des einladenden Mandanten ({1}), nicht einer neuen Firma";
    UNKNOWN_TENANT_INVITATION = "there is no company invitation '{0}'", "es gibt keine Firmeneinladung '{0}'";
    INVITED_BY_SELF = "a tenant cannot have been invited by itself", "ein Mandant kann nicht von sich selbst eingeladen worden sein";
    NOT_A_TENANT_INVITATION_STATUS = "'{0}' is not a company invitation's status: 'open', 'used' or 'revoked'", "'{0}' ist kein Status einer Firmeneinladung: 'open', 'used' oder 'revoked'";
}

// Organization lint findings.
texts! {
    /// `{0}` is a `REQUESTERS…`, `{1}` a `RELEASERS…` text.
    APPROVER_COVERAGE = "{0}, but {1}, fewer than {2}: there is no substitute",
        "{0}, aber {1}, weniger als {2}: es gibt keine Vertretung";
    REQUESTERS_ONE = "1 member may request", "1 Mitglied darf anfordern";
    REQUESTERS = "{0} members may request", "{0} Mitglieder dürfen anfordern";
    RELEASERS_NONE = "no active member may release", "kein aktives Mitglied darf freigeben";
    RELEASERS_ONE = "only 1 active member may release", "nur 1 aktives Mitglied darf freigeben";
    RELEASERS = "only {0} active members may release", "nur {0} aktive Mitglieder dürfen freigeben";
    DEPRECATED_STILL_ASSIGNED = "{0} still holds the deprecated role {1}", "{0} hat noch die veraltete Rolle {1}";
    MEMBER_WITHOUT_ROLE = "{0} holds no role", "{0} hat keine Rolle";
    PENDING_TOO_LONG = "{0} has been waiting for approval since {1}, more than {2} days", "{0} wartet seit {1} auf Freischaltung, länger als {2} Tage";
    NO_ACTIVE_ADMIN = "tenant '{0}' has no active administrator", "der Mandant '{0}' hat keinen aktiven Administrator";
    OPEN_INVITATION_EXPIRED = "the invitation of {0} expired on {1} without being used", "die Einladung von {0} ist am {1} ungenutzt abgelaufen";
}

// Lint findings.
texts! {
    LISTED_TWICE = "'{0}' is listed more than once", "'{0}' ist mehrfach aufgeführt";
    KIND_WITHOUT_ADMIN = "tenant kind {0} has no administrator role (admin, not deprecated, needing no module); a new tenant's first user could not be its administrator",
        "die Mandantenart {0} hat keine Administratorrolle (admin, nicht veraltet, ohne Modul); der erste Benutzer eines neuen Mandanten könnte nicht sein Administrator sein";
    KIND_WITHOUT_DEFAULT = "tenant kind {0} has no default role; every invitation must name its roles",
        "die Mandantenart {0} hat keine Standardrolle; jede Einladung muss ihre Rollen nennen";
    PERMISSION_PHRASE = "{0} ({1})", "{0} ({1})";
    REDUNDANT_IMPLICATION = "{0} is already implied through {1}", "{0} ist bereits über {1} eingeschlossen";
    UNREACHABLE = "no role grants {0}, directly or by implication", "keine Rolle gewährt {0}, weder direkt noch eingeschlossen";
    REDUNDANT_GRANT = "the role {0} grants {1} directly, but its grant {2} already includes it; the direct grant is not needed",
        "die Rolle {0} gewährt {1} direkt, aber ihre Berechtigung {2} schließt sie bereits ein; die direkte Vergabe wird nicht benötigt";
    DEPRECATED_ROLE = "the role {0} is deprecated: members who hold it keep its permissions, but it cannot be assigned anew",
        "die Rolle {0} ist veraltet: Mitglieder, die sie haben, behalten ihre Berechtigungen, neu vergeben werden kann sie nicht";
    EMPTY_ROLE = "the role {0} grants no permission", "die Rolle {0} gewährt keine Berechtigung";
    ADMIN_WITHOUT_ADMIN_PERMISSION = "the role {0} is an administrator role but holds no administrative permission",
        "die Rolle {0} ist eine Administratorrolle, hat aber keine administrative Berechtigung";
    ADMIN_PERMISSION_IN_NON_ADMIN = "the role {0} is not an administrator role but holds administrative permissions: {1}",
        "die Rolle {0} ist keine Administratorrolle, hat aber administrative Berechtigungen: {1}";
    ADMIN_OPERATIONAL_ONE = "the administrator role {0} holds operational permissions, but tenant kind '{1}' says administrators are administrative only: {2}",
        "die Administratorrolle {0} hat operative Berechtigungen, obwohl Administratoren der Mandantenart '{1}' nur administrativ arbeiten: {2}";
    ADMIN_OPERATIONAL = "the administrator role {0} holds operational permissions, but tenant kinds '{1}' say administrators are administrative only: {2}",
        "die Administratorrolle {0} hat operative Berechtigungen, obwohl Administratoren der Mandantenarten '{1}' nur administrativ arbeiten: {2}";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_deep_names_the_limit() {
        let limit = crate::limits::MAX_DEPTH.to_string();
        assert!(TOO_DEEP.contains(&limit), "{TOO_DEEP}");
        assert!(json_syntax(TOO_DEEP).de.contains(&limit));
    }

    #[test]
    fn fills_holes_per_language() {
        let role = Label::new("Purchaser", "Einkäufer");
        let text = ALLOWED.fill(&[&QUOTED.fill(&[&role]), &"x"]);
        assert_eq!(text.en, "Allowed: the role “Purchaser” grants x.");
        assert_eq!(text.de, "Erlaubt: Die Rolle „Einkäufer“ gewährt x.");
    }

    #[test]
    fn leaves_other_braces_and_missing_arguments_alone() {
        assert_eq!(NOT_AN_ASSIGNMENT.fill(&[&"a number"]).en, "expected a role id or { role, scope }, found a number");
        assert_eq!(render("{9} {x} {", &[], Lang::En), " {x} {");
    }
}
