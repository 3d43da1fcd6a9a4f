// The console page's own styles (it is a plain page; the widget keeps its styles in its shadow root).
export const consoleStyles = `
:root{--a:#4f46e5;--fg:#1f2937;--mut:#6b7280;--line:#e5e7eb;--bg:#f8fafc;--card:#fff;--bad:#dc2626;--ok:#15803d;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--a:#818cf8;--fg:#e5e7eb;--mut:#9ca3af;--line:#374151;--bg:#0b1120;--card:#111827;--bad:#f87171;--ok:#4ade80}}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--a)}
.top{display:flex;align-items:center;gap:16px;padding:12px 24px;border-bottom:1px solid var(--line);background:var(--card)}
.top h1{font-size:17px;margin:0;flex:1}.top h1 a{color:var(--fg);text-decoration:none}.top h1 span{color:var(--a)}
.top nav{display:flex;gap:14px}.top nav a{text-decoration:none;color:var(--mut);padding:4px 2px}.top nav a[aria-current=page]{color:var(--fg);font-weight:600;border-bottom:2px solid var(--a)}
.page{padding:24px;margin:0 auto}.page.narrow{max-width:860px}.page.wide{max-width:1280px}
.page-error{max-width:860px;margin:12px auto 0;padding:0 24px}
h2{font-size:15px;margin:0 0 8px;display:flex;align-items:center;gap:8px}h2 .sp{flex:1}
h2.title{font-size:20px;margin:0 0 12px}
.crumbs{margin-bottom:10px;font-size:13px}.crumbs a{text-decoration:none}
section{margin:20px 0}
ul.list{list-style:none;margin:0;padding:0;border:1px solid var(--line);border-radius:10px;overflow:hidden;background:var(--card)}
ul.list li{display:flex;align-items:center;gap:10px;padding:10px 12px;border-top:1px solid var(--line)}
ul.list li.col{flex-direction:column;align-items:stretch}
ul.list li:first-child{border-top:0}
ul.list .name{flex:1;text-align:left;color:var(--fg);font-weight:600;text-decoration:none}
a.name:hover{color:var(--a)}
.name small,.pick small,.choice small{display:block;font-weight:400;color:var(--mut)}
.empty{color:var(--mut);padding:12px;border:1px dashed var(--line);border-radius:10px}
button,a.button{font:inherit;cursor:pointer;border-radius:8px;border:1px solid var(--line);background:var(--card);color:var(--fg);padding:6px 12px;text-decoration:none;display:inline-block}
button:hover,a.button:hover{border-color:var(--a)}
button.p,a.button.p{background:var(--a);border-color:var(--a);color:#fff}
button.danger{color:var(--bad);border-color:var(--bad)}
button.danger-fill{background:var(--bad);border-color:var(--bad);color:#fff}
button:disabled,button:disabled:hover{opacity:.45;cursor:not-allowed;filter:grayscale(1);border-color:var(--line)}
button:focus-visible,input:focus-visible,a:focus-visible{outline:2px solid var(--a);outline-offset:1px}
input{font:inherit;padding:7px 9px;border:1px solid var(--line);border-radius:8px;width:100%;background:var(--card);color:var(--fg)}
input[type=radio],input[type=checkbox]{width:auto}
textarea,select{font:inherit;padding:7px 9px;border:1px solid var(--line);border-radius:8px;width:100%;background:var(--card);color:var(--fg)}
textarea{font:12px/1.4 ui-monospace,monospace}
select{width:auto}
input[readonly]{color:var(--mut)}
.panel{border:1px solid var(--line);border-radius:12px;padding:16px;background:var(--card)}
.panel h3{margin:0 0 8px;font-size:15px;display:flex;gap:8px;align-items:center}.panel h3 span{flex:1}
.panel h3 button{font-weight:400;font-size:13px}
.backdrop{position:fixed;inset:0;background:rgb(15 23 42 / .45);display:flex;align-items:flex-start;justify-content:center;padding:8vh 16px;z-index:10}
.dialog{width:min(720px,100%);max-height:84vh;display:flex;flex-direction:column;gap:8px;box-shadow:0 20px 50px rgb(0 0 0 / .25)}
.tabs{display:flex;gap:4px;border-bottom:1px solid var(--line)}
.tabs button{border:0;border-bottom:2px solid transparent;border-radius:0;background:none;color:var(--mut);padding:6px 10px}
.tabs button[aria-selected=true]{color:var(--fg);border-bottom-color:var(--a);font-weight:600}
.tabs .count{font-size:12px;color:var(--mut);font-weight:400}
.picks{display:grid;grid-template-columns:1fr 1fr;gap:8px;overflow:auto;min-height:120px}
.pick{display:flex;align-items:center;gap:10px;text-align:left}
.pick-text{flex:1;min-width:0;overflow:hidden;text-overflow:ellipsis}
.feat{border-color:var(--a)}
.badge{font-size:11px;border:1px solid var(--line);border-radius:999px;padding:1px 8px;color:var(--mut);white-space:nowrap;font-weight:500;margin-left:6px}
.lvl-certified{border-color:var(--ok);color:var(--ok)}.lvl-archived{opacity:.7}
.badge.secret{border-color:#b45309;color:#b45309}
.ico{display:inline-flex;align-items:center;justify-content:center;border-radius:7px;flex:none;object-fit:contain;color:#fff;font-weight:700}
img.ico{background:#fff;border:1px solid var(--line)}
.head{display:flex;align-items:center;gap:14px;margin:6px 0 10px}.head-text{flex:1}.head-text .title{margin:0}.head-text p{margin:2px 0 0}
.head-actions{display:flex;gap:8px}
.rename{display:flex;gap:8px;align-items:center;flex-wrap:wrap}.rename input{max-width:320px}
.stack{display:flex;flex-direction:column;gap:10px}
.stack label{font-weight:600;font-size:13px}
fieldset.plain{border:0;padding:0;margin:0;display:flex;flex-direction:column;gap:8px;min-width:0}
legend{font-weight:600;font-size:13px;padding:0;margin-bottom:6px}
.choices{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:8px}
.choice{display:flex;align-items:center;gap:10px;border:1px solid var(--line);border-radius:8px;padding:8px 10px;cursor:pointer;font-weight:400 !important}
.choice.on{border-color:var(--a);background:color-mix(in srgb,var(--a) 8%,var(--card))}
fieldset.plain > button{align-self:flex-start}
.actions{display:flex;gap:8px;justify-content:flex-end;margin:4px 0 0}
.row{display:flex;gap:8px;align-items:center}
#oauth-search{margin:8px 0 12px}
.client-form{padding:10px 0 4px 38px}
.split{display:grid;grid-template-columns:minmax(0,1fr) minmax(280px,380px);gap:20px;align-items:start}
@media (max-width:900px){.split{grid-template-columns:1fr}}
.docs{position:sticky;top:16px;font-size:13px}.docs h4{font-size:14px;margin:12px 0 4px;display:flex;align-items:center;flex-wrap:wrap;gap:2px}
.docs .desc{white-space:pre-wrap;margin:4px 0}
.docs code{font:12px ui-monospace,monospace;background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:0 4px}
.examples{margin:4px 0;padding-left:18px}
.note{padding:8px 12px;border-radius:8px;border:1px solid var(--line)}.note.ok{border-color:var(--ok);color:var(--ok)}
.err{color:var(--bad)}
.gate{max-width:420px;margin:12vh auto;display:flex;flex-direction:column;gap:10px}
.muted{color:var(--mut)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
onramp-setup{--onramp-height:640px}
`;
