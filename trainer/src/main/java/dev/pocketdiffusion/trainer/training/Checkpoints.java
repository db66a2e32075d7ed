package dev.pocketdiffusion.trainer.training;

import ai.djl.nn.Block;
import dev.pocketdiffusion.cli.Json;
import dev.pocketdiffusion.io.AtomicFiles;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a training checkpoint: the network's parameters ({@code network.params}, DJL's format)
 * and {@code checkpoint.json} (step, loss, the full config). Each file is written atomically and
 * the parameters first, so a crash mid-write leaves the previous checkpoint readable.
 */
public final class Checkpoints {
  /** Parameter file name inside a checkpoint directory. */
  public static final String PARAMS = "network.params";
  /** Metadata file name inside a checkpoint directory. */
  public static final String META = "checkpoint.json";

  private Checkpoints() {}

  /** Saves {@code network} after {@code step} steps. */
  public static void save(File dir, Block network, TrainingConfig config, int step, double loss) throws IOException {
    AtomicFiles.write(new File(dir, PARAMS), out -> network.saveParameters(new DataOutputStream(out)));
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("step", step);
    meta.put("loss", loss);
    meta.put("config", config);
    AtomicFiles.writeString(new File(dir, META), Json.write(meta));
  }
}
