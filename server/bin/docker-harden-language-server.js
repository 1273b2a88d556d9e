#!/usr/bin/env node
'use strict';
// `docker-harden-language-server --stdio`: the same server the VS Code extension runs, for any LSP client.
require('../../dist/server.js');
