// The CommonJS entry's types.
import rolegate = require('rolegate');
import express = require('rolegate/express');

const engine: rolegate.PolicyEngine = rolegate.PolicyEngine.builtin('platform');
const allowed: boolean = engine.can({ tenant: 't', tenantKind: 'operator', roles: ['machine_operator'] }, 'asset.read');
const guard = express.requirePermission(engine, 'asset.read', { subject: () => null });
void [allowed, guard];
