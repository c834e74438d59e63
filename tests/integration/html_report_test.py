#!/usr/bin/env python3
"""The HTML compliance report in a real browser: headless Chromium (Debian) renders the
demo's report to a PNG and dumps its DOM; the DOM must hold the verdict, a row for every
control of rules/controls.yaml, and the SVG chart. The file must be self-contained."""
import pathlib, re, subprocess, sys, tempfile
import yaml

from checks import check, finish

root = pathlib.Path(sys.argv[1])
binary = sys.argv[2]


chromium = next((c for c in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] if pathlib.Path(c).exists()), None)
if not check("chromium is installed", chromium is not None, "run ci/setup.sh --test"):
    finish()
controls = yaml.safe_load((root / "rules/controls.yaml").read_text())["controls"]
flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars"]
with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    html = tmp / "report.html"
    r = subprocess.run([binary, "report", "--format", "html", "--output", str(html), "--config",
                        "fixtures/demo/.shipshape.yaml", "fixtures/demo"], cwd=root, capture_output=True, text=True)
    check("shipshape report exits 1 on a failing stack", r.returncode == 1, r.stderr)
    text = html.read_text()
    check("self-contained: no external scripts, styles, fonts or images",
          not re.search(r"<(script|link|img)\b|@import|url\(|src=", text))
    common = flags + [f"--user-data-dir={tmp / 'profile'}"]
    dom = subprocess.run([chromium, *common, "--dump-dom", html.as_uri()], capture_output=True, text=True, timeout=120).stdout
    check("the DOM holds the verdict", re.search(r'id="verdict"[^>]*>FAIL<', dom) is not None, dom[:300])
    rows = re.findall(r'<tr class="control (fail|pass|waived|na)" data-control="([^"]+)"', dom)
    expected = {f"{c['framework']}:{c['id']}" for c in controls}
    check(f"a row for each of the {len(expected)} controls", {r[1] for r in rows} == expected,
          sorted(expected - {r[1] for r in rows})[:5])
    check("failing and passing controls both shown", {"fail", "pass"} <= {r[0] for r in rows})
    check("the SVG chart is in the DOM", re.search(r'<svg[^>]*id="chart"', dom) is not None and "<rect" in dom)
    check("the heat map is in the DOM", 'id="matrix"' in dom)
    check("the audit block lists input hashes", re.search(r"[0-9a-f]{64}", dom) is not None)
    png = tmp / "report.png"
    subprocess.run([chromium, *common, f"--screenshot={png}", "--window-size=1280,2400", html.as_uri()],
                   capture_output=True, timeout=120)
    check("Chromium renders it to a PNG", png.exists() and png.stat().st_size > 20000,
          png.stat().st_size if png.exists() else "no file")
    pdf = tmp / "report.pdf"
    subprocess.run([chromium, *common, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", html.as_uri()],
                   capture_output=True, timeout=120)
    check("and prints it to PDF", pdf.exists() and pdf.read_bytes()[:5] == b"%PDF-")
finish()
