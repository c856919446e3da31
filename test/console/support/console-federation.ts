import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DevIssuer, Role } from '#app/auth';
import { startHub, type HubUnderTest } from '../../support/hub-test-app.js';
import { REGISTER_NODE } from '../../support/hub-test-node.js';
import { NodeTestBed, TEST_NODE_ID, type TestNode } from '../../support/node-test-app.js';

/** A real hub and a real node of AT registered at it, over HTTP, for the console's browser journeys. */
export interface ConsoleFederation {
  readonly hub: HubUnderTest;
  readonly bed: NodeTestBed;
  readonly node: TestNode;
  /** A one-time sign-in link of the node's console for these roles (a rapporteur of AT by default). */
  signInLink(roles?: [Role, ...Role[]], countries?: string[], ttl?: string, subject?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startConsoleFederation(label: string): Promise<ConsoleFederation> {
  const hub = await startHub(`${label}-hub`);
  const bed = await NodeTestBed.create(label);
  const issuer = await DevIssuer.loadOrCreate(join(bed.workDir, 'dev-issuer'));
  // The hub's receipt key, saved for the node as an operator would.
  const jwksFile = join(bed.workDir, 'hub-jwks.json');
  await writeFile(jwksFile, await (await fetch(`${hub.url}/.well-known/jwks.json`)).text());
  const node = await bed.start(bed.config({ url: hub.url, jwksFile }, { NODE_FIRST_PERIOD: '2025-Q1' }));
  const registration = await hub.graphql(
    REGISTER_NODE,
    { input: { nodeId: TEST_NODE_ID, countries: ['AT'], publicJwk: JSON.stringify(node.keyring.publicJwk) } },
    hub.adminToken,
  );
  if (registration.errors !== undefined) throw new Error(`registering the node failed: ${JSON.stringify(registration.errors)}`);
  return {
    hub,
    bed,
    node,
    signInLink: async (roles = [Role.RAPPORTEUR], countries = ['AT'], ttl = '10m', subject = 'console-user') =>
      `${node.url}/console/sign-in?code=${await issuer.issue({ roles, countries, subject, ttl })}`,
    close: async () => {
      await node.close();
      await bed.dispose();
      await hub.close();
    },
  };
}

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly nodes: ReadonlyArray<{ readonly target: readonly string[] }>;
}

let axeSource: string | undefined;

/** Serious and critical accessibility violations axe-core finds on the page as it is now (none is the bar). */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  axeSource ??= await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated by the test harness (DevTools protocol), not loaded by the page: its policy allows no inline script.
  await page.evaluate(axeSource);
  const violations = (await page.evaluate('axe.run(document).then((result) => result.violations)')) as AxeViolation[];
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((entry) => entry.target.join(' ')).join(', ')}`);
}

/** The window as the user first sees it, and the whole page beside it. */
export async function screenshot(page: Page, folder: string, name: string): Promise<void> {
  await page.screenshot({ path: join(folder, `${name}.png`) });
  await page.screenshot({ path: join(folder, `${name}-full.png`), fullPage: true });
}
