// Spec for a command whose implementation has not landed yet: it parses, has help,
// and says plainly that it is not built, exiting non-zero.
import { UserError } from '../base/user-error.ts';
import type { CommandSpec } from './option-table.ts';

export function notBuilt(spec: Omit<CommandSpec, 'run'>, fullName: string): CommandSpec {
  return {
    ...spec,
    run: () => {
      throw new UserError(`'${fullName}' is not built yet in this damo; it is planned (see the README's status list)`, 1);
    },
  };
}
