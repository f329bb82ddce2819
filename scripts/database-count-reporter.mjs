// A node:test reporter that counts the tests run on each database (a test's name, or the name of a suite
// it is in, carries "[sqlite]" or "[postgres]") and prints one closing line per database, plus the plain
// "N passed, N failed" line.
export default async function* databaseCountReporter(source) {
  const counts = {
    sqlite: { passed: 0, failed: 0, skipped: 0 },
    postgres: { passed: 0, failed: 0, skipped: 0 },
  };
  const total = { passed: 0, failed: 0, skipped: 0 };
  // Per file, the names of the tests and suites started at each depth: a test's enclosing suites.
  const started = new Map();
  for await (const event of source) {
    if (event.type === 'test:start') {
      const names = started.get(event.data.file) ?? [];
      names.length = event.data.nesting;
      names.push(event.data.name);
      started.set(event.data.file, names);
      continue;
    }
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const d = event.data;
    if (d.details?.type === 'suite') continue;
    const outcome =
      d.skip !== undefined && d.skip !== false ? 'skipped' : event.type === 'test:pass' ? 'passed' : 'failed';
    total[outcome]++;
    const path = [...(started.get(d.file) ?? []).slice(0, d.nesting), d.name].join(' > ');
    const db = /\[(sqlite|postgres)\]/.exec(path)?.[1];
    if (db) counts[db][outcome]++;
  }
  const line = (db) =>
    `${db}: ${counts[db].passed} passed, ${counts[db].failed} failed, ${counts[db].skipped} skipped`;
  yield `\ntests by database — ${line('sqlite')}; ${line('postgres')}\n`;
  if (!counts.postgres.passed && !counts.postgres.failed)
    yield 'PostgreSQL tests were skipped: set CORROBORATE_TEST_PG=postgres://127.0.0.1:5432/test to run them\n';
  yield `tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`;
}
