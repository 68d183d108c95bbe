import type { ReactElement, ReactNode } from 'react';
import { ModalForm, ProFormTextArea } from '@ant-design/pro-components';
import { useI18n } from '../i18n';

export interface ReasonValues {
  reason: string;
}

interface Props<T extends ReasonValues> {
  title: ReactNode;
  trigger: ReactElement;
  /** Extra fields shown above the reason. */
  children?: ReactNode;
  initialValues?: Partial<T>;
  danger?: boolean;
  /** Throw to keep the dialog open (the API client has already shown the error). */
  onSubmit: (values: T) => Promise<void>;
}

/** A dialog asking for the reason of a sensitive change; the reason goes to the audit log. */
export function ReasonModalForm<T extends ReasonValues>(props: Props<T>) {
  const { t } = useI18n();
  return (
    <ModalForm<T>
      title={props.title}
      trigger={props.trigger}
      width={480}
      initialValues={props.initialValues}
      modalProps={{ destroyOnClose: true, okButtonProps: { danger: props.danger } }}
      onFinish={async (values) => {
        try {
          await props.onSubmit({ ...values, reason: values.reason.trim() });
          return true;
        } catch {
          return false;
        }
      }}
    >
      {props.children}
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
