# mk/assets.mk -- vendored front-end assets (htmx, axe-core, NL Design System CSS).
#
# The packages are pinned exactly in package.json / package-lock.json and
# installed with `npm ci`; only the files the service needs are copied into
# static/vendor/ (neither node_modules/ nor static/vendor/ is committed).
# No CDN: the service works offline once `make assets` has run.
#
# Included by the main Makefile; also usable standalone:
#     make -f mk/assets.mk assets
#     make -f mk/assets.mk clean-assets
#
# Paths are relative to the repository root (the directory make runs in).

# This file itself: a change to the copy list below re-copies the assets.
ASSETS_MK := $(lastword $(MAKEFILE_LIST))

NPM          ?= npm
NPM_CI_FLAGS ?= --no-audit --no-fund

PACKAGE_JSON := package.json
PACKAGE_LOCK := package-lock.json
NODE_MODULES := node_modules
# Touched after a successful `npm ci`; node_modules/ counts as stale when
# this stamp is missing or older than package-lock.json.
NODE_MODULES_STAMP := $(NODE_MODULES)/.zienswijze-npm-ci.stamp

VENDOR_DIR   := static/vendor
VENDOR_STAMP := $(VENDOR_DIR)/.stamp

# Sources inside node_modules/ -> destinations inside static/vendor/.
HTMX_SRC        := $(NODE_MODULES)/htmx.org/dist/htmx.min.js
HTMX_LICENSE    := $(NODE_MODULES)/htmx.org/LICENSE
HTMX_DIR        := $(VENDOR_DIR)/htmx

AXE_SRC         := $(NODE_MODULES)/axe-core/axe.min.js
AXE_LICENSE     := $(NODE_MODULES)/axe-core/LICENSE
AXE_DIR         := $(VENDOR_DIR)/axe-core

# All Utrecht CSS components (root, body, page layout, form field, textbox,
# button, alert, table, status badge, ...) in one stylesheet.
UTRECHT_SRC     := $(NODE_MODULES)/@utrecht/component-library-css/dist/index.css
UTRECHT_LICENSE := $(NODE_MODULES)/@utrecht/component-library-css/LICENSE.md
UTRECHT_DIR     := $(VENDOR_DIR)/utrecht
UTRECHT_CSS     := $(UTRECHT_DIR)/component-library.css

# Design tokens of the NL Design System "voorbeeld" theme, scoped to the
# class `voorbeeld-theme`. The package ships no font files (its font.css is
# an empty placeholder), so nothing else is copied; the theme's font stack
# ('Noto Sans', sans-serif) falls back to the system sans-serif.
TOKENS_PKG      := $(NODE_MODULES)/@nl-design-system-unstable/voorbeeld-design-tokens
TOKENS_SRC      := $(TOKENS_PKG)/dist/theme.css
TOKENS_LICENSE  := $(TOKENS_PKG)/LICENSE.md
TOKENS_DIR      := $(VENDOR_DIR)/tokens
TOKENS_CSS      := $(TOKENS_DIR)/voorbeeld-theme.css

.PHONY: assets clean-assets

assets: $(VENDOR_STAMP)

$(NODE_MODULES_STAMP): $(PACKAGE_LOCK) $(PACKAGE_JSON)
	$(NPM) ci $(NPM_CI_FLAGS)
	touch $@

$(VENDOR_STAMP): $(NODE_MODULES_STAMP) $(ASSETS_MK)
	rm -rf $(HTMX_DIR) $(AXE_DIR) $(UTRECHT_DIR) $(TOKENS_DIR)
	mkdir -p $(HTMX_DIR) $(AXE_DIR) $(UTRECHT_DIR) $(TOKENS_DIR)
	cp $(HTMX_SRC) $(HTMX_DIR)/htmx.min.js
	cp $(HTMX_LICENSE) $(HTMX_DIR)/LICENSE
	cp $(AXE_SRC) $(AXE_DIR)/axe.min.js
	cp $(AXE_LICENSE) $(AXE_DIR)/LICENSE
	cp $(UTRECHT_SRC) $(UTRECHT_CSS)
	cp $(UTRECHT_LICENSE) $(UTRECHT_DIR)/LICENSE.md
	cp $(TOKENS_SRC) $(TOKENS_CSS)
	cp $(TOKENS_LICENSE) $(TOKENS_DIR)/LICENSE.md
	touch $@

clean-assets:
	rm -rf $(VENDOR_DIR)
