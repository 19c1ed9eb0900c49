// The fast path: decisions answered in JavaScript from a session's grants, without crossing into
// the wasm module or turning arguments into JSON text.
//
// The grants are the module's own answer (a session's effective permissions), so the fast path
// holds no rules of its own; it only repeats `Session::can`'s last step, a set lookup and, for
// scoped grants, an attribute comparison. Whenever an argument is anything but the plain data the
// module would accept without a word (a non-string, an object with a `toJSON`, a class instance,
// text with a lone surrogate…), the functions here answer `undefined` and the caller takes the
// plain path through the module, which decides or throws exactly as it always did. So do values
// that throw when read (a getter, a proxy): the plain path turns that into a RequestError.
// tests/js/fast.test.mjs holds both paths to the same answers on every test vector.

/** Whether `text` is well-formed UTF-16 (JSON text with a lone surrogate is refused by the module). */
const wellFormed = String.prototype.isWellFormed
  ? (text) => text.isWellFormed()
  : (text) => !/[\uD800-\uDFFF]/.test(text);

const { getPrototypeOf, keys: ownKeys } = Object;
const { hasOwnProperty, propertyIsEnumerable } = Object.prototype;

/** A plain object: what `JSON.stringify` writes member by member. */
function isPlainObject(value) {
  if (value === null || typeof value !== 'object') return false;
  // `toJSON` first: reading a member checks the object's shape, after which V8 knows its
  // prototype without a call (ARCHITECTURE.md, "The fast path", has the figures).
  if (typeof value.toJSON === 'function') return false;
  const proto = getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A plain array: what `JSON.stringify` writes element by element. */
function isPlainArray(value) {
  return Array.isArray(value) && typeof value.toJSON !== 'function';
}

/**
 * A session's grants for the fast path, from its tenant and its effective permissions (the
 * module's `permissions()` answer): `everywhere` holds the actions some tenant-wide assignment
 * gives; `scoped` maps every other action to the scopes that give it, each a flat
 * `[key, value, key, value…]` list. An action with an approval process for which a rule of the
 * tenant applies to the subject (the module's `actionsWithRules()`) depends on the resource's
 * typed attributes: `ruled` maps each whose rules the module gave as numbers (`fastRules()`,
 * `FastRules` in src/engine/approval.rs) to them, and `deferred` holds the others, which the fast
 * path leaves to the module. (A governed action no rule applies to is decided by roles alone.)
 * Both are null when empty, so that a session without rules pays one comparison.
 */
export function grantsOf(tenant, permissions, withRules = [], fastRules = []) {
  const everywhere = new Set();
  const scoped = new Map();
  for (const permission of permissions) {
    if (permission.tenantWide) {
      everywhere.add(permission.id);
      continue;
    }
    const scopes = [];
    for (const grant of permission.grantedBy) {
      if (grant.scope) scopes.push(Object.entries(grant.scope).flat());
    }
    scoped.set(permission.id, scopes);
  }
  const ruled = new Map();
  for (const table of fastRules) ruled.set(table.action, ruledTable(table, everywhere.has(table.action)));
  const deferred = new Set(withRules.filter((action) => !ruled.has(action)));
  return { tenant, everywhere, scoped, ruled: ruled.size === 0 ? null : ruled, deferred: deferred.size === 0 ? null : deferred };
}

/** What [`resourceTenant`] answers for a resource that names no tenant (the subject's own). */
export const OWN_TENANT = 0;

/**
 * Reads `resource` as the module would: `null` for no resource, `undefined` when the plain path
 * must decide (or throw), otherwise the tenant it names, or [`OWN_TENANT`].
 */
export function resourceTenant(resource, table) {
  if (resource === undefined || resource === null) return null;
  try {
    return readResourceTenant(resource, table);
  } catch {
    return undefined;
  }
}

/**
 * [`resourceTenant`]; with `table` (of [`ruledTable`]), the texts of its attributes go to
 * `table.text` on the way (`undefined`: absent), so a ruled check reads the resource once.
 */
function readResourceTenant(resource, table) {
  if (!isPlainObject(resource)) return undefined;
  // The own-member test below is called as the resource's method, the form V8 answers from the
  // `for…in` loop's own bookkeeping (with `hasOwnProperty.call`, a call per member: a money
  // check took 1.3× as long). So the method must be the real one: a resource with a member of
  // that name, or without the method (no prototype), is the plain path's to read.
  if (resource.hasOwnProperty !== hasOwnProperty) return undefined;
  let tenant = OWN_TENANT;
  const ids = table === undefined ? NO_IDS : table.ids;
  const text = table === undefined ? undefined : table.text;
  for (let a = 0; a < ids.length; a++) text[a] = undefined;
  // `for…in` with the own-member test visits what `Object.keys` lists (a plain object's only
  // other enumerable members would be inherited ones, which JSON leaves out too), without the array.
  for (const name in resource) {
    if (!resource.hasOwnProperty(name)) continue;
    const value = resource[name];
    if (typeof value === 'string') {
      if (name === 'tenant') {
        if (!wellFormed(value)) return undefined;
        tenant = value;
        continue;
      }
      let a = 0;
      while (a < ids.length && name !== ids[a]) a++;
      // An attribute the rules compare: its name is the policy's (well-formed), and its text is
      // read by `readMoney` or `readInteger`, which take ASCII only.
      if (a < ids.length) text[a] = value;
      else if (!isWellFormedName(name) || !wellFormed(value)) return undefined;
    } else if (value !== undefined) {
      return undefined;
    }
  }
  return tenant;
}

/** The attribute ids of a check without rules. */
const NO_IDS = [];

/**
 * Member names found well-formed, the first [`WELL_FORMED_NAMES`] of them: the names of a
 * program's resources are few (`facility`, `line`, `total`…), and a name `for…in` gives is
 * V8's one copy of that text, so comparing with these is cheaper than asking `isWellFormed`.
 */
const wellFormedNames = [];

/** The most names [`wellFormedNames`] holds. */
const WELL_FORMED_NAMES = 16;

/** Whether a member's name is well-formed UTF-16, remembered for the first few names. */
function isWellFormedName(name) {
  for (let n = 0; n < wellFormedNames.length; n++) if (name === wellFormedNames[n]) return true;
  if (!wellFormed(name)) return false;
  if (wellFormedNames.length < WELL_FORMED_NAMES) wellFormedNames.push(name);
  return true;
}

/**
 * `Session::can` over `grants`, for a string `action` and a resource already read by
 * [`resourceTenant`] into `tenant`; `undefined` when reading the resource again throws.
 */
export function decide(grants, action, resource, tenant) {
  if (grants.deferred !== null && grants.deferred.has(action)) return undefined;
  if (grants.ruled !== null) {
    const table = grants.ruled.get(action);
    // The attributes' texts, read again with the resource (`fastCan` reads it once).
    if (table !== undefined) return tenant === null || resourceTenant(resource, table) !== undefined ? decideRuled(grants, table, action, resource, tenant) : undefined;
  }
  return byRoles(grants, action, resource, tenant);
}

/** `decide` for an action no approval rule of the subject governs: by roles and scopes. */
function byRoles(grants, action, resource, tenant) {
  if (tenant === null) return grants.everywhere.has(action);
  if (tenant !== OWN_TENANT && tenant !== grants.tenant) return false;
  if (grants.everywhere.has(action)) return true;
  const scopes = grants.scoped.get(action);
  if (scopes === undefined) return false;
  try {
    return someScopeCovers(scopes, resource);
  } catch {
    return undefined;
  }
}

/**
 * A `FastRules` table (the module's `fastRules()`) as `decideRuled` reads it: each attribute's
 * currencies as parallel lists of codes and minor units; each condition's bounds as four numbers
 * (an absent bound is one every value meets: ±Infinity), its currency `''` for whole numbers;
 * room for the values of one check (`minor`, `currency`: `null` for an absent attribute); per
 * attribute, the texts read lately (`known`: text → `{ minor, currency }`; texts are immutable,
 * so a text read once reads the same again); and whether a tenant-wide grant gives the action
 * (`everywhere`: then the roles need not be asked again).
 */
function ruledTable({ attributes, rules }, everywhere) {
  return {
    everywhere,
    attributes: attributes.map(({ id, money, currencies }) => ({ id, money, codes: Object.keys(currencies), exponents: Object.values(currencies), known: new Map() })),
    rules: rules.map((conditions) =>
      conditions.map(({ attribute, currency = '', over = -Infinity, atLeast = -Infinity, below = Infinity, upTo = Infinity }) => ({ attribute, currency, over, atLeast, below, upTo })),
    ),
    ids: attributes.map(({ id }) => id),
    text: attributes.map(() => undefined),
    minor: attributes.map(() => 0),
    currency: attributes.map(() => null),
  };
}

/**
 * `decide` for a governed action with rules that apply to the subject (`table`, from
 * [`ruledTable`]), as `decide_governed` in src/engine/approval.rs: every attribute the rules
 * compare is read first (one the engine would refuse: `undefined`, the module answers or
 * throws); a resource of another tenant is denied before; then allowed when the roles grant the
 * action directly and no rule holds (a condition on an absent attribute holds).
 */
function decideRuled(grants, table, action, resource, tenant) {
  if (tenant !== null && tenant !== OWN_TENANT && tenant !== grants.tenant) return false;
  const { attributes, rules, minor, currency } = table;
  try {
    for (let a = 0; a < attributes.length; a++) {
      const attribute = attributes[a];
      // [`resourceTenant`] put the texts in `table.text` (own enumerable members only).
      const text = tenant === null ? undefined : table.text[a];
      if (text === undefined) {
        currency[a] = null;
        continue;
      }
      let known = attribute.known.get(text);
      if (known === undefined) {
        const value = attribute.money ? readMoney(text, attribute.codes, attribute.exponents) : readInteger(text);
        if (value === undefined) return undefined;
        known = { minor: value, currency: attribute.money ? readCurrency : '' };
        if (attribute.known.size >= KNOWN_TEXTS) attribute.known.clear();
        attribute.known.set(text, known);
      }
      minor[a] = known.minor;
      currency[a] = known.currency;
    }
  } catch {
    return undefined;
  }
  // The resource's tenant is the subject's (or none): a tenant-wide grant gives the action.
  if (!table.everywhere) {
    const direct = byRoles(grants, action, resource, tenant);
    if (direct !== true) return direct;
  }
  next: for (let r = 0; r < rules.length; r++) {
    const conditions = rules[r];
    for (let c = 0; c < conditions.length; c++) {
      const condition = conditions[c];
      const a = condition.attribute;
      // An absent attribute meets the condition; money in another currency meets none.
      if (currency[a] === null) continue;
      const x = minor[a];
      if (currency[a] !== condition.currency || !(x > condition.over && x >= condition.atLeast && x < condition.below && x <= condition.upTo)) continue next;
    }
    return false;
  }
  return true;
}

/** The most texts an attribute's table remembers (`known`); when full, it starts over. */
const KNOWN_TEXTS = 256;

/** The most digits of a number the fast path reads (beyond, JavaScript's numbers are not exact). */
const SAFE_DIGITS = 15;

/** The currency of the money [`readMoney`] read last (one of the codes it was given). */
let readCurrency = '';

/**
 * The minor units of money text as `Money::parse` reads it (src/money.rs: an optional `-`,
 * digits, optionally `.` and digits, one space, the code), in one of `codes` (with the minor
 * units `exponents` says) and with at most its decimals; its code in `readCurrency`. `undefined`
 * for anything else (the engine refuses it, or may: it decides). A scan without allocation, as
 * it runs on every check.
 */
function readMoney(text, codes, exponents) {
  const n = text.length;
  if (n < 5 || text.charCodeAt(n - 4) !== 32) return undefined;
  let k = 0;
  while (k < codes.length) {
    const code = codes[k];
    if (text.charCodeAt(n - 3) === code.charCodeAt(0) && text.charCodeAt(n - 2) === code.charCodeAt(1) && text.charCodeAt(n - 1) === code.charCodeAt(2)) break;
    k++;
  }
  if (k === codes.length) return undefined;
  const exponent = exponents[k];
  const negative = text.charCodeAt(0) === 45;
  let i = negative ? 1 : 0;
  let minor = 0;
  let whole = 0;
  let decimals = -1;
  for (const end = n - 4; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      minor = minor * 10 + (c - 48);
      if (decimals < 0) whole++;
      else decimals++;
    } else if (c === 46 && decimals < 0) {
      decimals = 0;
    } else {
      return undefined;
    }
  }
  if (whole === 0 || decimals === 0) return undefined;
  if (decimals < 0) decimals = 0;
  if (decimals > exponent || whole + exponent > SAFE_DIGITS) return undefined;
  for (let e = decimals; e < exponent; e++) minor *= 10;
  readCurrency = codes[k];
  return negative ? -minor : minor;
}

