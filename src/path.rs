//! JSON paths for messages (`$.roles[3].grants[1]`), and decimal numbers, built by plain
//! concatenation: `format!` at each of the many places that name a path was a good part of the
//! wasm module's code.

/// `parent.key`.
pub(crate) fn key(parent: &str, key: &str) -> String {
    [parent, ".", key].concat()
}

/// `parent[i]`.
pub(crate) fn index(parent: &str, i: usize) -> String {
    let mut out = String::with_capacity(parent.len() + 6);
    out.push_str(parent);
    out.push('[');
    push_decimal(&mut out, i);
    out.push(']');
    out
}

/// `n` in decimal.
pub(crate) fn decimal(n: usize) -> String {
    let mut out = String::new();
    push_decimal(&mut out, n);
    out
}

fn push_decimal(out: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_numbers() {
        assert_eq!(index(&key(&index("$.roles", 3), "grants"), 10), "$.roles[3].grants[10]");
        assert_eq!(decimal(0), "0");
        assert_eq!(decimal(usize::MAX), usize::MAX.to_string());
    }
}
