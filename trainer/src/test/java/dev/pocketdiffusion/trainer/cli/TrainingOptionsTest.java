package dev.pocketdiffusion.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every bad training option is refused with exit 2 and a one-line message before any training
 * starts and before {@code --out} is created, for {@code train} and for every run of {@code
 * ablate}.
 */
class TrainingOptionsTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "train {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--warmup -1                                  | --warmup must be in 0..",
        "--loss-weighting min-snr:x                   | --loss-weighting must be",
        "--time-sampling sideways                     | --time-sampling must be uniform, logit-normal, euler:K, or edm",
        "--time-sampling edm:0,-1                     | --time-sampling must be uniform, logit-normal, euler:K, or edm",
        "--preconditioning karras                     | --preconditioning must be none or edm",
        "--preconditioning edm                        | add --prediction x0",
        "--augment rotate,spin                        | --augment takes a comma list",
        "--cfg-dropout 0.2                            | --cfg-dropout needs --conditional",
        "--class-weights 1,3                          | --class-weights needs --conditional",
        "--conditional --class-weights 1,0            | --class-weights takes a comma list of positive numbers",
        "--ema 1                                      | --ema must be in [0, 1), got 1.0",
        "--ema -0.5                                   | --ema must be in [0, 1), got -0.5",
        "--steps 0                                    | --steps must be in 1..",
        "--epochs 0                                   | --epochs must be at least 1",
        "--steps 5 --epochs 2                         | give --steps or --epochs, not both",
        "--batch-size 0                               | --batch-size must be in 1..",
        "--dataset-size 0                             | --dataset-size must be in 1..",
        "--lr-schedule step                           | --lr-schedule must be constant or cosine",
        "--process wiener                             | unknown process 'wiener' (choose one of: vp, ve, flow)",
        "--process flow --schedule cosine             | --schedule does not apply to the flow process",
        "--base annulus                               | --base applies to the flow process only",
        "--process flow                               | epsilon prediction cannot be sampled on the flow path",
        "--schedule exp                               | unknown vp schedule 'exp'",
        "--prediction score                           | unknown prediction 'score'",
        "--width 0                                    | --width must be in 1..",
        "--activation tanh                            | --activation must be relu, gelu or silu",
        "--dropout 1                                  | --dropout must be in [0, 1)",
        "--threads 0                                  | --threads must be in 1..",
      })
  void trainRefusesABadOptionBeforeTraining(String options, String message) {
    File out = dir.resolve("train").toFile();
    List<String> args = new ArrayList<>(List.of("train", "--dataset", "moons"));
    args.addAll(Arrays.asList(options.trim().split(" ")));
    args.addAll(List.of("--out", out.getPath()));

    CliHarness run = CliHarness.trainer(args.toArray(new String[0]));

    assertRefused(run, message);
    assertFalse(out.exists(), "a refused run must not create --out");
  }

  @Test
  void classWeightsAreOnePerClass() {
    File out = dir.resolve("weights").toFile();

    CliHarness run =
        CliHarness.trainer(
            "train",
            "--dataset",
            "mix:moons,circle,spiral",
            "--conditional",
            "--class-weights",
            "1,3",
            "--out",
            out.getPath());

    assertRefused(
        run,
        "--class-weights gives 2 weights but mix:moons,circle,spiral has 3 classes"
            + " (moons, circle, spiral): give one per class");
    assertFalse(out.exists(), "a refused run must not create --out");
  }

  @ParameterizedTest(name = "ablate --param {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "warmup=10,-1               | --param warmup=-1: --warmup must be in 0..",
        "loss-weighting=none,snr    | --param loss-weighting=snr: --loss-weighting must be",
        "time-sampling=uniform,odd  | --param time-sampling=odd: --time-sampling must be",
        "augment=rotate,spin        | --augment takes a comma list",
        "cfg-dropout=0.1,1.5        | --param cfg-dropout=1.5: --cfg-dropout must be in [0, 1)",
        "lr=1e-3,-1                 | --param lr=-1: --lr must be a positive number",
        "process=vp,flow            | --param process=flow: epsilon prediction cannot be sampled",
      })
  void ablateChecksEveryRunBeforeTheFirstTrains(String param, String message) {
    File out = dir.resolve("ablate").toFile();

    CliHarness run =
        CliHarness.trainer(
            "ablate",
            "--param",
            param.trim(),
            "--dataset",
            "squares",
            "--conditional",
            "--steps",
            "20",
            "--out",
            out.getPath());

    assertRefused(run, message);
    assertFalse(run.err.contains("ablate: "), "no run may start: " + run.err);
    assertFalse(out.exists(), "a refused ablation must not create --out");
  }

  private static void assertRefused(CliHarness run, String message) {
    assertEquals(2, run.exitCode, run.err);
    String err = run.err.trim();
    assertFalse(err.contains("\n"), "one line expected, got:\n" + err);
    assertTrue(err.contains(message.trim()), "'" + message.trim() + "' missing in: " + err);
  }
}
