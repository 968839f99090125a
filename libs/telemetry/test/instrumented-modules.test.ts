import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createInstrumentations, instrumentedModules } from '../src/tracing/instrumentations.js';

describe('instrumentedModules', () => {
  it('lists every patched module once', () => {
    const modules = instrumentedModules(createInstrumentations());

    for (const name of ['http', 'node:http', 'https', 'node:https', 'express', 'pg']) {
      assert.ok(modules.includes(name), `${name} is intercepted`);
    }
    assert.equal(new Set(modules).size, modules.length, 'no name twice');
    assert.equal(modules.includes('node:express'), false, 'packages keep their plain name');
  });

  it('instrumentations start disabled', () => {
    const instrumentations = createInstrumentations();

    for (const instrumentation of instrumentations) {
      assert.equal(instrumentation.getConfig().enabled, false, instrumentation.instrumentationName);
    }
  });
});
