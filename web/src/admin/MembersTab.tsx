import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { member } from '../../../src/contracts/identity.schemas';
import { usePages } from '../api/use-pages';
import { useErrorText } from '../i18n/errors';
import { useSubmit } from '../shell/forms';
import { useSession } from '../shell/session';
import { ErrorNotice, Loading, MoreButton, Table } from '../shell/ui';
import { useAdminShop } from './AdminPage';
import { AddMemberForm } from './AddMemberForm';
import { listMembers, removeMember } from './admin.api';

type Member = z.output<typeof member>;

/** Everyone in the admin area sees the team; only owners change it (the server enforces it too). */
export function MembersTab() {
  const { t } = useTranslation();
  const { shop, role } = useAdminShop();
  const isOwner = role === 'owner';
  const pages = usePages((after, signal) => listMembers(shop.id, after, signal), [shop.id]);
  const { list: members, reload } = pages;

  return (
    <div className="stack">
      <section className="card">
        <h2>{t('admin.members.title')}</h2>
        {!isOwner && <p className="muted">{t('admin.members.ownersOnly')}</p>}
        {members.status === 'loading' && <Loading />}
        {members.status === 'error' && <ErrorNotice error={members.error} onRetry={reload} />}
        {members.status === 'ok' && (
          <Table head={[t('admin.members.name'), t('auth.email'), t('admin.members.role'), '']}>
            {members.data.map((m) => (
              <MemberRow key={m.userId} shopId={shop.id} member={m} canRemove={isOwner} onRemoved={reload} />
            ))}
          </Table>
        )}
        <MoreButton pages={pages} />
      </section>
      {isOwner && (
        <section className="card">
          <h2>{t('admin.members.add')}</h2>
          <p className="muted">{t('admin.members.addHint')}</p>
          <AddMemberForm shopId={shop.id} onAdded={reload} />
        </section>
      )}
    </div>
  );
}

interface MemberRowProps {
  shopId: string;
  member: Member;
  canRemove: boolean;
  onRemoved: () => void;
}

function MemberRow({ shopId, member, canRemove, onRemoved }: MemberRowProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { state, refresh } = useSession();
  const { pending, error, run } = useSubmit();
  const isMe = state.status === 'signedIn' && state.me.user.id === member.userId;

  const remove = () => {
    if (!window.confirm(t('admin.members.removeConfirm', { name: member.displayName }))) return;
    void run(async () => {
      await removeMember(shopId, member.userId);
      // Removing oneself changes what this user may see.
      if (isMe) await refresh();
      else onRemoved();
    });
  };

  return (
    <tr>
      <td>
        {member.displayName}
        {isMe && <span className="badge">{t('admin.members.you')}</span>}
      </td>
      <td>{member.email}</td>
      <td>{t(`roles.${member.role}`)}</td>
      <td className="row-actions">
        {canRemove && (
          <button type="button" className="button-danger button-small" disabled={pending} onClick={remove}>
            {t('admin.members.remove')}
          </button>
        )}
        {error !== null && <span className="field-invalid" role="alert">{errorText(error)}</span>}
      </td>
    </tr>
  );
}
