/** The page frame: head, header, the fictional-sample notice when the data is the demo, and styles. */
import { html, SafeHtml } from './html.ts';

export interface LayoutOptions {
  title: string;
  sample: boolean;
}

const STYLES = `
:root{--ink:#1d232b;--muted:#5b6573;--line:#dde2e8;--bg:#f7f8fa;--accent:#1f5fae}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);background:var(--bg)}
header.site{background:#fff;border-bottom:1px solid var(--line);padding:.8rem 1.5rem;display:flex;gap:1rem;align-items:baseline}
header.site a.brand{font-weight:700;font-size:1.2rem;color:var(--ink);text-decoration:none}
header.site .tag{color:var(--muted);font-size:.9rem}
.sample{background:#fff4d6;border-bottom:1px solid #e9d49a;padding:.5rem 1.5rem;font-size:.92rem}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;line-height:1.25;margin:.2rem 0 .6rem}
a{color:var(--accent)}
.events{list-style:none;padding:0;margin:0}
.events li{background:#fff;border:1px solid var(--line);border-radius:8px;padding:.8rem 1rem;margin:.6rem 0}
.events .title{font-weight:600;font-size:1.05rem;text-decoration:none}
.meta{color:var(--muted);font-size:.9rem;display:flex;flex-wrap:wrap;gap:.3rem .9rem;margin-top:.2rem}
.level{display:inline-block;border-radius:999px;padding:0 .6rem;font-size:.82rem;font-weight:600;border:1px solid}
.level-Verified{color:#11663b;border-color:#8fd1ad;background:#e8f7ee}
.level-Likely{color:#1f5fae;border-color:#9cc0ea;background:#eaf2fc}
.level-Unconfirmed{color:#6b5d00;border-color:#e3d37d;background:#fbf6dc}
.level-Disputed{color:#a02b1f;border-color:#eba59c;background:#fdeceb}
.level-Retracted{color:#4a4f57;border-color:#b8bec7;background:#eef0f3;text-decoration:line-through}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:1rem 1.2rem;margin:1rem 0}
.card h2{font-size:1.05rem;margin:0 0 .5rem}
table.reports{width:100%;border-collapse:collapse;font-size:.93rem}
table.reports td:first-child{white-space:nowrap}
table.reports th,table.reports td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
.tone{font-size:.82rem;color:var(--muted)}
blockquote{margin:.4rem 0;padding-left:.8rem;border-left:3px solid var(--line)}
.kicker{text-transform:uppercase;letter-spacing:.06em;font-size:.78rem;color:var(--muted);margin:.8rem 0 0}
ol.timeline{padding-left:1.2rem;margin:0}ol.timeline li{margin:.5rem 0}ol.timeline .when{color:var(--muted);font-size:.9rem;white-space:nowrap}
.brief p{margin:.3rem 0 .8rem}.brief h3{font-size:.95rem;margin:.8rem 0 .2rem;color:#33404f}
sup a.cite{font-size:.72rem;text-decoration:none;margin-left:.1rem;padding:0 .2rem;border-radius:3px;background:#eef3fa}
.brief .source{font-weight:600}.brief .when{color:var(--muted);font-size:.9rem}
ul.entities{list-style:none;padding:0;margin:0}ul.entities li{margin:.5rem 0}
.sources ol{font-size:.88rem;padding-left:1.6rem;margin:0}.know{background:#f3f7fd}.extraction{margin-top:-.4rem}
footer{color:var(--muted);font-size:.85rem;text-align:center;padding:2rem}
`;

/** Returns a full HTML page around the given body. */
export function layout(opts: LayoutOptions, body: SafeHtml): SafeHtml {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${opts.title} · Corroborate</title><style>${new SafeHtml(STYLES)}</style></head>
<body>
<header class="site"><a class="brand" href="/">Corroborate</a><span class="tag">events, sources and how sure we can be</span></header>
${opts.sample ? html`<div class="sample" role="note"><strong>Fictional sample.</strong> Every outlet, person and event in this demo is invented; the places are real. Nothing here reports real news.</div>` : ''}
<main>${body}</main>
<footer>Corroborate — self-hosted news-event desk · <a href="/methodology">How we assess confidence</a></footer>
</body></html>`;
}
