// The console page's own styles (it is a plain page; the widget keeps its styles in its shadow root).
export const consoleStyles = `
:root{--a:#4f46e5;--fg:#1f2937;--mut:#6b7280;--line:#e5e7eb;--bg:#f8fafc;--bad:#dc2626;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--a:#818cf8;--fg:#e5e7eb;--mut:#9ca3af;--line:#374151;--bg:#0b1120;--bad:#f87171}}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
.top{display:flex;align-items:center;gap:12px;padding:14px 24px;border-bottom:1px solid var(--line)}
.top h1{font-size:18px;margin:0;flex:1}.top h1 span{color:var(--a)}
.page{display:grid;grid-template-columns:minmax(280px,1fr) minmax(360px,460px);gap:24px;padding:24px;max-width:1200px;margin:0 auto}
@media (max-width:800px){.page{grid-template-columns:1fr}}
h2{font-size:15px;margin:0 0 8px;display:flex;align-items:center;gap:8px}h2 .sp{flex:1}
section{margin-bottom:24px}
ul.list{list-style:none;margin:0;padding:0;border:1px solid var(--line);border-radius:10px;overflow:hidden;background:color-mix(in srgb,var(--bg) 60%,white 40%)}
ul.list li{display:flex;align-items:center;gap:8px;padding:10px 12px;border-top:1px solid var(--line)}
ul.list li:first-child{border-top:0}
ul.list li .name{flex:1;text-align:left;background:none;border:0;padding:0;color:var(--fg);font-weight:600}
ul.list li .name:hover{color:var(--a)}
.panel h3 button{font-weight:400;font-size:13px}
ul.list li .name small{display:block;font-weight:400;color:var(--mut)}
.empty{color:var(--mut);padding:12px;border:1px dashed var(--line);border-radius:10px}
button{font:inherit;cursor:pointer;border-radius:8px;border:1px solid var(--line);background:transparent;color:var(--fg);padding:6px 12px}
button:hover{border-color:var(--a)}
button.p{background:var(--a);border-color:var(--a);color:#fff}
button.danger{color:var(--bad)}
button:focus-visible,input:focus-visible{outline:2px solid var(--a);outline-offset:1px}
input{font:inherit;padding:7px 9px;border:1px solid var(--line);border-radius:8px;width:100%;background:transparent;color:var(--fg)}
.panel{border:1px solid var(--line);border-radius:12px;padding:14px}
.panel h3{margin:0 0 8px;font-size:15px;display:flex;gap:8px;align-items:center}.panel h3 span{flex:1}
.picks{display:grid;grid-template-columns:1fr 1fr;gap:8px;margin-top:10px;max-height:360px;overflow:auto}
.picks button{text-align:left}.picks small{display:block;color:var(--mut)}
.feat{border-color:var(--a)}
.err{color:var(--bad)}
.gate{max-width:420px;margin:12vh auto;display:flex;flex-direction:column;gap:10px}
.muted{color:var(--mut)}
onramp-setup{--onramp-height:600px}
`;
