/**
 * The portal's one shared layout: Chinese first, readable without JavaScript (no script at all), mobile-first
 * CSS inline in a <style> element (the CSP allows 'unsafe-inline' styles, never scripts), navigation as plain
 * links. Every portal page — this helper's and the inquiry/complaint/tracking pages — renders through it.
 */
import { html, SafeHtml } from './html';

export const PORTAL_NAV = [
  { key: 'home', href: '/portal', label: '首页' },
  { key: 'projects', href: '/portal/projects', label: '推介项目' },
  { key: 'resources', href: '/portal/resources', label: '资源载体' },
  { key: 'policies', href: '/portal/policies', label: '政策' },
  { key: 'offices', href: '/portal/offices', label: '联系窗口' },
  { key: 'inquiry', href: '/portal/inquiry', label: '在线对接' },
  { key: 'complaint', href: '/portal/complaint', label: '投诉' },
  { key: 'tracking', href: '/portal/tracking', label: '办理进度' },
  { key: 'scoreboard', href: '/portal/scoreboard', label: '服务评价' },
] as const;

export type PortalNavKey = (typeof PORTAL_NAV)[number]['key'];

/** a constant of this file, never input: passed through unescaped */
const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 "PingFang SC","Noto Sans CJK SC","Microsoft YaHei",system-ui,sans-serif;color:#1f1f1f;background:#f5f6f8}
a{color:#0b57d0}
a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #f0a500;outline-offset:1px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:9}
header{background:#8c1c13;color:#fff}
header .brand{display:block;padding:10px 16px;font-size:1.15rem;font-weight:600;color:#fff;text-decoration:none}
nav ul{list-style:none;margin:0;padding:0 8px 6px;display:flex;flex-wrap:wrap;gap:2px}
nav a{display:block;padding:6px 10px;color:#fff;text-decoration:none;border-radius:4px;font-size:.95rem}
nav a[aria-current=page]{background:#fff;color:#8c1c13;font-weight:600}
main{max-width:1100px;margin:0 auto;padding:12px 12px 32px}
h1{font-size:1.4rem;margin:8px 0 12px}h2{font-size:1.15rem;margin:20px 0 8px}
.cards{list-style:none;padding:0;margin:0;display:grid;gap:10px;grid-template-columns:1fr}
.card{background:#fff;border:1px solid #e3e5e8;border-radius:6px;padding:12px}
.card h3{margin:0 0 4px;font-size:1.05rem}
.meta{color:#595959;font-size:.9rem}
.tag{display:inline-block;background:#f0f2f5;border-radius:3px;padding:0 6px;margin:0 4px 4px 0;font-size:.85rem}
.figures{display:grid;grid-template-columns:repeat(2,1fr);gap:10px;list-style:none;padding:0}
.figures li{background:#fff;border:1px solid #e3e5e8;border-radius:6px;padding:10px;text-align:center}
.figures strong{display:block;font-size:1.5rem;color:#8c1c13}
form.filters{background:#fff;border:1px solid #e3e5e8;border-radius:6px;padding:12px;display:grid;gap:8px;grid-template-columns:1fr}
label{display:block;font-size:.9rem;color:#434343}
input,select,textarea,button{font:inherit;width:100%;padding:6px 8px;border:1px solid #bfbfbf;border-radius:4px;background:#fff}
button{background:#8c1c13;color:#fff;border-color:#8c1c13;cursor:pointer}
dl.fields{display:grid;grid-template-columns:1fr;gap:2px 12px;background:#fff;border:1px solid #e3e5e8;border-radius:6px;padding:12px}
dl.fields dt{color:#595959;font-size:.9rem}dl.fields dd{margin:0 0 8px;white-space:pre-wrap}
.photos{display:grid;grid-template-columns:1fr;gap:8px}.photos img{width:100%;height:auto;border-radius:6px}
.action{display:inline-block;background:#8c1c13;color:#fff;padding:8px 16px;border-radius:4px;text-decoration:none;margin:12px 0}
.empty{background:#fff;border:1px dashed #bfbfbf;border-radius:6px;padding:16px;color:#595959}
.pager{display:flex;gap:12px;margin:12px 0}
form.filing{background:#fff;border:1px solid #e3e5e8;border-radius:6px;padding:12px;display:grid;gap:10px}
form.filing .check{display:flex;gap:8px;align-items:flex-start}form.filing .check input{width:auto;margin-top:5px}
.error{background:#fff1f0;border:1px solid #ffa39e;border-radius:6px;padding:10px;color:#a8071a}
.notice{white-space:pre-wrap;font-size:.9rem;color:#434343}.body{white-space:pre-wrap;margin:0}
ol.cards{padding:0}
.table-wrap{overflow-x:auto;margin:12px 0}table.scoreboard{border-collapse:collapse;background:#fff;min-width:640px;width:100%}table.scoreboard caption{text-align:left;font-weight:600;padding:6px 0}table.scoreboard th,table.scoreboard td{border:1px solid #e3e5e8;padding:6px 8px;text-align:right;white-space:nowrap}table.scoreboard th[scope=row],table.scoreboard thead th:first-child{text-align:left}
footer{color:#595959;font-size:.85rem;text-align:center;padding:16px}
@media (min-width:720px){.cards{grid-template-columns:repeat(2,1fr)}.figures{grid-template-columns:repeat(4,1fr)}
form.filters{grid-template-columns:repeat(3,1fr);align-items:end}dl.fields{grid-template-columns:10em 1fr}dl.fields dd{margin:0}
.photos{grid-template-columns:repeat(3,1fr)}}
@media (min-width:1100px){.cards{grid-template-columns:repeat(3,1fr)}}
`;

export interface PortalPage {
  title: string;
  active: PortalNavKey | null;
  body: SafeHtml;
}

/** The whole document of a portal page. */
export function renderPortalPage(page: PortalPage): string {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · 招商引资服务门户</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<a class="skip" href="#main">跳到正文</a>
<header>
<a class="brand" href="/portal">招商引资服务门户</a>
<nav aria-label="门户导航"><ul>
${PORTAL_NAV.map((n) => html`<li><a href="${n.href}"${n.key === page.active ? html` aria-current="page"` : ''}>${n.label}</a></li>`)}
</ul></nav>
</header>
<main id="main">
${page.body}
</main>
<footer>本门户信息由各地招商部门发布；咨询请通过“在线对接”或各地联系窗口。</footer>
</body>
</html>`.value;
}
