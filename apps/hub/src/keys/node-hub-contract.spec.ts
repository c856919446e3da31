import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse, validate, type OperationDefinitionNode } from 'graphql';
import { CONTRACT_MUTATIONS, ContractRefusalCode, MessageKind, PERMANENT_REFUSALS, messageKindOfField } from '#app/contract';
import { CryptoErrorCode } from '#app/crypto';
import { NodesErrorCode } from '../nodes/nodes.exception.js';
import { RevocationsErrorCode } from '../revocations/revocations.exception.js';
import { SubmissionsErrorCode } from '../submissions/submissions.exception.js';

/** The hub's side of the node–hub contract (libs/contract): its SDL serves the documents, its exceptions the codes. */
const hubSdl = readFileSync(path.join(process.cwd(), 'schemas', 'hub.graphql'), 'utf8');
const hubCodes = new Set<string>([
  ...Object.values(CryptoErrorCode),
  ...Object.values(NodesErrorCode),
  ...Object.values(SubmissionsErrorCode),
  ...Object.values(RevocationsErrorCode),
]);
/** Codes of the intake features that answer no delivery (the ledger's filters). */
const notDeliveryRefusals = new Set<string>([RevocationsErrorCode.INVALID_COUNTRY]);

describe('the node–hub contract at the hub', () => {
  it("each mutation document is valid against the hub's committed schema", () => {
    const schema = buildSchema(hubSdl);
    for (const kind of Object.values(MessageKind)) {
      const mutation = CONTRACT_MUTATIONS[kind];
      const document = parse(mutation.document);
      expect([kind, validate(schema, document).map((error) => error.message)]).toEqual([kind, []]);
      const operation = document.definitions[0] as OperationDefinitionNode;
      const selection = operation.selectionSet.selections[0];
      expect(selection?.kind === 'Field' ? selection.name.value : undefined).toBe(mutation.field);
      expect(mutation.document).toContain(`${mutation.messageIdField} status`);
      expect(messageKindOfField(mutation.field)).toBe(kind);
    }
  });

  it('every refusal code of the contract is one the hub raises, and every delivery refusal of the hub is in the contract', () => {
    for (const code of Object.values(ContractRefusalCode)) expect([code, hubCodes.has(code)]).toEqual([code, true]);
    const intakeCodes = [...Object.values(SubmissionsErrorCode), ...Object.values(RevocationsErrorCode)].filter(
      (code) => !notDeliveryRefusals.has(code),
    );
    const contract = new Set<string>(Object.values(ContractRefusalCode));
    for (const code of intakeCodes) expect([code, contract.has(code)]).toEqual([code, true]);
    for (const code of PERMANENT_REFUSALS) expect(contract.has(code)).toBe(true);
  });

  it('an invalid notice is refused for good, like an invalid return; an unknown key may be registered later', () => {
    expect(PERMANENT_REFUSALS.has(RevocationsErrorCode.INVALID_NOTICE)).toBe(true);
    expect(PERMANENT_REFUSALS.has(SubmissionsErrorCode.INVALID_RETURN)).toBe(true);
    expect(PERMANENT_REFUSALS.has(CryptoErrorCode.UNKNOWN_KEY)).toBe(false);
  });
});
