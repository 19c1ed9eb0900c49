//! `WasmSession`: one subject compiled, held by JavaScript.

use super::convert::{resource, to_js};
use super::error;
use crate::Session;
use wasm_bindgen::prelude::*;

/// A compiled subject. The package's `Session` class wraps it.
#[wasm_bindgen]
pub struct WasmSession {
    session: Session,
}

impl WasmSession {
    pub(crate) fn new(session: Session) -> Self {
        WasmSession { session }
    }
}

#[wasm_bindgen]
impl WasmSession {
    /// The subject's tenant.
    #[wasm_bindgen(getter)]
    pub fn tenant(&self) -> String {
        self.session.tenant().to_string()
    }

    /// Until when the answers hold, in milliseconds since the epoch (for a `Date`): the earliest
    /// `from` or `until` of an assignment ahead; `undefined` when none is.
    /// (Only in Node's module: the browser modules refuse windows, and there the package's
    /// `validUntil` is always `null`.)
    #[cfg(feature = "wasm-windows")]
    #[wasm_bindgen(getter, js_name = validUntil)]
    pub fn valid_until(&self) -> Option<f64> {
        self.session.valid_until().map(|seconds| seconds as f64 * 1000.0)
    }

    /// Whether the subject may do the action on the resource (for an action with an approval
    /// process: without approval); a resource whose typed attributes do not read is a
    /// `RequestError`.
    pub fn can(&self, action: &str, resource_value: JsValue) -> Result<bool, JsValue> {
        let resource = resource(resource_value)?;
        self.session.try_can(action, resource.as_ref()).map_err(|e| error::request(&e))
    }

    /// The three-way decision: `{ allowed, effect, code, approval? }`.
    pub fn decide(&self, action: &str, resource_value: JsValue) -> Result<JsValue, JsValue> {
        let resource = resource(resource_value)?;
        to_js(&self.session.evaluate(action, resource.as_ref()).map_err(|e| error::request(&e))?)
    }

    /// Which resources the subject may do the action on: `{ decision, tenant, code?, anyOf? }`.
    pub fn plan(&self, action: &str) -> Result<JsValue, JsValue> {
        to_js(&self.session.plan(action))
    }

    /// The decision, explained, with the message in `lang`.
    pub fn explain(&self, action: &str, resource_value: JsValue, lang: Option<String>) -> Result<JsValue, JsValue> {
        let lang = error::lang(lang)?;
        let resource = resource(resource_value)?;
        // A resource whose typed attributes do not read is explained (`invalid_attribute`).
        to_js(&self.session.explain(action, resource.as_ref()).in_lang(lang))
    }

    /// The actions whose answers depend on the resource's typed attributes for this subject (an
    /// approval rule of its tenant applies to it), which the package's fast path leaves to the
    /// module.
    #[wasm_bindgen(js_name = actionsWithRules)]
    pub fn actions_with_rules(&self) -> Result<JsValue, JsValue> {
        to_js(&self.session.actions_with_rules())
    }

    /// The rules of `actionsWithRules` as numbers, for the package's fast path (`fastRules`, see
    /// `FastRules`). Built with js-sys rather than serde-wasm-bindgen: the serializers of these
    /// types were 2.6 KB gzip of the lean module. Only in Node's module (with the requests, the
    /// server's): in the browser builds, whose budgets this would exceed (1.8 KB gzip of the
    /// lean module), a page's few checks of these actions ask the module.
    #[cfg(feature = "wasm-requests")]
    #[wasm_bindgen(js_name = fastRules)]
    pub fn fast_rules(&self) -> Result<JsValue, JsValue> {
        use js_sys::{Array, Object, Reflect};
        fn set(target: &Object, key: &str, value: &JsValue) -> Result<(), JsValue> {
            Reflect::set(target, &JsValue::from_str(key), value).map(|_| ())
        }
        let number = |n: Option<i64>| n.map(|n| JsValue::from_f64(n as f64));
        let tables = Array::new();
        for table in self.session.fast_rules() {
            let attributes = Array::new();
            for a in &table.attributes {
                let currencies = Object::new();
                for (code, exponent) in &a.currencies {
                    set(&currencies, code, &JsValue::from(*exponent))?;
                }
                let attribute = Object::new();
                set(&attribute, "id", &JsValue::from_str(&a.id))?;
                set(&attribute, "money", &JsValue::from_bool(a.money))?;
                set(&attribute, "currencies", &currencies)?;
                attributes.push(&attribute);
            }
            let rules = Array::new();
            for conditions in &table.rules {
                let list = Array::new();
                for c in conditions {
                    let condition = Object::new();
                    set(&condition, "attribute", &JsValue::from_f64(c.attribute as f64))?;
                    if let Some(currency) = &c.currency {
                        set(&condition, "currency", &JsValue::from_str(currency))?;
                    }
                    for (key, bound) in
                        [("over", c.over), ("atLeast", c.at_least), ("below", c.below), ("upTo", c.up_to)]
                    {
                        if let Some(value) = number(bound) {
                            set(&condition, key, &value)?;
                        }
                    }
                    list.push(&condition);
                }
                rules.push(&list);
            }
            let out = Object::new();
            set(&out, "action", &JsValue::from_str(&table.action))?;
            set(&out, "attributes", &attributes)?;
            set(&out, "rules", &rules)?;
            tables.push(&out);
        }
        Ok(tables.into())
    }

    /// The subject's effective permissions.
    pub fn permissions(&self) -> Result<JsValue, JsValue> {
        to_js(&self.session.permissions())
    }
}
