/** The two kinds of signed message a node sends the hub. */
export enum MessageKind {
  RETURN = 'RETURN',
  REVOCATION = 'REVOCATION',
}

/** Whether the hub took a message now (ACCEPTED) or had taken it before (DUPLICATE, same receipt again). */
export type DeliveryStatus = 'ACCEPTED' | 'DUPLICATE';

/** One mutation of the contract: its GraphQL field, document, and the answer field that echoes the message id. */
export interface ContractMutation {
  readonly field: string;
  readonly document: string;
  readonly messageIdField: 'returnId' | 'noticeId';
}

/**
 * The contract's mutations. A node authenticates by the JWS itself (no bearer token); the documents are checked
 * against the hub's committed SDL by the hub's contract spec.
 */
export const CONTRACT_MUTATIONS: Readonly<Record<MessageKind, ContractMutation>> = {
  [MessageKind.RETURN]: {
    field: 'submitReturn',
    document: 'mutation submitReturn($jws: String!) { submitReturn(jws: $jws) { returnId status receipt } }',
    messageIdField: 'returnId',
  },
  [MessageKind.REVOCATION]: {
    field: 'submitRevocation',
    document: 'mutation submitRevocation($jws: String!) { submitRevocation(jws: $jws) { noticeId status erased receipt } }',
    messageIdField: 'noticeId',
  },
};

/** The kind whose mutation has this GraphQL field, if any. */
export function messageKindOfField(field: string): MessageKind | undefined {
  return (Object.values(MessageKind) as MessageKind[]).find((kind) => CONTRACT_MUTATIONS[kind].field === field);
}
