//! [`Value`]: a parsed JSON document, and [`ToJson`] for what the engine returns.

/// A JSON value. Objects keep their members in order (duplicates are reported by decoders);
/// numbers keep their source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written (always valid JSON number syntax).
    Number(String),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object: its members in document order.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// An object from members, in order.
    pub fn object<K: Into<String>>(members: impl IntoIterator<Item = (K, Value)>) -> Value {
        Value::Object(members.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// What kind of value this is, for messages.
    pub(crate) fn kind(&self) -> crate::Label {
        use crate::messages as msg;
        match self {
            Value::Null => msg::KIND_NULL.label(),
            Value::Bool(_) => msg::KIND_BOOL.label(),
            Value::Number(_) => msg::KIND_NUMBER.label(),
            Value::String(_) => msg::KIND_STRING.label(),
            Value::Array(_) => msg::KIND_LIST.label(),
            Value::Object(_) => msg::KIND_OBJECT.label(),
        }
    }
}

/// Conversion to a JSON [`Value`]: every result the engine returns implements it.
pub trait ToJson {
    /// This value as JSON.
    fn to_json(&self) -> Value;

    /// This value as compact JSON text.
    fn to_json_string(&self) -> String {
        self.to_json().to_compact_string()
    }
}

impl ToJson for str {
    fn to_json(&self) -> Value {
        Value::String(self.to_string())
    }
}

impl ToJson for String {
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
}

impl ToJson for bool {
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
}

impl ToJson for u32 {
    fn to_json(&self) -> Value {
        Value::Number(crate::path::decimal(*self as usize))
    }
}

impl ToJson for usize {
    fn to_json(&self) -> Value {
        Value::Number(crate::path::decimal(*self))
    }
}

impl ToJson for Value {
    fn to_json(&self) -> Value {
        self.clone()
    }
}

impl<T: ToJson> ToJson for [T] {
    fn to_json(&self) -> Value {
        // A loop, not `map().collect()`: one small body per item type instead of three.
        let mut items = Vec::with_capacity(self.len());
        for item in self {
            items.push(item.to_json());
        }
        Value::Array(items)
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Value {
        self.as_slice().to_json()
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToJson::to_json)
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn to_json(&self) -> Value {
        (**self).to_json()
    }
}
