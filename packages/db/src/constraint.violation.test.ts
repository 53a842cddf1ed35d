import { describe, expect, it } from 'vitest';
import { constraintViolation } from './constraint.violation.ts';

/** The error the drivers raise (pg's DatabaseError, PGlite's), wrapped as drizzle wraps it. */
const wrapped = (code: string, constraint: string, detail: string) => Object.assign(new Error('Failed query'), { cause: Object.assign(new Error('violation'), { code, constraint, detail }) });

describe('constraintViolation', () => {
  it('reads a unique violation through the wrapper, naming the fields but not the values', () => {
    expect(constraintViolation(wrapped('23505', 'users_username_unique', 'Key (username)=(admin) already exists.')))
      .toEqual({ kind: 'unique', constraint: 'users_username_unique', fields: ['username'] });
  });

  it('names the columns of a multi-column and an expression index in camelCase', () => {
    const detail = 'Key (meeting_id, lower(person_name), lower(organisation))=(5f0…, a (b), c) already exists.';
    expect(constraintViolation(wrapped('23505', 'invitations_person_uq', detail))!.fields).toEqual(['meetingId', 'personName', 'organisation']);
  });

  it('tells a missing reference from a record still referenced', () => {
    expect(constraintViolation(wrapped('23503', 'users_staff_id_staff_id_fk', 'Key (staff_id)=(0000) is not present in table "staff".')))
      .toMatchObject({ kind: 'missing_reference', fields: ['staffId'] });
    expect(constraintViolation(wrapped('23503', 'users_staff_id_staff_id_fk', 'Key (id)=(0000) is still referenced from table "users".')))
      .toMatchObject({ kind: 'still_referenced', fields: ['id'] });
  });

  it('is null for every other error, and copes with missing details', () => {
    expect(constraintViolation(wrapped('22021', 'x', ''))).toBeNull();
    expect(constraintViolation(new Error('plain'))).toBeNull();
    expect(constraintViolation(null)).toBeNull();
    expect(constraintViolation({ code: '23505' })).toEqual({ kind: 'unique', constraint: null, fields: [] });
  });
});
