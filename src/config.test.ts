import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to the embedded database under ./data with demo data, on port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: 'localhost',
      dataDir: path.resolve('data'),
      databaseUrl: undefined,
      publicUrl: 'http://localhost:3000',
      logLevel: 'info',
      demoData: true,
      jobs: true,
      trustProxy: [],
      session: { idleMinutes: 30, maxHours: 12 },
      loginRatePerMinute: 10,
      oidc: null,
    });
  });

  it('turns demo data off by default on a PostgreSQL server, and on again when asked', () => {
    const url = 'postgres://lovit@db.example:5432/lovit';
    expect(loadConfig({ DATABASE_URL: url }).demoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: url, DEMO_DATA: 'yes' }).demoData).toBe(true);
    expect(loadConfig({ DEMO_DATA: '0' }).demoData).toBe(false);
  });

  it('serves metrics to nobody by default, and reads a token and a list of addresses and networks', () => {
    expect(loadConfig({}).metrics).toEqual({ token: undefined, allow: [] });
    const token = 'm'.repeat(40);
    expect(
      loadConfig({ METRICS_TOKEN: token, METRICS_ALLOW: '10.0.0.0/8, 192.168.1.7,fd00::/8' }).metrics,
    ).toEqual({ token, allow: ['10.0.0.0/8', '192.168.1.7', 'fd00::/8'] });
    expect(() => loadConfig({ METRICS_ALLOW: '10.0.0.0/33' })).toThrow(/METRICS_ALLOW/);
    expect(() => loadConfig({ METRICS_ALLOW: 'prometheus.local' })).toThrow(/METRICS_ALLOW/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 32/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).not.toThrow(/short/);
  });

  it('believes X-Forwarded-For only from the named proxies, never from whoever sends it', () => {
    expect(loadConfig({ TRUST_PROXY: 'off' }).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, fd00::/8' }).trustProxy).toEqual(['127.0.0.1', 'fd00::/8']);
    for (const value of ['on', '1', '10.0.0.0/33', 'proxy.local']) {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(
        /^Invalid configuration: TRUST_PROXY expected the addresses or networks of the reverse proxies/,
      );
    }
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it('derives the public address from the port, without a trailing slash when given', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://lovit.prefettura.example/' }).publicUrl).toBe(
      'https://lovit.prefettura.example',
    );
  });

  it.each([
    [{ PORT: 'abc' }, 'Invalid configuration: PORT expected a port number (got "abc")'],
    [{ PORT: '70000' }, 'Invalid configuration: PORT expected a port from 0 to 65535 (got "70000")'],
    [{ PORT: '80.5' }, 'Invalid configuration: PORT expected a whole number (got "80.5")'],
    [
      { DEMO_DATA: 'maybe' },
      'Invalid configuration: DEMO_DATA expected one of 1/0, true/false, yes/no, on/off (got "maybe")',
    ],
    [
      { PUBLIC_URL: 'ftp://x' },
      'Invalid configuration: PUBLIC_URL expected an http:// or https:// URL (got "ftp://x")',
    ],
  ])('refuses %o with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it('names a bad log level and lists the accepted ones', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(
      /^Invalid configuration: LOG_LEVEL .*"info".* \(got "loud"\)$/,
    );
  });

  it('never repeats the value of a URL that may carry a password', () => {
    for (const env of [{ DATABASE_URL: 'mysql://u:s3cret@h/d' }, { SMTP_URL: 'http://u:s3cret@h' }]) {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).not.toThrow(/s3cret/);
    }
  });

  it('serves the province of PROVINCE_ISTAT, its two letters, patron day and offices from settings', () => {
    const lodi = loadConfig({}).office;
    expect(lodi.province).toEqual({ istatCode: '098', name: 'Lodi' });
    expect(lodi.provinceCode).toBe('LO');
    expect(lodi.offices.map((office) => office.key)).toEqual(['prefettura', 'questura']);
    const offices = [{ name: 'Prefettura di Milano', address: 'Corso Monforte 31', municipality: '015146' }];
    const milano = loadConfig({
      PROVINCE_ISTAT: '15',
      PATRON_DAY: '12-07 Sant’Ambrogio',
      OFFICES: JSON.stringify(offices),
    }).office;
    expect(milano.province).toEqual({ istatCode: '015', name: 'Milano' });
    expect(milano.provinceCode).toBe('MI');
    expect(milano.patronDay).toMatchObject({ month: 12, day: 7, name: 'Sant’Ambrogio' });
    expect(milano.offices).toEqual([{ ...offices[0], callFirst: false }]);
    expect(() => loadConfig({ PROVINCE_ISTAT: '15' })).toThrow(
      new ConfigError(
        'Invalid configuration: PATRON_DAY is required for the province of Milano (e.g. "12-07 Sant’Ambrogio")',
      ),
    );
    expect(() => loadConfig({ PROVINCE_ISTAT: '999' })).toThrow(
      /^Invalid configuration: PROVINCE_ISTAT .*"999"/,
    );
    expect(() => loadConfig({ OFFICES: '[{"name":"x","municipality":"Milano"}]' })).toThrow(
      /^Invalid configuration: OFFICES .*six-digit ISTAT code/,
    );
  });
});
