// Worker thread of the fix sweep: checks the files the main thread sends, one at a time, over the tsc output of
// the core. Runs in a thread so the main thread can stop a file that takes too long, or survive one that
// exhausts memory, and count it as a failure.
'use strict';
const fs = require('fs');
const path = require('path');
const { parentPort, workerData } = require('worker_threads');
const { loadSchemaValidator } = require('./parse-state');
const { checkFile } = require('./check-file');

const core = path.join(workerData.root, 'out', 'server', 'src', 'core');
const context = {
  core: {
    analyze: require(path.join(core, 'analyze.js')).analyze,
    applyEdits: require(path.join(core, 'edits.js')).applyEdits,
    fixAll: require(path.join(core, 'fix-all.js')).fixAll,
    LineIndex: require(path.join(core, 'text.js')).LineIndex,
  },
  validate: loadSchemaValidator(workerData.schema),
  settings: workerData.settings,
  // Other files as the CLI reads them (a Compose file's Dockerfiles, .env, extends targets); the corpus does not
  // change during a run, so each is read once.
  files: { read: cachedRead(new Map()) },
};

function cachedRead(cache) {
  return (file) => {
    if (!cache.has(file)) {
      let text;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        text = undefined;
      }
      cache.set(file, text);
    }
    return cache.get(file);
  };
}

parentPort.on('message', ({ file, kind }) => {
  const text = fs.readFileSync(file, 'utf8');
  parentPort.postMessage({ file, kind, ...checkFile(context, file, kind, text) });
});
