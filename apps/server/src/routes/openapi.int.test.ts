import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => { t = await testApp(); });
afterAll(async () => { await t.close(); });

describe('API conventions', () => {
  it('publishes a valid OpenAPI 3.1 document listing every /api/v1 route', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    await SwaggerParser.validate(structuredClone(document));
    const documented = new Set(Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`)));
    const missing = t.app.routeTable
      .filter((r) => r.url.startsWith('/api/v1'))
      .map((r) => `${r.method} ${r.url.replace(/:([a-zA-Z]+)/g, '{$1}')}`)
      .filter((key) => !documented.has(key));
    expect(missing).toEqual([]);
  });

  it('states the one meaning of 409 and 422 in the document', async () => {
    const { info } = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { info: { description: string } };
    expect(info.description).toContain("**409**: The record's current state forbids this now");
    expect(info.description).toContain("**422**: The request's content breaks a rule");
  });

  it('serves interactive docs', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
  });

  it('reports health with the engine and migration state', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.json()).toEqual({
      status: 'ok',
      database: process.env.ESEP_TEST_ENGINE === 'postgres' ? 'postgresql' : 'pglite',
      migration: { applied: expect.any(Number), latest: expect.stringMatching(/^\d{4}_/) },
    });
  });

  it('answers unknown API paths with the error shape in the requested language', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/nowhere', headers: { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.5' } });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'not_found', message: 'Не найдено' } });
  });

  it('rejects unknown fields with the field and reason', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'admin', password: 'demo', role: 'admin' }, headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
    expect(response.json().error.details[0].field).toBe('body');
    expect(response.json().error.details[0].reason).toContain('role');
  });
});

describe('serving the web app', () => {
  it('compresses responses for clients that accept it', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers['content-encoding']).toBe('gzip');
  });

  it('answers a missing asset with 404, not the app page', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/assets/missing-1234.js' });
    expect(response.statusCode).toBe(404);
  });
});
