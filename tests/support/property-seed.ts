import * as fc from 'fast-check';

/**
 * Property tests explore the same cases on every run (FC_SEED picks another set to explore by hand): a test that
 * fails must fail again when rerun, never pass or fail with the run's luck.
 */
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261204), numRuns: 200 });
