/**
 * graphql-js repeats the offending input value in coercion and validation messages ("got invalid value ...",
 * "cannot represent ...: <value>", "found <value>"). Input may be an identity at a node, so the value is cut out
 * and only the location and the reason stay.
 */
const identifier = /^[_A-Za-z][_0-9A-Za-z]*$/;

const redactions: readonly [RegExp, string | ((match: string, name: string) => string)][] = [
  // Variable "$input" got invalid value {...} at "input.sex"; Value "X" does not exist in "Sex" enum.
  [/got invalid value [\s\S]*?( at "[^"]*")?; /g, 'got invalid value$1; '],
  [/got invalid value [\s\S]*?( at "[^"]*")?$/g, 'got invalid value$1.'],
  [/Value "(?:[^"\\]|\\.)*" does not exist in/g, 'The value does not exist in'],
  [/(cannot represent [^:]*?value): [\s\S]*$/g, '$1.'],
  // A field name is echoed too; one that is no GraphQL name is input, not schema.
  [
    /Field "((?:[^"\\]|\\.)*)" is not defined by type/g,
    (match, name) => (identifier.test(name) ? match : 'A field is not defined by type'),
  ],
  [/(Expected value of type "[^"]*"), found [\s\S]*?(;|\.$|$)/g, '$1, found a value of another type$2'],
];

export function redactInputValues(message: string): string {
  let text = message;
  for (const [pattern, replacement] of redactions) {
    // Two calls because String.prototype.replace has no overload taking the union.
    text = typeof replacement === 'string' ? text.replace(pattern, replacement) : text.replace(pattern, replacement);
  }
  return text;
}
