#!/usr/bin/env bash
# Pretrain one recipe's encoders: OUT/fold-K (without the documents of CV fold K, for fold K's model) and
# OUT/all (every gold document's text, for the all-gold model), one process each, JOBS at a time.
#
#   JOBS=2 bash training/pretrain_recipe.sh CONFIG OUT [--set SECTION.KEY=VALUE ...]
#
# Then train the tagger recipe from them ({fold} is replaced by fold-K or all):
#   bash training/train_recipe.sh configs/gikp-ner-zh.toml MODELS --set 'model.encoder=OUT/{fold}'
# Each encoder's log is OUT/<name>.log; its card OUT/<name>/README.md.
set -euo pipefail
if [ $# -lt 2 ]; then
    sed -n '2,10p' "$0" >&2
    exit 2
fi
config=$1
out=$2
shift 2
python=${PYTHON:-python3}
jobs=${JOBS:-6}
k=$("$python" -c 'import json; print(json.load(open("annotations/folds.json"))["k"])')
mkdir -p "$out"
names=()
for fold in $(seq 0 $((k - 1))); do names+=("fold-$fold"); done
names+=(all)
failed=0
running=()
for name in "${names[@]}"; do
    if [ "$name" = all ]; then exclude=(); else exclude=(--exclude-folds "${name#fold-}"); fi
    "$python" -m gikp_nlp pretrain --config "$config" --output "$out/$name" "${exclude[@]}" "$@" \
        > "$out/$name.log" 2>&1 &
    running+=($!)
    if [ "${#running[@]}" -ge "$jobs" ]; then
        wait "${running[0]}" || failed=$((failed + 1))
        running=("${running[@]:1}")
    fi
done
for pid in "${running[@]}"; do
    wait "$pid" || failed=$((failed + 1))
done
if [ "$failed" -gt 0 ]; then
    echo "pretrain_recipe: $failed of ${#names[@]} pretrainings failed (see $out/*.log)" >&2
    exit 1
fi
echo "pretrain_recipe: $out/fold-0 .. fold-$((k - 1)) and $out/all"
