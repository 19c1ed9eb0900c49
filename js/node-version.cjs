// The first thing Node's entries do (the ES module imports it, the CommonJS entry and the CLI's
// launcher load it before anything else; CommonJS, so that it runs in every Node): below Node
// 20.19 (no `process.getBuiltinModule`, no `require()` of an ES module) it says so in words,
// instead of failing on the first missing API.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  throw new Error(`rolegate needs Node 20.19 or later (this is Node ${process.versions.node})`);
}
