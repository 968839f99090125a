import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IsIn, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { AppException, createValidationPipe, translateValidation } from '../src/index.js';

class Address {
  @IsString()
  @MaxLength(5)
  city!: string;
}

class Sample {
  @IsString()
  @MaxLength(5)
  name!: string;

  @IsIn(['tr', 'en'])
  locale!: string;

  @Length(2, 4)
  code!: string;

  @ValidateNested()
  @Type(() => Address)
  address!: Address;
}

async function validationFailure(body: unknown): Promise<AppException> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: Sample });
  } catch (error) {
    assert.ok(error instanceof AppException, 'the pipe raises an AppException');
    return error;
  }
  assert.fail('validation must fail');
}

describe('validation pipe', () => {
  it('renders constraint arguments into field messages', async () => {
    const failure = await validationFailure({
      name: 'much too long',
      locale: 'de',
      code: 'x',
      address: { city: 'İstanbul' },
    });
    assert.equal(failure.code, 'VALIDATION_FAILED');

    const messages = Object.fromEntries(
      (failure.fieldErrors ?? []).map((error) => [
        `${error.field}:${error.constraint}`,
        translateValidation(error.constraint, 'en', { field: error.field, ...error.params }),
      ]),
    );
    assert.equal(messages['name:maxLength'], 'name must be at most 5 characters long.');
    assert.equal(messages['locale:isIn'], 'locale must be one of: tr, en.');
    assert.equal(messages['code:isLength'], 'code must be between 2 and 4 characters long.');
    assert.equal(
      messages['address.city:maxLength'],
      'address.city must be at most 5 characters long.',
    );
  });

  it('rejects unknown fields by name', async () => {
    const failure = await validationFailure({
      name: 'ok',
      locale: 'tr',
      code: 'abc',
      address: { city: 'Rize' },
      role: 'ADMIN',
    });
    const unknown = failure.fieldErrors?.find(
      (error) => error.constraint === 'whitelistValidation',
    );
    assert.equal(unknown?.field, 'role');
  });

  it('reports a missing field once as required', async () => {
    const failure = await validationFailure({
      locale: 'tr',
      code: 'abc',
      address: { city: 'Rize' },
    });
    const nameErrors = failure.fieldErrors?.filter((error) => error.field === 'name') ?? [];
    assert.deepEqual(
      nameErrors.map((error) => error.constraint),
      ['isDefined'],
    );
    assert.equal(
      translateValidation('isDefined', 'tr', { field: 'name' }),
      'name alanı zorunludur.',
    );
  });
});
