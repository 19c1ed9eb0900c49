// Using a plan (`session.plan(action)`) where lists live: a SQL `WHERE` fragment with its values
// as parameters, and a filter for arrays in the page. Plain JavaScript over the plan's JSON shape;
// no call into the wasm module, so they work on a plan that came from the server too.
//
// The rule they apply is the engine's (`Plan::allows`): a resource of another tenant is never
// allowed; `always` allows every resource of the plan's tenant, `never` none, `conditional` those
// that carry every attribute of one of `anyOf`'s scopes with the same value (and none of
// `excluding`'s). A plan of an action with an approval process may have `unless`: conditions on
// typed attributes (money `"5000.00 EUR"`, whole numbers) under which the action needs approval
// instead, so a resource meeting every condition of one entry is not allowed; an absent attribute
// meets a condition, and a value that does not read, or money in a currency none of the entries
// names, is not allowed either (the engine refuses those).

import { argumentError, describe, unreadable } from './errors.js';

const DECISIONS = ['always', 'never', 'conditional'];
const { hasOwn, keys: ownKeys } = Object;

/** What a caller's function (`attributes`, `placeholder`) threw: passed on as it is. */
class Thrown {
  constructor(error) {
    this.error = error;
  }
}

/** `fn(arg)`, a caller's function; what it throws passes through `guarded` unchanged. */
function callback(fn, arg) {
  try {
    return fn(arg);
  } catch (error) {
    throw new Thrown(error);
  }
}

/**
 * `fn()`, with anything that reading the arguments throws (a getter, a proxy) turned into a
 * `RequestError`; the package's own errors and the caller's functions' errors pass unchanged.
 */
function guarded(fn) {
  try {
    return fn();
  } catch (error) {
    throw error instanceof Thrown ? error.error : unreadable(error, 'arguments');
  }
}

/** `value` checked as a plan: the object `plan()` returns (or its JSON, parsed). */
function checkPlan(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw argumentError('plan', `must be a plan object, not ${describe(value)}`, `muss ein Plan-Objekt sein, nicht ${describe(value)}`);
  }
  if (!DECISIONS.includes(value.decision)) {
    const what = describe(value.decision);
    throw argumentError('plan.decision', `must be 'always', 'never' or 'conditional', not ${what}`, `muss 'always', 'never' oder 'conditional' sein, nicht ${what}`);
  }
  if (typeof value.tenant !== 'string') {
    const what = describe(value.tenant);
    throw argumentError('plan.tenant', `must be a string, not ${what}`, `muss eine Zeichenkette sein, nicht ${what}`);
  }
  checkUnless(value.unless);
  if (value.excluding !== undefined) checkScope(value.excluding, 'plan.excluding', true);
  if (value.decision !== 'conditional') return value;
  if (!Array.isArray(value.anyOf) || value.anyOf.length === 0) {
    const what = describe(value.anyOf);
    throw argumentError('plan.anyOf', `must be a non-empty array of scopes, not ${what}`, `muss eine nicht leere Liste von Bereichen sein, nicht ${what}`);
  }
  value.anyOf.forEach((scope, i) => checkScope(scope, `plan.anyOf[${i}]`, false));
  return value;
}

/** A scope of a plan: an object of string attributes (non-empty unless `mayBeEmpty`). */
function checkScope(scope, path, mayBeEmpty) {
  if (scope === null || typeof scope !== 'object' || Array.isArray(scope) || (!mayBeEmpty && ownKeys(scope).length === 0)) {
    throw argumentError(path, `must be a non-empty object of scope attributes, not ${describe(scope)}`, `muss ein nicht leeres Objekt von Bereichsattributen sein, nicht ${describe(scope)}`);
  }
  for (const key of ownKeys(scope)) {
    if (typeof scope[key] !== 'string') {
      const what = describe(scope[key]);
      throw argumentError(`${path}.${key}`, `must be a string, not ${what}`, `muss eine Zeichenkette sein, nicht ${what}`);
    }
  }
}

