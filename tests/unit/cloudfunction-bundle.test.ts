import { runCloudFunctionBundleSuite } from './cloudfunction-bundle-suite';

/**
 * Both function bundles, built and run on the real wx-server-sdk as on the declared runtime (Nodejs20.19; this
 * machine runs Node 20). The same suite runs with Node 16.13's globals in cloudfunction-bundle-node16.test.ts.
 */
runCloudFunctionBundleSuite({ label: 'Node 20', outDir: 'node20' });
