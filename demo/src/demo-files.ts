import { resolve } from 'node:path';

/** The committed member file, `demo/members.csv` (this module runs from `demo/dist/src`). */
export const committedMembersFile = resolve(import.meta.dirname, '../../members.csv');
