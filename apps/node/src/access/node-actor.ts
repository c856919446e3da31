import { Injectable } from '@nestjs/common';
import { assertCountryInScope, type Principal, type Role } from '#app/auth';
import { NodeConfig } from '../config/node.config.js';

declare const checkedForThisNode: unique symbol;

/**
 * A principal confirmed to act for this node's country. Services take a `NodeActor`, not a `Principal`, so an
 * operation cannot reach node data without the country check having run.
 */
export type NodeActor = {
  /** The token subject: an account id, recorded on returns and revocations (never a name). */
  readonly subject: string;
  readonly roles: readonly Role[];
  readonly [checkedForThisNode]: true;
};

@Injectable()
export class NodeScope {
  constructor(private readonly config: NodeConfig) {}

  /** Refuses a principal whose (operation-limited) roles do not cover this node's country: COUNTRY_OUT_OF_SCOPE. */
  actorOf(principal: Principal): NodeActor {
    assertCountryInScope(principal, this.config.country);
    return { subject: principal.subject, roles: principal.roles } as NodeActor;
  }
}
