/**
 * graphql-js repeats the offending input value in coercion and validation messages ("got invalid value ...",
 * "cannot represent ...: <value>", "found <value>"). Input may be an identity at a node, so the value is cut out
 * and only the location and the reason stay.
 */
const identifier = /^[_A-Za-z][_0-9A-Za-z]*$/;

const redactions: readonly [RegExp, string | ((match: string, name: string) => string)][] = [
  // The enum's reason repeats the value unescaped, quotes and all: everything up to the enum's name goes.
  [/Value "[\s\S]*" does not exist in/g, 'The value does not exist in'],
  [/(cannot represent [^:]*?value): [\s\S]*$/g, '$1.'],
  // A field name is echoed too; one that is no GraphQL name is input, not schema.
  [
    /Field "((?:[^"\\]|\\.)*)" is not defined by type/g,
    (match, name) => (identifier.test(name) ? match : 'A field is not defined by type'),
  ],
  [/(Expected value of type "[^"]*"), found [\s\S]*?(;|\.$|$)/g, '$1, found a value of another type$2'],
];

const invalidValue = 'got invalid value ';
/**
 * After the value: the path (names, dots, list indexes) and the reason. A printed string value escapes its quotes,
 * so ` at "` cannot occur inside one; the reason itself may repeat the value, so it is found from the front.
 */
const pathThenReason = / at "([_A-Za-z][\w.[\]]*)"; /;
/** A variable refused as a whole has no path: its reason starts with one of graphql-js's phrases. */
const reasonStart = /; (?=Expected |Field "|Value "|Enum "|[A-Z][A-Za-z]* cannot represent )/;

/**
 * `Variable "$input" got invalid value <value> at "input.registrations[0].sex"; <reason>`: keeps the path and the
 * reason (whose own echo of the value the patterns below remove), drops the value.
 */
function withoutInvalidValue(message: string): string {
  const start = message.indexOf(invalidValue);
  if (start < 0) return message;
  const head = `${message.slice(0, start)}got invalid value`;
  const rest = message.slice(start + invalidValue.length);
  const withPath = pathThenReason.exec(rest);
  if (withPath) return `${head} at "${withPath[1]}"; ${rest.slice(withPath.index + withPath[0].length)}`;
  const whole = reasonStart.exec(rest);
  return whole ? `${head}; ${rest.slice(whole.index + 2)}` : `${head}.`;
}

export function redactInputValues(message: string): string {
  let text = withoutInvalidValue(message);
  for (const [pattern, replacement] of redactions) {
    // Two calls because String.prototype.replace has no overload taking the union.
    text = typeof replacement === 'string' ? text.replace(pattern, replacement) : text.replace(pattern, replacement);
  }
  return text;
}

const redactedVariableError = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)" got invalid value(?: at "([^"]+)")?[;.]/;

/**
 * Where in the variables the bad value was, as the argument paths domain errors use (`input.validTo`,
 * `input.registrations.1.period`). graphql-js states it only in its message, `Variable "$input" got invalid value
 * ... at "input.validTo"; ...`; the redaction finds it past the value. A literal in the query text has no variable:
 * its location says where.
 */
export function variablePathOf(message: string): string[] {
  const match = redactedVariableError.exec(redactInputValues(message));
  if (!match) return [];
  return [match[2] === undefined ? match[1]! : match[2].replace(/\[(\d+)\]/g, '.$1')];
}