const BOUNDS = ['over', 'atLeast', 'below', 'upTo'];
/** Money as the engine writes it: digits, decimals, one space, the ISO 4217 code. */
const MONEY = /^(-?)(\d{1,14})(?:\.(\d+))? ([A-Z]{3})$/;
const INTEGER = /^-?\d+$/;
const I64 = [-(2n ** 63n), 2n ** 63n - 1n];

/** Money text as `{ minor, digits, currency }` (`minor` a BigInt of `digits` decimals), or undefined. */
function money(text) {
  const m = typeof text === 'string' ? MONEY.exec(text) : null;
  if (!m) return undefined;
  const decimals = m[3] ?? '';
  const minor = BigInt(m[2] + decimals) * (m[1] ? -1n : 1n);
  return { minor, digits: decimals.length, currency: m[4] };
}

/** A bound of `plan.unless`, compiled: `{ kind: 'money', minor, digits, currency }` or `{ kind: 'integer', value }`. */
function bound(value, path) {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return { kind: 'integer', value: BigInt(value) };
  const m = money(value);
  if (m !== undefined) return { kind: 'money', ...m };
  throw argumentError(path, `must be money text ("5000.00 EUR") or a whole number, not ${describe(value)}`, `muss ein Geldbetrag als Text ("5000.00 EUR") oder eine ganze Zahl sein, nicht ${describe(value)}`);
}

/** `plan.unless`, checked: a list of objects attribute → { over?, atLeast?, below?, upTo? }. */
function checkUnless(unless) {
  if (unless === undefined) return;
  if (!Array.isArray(unless)) {
    throw argumentError('plan.unless', `must be a list of conditions, not ${describe(unless)}`, `muss eine Liste von Bedingungen sein, nicht ${describe(unless)}`);
  }
  unless.forEach((entry, i) => {
    const path = `plan.unless[${i}]`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      throw argumentError(path, `must be an object of conditions, not ${describe(entry)}`, `muss ein Objekt von Bedingungen sein, nicht ${describe(entry)}`);
    }
    for (const name of ownKeys(entry)) {
      const condition = entry[name];
      const at = `${path}.${name}`;
      if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) {
        throw argumentError(at, `must be an object of bounds, not ${describe(condition)}`, `muss ein Objekt von Grenzen sein, nicht ${describe(condition)}`);
      }
      for (const key of ownKeys(condition)) {
        if (!BOUNDS.includes(key)) {
          throw argumentError(`${at}.${key}`, `is not a bound: use ${BOUNDS.join(', ')}`, `ist keine Grenze: erlaubt sind ${BOUNDS.join(', ')}`);
        }
        bound(condition[key], `${at}.${key}`);
      }
    }
  });
}

/** The compiled `unless` of a plan: `[[name, [[bound kind, bound]…]]…]` per entry, and the currencies per money attribute. */
function compileUnless(unless) {
  const entries = (unless ?? []).map((entry) =>
    ownKeys(entry).map((name) => [name, ownKeys(entry[name]).map((key) => [key, bound(entry[name][key], '')])]),
  );
  const currencies = new Map();
  for (const entry of entries) {
    for (const [name, bounds] of entry) {
      for (const [, b] of bounds) {
        if (b.kind !== 'money') continue;
        if (!currencies.has(name)) currencies.set(name, new Map());
        currencies.get(name).set(b.currency, b.digits);
      }
    }
  }
  return { entries, currencies };
}

/** Whether `value` compared with `b` meets bound `key`. */
function meets(key, value, b) {
  const order = value < b ? -1 : value > b ? 1 : 0;
  if (key === 'over') return order > 0;
  if (key === 'atLeast') return order >= 0;
  if (key === 'below') return order < 0;
  return order <= 0;
}

/**
 * Whether the compiled `unless` blocks `resource` (see the file's head): the engine's
 * `unless_blocks`. A value is read as the engine reads it: money text, a whole number as a JSON
 * number or decimal text.
 */
