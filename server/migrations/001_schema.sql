-- The demo's data: organizations (each a snapshot the engine checks, with a version for
-- optimistic concurrency), sign-in sessions, carts, order requests, orders, service cases, and a
-- log of changes the open pages follow (server-sent events).

CREATE TABLE orgs (
  key text PRIMARY KEY,                 -- 'mytrumpf', 'platform:operator', 'platform:operator:<tenant>', …
  policy text NOT NULL CHECK (policy IN ('mytrumpf', 'platform')),
  version integer NOT NULL CHECK (version > 0),
  snapshot jsonb NOT NULL
);

CREATE TABLE sessions (
  token text PRIMARY KEY,               -- 32 random bytes, base64url: the HttpOnly cookie's value
  org_key text NOT NULL REFERENCES orgs (key) ON DELETE CASCADE,
  member text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE carts (
  org_key text NOT NULL REFERENCES orgs (key) ON DELETE CASCADE,
  member text NOT NULL,
  items integer NOT NULL CHECK (items >= 0),
  PRIMARY KEY (org_key, member)
);

CREATE TABLE order_requests (
  id serial PRIMARY KEY,
  org_key text NOT NULL REFERENCES orgs (key) ON DELETE CASCADE,
  product text NOT NULL,
  facility text NOT NULL,
  requested_by text NOT NULL,
  released_by text,                     -- set once, by the release; never cleared
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orders (
  id serial PRIMARY KEY,
  org_key text NOT NULL REFERENCES orgs (key) ON DELETE CASCADE,
  product text NOT NULL,
  facility text NOT NULL,
  ordered_by text NOT NULL,
  released_by text,
  request_id integer UNIQUE REFERENCES order_requests (id), -- a request becomes at most one order
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE service_cases (
  id serial PRIMARY KEY,
  org_key text NOT NULL REFERENCES orgs (key) ON DELETE CASCADE,
  asset text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('shared', 'internal')),
  remote boolean NOT NULL DEFAULT false,
  log jsonb NOT NULL DEFAULT '[]'
);

CREATE TABLE changes (
  id bigserial PRIMARY KEY,
  org_key text,                         -- null: everything (a reset)
  at timestamptz NOT NULL DEFAULT now()
);