/** A whole number as the engine reads one (`read_value`): optional `-`, digits. */
function readInteger(text) {
  if (!/^-?[0-9]+$/.test(text) || text.length > SAFE_DIGITS) return undefined;
  return Number(text);
}

/** Whether one of `scopes` (flat `[key, value…]` lists) has every attribute as `resource` has it. */
function someScopeCovers(scopes, resource) {
  next: for (let s = 0; s < scopes.length; s++) {
    const scope = scopes[s];
    for (let i = 0; i < scope.length; i += 2) {
      // No scope key is `tenant` (policies cannot declare it), so every key is an attribute.
      const key = scope[i];
      if (resource[key] !== scope[i + 1] || !propertyIsEnumerable.call(resource, key)) continue next;
    }
    return true;
  }
  return false;
}

/** The whole fast path: `true`/`false`, or `undefined` when the plain path must answer. */
export function fastCan(grants, action, resource) {
  if (typeof action !== 'string') return undefined;
  const table = grants.ruled === null ? undefined : grants.ruled.get(action);
  if (table !== undefined) {
    // A ruled action: the resource is read once, its attributes' texts on the way.
    const tenant = resourceTenant(resource, table);
    return tenant === undefined ? undefined : decideRuled(grants, table, action, resource, tenant);
  }
  const tenant = resourceTenant(resource);
  return tenant === undefined ? undefined : decide(grants, action, resource, tenant);
}

