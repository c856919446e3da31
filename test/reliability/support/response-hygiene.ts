/** An HTTP answer as received, before any interpretation. */
export interface HttpAnswer {
  readonly status: number;
  readonly text: string;
  readonly body: unknown;
}

/** What leaked, by kind; a clean answer has none. */
const leaks: ReadonlyArray<readonly [string, RegExp]> = [
  ['stack trace', /\n\s+at |\bat [^\s()]+ \([^)]*:\d+:\d+\)|"stacktrace"|"stack"\s*:/i],
  [
    'internal path',
    /\/(work|home|root|tmp|usr|opt|var|srv)\/[\w.-]|node_modules|file:\/\/|\b[\w-]+\.(ts|js|mjs|cjs):\d+|\bdist\/(apps|libs|scripts)\//,
  ],
  [
    'SQL text',
    /\b(SELECT\s+[\w*"(]|INSERT INTO|DELETE FROM|UPDATE\s+"?\w+"?\s+SET)\b|relation "[^"]+"|violates [\w ]*constraint|syntax error at or near|invalid byte sequence|out of range for type|QueryFailedError/,
  ],
  ['internal error', /"INTERNAL_SERVER_ERROR"|Internal server error|\b(TypeError|ReferenceError|RangeError): /],
];

/** Posts to a URL and keeps the exact answer text (and the parsed body when it is JSON). */
export async function post(
  url: string,
  body: string | Uint8Array,
  headers: Record<string, string>,
  timeoutMs = 60_000,
): Promise<HttpAnswer> {
  const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
  return answerOf(response);
}

export async function answerOf(response: Response): Promise<HttpAnswer> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, text, body };
}

/**
 * The outcome an answer stands for: the stable code of its first error (GraphQL `extensions.code`, or the plain HTTP
 * endpoints' `error.code`), else the `status` of the named mutation's result (ACCEPTED, DUPLICATE), else OK.
 */
export function outcomeOf(answer: HttpAnswer, field?: string): string {
  const body = record(answer.body);
  if (body === undefined) return `HTTP_${answer.status}_NOT_JSON`;
  const errors = Array.isArray(body['errors']) ? (body['errors'] as unknown[]) : [];
  if (errors.length > 0) {
    const code = record(record(errors[0])?.['extensions'])?.['code'];
    return typeof code === 'string' ? code : 'ERROR_WITHOUT_CODE';
  }
  const plainError = record(body['error']);
  if (plainError !== undefined) return typeof plainError['code'] === 'string' ? plainError['code'] : 'ERROR_WITHOUT_CODE';
  const result = field === undefined ? undefined : record(record(body['data'])?.[field]);
  if (typeof result?.['status'] === 'string') return result['status'];
  return 'OK';
}

/** Everything wrong with the form of a refusal: a leak, a server error, a value echoed back, a result beside the error. */
export function refusalProblems(answer: HttpAnswer, options: { mustNotEcho?: readonly string[]; field?: string } = {}): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`HTTP ${answer.status}`);
  for (const [kind, pattern] of leaks) {
    const match = pattern.exec(answer.text);
    if (match) problems.push(`${kind} in the answer: ${JSON.stringify(match[0])}`);
  }
  for (const value of options.mustNotEcho ?? []) {
    if (value.length >= 4 && answer.text.includes(value))
      problems.push(`the answer echoes the input ${JSON.stringify(value.slice(0, 40))}`);
  }
  const data = record(record(answer.body)?.['data']);
  if (options.field !== undefined && data?.[options.field] !== undefined && data[options.field] !== null) {
    problems.push(`a result for ${options.field} came with the refusal`);
  }
  return problems;
}

/** Log lines that carry a stack trace, a path or an echoed value: internal logs must be as clean as answers. */
export function logProblems(lines: readonly string[], mustNotEcho: readonly string[] = []): string[] {
  const problems: string[] = [];
  for (const line of lines) {
    if (/\n\s+at |\bat [^\s()]+ \([^)]*:\d+:\d+\)/.test(line)) problems.push(`stack trace in a log line: ${line.slice(0, 160)}`);
    for (const value of mustNotEcho) {
      if (value.length >= 4 && line.includes(value)) problems.push(`a log line echoes the input ${JSON.stringify(value.slice(0, 40))}`);
    }
  }
  return problems;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
