/** The stderr line prefix by which a fuzzed CLI process reports its CPU time (see cpu-report.ts). */
export const CPU_MARKER = '__docker_harden_fuzz_cpu_ms__=';
