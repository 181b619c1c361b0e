/** The report's stylesheet, inlined (no external font, no CDN). Readable on screen and when printed to PDF. */
export const REPORT_CSS = `
:root{--ink:#0f172a;--muted:#64748b;--line:#e2e8f0;--client:#2563eb;--comp:#f59e0b;--good:#16a34a;--bad:#dc2626;--bg:#f8fafc}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
main{max-width:1100px;margin:0 auto;padding:24px}
header.top{background:#fff;border-bottom:1px solid var(--line)}
header.top .inner{max-width:1100px;margin:0 auto;padding:20px 24px}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:32px 0 12px}
h3{font-size:14px;margin:16px 0 8px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.meta{color:var(--muted);font-size:13px}
.meta span+span::before{content:" · "}
.simulated{background:#fef3c7;border:2px solid #f59e0b;color:#78350f;padding:12px 16px;border-radius:8px;margin:16px 0;font-weight:600}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(190px,1fr));gap:12px}
.card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:14px 16px}
.card .label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.card .value{font-size:32px;font-weight:700;line-height:1.2}
.card .ci{color:var(--muted);font-size:12px}
.card .bar{height:6px;background:var(--line);border-radius:3px;position:relative;margin-top:8px}
.card .bar i{position:absolute;top:0;bottom:0;background:#bfdbfe;border-radius:3px}
.card .bar b{position:absolute;top:-3px;width:2px;height:12px;background:var(--client)}
.panel{background:#fff;border:1px solid var(--line);border-radius:10px;padding:16px;margin-bottom:12px;overflow-x:auto}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(480px,1fr));gap:12px}
.chart svg{max-width:100%;height:auto}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--muted);font-weight:600;font-size:12px;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.badge{display:inline-block;padding:1px 7px;border-radius:9px;font-size:11px;font-weight:600;white-space:nowrap}
.b-client{background:#dbeafe;color:#1e40af}
.b-comp{background:#fef3c7;color:#92400e}
.b-yes{background:#dcfce7;color:#166534}
.b-no{background:#f1f5f9;color:#475569}
.b-pos{background:#dcfce7;color:#166534}
.b-neg{background:#fee2e2;color:#991b1b}
.b-neu{background:#f1f5f9;color:#475569}
.up{color:var(--good)}.down{color:var(--bad)}
mark{background:#dbeafe;color:inherit;padding:0 2px;border-radius:2px}
.excerpt{color:#334155;font-size:12.5px;max-width:520px;overflow-wrap:anywhere}
.excerpt p{margin:0 0 4px}
.url{overflow-wrap:anywhere;word-break:break-word;font-size:12px}
table.seo{table-layout:fixed}
table.seo td{overflow-wrap:anywhere}
.findings{margin:0;padding-left:16px}
.note{color:var(--muted);font-size:12.5px}
.toolbar{display:flex;gap:8px;align-items:center;margin-bottom:8px;flex-wrap:wrap}
.toolbar input,.toolbar select{font:inherit;padding:4px 8px;border:1px solid var(--line);border-radius:6px}
dl.defs dt{font-weight:600;margin-top:8px}
dl.defs dd{margin:0;color:var(--muted)}
footer{color:var(--muted);font-size:12px;margin:32px 0}
@media print{body{background:#fff}.toolbar{display:none}.panel,.card{break-inside:avoid}}
`;