/** Markers between the strings of a subject's tokens: objects, so no string can pass for one. */
const NO_KIND = { marker: 'no kind' };
const ROLES = { marker: 'roles' };
const SCOPE = { marker: 'scope' };
const END = { marker: 'end' };

/** The longest subject id taken without the module's look: 85 UTF-16 units are at most 255 bytes. */
const SHORT_ID = 85;

/**
 * A subject as a list of tokens that two subjects share only when the module would compile them
 * to the same session: tenant, tenant kind, modules, then each role with its scope's attributes,
 * with markers between. `undefined` for anything but plain subject data (an unknown field, a
 * wrong type, a long or ill-formed id…): the plain path then decides or throws. The id never
 * changes a decision, so it is checked, not kept. Every value is read once.
 */
export function subjectTokens(subject) {
  try {
    return readSubjectTokens(subject);
  } catch {
    return undefined;
  }
}

function readSubjectTokens(subject) {
  if (!isPlainObject(subject)) return undefined;
  let tenant;
  let kind = NO_KIND;
  let modules;
  let roles;
  const names = ownKeys(subject);
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const value = subject[name];
    if (value === undefined) continue;
    if (name === 'id') {
      if (typeof value !== 'string' || value.length > SHORT_ID || !wellFormed(value)) return undefined;
    } else if (name === 'tenant') {
      if (typeof value !== 'string') return undefined;
      tenant = value;
    } else if (name === 'tenantKind') {
      if (value === null) continue;
      if (typeof value !== 'string') return undefined;
      kind = value;
    } else if (name === 'modules') {
      if (!isPlainArray(value)) return undefined;
      modules = value;
    } else if (name === 'roles') {
      if (!isPlainArray(value)) return undefined;
      roles = value;
    } else {
      return undefined;
    }
  }
  if (tenant === undefined || roles === undefined) return undefined;
  const tokens = [tenant, kind];
  if (modules !== undefined) {
    for (let m = 0; m < modules.length; m++) {
      const module = modules[m];
      if (typeof module !== 'string') return undefined;
      tokens.push(module);
    }
  }
  tokens.push(ROLES);
  for (let r = 0; r < roles.length; r++) {
    if (!assignmentTokens(roles[r], tokens)) return undefined;
  }
  tokens.push(END);
  return tokens;
}

