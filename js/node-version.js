// The first thing Node's entry does: below Node 20.19 (no `process.getBuiltinModule`, no
// `require()` of an ES module) it says so in words, instead of failing on the first missing API.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  throw new Error(`rolegate needs Node 20.19 or later (this is Node ${process.versions.node})`);
}
export {};
