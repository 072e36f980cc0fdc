#!/usr/bin/env bash
# System test: the change request checked by tools that did not write it. qpdf --check finds
# no structural error; pdftotext (poppler) finds every host name, every address and every
# port of the matrix, for the example and for a 60-host Linux plan (commands in appendices);
# the SVG diagram is well-formed XML for python's parser.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(realpath "${PORTPLAN_BIN:-target/debug/portplan}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

{
  echo "name,address,roles,os"
  echo "installer,10.9.0.5,Installer,linux"
  echo "mdm-a,10.9.0.11,MDM,linux"
  echo "mdm-b,10.9.0.12,MDM,linux"
  echo "mdm-c,10.9.0.13,MDM,linux"
  echo "tb-a,10.9.0.14,TB,linux"
  echo "tb-b,10.9.0.15,TB,linux"
  for n in $(seq 1 54); do echo "sds-$n,10.9.1.$n,SDS;SDC,linux"; done
} > "$work/big.csv"
"$bin" import "$work/big.csv" -o "$work/big.json" >/dev/null

for plan in assets/examples/scaleio-example.json "$work/big.json"; do
  pdf=$work/$(basename "$plan" .json).pdf
  "$bin" export "$plan" --format pdf -o "$pdf" >/dev/null 2>&1
  qpdf --check "$pdf" >/dev/null
  pdftotext -layout "$pdf" "$pdf.txt"
  "$bin" matrix "$plan" --format json > "$work/matrix.json"
  PDF_TEXT=$pdf.txt MATRIX=$work/matrix.json python3 - <<'PY'
import json, os, sys
text = open(os.environ["PDF_TEXT"], encoding="utf-8").read()
matrix = json.load(open(os.environ["MATRIX"]))
missing = []
for h in matrix["hosts"]:
    for needle in [h["name"], h["address"]] + [str(p["port"]) for p in h["ports"]]:
        if needle not in text:
            missing.append(needle)
pages = text.count("\f")
if missing:
    sys.exit(f"pdftotext does not find: {sorted(set(missing))}")
if f"Page {pages} of {pages}" not in text:
    sys.exit(f"no 'Page {pages} of {pages}' on the last page")
print(f"ok: {len(matrix['hosts'])} hosts, {pages} pages")
PY
done

"$bin" export assets/examples/scaleio-example.json --format svg -o "$work/topology.svg" >/dev/null
python3 -c 'import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])' "$work/topology.svg"
echo "pdf: qpdf and pdftotext agree with the plan; the SVG parses"
