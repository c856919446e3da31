import { HubKeyring } from '../../apps/hub/src/keys/hub-keyring.js';
import { RevisionsService } from '../../apps/hub/src/revisions/revisions.service.js';
import { SubmissionsService } from '../../apps/hub/src/submissions/submissions.service.js';
import { inTransaction, withRawClient, type BenchHub } from './bench-hub.js';
import type { BenchNode } from './bench-node.js';
import type { PersonPlanOptions } from './bench-records.js';
import { insertByCopy, insertByUnnest, storedRows } from './record-rows.js';

const LOAD_BATCH_ROWS = 50_000;

const returnKey = (country: string, period: string) => `${country}|${period}`;

/**
 * Loads a large set of records into a hub quickly, when loading is not what is measured: every (country, period)
 * first gets a real accepted return through the hub's intake (empty, so its submission row, receipt and coverage are
 * genuine), then the records are written straight into `hub_record` in the hub's own row shape (leaf codes and record
 * keys computed by the hub's intake code), with COPY on PostgreSQL and batched unnest on the embedded database.
 */
export class RecordLoader {
  private loaded = 0;

  private constructor(
    private readonly hub: BenchHub,
    private readonly node: BenchNode,
    private readonly plan: PersonPlanOptions,
    private readonly returnIds: ReadonlyMap<string, string>,
  ) {}

  static async open(hub: BenchHub, node: BenchNode, plan: PersonPlanOptions): Promise<RecordLoader> {
    const submissions = hub.app.get(SubmissionsService);
    const returnIds = new Map<string, string>();
    for (const [country] of plan.countries) {
      for (const period of plan.periods) {
        const empty = node.returnOf(country, period, []);
        const receipt = await submissions.submitReturn(await node.signReturn(empty));
        if (receipt.status !== 'ACCEPTED') throw new Error(`the hub answered ${receipt.status} to an empty return`);
        returnIds.set(returnKey(country, period), empty.returnId);
      }
    }
    return new RecordLoader(hub, node, plan, returnIds);
  }

  get count(): number {
    return this.loaded;
  }

  /** Adds records until `total` are loaded (records `count` .. `total - 1` of the plan), then refreshes statistics. */
  async growTo(total: number): Promise<void> {
    const secret = this.hub.app.get(HubKeyring).recordKeySecret;
    const useCopy = this.hub.database === 'PostgreSQL';
    while (this.loaded < total) {
      const batch = Math.min(LOAD_BATCH_ROWS, total - this.loaded);
      const records = this.node.records(this.plan, this.loaded, batch);
      const rows = storedRows(records, secret, (record) => this.returnIds.get(returnKey(record.country, record.period))!);
      await withRawClient(this.hub.dataSource, (client) =>
        inTransaction(client, () =>
          useCopy ? insertByCopy(client, 'hub_record', rows) : insertByUnnest(client, 'hub_record', rows, 20_000),
        ),
      );
      await this.recordChanges(records);
      this.loaded += batch;
    }
    // What autovacuum would do soon after a large intake; without it the planner guesses at a table it never saw.
    await this.hub.dataSource.query('ANALYZE hub_record');
  }

  /** What intake would have recorded for these records: the revision policy must see every change (late records). */
  private async recordChanges(records: readonly { country: string; period: string; pseudonym: string }[]): Promise<void> {
    const byCountry = new Map<string, { period: string; pseudonym: string }[]>();
    for (const record of records) {
      const list = byCountry.get(record.country) ?? [];
      list.push(record);
      byCountry.set(record.country, list);
    }
    const revisions = this.hub.app.get(RevisionsService);
    for (const [country, changed] of byCountry) {
      await revisions.recordChangedRecords(this.hub.dataSource.manager, country, changed, new Date());
    }
  }
}
