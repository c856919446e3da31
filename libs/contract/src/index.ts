// The node–hub contract (docs/ARCHITECTURE.md): message kinds, the GraphQL documents a node sends, receipts and
// refusal codes. Both apps and the node tests' hub use it, so the two sides cannot drift apart. Pure TypeScript.
export { CONTRACT_MUTATIONS, MessageKind, messageKindOfField } from './messages.js';
export type { ContractMutation, DeliveryStatus } from './messages.js';
export { HUB_NAME, MAX_PROMISE_LENGTH, checkReceiptClaims, receiptClaims } from './receipt.js';
export type {
  ReceiptClaims,
  ReceiptClaimsCheck,
  ReceiptFacts,
  ReceiptPayload,
  ReturnReceiptPayload,
  RevocationReceiptPayload,
  SentMessage,
} from './receipt.js';
export { ContractRefusalCode, PERMANENT_REFUSALS } from './refusal-codes.js';
