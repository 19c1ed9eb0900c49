// The demo server's secrets: session cookies and invitation links. Each is 32 bytes from the
// operating system's CSPRNG (256 bits, base64url: 43 characters), handed out once and stored only
// as its SHA-256: a database that leaks holds no usable token, and a token is found by its hash,
// never by a guessable id. SHA-256 without a salt is enough for tokens of this entropy (nobody can
// enumerate 2^256 candidates); it would not be for passwords.

import { createHash, randomBytes } from 'node:crypto';

/** A new token: 256 random bits, base64url. */
export const newToken = () => randomBytes(32).toString('base64url');

/** What the database keeps of a token: its SHA-256, hex. */
export const hashToken = (token) => createHash('sha256').update(token, 'utf8').digest('hex');

/** Whether `value` has the form of a token (anything else is refused before the database is asked). */
export const isToken = (value) => typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
