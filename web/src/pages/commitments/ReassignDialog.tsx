import { useRef, type ReactElement } from 'react';
import { Form, Typography } from 'antd';
import { ModalForm, ProFormText, ProFormTextArea, type ProFormInstance } from '@ant-design/pro-components';
import { showSuccess } from '../../api/client';
import { commitmentsApi, type Clause } from '../../api/commitments';
import { usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { ColleagueSelect } from '../projects/ColleagueSelect';
import { fieldDetails } from '../projects/ProjectForm';

interface Values {
  responsibleDepartment: string;
  responsibleUserId: string | null;
  reason: string;
}

/**
 * 更换责任人: a new department and person for a clause, with the reason (into its history and the audit log). The
 * person starts as the current one, so the clause is never left without an owner: clearing the picker is refused
 * here, and the server refuses anyone inactive or outside the project's region (the refusal shows under the field).
 */
export function ReassignDialog({ clause: c, trigger, onSaved }: { clause: Clause; trigger: ReactElement; onSaved: () => Promise<unknown> }) {
  const { t } = useI18n();
  const phone = usePhone();
  const formRef = useRef<ProFormInstance<Values>>();
  return (
    <ModalForm<Values>
      title={t('commitments.reassign.title')}
      formRef={formRef}
      width={520}
      initialValues={{ responsibleDepartment: c.responsibleDepartment, responsibleUserId: c.responsibleUserId }}
      modalProps={{ destroyOnClose: true }}
      trigger={trigger}
      onFinish={async (v) => {
        if (!v.responsibleUserId) {
          formRef.current?.setFields([{ name: 'responsibleUserId', errors: [t('commitments.responsibleRequired')] }]);
          return false;
        }
        try {
          await commitmentsApi.reassign(c.id, { responsibleUserId: v.responsibleUserId, responsibleDepartment: v.responsibleDepartment.trim(), reason: v.reason.trim(), version: c.version });
        } catch (err) {
          const details = fieldDetails(err);
          if (details.length) formRef.current?.setFields(details.map((d) => ({ name: d.field as keyof Values, errors: [d.message] })));
          return false;
        }
        showSuccess(t('common.success'));
        await onSaved();
        return true;
      }}
    >
      <Typography.Paragraph type="secondary" data-testid="reassign-current">
        {t('commitments.reassign.current', { department: c.responsibleDepartment, name: c.responsibleName })}
      </Typography.Paragraph>
      <ProFormText name="responsibleDepartment" label={t('commitments.department')} rules={[{ required: true, whitespace: true, message: t('commitments.reassign.departmentRequired') }]} fieldProps={{ maxLength: 100 }} />
      {/* no `rules` on the select (antd would put aria-required on its root, which axe refuses): checked on submit */}
      <Form.Item name="responsibleUserId" label={t('commitments.responsible')} extra={t('commitments.reassign.personHint')}>
        <ColleagueSelect testId="reassign-person" known={[{ value: c.responsibleUserId, label: c.responsibleName }]} placeholder={t('commitments.responsiblePlaceholder')} width={phone ? '100%' : 280} />
      </Form.Item>
      <ProFormTextArea
        name="reason"
        label={t('common.reason')}
        extra={t('common.reasonHint')}
        rules={[{ required: true, whitespace: true, message: t('common.reasonRequired') }]}
        fieldProps={{ maxLength: 500, showCount: true, autoSize: { minRows: 2, maxRows: 6 } }}
      />
    </ModalForm>
  );
}
