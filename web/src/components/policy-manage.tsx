import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { type FormFailure, failureOf } from '../failures.ts';
import { useLang } from '../i18n.ts';
import type { StoredPolicy } from '../types.ts';
import { ConfirmButton, FormMessage } from './ui.tsx';

/**
 * What saving or deleting a stored policy does, said before it is done, and its delete (with
 * If-Match): the API refuses while tasks use it and says how many.
 */
export function PolicyManage(props: { policy: StoredPolicy; onDeleted: () => void }) {
  const { t, lang } = useLang();
  const [failure, setFailure] = useState<FormFailure>();
  const remove = async () => {
    try {
      await api('DELETE', `/policies/${encodeURIComponent(props.policy.name)}`, {
        ifMatch: props.policy.version,
      });
      setFailure(undefined);
      props.onDeleted();
    } catch (error) {
      setFailure(failureOf(error, lang));
    }
  };
  return (
    <div class="buttons policy-manage">
      <p class="hint">{t.policyEditHint}</p>
      <ConfirmButton label={t.deletePolicy} question={t.confirmDeletePolicy} onConfirm={remove} />
      <FormMessage failure={failure} labels={{ name: t.policyName }} />
    </div>
  );
}
