/*
 * The one stylesheet of every public page (issue 13), inlined in <head>: the pages' policy
 * allows inline style only, and one request less matters on a slow phone. Phone first (360 px),
 * 44 px touch targets, contrast ≥ 4.5:1 (WCAG 2.1 AA).
 */
export const PUBLIC_STYLE = `*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}body{margin:0;font:18px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#111;background:#fff}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.5rem;z-index:1}
header,main,footer{max-width:40rem;margin:0 auto;padding:0 1rem}header{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.25rem;padding-top:.5rem;border-bottom:1px solid #ccc}
.brand{font-weight:700;color:#0a3d75;text-decoration:none;min-height:44px;display:inline-flex;align-items:center}
nav ul{list-style:none;margin:0;padding:0;display:flex;gap:.25rem;flex-wrap:wrap}
nav a{display:inline-block;min-height:44px;min-width:44px;padding:.5rem .6rem;color:#0a3d75;text-decoration:underline}nav a[aria-current]{font-weight:700;text-decoration:none;border:2px solid #0a3d75;border-radius:6px}
h1{font-size:1.45rem;line-height:1.25;margin:1rem 0 .5rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}h3{font-size:1.05rem;margin:1rem 0 .25rem}
dl{margin:0}dt{font-weight:700;margin-top:.5rem}dd{margin:0;overflow-wrap:anywhere}p,li{overflow-wrap:anywhere}
label{display:block;font-weight:700;margin-top:1rem}
input[type=text],input[type=tel],input[type=email],input[type=search],select,textarea{display:block;width:100%;min-height:48px;margin-top:.25rem;padding:.5rem;font:inherit;color:#111;background:#fff;border:2px solid #555;border-radius:6px}
textarea{min-height:8rem}input[aria-invalid=true],textarea[aria-invalid=true]{border-color:#b00020}
.check{display:flex;gap:.75rem;align-items:flex-start;font-weight:400}.check input{width:28px;height:28px;margin-top:.2rem;flex:none}
button,.button{display:block;width:100%;min-height:52px;margin:1.25rem 0;padding:.75rem 1rem;font:inherit;font-weight:700;text-align:center;text-decoration:none;color:#fff;background:#0a3d75;border:0;border-radius:6px}
.button.secondary{color:#0a3d75;background:#fff;border:2px solid #0a3d75}
a{color:#0a3d75}:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
.box{padding:1rem;border-radius:6px;margin:1rem 0;border:2px solid}.ok{background:#e8f5e9;border-color:#1b5e20}.err{background:#fdecea;border-color:#b00020}.note{background:#f3f4f6;border-color:#555}
.card{border:1px solid #bbb;border-radius:8px;padding:.75rem 1rem;margin:.75rem 0}.card h3{margin-top:0}
.tag{display:inline-block;font-size:.85rem;font-weight:700;padding:.1rem .5rem;border-radius:1rem;border:1px solid #555;background:#f3f4f6}
.tag.done{border-color:#1b5e20;background:#e8f5e9}.tag.open{border-color:#8a5a00;background:#fff4e0}.tag.forwarded{border-color:#0a3d75;background:#e7eef7}
.small{font-size:.9rem;color:#333}.hp{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}
ul.plain{list-style:none;padding:0;margin:0}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .25rem;border-bottom:1px solid #ddd;vertical-align:top}
.wrap{overflow-x:auto}footer{margin-top:2rem;padding-bottom:2rem;border-top:1px solid #ccc}
.pre{white-space:pre-wrap}code,.code{font-size:.85rem;overflow-wrap:anywhere;word-break:break-all}
.verdict{font-size:1.6rem;font-weight:800;padding:1rem;border:3px solid;border-radius:8px;margin:1rem 0;overflow-wrap:anywhere}.verdict span{display:block;font-size:1rem;font-weight:400;color:#111}
input[type=file]{display:block;max-width:100%;min-height:44px;margin:.5rem 0}.yes{background:#e8f5e9;border-color:#1b5e20;color:#1b5e20}.no{background:#fdecea;border-color:#b00020;color:#b00020}.wait{background:#f3f4f6;border-color:#555;color:#333}`;
