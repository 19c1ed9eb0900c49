# rolegate — the two commands a new user runs: `make demo` (the main job) and `make test`
# (every test; `.ci/run` calls it and nothing else). Each installs what is missing and skips
# what is present, so a second run is fast.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo
# CI runs with CI=true: the lockfile must then be used as committed.
LOCKED := $(if $(filter true,$(CI)),--locked,)
ROLEGATE := target/release/rolegate
# Must equal the wasm-bindgen pin in Cargo.toml (checked by scripts/build-pkg.mjs).
WASM_BINDGEN_VERSION := $(shell sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)
# wasm-snip (scripts/build-pkg.mjs: functions no input reaches, replaced by `unreachable`).
WASM_SNIP_VERSION := 0.4.0
# The three wasm modules: lean (decisions, the browser's default), full (with administration, for
# administration pages) and Node's (the full one, policy text read in Rust, built-ins loaded
# compiled). A cdylib's file name has no feature hash, so each build has its own target directory.
WASM_BUILD := $(CARGO) build $(LOCKED) --lib --target wasm32-unknown-unknown --no-default-features --profile wasm-release
WASM_NODE_FEATURES := wasm-admin wasm-requests wasm-policy-lint wasm-text wasm-snapshot wasm-windows
WASM_LEAN := target/wasm32-unknown-unknown/wasm-release/rolegate.wasm
WASM_FULL := target/wasm-full/wasm32-unknown-unknown/wasm-release/rolegate.wasm
WASM_NODE := target/wasm-node/wasm32-unknown-unknown/wasm-release/rolegate.wasm
# The CLI for `npx rolegate`: src/bin/rolegate built for WASI, run by Node's node:wasi (js/cli.mjs).
WASM_CLI := target/wasm32-wasip1/wasi-release/rolegate.wasm
PKG_SOURCES := $(shell find src js policies schema -type f) Cargo.toml Cargo.lock build.rs scripts/build-pkg.mjs

.PHONY: schemas fuzz fuzz-check setup-fuzz demo test setup-rust setup-wasm setup-node setup-browser setup-firefox examples pkg link-pkg build-cli check-format clippy unit-tests docs lint-policies wasm-tests js-tests pg-tests bench fmt clean help

help:
	@echo "make demo   the main job: the demo page on http://127.0.0.1:8080/ (PORT=… to change)"
	@echo "make test   every test: format, clippy, Rust tests, wasm tests (Node, Chromium), JS tests, types"
	@echo "make pkg    the npm package in pkg/"
	@echo "make schemas  schema/*.json again from the Rust types (after changing a document type)"
	@echo "make bench  benchmarks: criterion (native), benches/js/compare.mjs (against CASL, casbin, cedar-wasm), benches/js/plans.mjs (plan-filtered SQL against can on each row)"
	@echo "make fuzz   cargo fuzz: each target for FUZZ_SECONDS (60) seconds; not part of make test"

## Set-up: the Rust toolchain's components this project needs.
setup-rust:
	@command -v $(CARGO) >/dev/null || { echo "rolegate: cargo is missing; install Rust with rustup (https://rustup.rs)" >&2; exit 1; }
	@if command -v rustup >/dev/null; then \
	  for c in rustfmt clippy; do \
	    rustup component list --installed 2>/dev/null | grep -q "^$$c" || rustup component add $$c; \
	  done; \
	fi

## The wasm toolchain: the target, and the wasm-bindgen CLI of the pinned version.
setup-wasm: setup-rust
	@rustup target list --installed | grep -q '^wasm32-unknown-unknown$$' || rustup target add wasm32-unknown-unknown
	@rustup target list --installed | grep -q '^wasm32-wasip1$$' || rustup target add wasm32-wasip1
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about two minutes)"; \
	  $(CARGO) install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --locked; \
	fi
	@if [ "$$(wasm-snip --version 2>/dev/null)" != "wasm-snip $(WASM_SNIP_VERSION)" ]; then \
	  echo "installing wasm-snip $(WASM_SNIP_VERSION) (about a minute)"; \
	  $(CARGO) install wasm-snip --version $(WASM_SNIP_VERSION) --locked; \
	fi

## Node tools (esbuild, wasm-opt from binaryen, TypeScript, Playwright's core, Express), as locked.
setup-node: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "rolegate: npm is missing; install Node.js 18 or later" >&2; exit 1; }
	npm ci --no-audit --no-fund
	@touch $@

## The npm package, rebuilt when a source changed.
pkg: pkg/package.json

pkg/package.json: $(PKG_SOURCES) | setup-wasm setup-node
	$(WASM_BUILD)
	$(WASM_BUILD) --features wasm-admin --target-dir target/wasm-full
	$(WASM_BUILD) --features "$(WASM_NODE_FEATURES)" --target-dir target/wasm-node
	$(CARGO) build $(LOCKED) --profile wasi-release --target wasm32-wasip1 --bin rolegate
	node scripts/build-pkg.mjs $(WASM_LEAN) $(WASM_FULL) $(WASM_NODE) $(WASM_CLI)