/** Adds one role assignment's tokens: the role, then `SCOPE` and the scope's keys and values. */
function assignmentTokens(assignment, tokens) {
  if (typeof assignment === 'string') {
    tokens.push(assignment);
    return true;
  }
  if (!isPlainObject(assignment)) return false;
  let role;
  let scope;
  const names = ownKeys(assignment);
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const value = assignment[name];
    if (value === undefined) continue;
    if (name === 'role') {
      if (typeof value !== 'string') return false;
      role = value;
    } else if (name === 'scope') {
      if (value === null) continue;
      if (!isPlainObject(value)) return false;
      scope = value;
    } else {
      return false;
    }
  }
  if (role === undefined) return false;
  tokens.push(role);
  if (scope === undefined) return true;
  tokens.push(SCOPE);
  const keys = ownKeys(scope);
  for (let k = 0; k < keys.length; k++) {
    const value = scope[keys[k]];
    if (value === undefined) continue;
    if (typeof value !== 'string') return false;
    tokens.push(keys[k], value);
  }
  tokens.push(SCOPE);
  return true;
}

/**
 * Grants remembered per subject: a tree of maps along a subject's tokens, so a lookup hashes no
 * new string. Holds at most `limit` subjects; when full it starts over.
 */
export class SubjectTable {
  #root = new Map();
  #size = 0;
  #limit;

  /** A table for at most `limit` subjects. */
  constructor(limit) {
    this.#limit = limit;
  }

  /** The grants remembered for `tokens`, or `undefined`. */
  get(tokens) {
    let node = this.#root;
    for (let i = 0; i < tokens.length; i++) {
      node = node.get(tokens[i]);
      if (node === undefined) return undefined;
    }
    return node;
  }

  /** Remembers `grants` for `tokens`. */
  set(tokens, grants) {
    if (this.#size >= this.#limit) this.clear();
    let node = this.#root;
    const last = tokens.length - 1;
    for (let i = 0; i < last; i++) {
      let next = node.get(tokens[i]);
      if (next === undefined) {
        next = new Map();
        node.set(tokens[i], next);
      }
      node = next;
    }
    if (!node.has(tokens[last])) this.#size++;
    node.set(tokens[last], grants);
  }

  /** Forgets every subject. */
  clear() {
    this.#root = new Map();
    this.#size = 0;
  }
}