function blocks({ entries, currencies }, resource) {
  if (entries.length === 0) return false;
  const present = (name) => resource !== undefined && resource !== null && hasOwn(resource, name) && resource[name] !== undefined && resource[name] !== null;
  for (const [name, named] of currencies) {
    if (!present(name)) continue;
    const m = money(resource[name]);
    if (m === undefined || !named.has(m.currency) || m.digits > named.get(m.currency)) return true;
  }
  return entries.some((entry) =>
    entry.every(([name, bounds]) => {
      if (!present(name) || bounds.length === 0) return true;
      const raw = resource[name];
      return bounds.every(([key, b]) => {
        if (b.kind === 'money') {
          const m = money(raw);
          if (m === undefined) return true;
          if (m.currency !== b.currency) return false;
          const scale = 10n ** BigInt(b.digits - m.digits);
          return meets(key, m.minor * scale, b.minor);
        }
        let value;
        if (typeof raw === 'number' && Number.isSafeInteger(raw)) value = BigInt(raw);
        else if (typeof raw === 'string' && INTEGER.test(raw)) value = BigInt(raw);
        else return true;
        if (value < I64[0] || value > I64[1]) return true;
        return meets(key, value, b.value);
      });
    }),
  );
}

/** The path of the resource numbered `index` in errors: `rows[3]`, or `resource` for -1. */
const pathOf = (index) => (index < 0 ? 'resource' : `rows[${index}]`);

/**
 * Whether `resource` has its own attribute `key` equal to `expected` (a string). A whole number
 * counts as its decimal text, as the engine reads it.
 */
function has(resource, key, expected, index) {
  const value = resource[key];
  if (value === expected) return hasOwn(resource, key);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value) === expected && hasOwn(resource, key);
  if (value !== undefined && value !== null && typeof value !== 'string' && hasOwn(resource, key)) {
    const what = describe(value);
    throw argumentError(`${pathOf(index)}.${key}`, `must be a string or a whole number, not ${what}`, `muss eine Zeichenkette oder eine ganze Zahl sein, nicht ${what}`);
  }
  return false;
}

/**
 * The test of a checked plan: `(resource, index) => boolean`, `index` numbering the resource in
 * errors (-1 for a single one; a path is made only for an error, never per row).
 */
function tester(plan) {
  const { decision, tenant: planTenant } = plan;
  // Each scope as a flat [key, value, key, value…] list.
  const scopes = decision === 'conditional' ? plan.anyOf.map((scope) => ownKeys(scope).flatMap((key) => [key, scope[key]])) : [];
  const excluding = decision === 'conditional' && plan.excluding ? ownKeys(plan.excluding).map((key) => [key, plan.excluding[key]]) : [];
  const unless = compileUnless(plan.unless);
  const allowed = (resource, index) => {
    if (decision === 'never') return false;
    if (blocks(unless, resource)) return false;
    if (resource === undefined || resource === null) return decision === 'always';
    for (const [key, value] of excluding) if (has(resource, key, value, index)) return false;
    return true;
  };
  return (resource, index) => byScope(resource, index) && allowed(resource, index);
  function byScope(resource, index) {
    if (resource === undefined || resource === null) return decision === 'always';
    if (typeof resource !== 'object' || Array.isArray(resource)) {
      throw argumentError(pathOf(index), `must be an object, not ${describe(resource)}`, `muss ein Objekt sein, nicht ${describe(resource)}`);
    }
    // Another tenant's resource is never allowed (a resource without one is of the plan's).
    const tenant = resource.tenant;
    if (tenant !== undefined && tenant !== null && !has(resource, 'tenant', planTenant, index) && hasOwn(resource, 'tenant')) return false;
    if (decision !== 'conditional') return decision === 'always';
    for (let s = 0; s < scopes.length; s++) {
      const terms = scopes[s];
      let t = 0;
      while (t < terms.length && has(resource, terms[t], terms[t + 1], index)) t += 2;
      if (t === terms.length) return true;
    }
    return false;
  }
}

/**
 * Whether `plan` allows `resource` (`{ tenant?, facility?, … }`; no resource in particular when
 * left out): the answer `can(action, resource)` gives for the plan's subject and action.
 */
export function planAllows(plan, resource) {
  return guarded(() => tester(checkPlan(plan))(resource, -1));
}

