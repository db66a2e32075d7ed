"""Share of JFR samples inside DiffusionTrainer.train spent at each call site of the training step.

Usage (see docs/PERFORMANCE.md):
  java -XX:StartFlightRecording=filename=t.jfr,settings=profile -jar trainer/target/trainer.jar bench --threads 1 --batches 32 --repeats 6
  jfr print --stack-depth 64 --events jdk.NativeMethodSample,jdk.ExecutionSample t.jfr > t.txt
  python3 docs/bench/jfr_sites.py t.txt
Both Java samples and samples of threads inside native (PyTorch) code count; each sample goes to
the first listed site on its stack, else to 'forward/backward/optimizer/other'.
"""
import collections
import re
import sys

SITES = ["GradientClipping.scale", "WeightAverage.update", "TrainingBatch.fill", "lambda$toolkitLoop", "TrainableParameters.step",
         "PtGradientCollector.backward", "djl.training.Trainer.step", "djl.training.Trainer.forward", "BaseNDManager.close",
         "DiffusionTrainer.step"]

text = open(sys.argv[1]).read()
counts = collections.Counter()
total = 0
for event in re.split(r"\njdk\.(?:NativeMethodSample|ExecutionSample) \{", text):
    frames = re.findall(r"^\s+([\w.$<>]+)\(", event, re.M)
    if not any("DiffusionTrainer.train" in f for f in frames):
        continue
    total += 1
    site = next((s for f in frames for s in SITES if s in f), "forward/backward/optimizer/other")
    counts[site] += 1
print("samples in DiffusionTrainer.train:", total)
for site, n in counts.most_common():
    print("%6.1f%%  %s" % (100.0 * n / total, site))
