import type { ThemeConfig } from 'antd';

export const BRAND_COLOR = '#b4232a';

export const theme: ThemeConfig = {
  token: { colorPrimary: BRAND_COLOR, colorLink: BRAND_COLOR, borderRadius: 6 },
};