build-cli: setup-rust
	$(CARGO) build --release $(LOCKED) --bin rolegate

## The JSON Schemas of the documents (schema/NAME.json, shipped in the package), written again
## from the Rust types; tests/schema.rs fails when a file is not what the types derive.
schemas: setup-rust
	UPDATE_SCHEMAS=1 $(CARGO) test $(LOCKED) --test schema

## The main job: the demo server (server/) with the built-in policies on 127.0.0.1 until Ctrl-C:
## the page (www/) and its HTTP JSON API, on PGlite in .demo-data/ (created and seeded on first
## start), or on PostgreSQL with DATABASE_URL=postgres://…  PORT=9000 make demo changes the port.
PORT ?= 8080
demo: link-pkg
	@PORT=$(PORT) node server/main.mjs

## Every test.
test: check-format clippy unit-tests docs lint-policies fuzz-check wasm-tests js-tests pg-tests
	@echo "make test: all passed"

check-format: setup-rust
	$(CARGO) fmt --all -- --check

clippy: setup-rust setup-wasm
	$(CARGO) clippy $(LOCKED) --all-targets -- -D warnings
	$(CARGO) clippy $(LOCKED) --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings
	$(CARGO) clippy $(LOCKED) --lib --target wasm32-unknown-unknown --no-default-features --features wasm-admin -- -D warnings
	$(CARGO) clippy $(LOCKED) --lib --test wasm_node --test wasm_browser --target wasm32-unknown-unknown --no-default-features --features "$(WASM_NODE_FEATURES)" -- -D warnings

unit-tests: setup-rust
	$(CARGO) test $(LOCKED) --all-targets
	$(CARGO) test $(LOCKED) --doc

# The API documentation builds without broken links or missing docs.
docs: setup-rust
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc $(LOCKED) --no-deps

# The shipped policies must lint without errors (the command exits 1 on an error finding).
lint-policies: build-cli
	$(ROLEGATE) lint --policy mytrumpf
	$(ROLEGATE) lint --policy platform

## Headless Chromium and its driver, from Debian's packages, for the browser tests.
CHROMIUM ?= /usr/bin/chromium
CHROMEDRIVER ?= /usr/bin/chromedriver
setup-browser:
	@if [ ! -x "$(CHROMIUM)" ] || [ ! -x "$(CHROMEDRIVER)" ]; then \
	  echo "installing chromium and chromium-driver"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

## Headless Firefox, from Debian's firefox-esr, and geckodriver, from crates.io (pinned), for the
## same browser tests as in Chromium.
FIREFOX ?= /usr/bin/firefox-esr
GECKODRIVER_VERSION := 0.36.0
GECKODRIVER ?= $(or $(CARGO_HOME),$(HOME)/.cargo)/bin/geckodriver
setup-firefox: setup-rust
	@if [ ! -x "$(FIREFOX)" ]; then \
	  echo "installing firefox-esr"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq firefox-esr >/dev/null; \
	fi
	@if ! "$(GECKODRIVER)" --version 2>/dev/null | grep -q "^geckodriver $(GECKODRIVER_VERSION)"; then \
	  echo "installing geckodriver $(GECKODRIVER_VERSION)"; \
	  $(CARGO) install geckodriver --version $(GECKODRIVER_VERSION) --locked; \
	fi

## The wasm build over the shared vectors, under Node and in headless Chromium and Firefox
## (wasm-bindgen-test; tests/webdriver-firefox.json names Debian's Firefox binary).
WASM_TEST := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner $(CARGO) test $(LOCKED) --target wasm32-unknown-unknown --no-default-features --features "$(WASM_NODE_FEATURES)"
wasm-tests: setup-wasm setup-browser setup-firefox
	$(WASM_TEST) --test wasm_node
	CHROMEDRIVER=$(CHROMEDRIVER) $(WASM_TEST) --test wasm_browser
	GECKODRIVER=$(GECKODRIVER) WASM_BINDGEN_TEST_WEBDRIVER_JSON=$(CURDIR)/tests/webdriver-firefox.json $(WASM_TEST) --test wasm_browser

## The examples as a user installs them: each one's locked dependencies (`npm ci`, when missing or
## older than its lockfile) and rolegate from the tarball `npm pack` makes of pkg/.
EXAMPLES := vite-react next
examples: pkg setup-node
	@rm -rf target/pack && mkdir -p target/pack
	@cd pkg && npm pack --silent --pack-destination ../target/pack >/dev/null
	@for e in $(EXAMPLES); do \
	  ( cd examples/$$e && \
	    if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund; fi && \
	    npm install --no-save --no-audit --no-fund ../../target/pack/rolegate-*.tgz >/dev/null ); \
	done

