//! Money for approval rules: an amount in integer minor units of an ISO 4217 currency, never a
//! float. Its text is `"12000.00 EUR"`: digits, optionally a `.` and at most as many decimals as
//! the currency has minor units (EUR 2, JPY 0, BHD 3), one space, the currency's code. Fewer
//! decimals are fine (`"12000 EUR"` is 1,200,000 cents); more are refused, so that no amount is
//! ever rounded. Which codes exist and how many minor units each has is the `iso_currency`
//! crate's table.

use crate::lang::{Label, Lang};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;

/// The most digits before the decimal point: with four minor units (the most ISO 4217 has) the
/// amount still fits an `i64`.
const MAX_WHOLE_DIGITS: usize = 14;

/// An amount of money: minor units of a currency, e.g. 500000 EUR cents for `"5000.00 EUR"`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// The amount in the currency's minor units (cents for EUR).
    pub minor: i64,
    /// The ISO 4217 code, e.g. `EUR`, as three ASCII capital letters.
    pub currency: [u8; 3],
    /// How many minor units make the currency's major unit, as a power of ten (2 for EUR).
    pub exponent: u8,
}

/// Why a text is not money.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MoneyError {
    /// Not `"<amount> <CODE>"`.
    Syntax,
    /// The code is not an ISO 4217 currency with minor units.
    UnknownCurrency(String),
    /// More decimals than the currency has minor units.
    TooPrecise {
        /// The currency's code.
        currency: String,
        /// How many minor units it has.
        exponent: u8,
    },
    /// More than 14 digits before the decimal point (so that every amount fits an `i64`).
    TooLarge,
}

impl Money {
    /// Reads `"12000.00 EUR"`.
    pub fn parse(text: &str) -> Result<Money, MoneyError> {
        let bytes = text.as_bytes();
        let Some(space) = bytes.iter().position(|&b| b == b' ') else { return Err(MoneyError::Syntax) };
        let (amount, code) = (&bytes[..space], &bytes[space + 1..]);
        if code.len() != 3 || !code.iter().all(u8::is_ascii_uppercase) {
            return Err(MoneyError::Syntax);
        }
        // INVARIANT: three ASCII capitals, checked above.
        let code_text: String = code.iter().map(|&b| char::from(b)).collect();
        let code_text = code_text.as_str();
        let exponent = iso_currency::Currency::from_code(code_text)
            .and_then(|c| c.exponent())
            .and_then(|e| u8::try_from(e).ok())
            .filter(|&e| e <= 4)
            .ok_or_else(|| MoneyError::UnknownCurrency(code_text.to_string()))?;
        let (negative, amount) = match amount.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, amount),
        };
        let (whole, decimals) = match amount.iter().position(|&b| b == b'.') {
            Some(dot) => (&amount[..dot], Some(&amount[dot + 1..])),
            None => (amount, None),
        };
        let digits = |part: &[u8]| !part.is_empty() && part.iter().all(u8::is_ascii_digit);
        if !digits(whole) || decimals.is_some_and(|d| !digits(d)) {
            return Err(MoneyError::Syntax);
        }
        let decimals = decimals.unwrap_or_default();
        if decimals.len() > usize::from(exponent) {
            return Err(MoneyError::TooPrecise { currency: code_text.to_string(), exponent });
        }
        if whole.len() > MAX_WHOLE_DIGITS {
            return Err(MoneyError::TooLarge);
        }
        let mut minor: i64 = 0;
        for &digit in whole.iter().chain(decimals) {
            minor = minor * 10 + i64::from(digit - b'0');
        }
        for _ in decimals.len()..usize::from(exponent) {
            minor *= 10;
        }
        let currency = [code[0], code[1], code[2]];
        Ok(Money { minor: if negative { -minor } else { minor }, currency, exponent })
    }

    /// The currency's code, e.g. `EUR`.
    pub fn code(&self) -> String {
        self.currency.iter().map(|&b| char::from(b)).collect()
    }

    /// Whether two amounts are in the same currency.
    pub fn same_currency(&self, other: &Money) -> bool {
        self.currency == other.currency
    }

    /// Compares two amounts of the same currency; `None` for different currencies.
    pub fn compare(&self, other: &Money) -> Option<Ordering> {
        self.same_currency(other).then(|| self.minor.cmp(&other.minor))
    }

    /// The text as [`Money::parse`] reads it, with all the currency's decimals: `"5000.00 EUR"`.
    pub fn to_text(&self) -> String {
        self.written('.', None)
    }

    /// The amount for a reader of `lang`: `"5,000.00 EUR"` in English, `"5.000,00 EUR"` in German.
    pub fn display(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.written('.', Some(',')),
            Lang::De => self.written(',', Some('.')),
        }
    }

    /// The amount in both languages.
    pub fn label(&self) -> Label {
        Label { en: self.display(Lang::En), de: self.display(Lang::De) }
    }

    fn written(&self, point: char, thousands: Option<char>) -> String {
        // The digits, least significant first, at least one more than the decimals.
        let exponent = usize::from(self.exponent);
        let mut digits: Vec<u8> = Vec::with_capacity(24);
        let mut rest = self.minor.unsigned_abs();
        while rest > 0 || digits.len() <= exponent {
            digits.push(b'0' + (rest % 10) as u8);
            rest /= 10;
        }
        let mut out = String::with_capacity(digits.len() + 12);
        if self.minor < 0 {
            out.push('-');
        }
        for i in (0..digits.len()).rev() {
            out.push(char::from(digits[i]));
            if i == exponent && exponent > 0 {
                out.push(point);
            } else if i > exponent && (i - exponent) % 3 == 0 {
                if let Some(separator) = thousands {
                    out.push(separator);
                }
            }
        }
        out.push(' ');
        out.push_str(&self.code());
        out
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text())
    }
}