/**
 * The rows of `rows` that `plan` allows, in their order. `options.attributes(row)` gives a row's
 * resource (`{ tenant?, facility?, … }`, values strings); by default the row is its own resource.
 */
export function filter(plan, rows, options = {}) {
  return guarded(() => filterRows(plan, rows, options));
}

function filterRows(plan, rows, options) {
  const checked = checkPlan(plan);
  if (!Array.isArray(rows)) {
    throw argumentError('rows', `must be an array, not ${describe(rows)}`, `muss eine Liste sein, nicht ${describe(rows)}`);
  }
  const attributes = options?.attributes ?? ((row) => row);
  if (typeof attributes !== 'function') {
    const what = describe(attributes);
    throw argumentError('options.attributes', `must be a function, not ${what}`, `muss eine Funktion sein, nicht ${what}`);
  }
  const single = singleTenant(options);
  if (checked.decision === 'never') return [];
  const allows = tester(checked);
  const kept = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const resource = callback(attributes, row);
    if (!single) tenantNamed(resource, i, checked.tenant);
    if (allows(resource, i)) kept.push(row);
  }
  return kept;
}

/** `options.singleTenant`: `true`, or `false` when left out; anything else is refused. */
function singleTenant(options) {
  const value = options?.singleTenant;
  if (value === undefined || value === false) return false;
  if (value === true) return true;
  const what = describe(value);
  throw argumentError('options.singleTenant', `must be true or false, not ${what}`, `muss true oder false sein, nicht ${what}`);
}

/**
 * Refuses a row whose resource names no tenant: on a table of several tenants it would count as
 * the plan's own. `{ singleTenant: true }` says the rows are of one tenant (then none need it).
 */
function tenantNamed(resource, index, planTenant) {
  // Not an object: the test refuses it with its own word.
  if (resource !== null && resource !== undefined && (typeof resource !== 'object' || Array.isArray(resource))) return;
  if (resource !== null && resource !== undefined && hasOwn(resource, 'tenant') && resource.tenant !== undefined && resource.tenant !== null) return;
  throw argumentError(
    `${pathOf(index)}.tenant`,
    `is missing: without it the row would count as tenant '${planTenant}''s; give each row's tenant (options.attributes: (row) => ({ tenant: row.tenant_id, … })), or { singleTenant: true } when the rows are of tenant '${planTenant}' alone`,
    `fehlt: Ohne ihn zählte die Zeile als eine des Mandanten '${planTenant}'; den Mandanten jeder Zeile angeben (options.attributes: (row) => ({ tenant: row.tenant_id, … })) oder { singleTenant: true }, wenn die Zeilen nur von '${planTenant}' sind`,
  );
}

/** A SQL identifier, possibly qualified (`c.facility_id`), or a double-quoted one. */
const IDENTIFIER = /^(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")(?:\.(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+"))*$/;

/** The placeholder maker for `options.placeholder`. */
function placeholderOf(style) {
  if (style === undefined || style === '$') return (n) => `$${n}`;
  if (style === '?') return () => '?';
  if (typeof style === 'function') return style;
  const what = describe(style);
  throw argumentError('options.placeholder', `must be '$', '?' or a function of the parameter's number, not ${what}`, `muss '$', '?' oder eine Funktion der Parameternummer sein, nicht ${what}`);
}

/**
 * The plan as a parameterized SQL condition: `{ sql, params }`. `options.columns` maps each scope
 * attribute the plan uses to its column (`{ facility: 'facility_id' }`), and `tenant` to the
 * tenant column if the table holds several tenants' rows: then the condition also requires the
 * plan's tenant (leave it out only when the query is already limited to the subject's tenant).
 * The attributes of `unless` need columns too: a whole number its column, money `{ amount,
 * currency }` (the amount in the currency's minor units: cents); those of `excluding` theirs.
 * Values are never written into the SQL text: each is a placeholder (`$1`, `$2`… numbered after
 * `options.params`, which the returned `params` begin with; or `?` with `placeholder: '?'`).
 * `always` is `TRUE` and `never` is `FALSE` (with the tenant condition when there is a tenant
 * column). A scope attribute without a column is an error, never a condition left out.
 */
