// Styles injected into the widget's shadow root: the host's CSS cannot leak in, and only the
// documented custom properties (--onramp-*) pierce the boundary for theming.
// Two accents: --a fills (white text on it, so it stays dark enough for 4.5:1 in both themes) and
// --at is accent-coloured text and outlines on the background (light enough on a dark one).
// color-scheme follows the theme so native controls (number spinners, scrollbars) match.
const dark = (selector: string) =>
  `${selector}{color-scheme:dark;--bg:var(--onramp-bg,#111827);--fg:var(--onramp-fg,#e5e7eb);--at:var(--onramp-accent,#a5b4fc);--sec:#fbbf24;--bad:#f87171;--ok:#4ade80}`;

export const styles = `
:host{all:initial;display:block;contain:content;color-scheme:light;
--a:var(--onramp-accent,#4f46e5);--at:var(--onramp-accent,#4f46e5);--bg:var(--onramp-bg,#fff);--fg:var(--onramp-fg,#1f2937);
--mut:color-mix(in srgb,var(--fg) 60%,var(--bg));--line:color-mix(in srgb,var(--fg) 14%,var(--bg));
--soft:color-mix(in srgb,var(--fg) 5%,var(--bg));--r:var(--onramp-radius,10px);--sec:#b45309;--bad:#dc2626;--ok:#15803d;
font:14px/1.45 var(--onramp-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);color:var(--fg)}
${dark(":host([theme=dark])")}
@media (prefers-color-scheme:dark){${dark(":host(:not([theme=light]))")}}
*{box-sizing:border-box}
.w{background:var(--bg);color:var(--fg);border:1px solid var(--line);border-radius:var(--r);display:flex;flex-direction:column;height:var(--onramp-height,560px);overflow:hidden}
header{display:flex;align-items:center;gap:8px;padding:10px 12px;border-bottom:1px solid var(--line)}
header h2{font-size:15px;margin:0;flex:1;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.dot{width:8px;height:8px;border-radius:50%;background:var(--ok)}.dot.off{background:var(--sec)}
.conn{font-size:12px;color:var(--sec)}
.sw{display:inline-flex;border:1px solid var(--line);border-radius:999px;padding:2px}
.sw button{border:0;background:none;color:var(--mut);padding:4px 12px;border-radius:999px;font:inherit;cursor:pointer}
.sw button[aria-pressed=true]{background:var(--a);color:#fff}
main{flex:1;overflow:auto;padding:12px}
.log{display:flex;flex-direction:column;gap:8px}
.m{max-width:85%;padding:8px 11px;border-radius:var(--r);white-space:pre-wrap;word-wrap:break-word}
.m.agent{background:var(--soft);border:1px solid var(--line);align-self:flex-start}
.m.user{background:var(--a);color:#fff;align-self:flex-end}
.m.system{align-self:center;color:var(--mut);font-size:12px}
.m.q{opacity:.6}
.talk{display:flex;flex-direction:column;gap:8px}
code{font:12px ui-monospace,monospace;background:var(--soft);border:1px solid var(--line);border-radius:4px;padding:0 3px}
.help{margin:10px 0 0;padding:10px;border-left:3px solid var(--at);background:var(--soft);border-radius:6px;font-size:13px}
.help b{display:block}.help p{margin:4px 0 0;color:var(--mut)}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px}
button,.btn{font:inherit;cursor:pointer;border-radius:calc(var(--r) - 2px);border:1px solid var(--line);background:var(--bg);color:var(--fg);padding:6px 12px}
button:hover{border-color:var(--at)}
button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible,a:focus-visible{outline:2px solid var(--at);outline-offset:1px}
button.p{background:var(--a);border-color:var(--a);color:#fff}
button:disabled{opacity:.5;cursor:default}
.chip{border-radius:999px;padding:4px 12px;border-color:var(--at);color:var(--at)}
footer{border-top:1px solid var(--line);padding:10px 12px}
.row{display:flex;gap:8px;align-items:center}
input,select,textarea{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:calc(var(--r) - 2px);padding:7px 9px;width:100%}
textarea{min-height:70px;resize:vertical}
.mask{-webkit-text-security:disc;font-family:ui-monospace,monospace}
input:disabled,select:disabled,textarea:disabled{opacity:.7}
.sec{border:1px solid var(--sec);background:color-mix(in srgb,var(--sec) 8%,var(--bg));border-radius:var(--r);padding:8px}
.sec input{border-color:var(--sec);font-family:ui-monospace,monospace}
.banner{font-size:12px;color:var(--sec);margin:0 0 6px;display:flex;gap:6px;align-items:center}
.note{font-size:12px;color:var(--bad);margin:6px 0 0}
.card{border:1px solid var(--line);border-radius:var(--r);padding:10px;margin-top:10px}
.card.ok{border-color:var(--ok)}.card.bad{border-color:var(--bad)}
.card h3{margin:0 0 4px;font-size:14px}.card.ok h3{color:var(--ok)}.card.bad h3{color:var(--bad)}
.card p{margin:0 0 6px}
.card .entities{margin:0 0 6px;padding-left:4px;list-style:none}.card .entities .excluded{color:var(--bad)}.card .entities small{opacity:.8}
a.link,button.link,.d a,.help a{color:var(--at);background:none;border:0;padding:0;text-decoration:underline;cursor:pointer}
.f{display:flex;flex-direction:column;gap:12px}
.fld label,.fld legend{font-weight:600;font-size:13px;display:block;margin-bottom:3px}
.fld .d{font-size:12px;color:var(--mut);margin:3px 0 0}
.fld .e{font-size:12px;color:var(--bad);margin:3px 0 0}
.fld.inv input,.fld.inv select,.fld.inv textarea{border-color:var(--bad)}
.req{color:var(--bad)}
fieldset{border:1px solid var(--line);border-radius:var(--r);padding:10px;margin:0;display:flex;flex-direction:column;gap:12px}
details{border:1px dashed var(--line);border-radius:var(--r);padding:8px 10px}
summary{cursor:pointer;color:var(--mut)}
details[open] summary{margin-bottom:10px}
.cb{display:flex;gap:8px;align-items:center}.cb input{width:auto}
.stored{font-size:12px;color:var(--ok);margin-left:6px;font-weight:400}
.arr{display:flex;flex-direction:column;gap:6px}
.grp h4{margin:4px 0 8px;font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--mut)}
fieldset.plain{border:0;padding:0;min-width:0}
.quiet{border:0;background:none;color:var(--fg);padding:4px 6px;font-size:12px;text-decoration:underline;text-underline-offset:2px}
.ask{display:flex;flex-wrap:wrap;gap:8px;align-items:center;padding:8px 12px;border-bottom:1px solid var(--line);background:var(--soft)}
.ask span{flex:1;min-width:12em}
button.danger{color:var(--bad);border-color:var(--bad)}
.bar{display:flex;gap:8px;justify-content:flex-end;flex-wrap:wrap}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.done{text-align:center;padding:10px;margin:10px 12px 0}.done h3{margin:0}
.res{padding:0 12px 10px;border-top:1px solid var(--line)}
.res .d{font-size:12px;color:var(--mut);margin:6px 0 0}
`;
