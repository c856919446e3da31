/** Who takes part in the federation on one machine, and where each keeps its data. */
export interface NodePlan {
  nodeId: string;
  country: string;
  port: number;
  seed: number;
  cases: number;
}

/** `--ctdc`: the three largest countries of exploitation in the CTDC subset, each fed the file's rows of its country. */
export const CTDC_NODES: readonly NodePlan[] = [
  { nodeId: 'node-us', country: 'US', port: 3101, seed: 0, cases: 0 },
  { nodeId: 'node-ua', country: 'UA', port: 3102, seed: 0, cases: 0 },
  { nodeId: 'node-md', country: 'MD', port: 3103, seed: 0, cases: 0 },
];

export const CTDC_FILE = 'data/third-party/ctdc-2020-subset/ctdc-2020-subset.csv';

export const HUB_PORT = 3000;

export const DEFAULT_NODES: readonly NodePlan[] = [
  { nodeId: 'node-at', country: 'AT', port: 3101, seed: 11, cases: 1200 },
  { nodeId: 'node-ch', country: 'CH', port: 3102, seed: 23, cases: 900 },
  { nodeId: 'node-ca', country: 'CA', port: 3103, seed: 37, cases: 1500 },
];

/** Quarters of synthetic registrations; all are submitted, the last two stay provisional in the release. */
export const FIRST_PERIOD = '2025-Q1';
export const LAST_PERIOD = '2026-Q2';
