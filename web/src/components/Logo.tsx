import { BRAND_COLOR } from '../theme';

/** The 凤 mark: a red seal with the character. */
export function Logo({ size = 32 }: { size?: number }) {
  return (
    <span
      aria-hidden
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        justifyContent: 'center',
        width: size,
        height: size,
        borderRadius: size / 5,
        background: BRAND_COLOR,
        color: '#fff',
        fontSize: size * 0.6,
        fontWeight: 700,
        lineHeight: 1,
        fontFamily: '"Noto Serif CJK SC", "Songti SC", serif',
      }}
    >
      凤
    </span>
  );
}
