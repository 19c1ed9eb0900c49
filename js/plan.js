// Using a plan (`session.plan(action)`) where lists live: a SQL `WHERE` fragment with its values
// as parameters, and a filter for arrays in the page. Plain JavaScript over the plan's JSON shape;
// no call into the wasm module, so they work on a plan that came from the server too.
//
// The rule they apply is the engine's (`Plan::allows`): a resource of another tenant is never
// allowed; `always` allows every resource of the plan's tenant, `never` none, `conditional` those
// that carry every attribute of one of `anyOf`'s scopes with the same value.

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
  if (value.decision !== 'conditional') return value;
  if (!Array.isArray(value.anyOf) || value.anyOf.length === 0) {
    const what = describe(value.anyOf);
    throw argumentError('plan.anyOf', `must be a non-empty array of scopes, not ${what}`, `muss eine nicht leere Liste von Bereichen sein, nicht ${what}`);
  }
  value.anyOf.forEach((scope, i) => {
    const path = `plan.anyOf[${i}]`;
    if (scope === null || typeof scope !== 'object' || Array.isArray(scope) || ownKeys(scope).length === 0) {
      throw argumentError(path, `must be a non-empty object of scope attributes, not ${describe(scope)}`, `muss ein nicht leeres Objekt von Bereichsattributen sein, nicht ${describe(scope)}`);
    }
    for (const key of ownKeys(scope)) {
      if (typeof scope[key] !== 'string') {
        const what = describe(scope[key]);
        throw argumentError(`${path}.${key}`, `must be a string, not ${what}`, `muss eine Zeichenkette sein, nicht ${what}`);
      }
    }
  });
  return value;
}

/** The path of the resource numbered `index` in errors: `rows[3]`, or `resource` for -1. */
const pathOf = (index) => (index < 0 ? 'resource' : `rows[${index}]`);

/** Whether `resource` has its own attribute `key` equal to `expected` (a string). */
function has(resource, key, expected, index) {
  const value = resource[key];
  if (value === expected) return hasOwn(resource, key);
  if (value !== undefined && value !== null && typeof value !== 'string' && hasOwn(resource, key)) {
    const what = describe(value);
    throw argumentError(`${pathOf(index)}.${key}`, `must be a string, not ${what}`, `muss eine Zeichenkette sein, nicht ${what}`);
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
  return (resource, index) => {
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
  };
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
  if (checked.decision === 'never') return [];
  const allows = tester(checked);
  const kept = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (allows(callback(attributes, row), i)) kept.push(row);
  }
  return kept;
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
  for (const key of ownKeys(columns)) {
    if (typeof columns[key] !== 'string' || !IDENTIFIER.test(columns[key])) {
      const what = describe(columns[key]);
      throw argumentError(`options.columns.${key}`, `must be a SQL column name (letters, digits, _ and $, or "quoted"), not ${what}`, `muss ein SQL-Spaltenname sein (Buchstaben, Ziffern, _ und $ oder "in Anführungszeichen"), nicht ${what}`);
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
  const tenantColumn = hasOwn(columns, 'tenant') ? columns.tenant : undefined;
  if (checked.decision === 'never') return { sql: 'FALSE', params };
  const tenant = tenantColumn === undefined ? undefined : `${tenantColumn} = ${parameter(checked.tenant)}`;
  if (checked.decision === 'always') return { sql: tenant ?? 'TRUE', params };
  const alternatives = checked.anyOf.map((scope, i) =>
    ownKeys(scope).map((key) => {
      if (key === 'tenant' || !hasOwn(columns, key)) {
        throw argumentError(`options.columns.${key}`, `is missing: plan.anyOf[${i}] limits '${key}', and a condition is never left out`, `fehlt: plan.anyOf[${i}] beschränkt '${key}', und eine Bedingung wird nie weggelassen`);
      }
      return `${columns[key]} = ${parameter(scope[key])}`;
    }),
  );
  const body =
    alternatives.length === 1
      ? alternatives[0].join(' AND ')
      : alternatives.map((terms) => (terms.length === 1 ? terms[0] : `(${terms.join(' AND ')})`)).join(' OR ');
  return { sql: tenant === undefined ? `(${body})` : `(${tenant} AND (${body}))`, params };
}