export function planToSql(plan, options = {}) {
  return guarded(() => sqlOf(plan, options));
}

function sqlOf(plan, options) {
  const checked = checkPlan(plan);
  const columns = options?.columns ?? {};
  if (columns === null || typeof columns !== 'object' || Array.isArray(columns)) {
    throw argumentError('options.columns', `must be an object of attribute → column, not ${describe(columns)}`, `muss ein Objekt Attribut → Spalte sein, nicht ${describe(columns)}`);
  }
  const columnName = (value, path) => {
    if (typeof value !== 'string' || !IDENTIFIER.test(value)) {
      const what = describe(value);
      throw argumentError(path, `must be a SQL column name (letters, digits, _ and $, or "quoted"), not ${what}`, `muss ein SQL-Spaltenname sein (Buchstaben, Ziffern, _ und $ oder "in Anführungszeichen"), nicht ${what}`);
    }
  };
  for (const key of ownKeys(columns)) {
    const column = columns[key];
    // A money attribute of `unless` maps to two columns: its amount in minor units, its currency.
    if (column !== null && typeof column === 'object' && !Array.isArray(column)) {
      columnName(column.amount, `options.columns.${key}.amount`);
      columnName(column.currency, `options.columns.${key}.currency`);
    } else {
      columnName(column, `options.columns.${key}`);
    }
  }
  const given = options?.params ?? [];
  if (!Array.isArray(given)) {
    throw argumentError('options.params', `must be an array, not ${describe(given)}`, `muss eine Liste sein, nicht ${describe(given)}`);
  }
  const placeholder = placeholderOf(options?.placeholder);
  const params = [...given];
  const parameter = (value) => {
    params.push(value);
    const text = callback(placeholder, params.length);
    if (typeof text !== 'string' || text.length === 0) {
      throw argumentError('options.placeholder', `must return the placeholder's text, not ${describe(text)}`, `muss den Text des Platzhalters liefern, nicht ${describe(text)}`);
    }
    return text;
  };
  const single = singleTenant(options);
  const tenantColumn = hasOwn(columns, 'tenant') ? columns.tenant : undefined;
  if (tenantColumn !== undefined && typeof tenantColumn !== 'string') columnName(tenantColumn, 'options.columns.tenant');
  if (tenantColumn !== undefined && single) {
    throw argumentError('options.singleTenant', 'cannot be true together with options.columns.tenant: name the tenant column, or say the table holds one tenant', 'kann nicht zusammen mit options.columns.tenant true sein: die Mandantenspalte nennen oder sagen, dass die Tabelle einen Mandanten enthält');
  }
  if (tenantColumn === undefined && !single) {
    const t = checked.tenant;
    throw argumentError(
      'options.columns.tenant',
      `is missing: the plan allows rows of tenant '${t}' only; name the tenant column ({ tenant: 'tenant_id' }), or give { singleTenant: true } when the table (or the query) holds the rows of tenant '${t}' alone`,
      `fehlt: Der Plan erlaubt nur Zeilen des Mandanten '${t}'; die Mandantenspalte nennen ({ tenant: 'tenant_id' }) oder { singleTenant: true } angeben, wenn die Tabelle (oder die Abfrage) nur Zeilen von '${t}' enthält`,
    );
  }
  if (checked.decision === 'never') return { sql: 'FALSE', params };
  /** The plain column of `key`, which `what` needs. */
  const column = (key, what) => {
    if (key === 'tenant' || !hasOwn(columns, key)) {
      throw argumentError(`options.columns.${key}`, `is missing: ${what} '${key}', and a condition is never left out`, `fehlt: ${what} '${key}', und eine Bedingung wird nie weggelassen`);
    }
    if (typeof columns[key] !== 'string') columnName(columns[key], `options.columns.${key}`);
    return columns[key];
  };
  const tenant = tenantColumn === undefined ? undefined : `${tenantColumn} = ${parameter(checked.tenant)}`;
  const terms = tenant === undefined ? [] : [tenant];
  if (checked.decision === 'conditional') {
    const alternatives = checked.anyOf.map((scope, i) =>
      ownKeys(scope).map((key) => `${column(key, `plan.anyOf[${i}] limits`)} = ${parameter(scope[key])}`),
    );
    const body =
      alternatives.length === 1
        ? alternatives[0].join(' AND ')
        : alternatives.map((alt) => (alt.length === 1 ? alt[0] : `(${alt.join(' AND ')})`)).join(' OR ');
    terms.push(`(${body})`);
    for (const key of ownKeys(checked.excluding ?? {})) {
      const name = column(key, 'plan.excluding names');
      terms.push(`(${name} IS NULL OR ${name} <> ${parameter(checked.excluding[key])})`);
    }
  }
  terms.push(...unlessSql(checked.unless ?? [], columns, parameter));
  if (terms.length === 0) return { sql: 'TRUE', params };
  // `always` of one tenant: its condition alone; otherwise every term in parentheses.
  if (checked.decision === 'always' && terms.length === 1) return { sql: terms[0], params };
  return { sql: terms.length === 1 ? (terms[0].startsWith('(') ? terms[0] : `(${terms[0]})`) : `(${terms.join(' AND ')})`, params };
}

