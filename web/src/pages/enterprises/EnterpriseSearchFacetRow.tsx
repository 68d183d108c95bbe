import type { CSSProperties, ReactNode } from 'react';
import { CheckOutlined } from '@ant-design/icons';
import { theme, Typography } from 'antd';

interface Props {
  label: ReactNode;
  count: number;
  /** shown as chosen (a tag in the filter) */
  checked?: boolean;
  /** a line that explains a count and cannot be clicked */
  muted?: boolean;
  disabled?: boolean;
  /** the count is an estimate from a sample (a search of more than 10,000): shown with ≈ */
  estimated?: boolean;
  title?: string;
  testId?: string;
  onClick?: () => void;
}

/** One facet value: its label on the left, its count on the right; the whole line is the button. */
export function FacetRow({ label, count, checked, muted, disabled, estimated, title, testId, onClick }: Props) {
  const { token } = theme.useToken();
  const clickable = Boolean(onClick) && !disabled && !muted;
  const style: CSSProperties = {
    display: 'flex',
    alignItems: 'center',
    gap: 6,
    width: '100%',
    padding: '3px 6px',
    margin: '1px 0',
    border: 0,
    borderRadius: token.borderRadiusSM,
    background: checked ? token.colorPrimaryBg : 'transparent',
    color: disabled || muted ? token.colorTextTertiary : checked ? token.colorPrimary : token.colorText,
    cursor: clickable ? 'pointer' : 'default',
    textAlign: 'left',
    font: 'inherit',
    fontSize: 13,
  };
  const content = (
    <>
      <span style={{ width: 14, flex: 'none', color: token.colorPrimary }}>{checked ? <CheckOutlined /> : null}</span>
      <span style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{label}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12, fontVariantNumeric: 'tabular-nums' }}>
        {estimated ? '≈' : ''}
        {count.toLocaleString('en-US')}
      </Typography.Text>
    </>
  );
  if (!clickable) {
    return (
      <div style={style} title={title} data-testid={testId}>
        {content}
      </div>
    );
  }
  return (
    <button
      type="button"
      style={style}
      title={title}
      data-testid={testId}
      aria-pressed={checked}
      onClick={onClick}
      onMouseEnter={(e) => {
        if (!checked) e.currentTarget.style.background = token.colorFillTertiary;
      }}
      onMouseLeave={(e) => {
        e.currentTarget.style.background = checked ? token.colorPrimaryBg : 'transparent';
      }}
    >
      {content}
    </button>
  );
}
