/**
 * Preloaded into each CLI process the fuzzer runs (`node -r`): reports the
 * process's CPU time on stderr at exit, so "over its budget" means CPU spent
 * on the input, not wall time stretched by a busy machine. Never import it
 * elsewhere: loading it installs the exit hook.
 */
import { CPU_MARKER } from './cpu-marker';

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  // Synchronous on a pipe on Linux, so it is written before the process ends.
  process.stderr.write(`\n${CPU_MARKER}${Math.round((user + system) / 1000)}\n`);
});
