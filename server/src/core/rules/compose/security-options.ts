/** Reading `security_opt` entries, shared by the seccomp, MAC and no-new-privileges rules. */
import type { ComposeModel, ComposeService } from '../../compose/model';
import { listItems, securityOption, type ListItem } from '../../compose/normalize';

export interface SecurityOption extends ListItem {
  name: string;
  value: string;
}

export function securityOptions(model: ComposeModel, service: ComposeService): SecurityOption[] {
  return listItems(model, service, 'security_opt').map((item) => {
    const [name, value] = securityOption(item.text);
    return { ...item, name, value };
  });
}
