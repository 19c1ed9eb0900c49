-- Sessions and invitation links as secrets: only a token's SHA-256 is stored (server/secrets.mjs).
-- A session is bound to the member record it was made for (id, e-mail, status, since): a member
-- who is removed, changes status or is replaced by someone else under the same id never gets an
-- old session back; sessions expire (idle and absolute limits, server/sessions.mjs). The sessions
-- of the first schema held the token itself: they are dropped, which signs everyone out once.
-- Invitation links: the token of an invitation's link, keyed by the organization and the
-- invitation's id (the engine's snapshot holds the invitation, never its token).

DROP TABLE sessions;

CREATE TABLE sessions (
  id bigserial PRIMARY KEY,             -- creation order: the oldest of a member's sessions ends first
  token_hash text NOT NULL UNIQUE,      -- SHA-256 (hex) of the cookie's value
  org_key text NOT NULL REFERENCES orgs (key) ON DELETE CASCADE,
  member text NOT NULL,
  member_email text NOT NULL,           -- as the record has it (compared exactly)
  member_status text NOT NULL,
  member_since text,                    -- the record's `since`, null when it has none
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX sessions_member ON sessions (org_key, member);

CREATE TABLE invitation_links (
  token_hash text PRIMARY KEY,          -- SHA-256 (hex) of the link's token
  org_key text NOT NULL REFERENCES orgs (key) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('member', 'company')),
  invitation text NOT NULL,             -- the engine's id: `inv-1` in `invitations`, `tinv-1` in `tenantInvitations`
  expires_at timestamptz NOT NULL,      -- the invitation's `expiresAt`
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_key, kind, invitation)    -- one live link per invitation: a new one replaces it
);
