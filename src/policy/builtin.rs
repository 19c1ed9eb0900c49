//! The built-in policies, embedded in the binary from `policies/*.json` (minified by `build.rs`).

use std::fmt;
use std::str::FromStr;

/// A policy shipped with rolegate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Builtin {
    /// `mytrumpf`: the customer portal (e-shop, service cases, company administrator).
    Mytrumpf,
    /// `platform`: the IoT service platform (operators, service providers, app developers).
    Platform,
}

impl Builtin {
    /// Every built-in policy.
    pub const ALL: [Builtin; 2] = [Builtin::Mytrumpf, Builtin::Platform];

    /// The policy's id: `mytrumpf` or `platform`.
    pub fn id(self) -> &'static str {
        match self {
            Builtin::Mytrumpf => "mytrumpf",
            Builtin::Platform => "platform",
        }
    }

    /// The policy's JSON text (minified).
    #[cfg(feature = "builtin-policies")]
    pub fn source(self) -> &'static str {
        match self {
            Builtin::Mytrumpf => include_str!(concat!(env!("OUT_DIR"), "/mytrumpf.json")),
            Builtin::Platform => include_str!(concat!(env!("OUT_DIR"), "/platform.json")),
        }
    }
}

impl fmt::Display for Builtin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The error of naming a built-in policy that does not exist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownBuiltin(pub String);

impl UnknownBuiltin {
    /// The stable code of this error: `unknown_builtin`.
    pub const CODE: &'static str = "unknown_builtin";
}

impl fmt::Display for UnknownBuiltin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown built-in policy '{}': use 'mytrumpf' or 'platform'", self.0)
    }
}

impl std::error::Error for UnknownBuiltin {}

impl FromStr for Builtin {
    type Err = UnknownBuiltin;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Builtin::ALL.into_iter().find(|b| b.id() == s).ok_or_else(|| UnknownBuiltin(s.to_string()))
    }
}
