// How the reference server process is started: by `npm start` and by the server benchmark, so that the
// benchmark measures exactly what `npm start` runs.
//
// `--heap-growing-percent=50`: after each full collection V8 lets the heap grow to 1.5 times what was still
// alive before collecting again. Left to itself V8 picks up to 4 times for a heap this small, so under a
// burst of incident submissions the server's resident memory climbed by 50–60 MiB between collections and
// fell back after (see BENCHMARKS.md). Collecting earlier keeps it flat, for a few more (concurrent) full
// collections.
export const SERVER_NODE_ARGS = ['--heap-growing-percent=50', '--import', 'tsx', 'server/main.ts'];