const OPERATORS = { over: '>', atLeast: '>=', below: '<', upTo: '<=' };

/** A minor-unit amount or whole number as a parameter: a number when exact, else its text. */
const numeric = (n) => (n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString());

/**
 * The SQL terms of `unless`: for each entry, `NOT (…)` of its conditions (an absent attribute, a
 * NULL column, meets them); for each money attribute, that a present amount is in one of the
 * currencies the entries name. A money attribute's column is `{ amount, currency }`: the amount
 * in minor units of its currency (cents), as the engine compares it.
 */
function unlessSql(unless, columns, parameter) {
  const { entries, currencies } = compileUnless(unless);
  const money = (name) => {
    const c = hasOwn(columns, name) ? columns[name] : undefined;
    if (c === null || typeof c !== 'object') {
      throw argumentError(`options.columns.${name}`, `is missing: plan.unless compares money '${name}'; give { amount, currency } (the amount in minor units), and a condition is never left out`, `fehlt: plan.unless vergleicht den Geldbetrag '${name}'; { amount, currency } angeben (der Betrag in Untereinheiten), und eine Bedingung wird nie weggelassen`);
    }
    return c;
  };
  const plain = (name) => {
    if (!hasOwn(columns, name) || typeof columns[name] !== 'string') {
      throw argumentError(`options.columns.${name}`, `is missing: plan.unless compares '${name}', and a condition is never left out`, `fehlt: plan.unless vergleicht '${name}', und eine Bedingung wird nie weggelassen`);
    }
    return columns[name];
  };
  const terms = [];
  for (const [name, named] of currencies) {
    const { amount, currency } = money(name);
    const list = [...named.keys()].map((code) => parameter(code)).join(', ');
    terms.push(`(${amount} IS NULL OR ${currency} IN (${list}))`);
  }
  for (const entry of entries) {
    const conditions = entry.map(([name, bounds]) => {
      const isMoney = bounds.some(([, b]) => b.kind === 'money');
      if (isMoney) {
        const { amount, currency } = money(name);
        // Placeholders in the order of the text (`?` numbers nothing).
        const code = parameter(bounds.find(([, b]) => b.kind === 'money')[1].currency);
        const parts = bounds.map(([key, b]) => `${amount} ${OPERATORS[key]} ${parameter(numeric(b.minor))}`);
        return `(${amount} IS NULL OR (${currency} = ${code} AND ${parts.join(' AND ')}))`;
      }
      const col = plain(name);
      const parts = bounds.map(([key, b]) => `${col} ${OPERATORS[key]} ${parameter(numeric(b.value))}`);
      return parts.length === 0 ? 'TRUE' : `(${col} IS NULL OR (${parts.join(' AND ')}))`;
    });
    terms.push(`NOT (${conditions.length === 0 ? 'TRUE' : conditions.join(' AND ')})`);
  }
  return terms;
}
