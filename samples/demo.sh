#!/usr/bin/env bash
# The whole life cycle on the bundled samples: build the tender packs (Dutch and English), fill and
# import the sample bids, evaluate them with the sample scores, export OCDS and the commitments
# register, draw up the agreement with the winner, record a year of sample measurements (IT sample)
# and write the progress report. Usage: samples/demo.sh TENDERPACK OUT
set -euo pipefail
tp=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$out"
mkdir -p "$out"
db="$out/demo.sqlite"

"$tp" library check
for spec in "$here"/*.yaml; do
  name=$(basename "$spec" .yaml)
  dir="$out/$name"
  ref=$(sed -n 's/^reference: *//p' "$spec")
  # The documents take their dates from the spec's timeline (the pack: its latest revision; the comparison report: the
  # award decision; the agreement: the end of the standstill period; the progress report: the end of the period).
  # --date stamps the files' metadata the same way, so that a second run gives the same pack.
  published=$(sed -n 's/^ *date: *//p' "$spec" | tail -n 1)   # the latest revision's date
  awarded=$(sed -n 's/^ *award_decision: *//p' "$spec")
  echo "== $name ($ref)"
  "$tp" spec check "$spec"
  "$tp" build "$spec" --lang en --out "$dir/pack-en" --date "$published" >/dev/null
  "$tp" build "$spec" --out "$dir/pack" --db "$db" --date "$published"
  form=$(ls "$dir"/pack/*-inschrijvingsformulier.xlsx)
  for answers in "$here/bids/$name"/*.yaml; do
    "$tp" fill "$form" "$answers" --out "$dir/bids/$(basename "$answers" .yaml).xlsx"
  done
  "$tp" import "$dir/bids" --db "$db"
  "$tp" evaluate "$ref" --db "$db" --out "$dir/evaluation" --date "$awarded"
  "$tp" evaluate "$ref" --db "$db" --out "$dir/evaluation" --scores "$here/scores/$name.yaml" --date "$awarded"
  evaluation=$(ls "$dir"/evaluation/*-evaluatie.json)
  "$tp" export ocds "$ref" --db "$db" --evaluation "$evaluation" --out "$dir/ocds-release-package.json" --date "$awarded" --check
  "$tp" export commitments "$ref" --db "$db" --format xlsx --out "$dir/toezeggingen.xlsx"
  "$tp" agreement "$ref" --db "$db" --evaluation "$evaluation" --out "$dir/agreement"
  if [ -f "$here/measurements/$name.yaml" ]; then
    workbook=$(ls "$dir"/agreement/*-monitoringsbestand.xlsx)
    "$tp" measure fill "$workbook" "$here/measurements/$name.yaml" --out "$dir/monitoring/ingevuld.xlsx"
    "$tp" measure import "$dir/monitoring/ingevuld.xlsx" --db "$db"
    "$tp" progress "$ref" --db "$db" --out "$dir/progress"
  fi
done
echo
echo "Demo done. Results in $out/<sample>/:"
echo "  pack/ and pack-en/   tender document, bid form, draft collaboration annex, manifest.json"
echo "  bids/                the sample bids, filled into the bid form"
echo "  evaluation/          compliance matrix, scoring workbook, comparison report, evaluation.json,"
echo "                       an award decision letter (gunningsbeslissing) per bidder"
echo "  agreement/           collaboration annex, meeting calendar (.ics), monitoring workbook"
echo "  progress/            progress report (.docx, .xlsx), for the IT sample"
echo "  ocds-release-package.json, toezeggingen.xlsx; the database is $db"
