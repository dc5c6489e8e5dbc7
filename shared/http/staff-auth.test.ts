import { describe, expect, it } from 'vitest';
import { carriesBearer, internalAuth, isStaffRequest, staffAuth } from './staff-auth.ts';
import { createApp } from './create-app.ts';
import { silentLogger } from './logger.ts';

// What a staff client or a sibling service gets back for its Authorization header.
function guarded(middleware: ReturnType<typeof staffAuth>) {
  const app = createApp({ name: 'test', log: silentLogger });
  app.get('/guarded', middleware, (c) => c.json({ ok: true }));
  return (authorization?: string) => app.request('/guarded', authorization === undefined ? {} : { headers: { authorization } });
}

describe('staffAuth', () => {
  const call = guarded(staffAuth('s3cret'));

  it('lets the staff token in, whatever the case of "Bearer" and spaces around the token', async () => {
    for (const header of ['Bearer s3cret', 'bearer s3cret', 'BEARER   s3cret  ']) expect((await call(header)).status, header).toBe(200);
  });

  it('asks for credentials with 401 and WWW-Authenticate when there are none', async () => {
    for (const header of [undefined, '', 'Basic czNjcmV0', 'Bearer', 'Bearer ', 's3cret']) {
      const res = await call(header);
      expect(res.status, String(header)).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="staff"');
      expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: 'staff route: send Authorization: Bearer <staff token>' } });
    }
  });

  it('refuses a wrong token with 403, a prefix or longer one included', async () => {
    for (const header of ['Bearer wrong', 'Bearer s3cre', 'Bearer s3cret2', 'Bearer S3CRET']) {
      const res = await call(header);
      expect(res.status, header).toBe(403);
      expect(await res.json()).toEqual({ error: { code: 'forbidden', message: 'wrong staff token' } });
    }
  });

  it('without STAFF_TOKEN the staff routes are off (503), whatever is sent', async () => {
    for (const token of [undefined, '']) {
      const res = await guarded(staffAuth(token))('Bearer anything');
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: { code: 'staff_api_disabled', message: 'staff routes are disabled: STAFF_TOKEN is not configured' } });
    }
  });
});

describe('internalAuth', () => {
  it('with INTERNAL_API_TOKEN only its holders get in, under the "internal" realm', async () => {
    const call = guarded(internalAuth('svc'));
    expect((await call('Bearer svc')).status).toBe(200);
    const missing = await call();
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="internal"');
    expect(((await missing.json()) as { error: { message: string } }).error.message).toBe('internal route: send Authorization: Bearer <internal token>');
    const wrong = await call('Bearer staff');
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toBe('wrong internal token');
  });

  it('without it the route is open (the local server)', async () => {
    expect((await guarded(internalAuth(undefined))()).status).toBe(200);
  });
});

describe('carriesBearer and isStaffRequest', () => {
  it('are true only for exactly the token, sent as a Bearer credential', () => {
    const isStaff = isStaffRequest('s3cret');
    for (const check of [(header: string | undefined) => carriesBearer(header, 's3cret'), isStaff]) {
      expect(check('Bearer s3cret')).toBe(true);
      expect(check('bearer  s3cret ')).toBe(true);
      for (const header of [undefined, '', 'Bearer', 'Bearer other', 'Bearer s3cret2', 's3cret', 'Basic s3cret', 'xBearer s3cret'])
        expect(check(header), String(header)).toBe(false);
    }
  });

  it('without a staff token nobody is staff', () => {
    expect(isStaffRequest(undefined)('Bearer ')).toBe(false);
    expect(isStaffRequest('')('Bearer anything')).toBe(false);
  });
});