impl MoneyError {
    /// What is wrong with `text`, in both languages.
    pub fn message(&self, text: &str) -> Label {
        use crate::messages as msg;
        match self {
            MoneyError::Syntax => msg::MONEY_SYNTAX.fill(&[&text]),
            MoneyError::UnknownCurrency(code) => msg::MONEY_UNKNOWN_CURRENCY.fill(&[code]),
            MoneyError::TooPrecise { currency, exponent } => {
                msg::MONEY_TOO_PRECISE.fill(&[&text, currency, &exponent.to_string()])
            }
            MoneyError::TooLarge => msg::MONEY_TOO_LARGE.fill(&[&text, &MAX_WHOLE_DIGITS.to_string()]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_minor_units_exactly() {
        let m = Money::parse("12000.00 EUR").unwrap();
        assert_eq!((m.minor, m.code().as_str(), m.exponent), (1_200_000, "EUR", 2));
        assert_eq!(Money::parse("12000 EUR").unwrap().minor, 1_200_000);
        assert_eq!(Money::parse("0.5 EUR").unwrap().minor, 50);
        assert_eq!(Money::parse("1500 JPY").unwrap().minor, 1500);
        assert_eq!(Money::parse("1.234 BHD").unwrap().minor, 1234);
        assert_eq!(Money::parse("-3.10 EUR").unwrap().minor, -310);
        assert_eq!(Money::parse("99999999999999.99 EUR").unwrap().minor, 9_999_999_999_999_999);
    }

    #[test]
    fn refuses_what_is_not_money() {
        for bad in ["", "12000", "EUR", "12000.00EUR", "12000.00  EUR", "12,000.00 EUR", "1e3 EUR", ".5 EUR", "5. EUR"]
        {
            assert_eq!(Money::parse(bad), Err(MoneyError::Syntax), "{bad}");
        }
        assert_eq!(Money::parse("5 eur"), Err(MoneyError::Syntax));
        assert_eq!(Money::parse("5 EUX"), Err(MoneyError::UnknownCurrency("EUX".into())));
        assert_eq!(Money::parse("5 XAU"), Err(MoneyError::UnknownCurrency("XAU".into())), "gold has no minor units");
        assert_eq!(Money::parse("0.001 EUR"), Err(MoneyError::TooPrecise { currency: "EUR".into(), exponent: 2 }));
        assert_eq!(Money::parse("1.5 JPY"), Err(MoneyError::TooPrecise { currency: "JPY".into(), exponent: 0 }));
        assert_eq!(Money::parse("999999999999999 EUR"), Err(MoneyError::TooLarge));
    }

    #[test]
    fn writes_for_machines_and_readers() {
        let m = Money::parse("5000 EUR").unwrap();
        assert_eq!(m.to_text(), "5000.00 EUR");
        assert_eq!(m.display(Lang::En), "5,000.00 EUR");
        assert_eq!(m.display(Lang::De), "5.000,00 EUR");
        assert_eq!(Money::parse("1234567.5 EUR").unwrap().display(Lang::En), "1,234,567.50 EUR");
        assert_eq!(Money::parse("0.05 EUR").unwrap().to_text(), "0.05 EUR");
        assert_eq!(Money::parse("-0.05 EUR").unwrap().display(Lang::De), "-0,05 EUR");
        assert_eq!(Money::parse("1500 JPY").unwrap().display(Lang::En), "1,500 JPY");
        assert_eq!(
            Money::parse("100 EUR").unwrap().compare(&Money::parse("99.99 EUR").unwrap()),
            Some(Ordering::Greater)
        );
        assert_eq!(Money::parse("100 EUR").unwrap().compare(&Money::parse("100 USD").unwrap()), None);
    }
}
