import type { ThemeConfig } from 'antd';

export const BRAND_COLOR = '#b4232a';

/**
 * Colours as text need a contrast of 4.5:1 (WCAG AA, checked by axe in the browser tests). Ant Design's defaults
 * fall short for secondary text (#8c8c8c, 3.4:1), red text (#ff4d4f) and the light tags (green, cyan, gold … on
 * their pale backgrounds), so those are a shade darker here.
 */
const READABLE = {
  colorTextTertiary: '#666666',
  colorTextDescription: '#666666',
  colorTextPlaceholder: '#707070',
  colorError: '#cf1322',
};

/** Tag text shades: the palette's 7th shade is too light on its 1st (the tag background) for some colours. */
const TAG_TEXT = {
  green7: '#237804',
  cyan7: '#006d75',
  gold7: '#874d00',
  orange7: '#ad4e00',
  lime7: '#3f6600',
  yellow7: '#876800',
  volcano7: '#ad2102',
  colorSuccess: '#237804',
  colorWarning: '#874d00',
  colorInfo: '#0958d9',
};

/** Light colours (红黄绿灯) used as text: darker than the dots so the words stay readable. */
export const LIGHT_TEXT = { red: '#cf1322', yellow: '#874d00', green: '#237804' } as const;

export const theme: ThemeConfig = {
  token: { colorPrimary: BRAND_COLOR, colorLink: BRAND_COLOR, borderRadius: 6, ...READABLE },
  components: {
    Tag: TAG_TEXT,
    // Typography type="success" / "warning" text
    Typography: { colorSuccessText: TAG_TEXT.colorSuccess, colorWarningText: TAG_TEXT.colorWarning },
  },
};
