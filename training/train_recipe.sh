#!/usr/bin/env bash
# Train one recipe's cross-validation fold models and its all-gold model, one process each, in parallel.
#
#   bash training/train_recipe.sh CONFIG OUT [--set SECTION.KEY=VALUE ...]
#
# OUT/fold-K (K = 0 .. k-1 of annotations/folds.json: trained without fold K) and OUT/all (trained on every
# gold document: data.real_split = "all"), each with its train log OUT/<name>.log. Then, from the checkout:
#   gikp evaluate --cv 5 --fold-models OUT --engines model,hybrid,rules --out OUT/cv    # the recipe's CV
#   python benchmarks/fit_combiner.py --model OUT/all --fold-models OUT --cv OUT/cv/cv.json   # its combiner
# A process per model: give it a core (--set train.threads=1 on a machine with k+1 cores or more) and, on a
# GPU machine, --set train.device=cuda (the recipe is the same; floating-point details differ from a CPU run).
set -euo pipefail
if [ $# -lt 2 ]; then
    sed -n '2,12p' "$0" >&2
    exit 2
fi
config=$1
out=$2
shift 2
python=${PYTHON:-python3}
k=$("$python" -c 'import json; print(json.load(open("annotations/folds.json"))["k"])')
mkdir -p "$out"
pids=()
for fold in $(seq 0 $((k - 1))); do
    "$python" -m gikp_nlp train --config "$config" --cv-fold "$fold" --output "$out/fold-$fold" "$@" \
        > "$out/fold-$fold.log" 2>&1 &
    pids+=($!)
done
"$python" -m gikp_nlp train --config "$config" --set data.real_split=all --output "$out/all" "$@" \
    > "$out/all.log" 2>&1 &
pids+=($!)
failed=0
for pid in "${pids[@]}"; do
    wait "$pid" || failed=$((failed + 1))
done
if [ "$failed" -gt 0 ]; then
    echo "train_recipe: $failed of ${#pids[@]} trainings failed (see $out/*.log)" >&2
    exit 1
fi
echo "train_recipe: $out/fold-0 .. fold-$((k - 1)) and $out/all"
