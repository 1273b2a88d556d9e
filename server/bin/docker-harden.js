#!/usr/bin/env node
'use strict';
// `docker-harden` CLI: the bundle built by `npm run build` (run automatically by npm install / npm ci).
require('../../dist/cli.js');