## The package as users get it: `rolegate` resolves to pkg/ (as `npm install ./pkg` would link it).
link-pkg: pkg setup-node
	@ln -sfn ../pkg node_modules/rolegate

## The JS suites against pkg/: the API and vectors, the fast path against the plain one, native/wasm parity over random cases, plans against PGlite, hostile input into every export, CommonJS, Express, the policy watcher, the DOM helper, the React bindings (server rendering and hydration), `import from 'rolegate'` bundled by esbuild, webpack, Rollup and Vite and the
## README's examples in Chromium, the memory test, and the TypeScript declarations (with the ids
## `rolegate types` writes for examples/policy/shop.json).
js-tests: link-pkg build-cli setup-browser examples
	node --test tests/js/vectors.test.mjs tests/js/windows.test.mjs tests/js/admin.test.mjs tests/js/demo.test.mjs tests/js/server.test.mjs tests/js/security.test.mjs tests/js/live.test.mjs tests/js/demo-parity.test.mjs tests/js/multi.test.mjs tests/js/api.test.mjs tests/js/fast.test.mjs tests/js/parity.test.mjs tests/js/plans.test.mjs tests/js/hostile.test.mjs tests/js/cjs.test.cjs tests/js/express.test.mjs tests/js/watch.test.mjs tests/js/dom.test.mjs tests/js/react.test.mjs tests/js/bundlers.test.mjs tests/js/examples.test.mjs tests/js/web-builds.test.mjs tests/js/readme.test.mjs tests/js/size.test.mjs tests/js/schema.test.mjs tests/js/package.test.mjs
	node --expose-gc --test tests/js/memory.test.mjs
	@mkdir -p tests/js/types/generated
	$(ROLEGATE) types --policy examples/policy/shop.json > tests/js/types/generated/shop-ids.d.ts
	node_modules/.bin/tsc -p tests/js/types
	node_modules/.bin/tsc -p tests/js/types/tsconfig.bundler.json
	node_modules/.bin/tsc -p tests/js/types/express5
	node_modules/.bin/tsc -p tests/js/types/express4

## The demo server's tests again on PostgreSQL: scripts/with-postgres.mjs starts a throwaway
## cluster from the machine's PostgreSQL binaries (Debian's `postgresql`, installed when missing),
## on 127.0.0.1, in a temporary directory it removes afterwards, and sets DATABASE_URL; two
## server processes on one database included (multi.test).
PG_TESTS = tests/js/server.test.mjs tests/js/security.test.mjs tests/js/demo.test.mjs tests/js/live.test.mjs tests/js/demo-parity.test.mjs tests/js/multi.test.mjs
pg-tests: link-pkg setup-browser
	node scripts/with-postgres.mjs node --test --test-concurrency=1 $(PG_TESTS)

## The benchmarks: criterion (native), then the package against CASL, casbin and cedar-wasm, then
## an Express route with and without requirePermission (and with a CASL check) under autocannon,
## then a plan-filtered query against loading every row and calling can on each.
bench: setup-rust link-pkg setup-browser
	$(CARGO) bench $(LOCKED) --bench engine
	node benches/js/compare.mjs
	node benches/js/server.mjs
	node benches/js/plans.mjs

## Fuzzing (libFuzzer through cargo fuzz, on the nightly toolchain): each target for FUZZ_SECONDS,
## from the committed seeds in fuzz/corpus/<target>/; what the fuzzer learns goes to
## target/fuzz-corpus/ (not committed). A crash stops the run: its input is in
## fuzz/artifacts/<target>/; copy it to tests/fuzz/regressions/<target>/ with the fix, and
## `cargo test` replays it from then on.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := policy decide org admin snapshot request
setup-fuzz: setup-rust
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@$(CARGO) fuzz --version >/dev/null 2>&1 || $(CARGO) install cargo-fuzz --locked

## The fuzz crate compiles on stable (its bodies are also replayed by `cargo test`, but there with
## the root crate's dev-dependencies): a body that does not build under `cargo fuzz` fails here.
fuzz-check: setup-rust
	$(CARGO) check $(LOCKED) --manifest-path fuzz/Cargo.toml --bins

fuzz: setup-fuzz
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p target/fuzz-corpus/$$t; \
	  echo "fuzzing $$t for $(FUZZ_SECONDS) s"; \
	  $(CARGO) +nightly fuzz run $$t target/fuzz-corpus/$$t fuzz/corpus/$$t -- \
	    -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 2>&1 | tail -n 12 \
	    || { echo "make fuzz: $$t crashed; the input is in fuzz/artifacts/$$t/ (copy it to tests/fuzz/regressions/$$t/ with the fix)" >&2; exit 1; }; \
	done
	@echo "make fuzz: no crash in $(FUZZ_SECONDS) s per target"

fmt:
	$(CARGO) fmt --all

clean:
	$(CARGO) clean
