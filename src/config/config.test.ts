import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG, parseConfig } from './config.ts';

describe('configuration', () => {
  it('layers defaults, file, environment and overrides', () => {
    const c = parseConfig({
      file: { confidence: { verifiedSources: 4 }, server: { port: 9000 } },
      env: { CORROBORATE_DB: 'env.db', CORROBORATE_ALLOW_HOSTS: 'a.example, 10.0.0.0/8' },
      overrides: { port: 7000 },
    });
    assert.equal(c.confidence.verifiedSources, 4);
    assert.equal(c.confidence.likelySources, DEFAULT_CONFIG.confidence.likelySources);
    assert.equal(c.db, 'env.db');
    assert.equal(c.server.port, 7000);
    assert.deepEqual(c.fetch.allowHosts, ['a.example', '10.0.0.0/8']);
  });

  it('names an unknown or mistyped setting', () => {
    assert.throws(
      () => parseConfig({ file: { confidence: { verified: 3 } } }),
      /config file: confidence: verified: unknown setting/,
    );
    assert.throws(() => parseConfig({ file: { server: { port: '80' } } }), /server: port: expected a number/);
    assert.throws(
      () => parseConfig({ env: { CORROBORATE_PORT: 'eighty' } }),
      /CORROBORATE_PORT: not a port number/,
    );
    assert.throws(
      () => parseConfig({ file: { confidence: { disputeRule: 'majority' } } }),
      /confidence: disputeRule: expected "none" or "trusted-majority"/,
    );
    assert.equal(
      parseConfig({ file: { confidence: { disputeRule: 'trusted-majority' } } }).confidence.disputeRule,
      'trusted-majority',
    );
  });
});
